"""The claims tracker: who claimed what and when, our assessment, and the evidence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from briefing import asof
from briefing.asof import AFTER_STATE, HAPPENED_STATE, MAYBE_STATE
from briefing.citations import cite, cite_all
from briefing.dates import PartialDate
from briefing.schema import Claim
from briefing.store import Dataset
from briefing.text import shorten
from briefing.timeline.state import ASSESSMENTS, TimelineFilters, claimant_label
from briefing.timeline.wording import ASSESSMENT_SYMBOL


def source_labels(dataset: Dataset, source_ids: Iterable[str]) -> str:
    return "; ".join(citation.label for citation in cite_all(dataset, tuple(source_ids)))


# -------------------------------------------------------------------- claims
@dataclass(frozen=True)
class ClaimRow:
    id: str
    claim: str  # our words
    quote: str  # the claimant's words, verbatim ('' if none recorded)
    claimant_id: str
    claimant: str
    claimed: PartialDate | None
    date_text: str
    kind: str
    locator: str
    assessment: str
    evidence: str
    evidence_source_ids: tuple[str, ...]
    subject_ids: tuple[str, ...]
    confidence: str
    made: str  # on the as-of day: happened (made) / may have happened / after / 'date unknown'
    evidence_by_then: str  # how much of the evidence was published by the as-of day

    @property
    def assessment_text(self) -> str:
        return f"{ASSESSMENT_SYMBOL.get(self.assessment, '?')} {self.assessment}"

    @property
    def after(self) -> bool:
        return self.made == AFTER_STATE

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The claimant first, then the evidence."""
        return tuple(dict.fromkeys((self.claimant_id, *self.evidence_source_ids)))


def _evidence_by(dataset: Dataset, source_ids: tuple[str, ...], day: date) -> str:
    published, later, unknown = 0, 0, 0
    for source_id in dict.fromkeys(source_ids):
        source = dataset.source(source_id)
        when = source.published if source is not None else "unknown"
        if not isinstance(when, PartialDate):
            unknown += 1
        elif when.happened_by(day) is True:
            published += 1
        else:
            later += 1
    dated = published + later
    when = asof.as_of_text(day)
    if not dated and not unknown:
        return "no evidence sources recorded"
    if not dated:
        return f"evidence sources undated: cannot tell what was public by {when}"
    text = f"{published} of {dated} dated evidence sources published by {when}"
    return text + (f" ({unknown} more undated)" if unknown else "")


def claim_row(dataset: Dataset, claim: Claim, day: date) -> ClaimRow:
    claimed = claim.claim_date if isinstance(claim.claim_date, PartialDate) else None
    made = asof.period_state(claimed, None, day) if claimed else "date unknown"
    return ClaimRow(
        id=claim.id,
        claim=claim.claim,
        quote=claim.quote or "",
        claimant_id=claim.claimed_by,
        claimant=claimant_label(dataset, claim.claimed_by),
        claimed=claimed,
        date_text=claimed.human() if claimed else "date unknown",
        kind=claim.kind.value,
        locator=claim.locator,
        assessment=claim.assessment.value,
        evidence=claim.evidence,
        evidence_source_ids=tuple(claim.evidence_source_ids),
        subject_ids=tuple(claim.subject_ids),
        confidence=claim.confidence.value,
        made=made,
        evidence_by_then=_evidence_by(dataset, tuple(claim.evidence_source_ids), day),
    )


def claim_rows(dataset: Dataset, filters: TimelineFilters) -> list[ClaimRow]:
    """The claims the filters select, oldest claim first (undated last), file order on ties."""
    rows = []
    for claim in dataset.claims:
        row = claim_row(dataset, claim, filters.as_of)
        if filters.assessments and row.assessment not in filters.assessments:
            continue
        if filters.kinds and row.kind not in filters.kinds:
            continue
        if filters.claimants and row.claimant not in filters.claimants:
            continue
        if filters.only_known and row.after:
            continue
        rows.append(row)
    far = date.max
    return sorted(rows, key=lambda r: r.claimed.start if r.claimed else far)


def claim_made_words(row: ClaimRow, day: date) -> str:
    when = asof.as_of_text(day)
    return {
        HAPPENED_STATE: f"made by {when}",
        MAYBE_STATE: f"may have been made by {when} (dated only {row.date_text})",
        AFTER_STATE: f"made after the as-of date ({when})",
    }.get(row.made, "date of the claim unknown")


def subject_names(dataset: Dataset, subject_ids: Iterable[str]) -> str:
    names = []
    for subject_id in subject_ids:
        found = dataset.find(subject_id)
        if found is None:
            names.append(subject_id)
            continue
        _table, row = found
        name = (
            getattr(row, "short_name", None)
            or getattr(row, "title", None)
            or getattr(row, "name", None)
            or getattr(row, "item", None)
            or subject_id
        )
        names.append(shorten(name, 70))
    return "; ".join(names)


def claims_table(dataset: Dataset, rows: list[ClaimRow], day: date) -> list[dict[str, Any]]:
    return [
        {
            "claim": row.claim,
            "quote": row.quote,
            "claimed_by": row.claimant,
            "when": row.date_text,
            "kind": row.kind,
            "assessment": row.assessment_text,
            "evidence": row.evidence,
            "evidence_sources": source_labels(dataset, row.evidence_source_ids),
            "confidence": row.confidence,
            "as_of": f"{claim_made_words(row, day)}; {row.evidence_by_then}",
            "about": subject_names(dataset, row.subject_ids),
            "claimed_by_id": row.claimant_id,
            "evidence_source_ids": "; ".join(row.evidence_source_ids),
            "locator": row.locator,
            "id": row.id,
            "after": row.after,
        }
        for row in rows
    ]


CLAIM_COLUMNS = (
    "claim",
    "quote",
    "claimed_by",
    "when",
    "kind",
    "assessment",
    "evidence",
    "evidence_sources",
    "confidence",
    "as_of",
    "about",
    "claimed_by_id",
    "evidence_source_ids",
    "locator",
    "id",
)


def claim_label(row: ClaimRow) -> str:
    return f"{row.assessment_text} · {shorten(row.claim, 90)}"


def scorecard(rows: list[ClaimRow]) -> list[dict[str, Any]]:
    """Claims per claimant by assessment (the 'which predictions held' table)."""
    by_claimant: dict[str, Counter[str]] = {}
    for row in rows:
        by_claimant.setdefault(row.claimant, Counter())[row.assessment] += 1
    table = []
    for claimant, counts in sorted(by_claimant.items(), key=lambda item: -item[1].total()):
        entry: dict[str, Any] = {"claimed_by": claimant, "claims": counts.total()}
        for assessment in ASSESSMENTS:
            entry[f"{ASSESSMENT_SYMBOL[assessment]} {assessment}"] = counts[assessment]
        table.append(entry)
    return table


def claims_summary(rows: list[ClaimRow]) -> str:
    if not rows:
        return "No claims match the filters."
    counts = Counter(row.assessment for row in rows)
    parts = [f"{counts[a]} {a}" for a in ASSESSMENTS if counts[a]]
    return f"{len(rows)} claim{'s' if len(rows) > 1 else ''}: " + ", ".join(parts) + "."


def citation_line(dataset: Dataset, source_id: str) -> str:
    """'Publisher, date' for one source (for captions)."""
    return cite(dataset, source_id).label
