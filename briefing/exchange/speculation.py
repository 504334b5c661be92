"""Speculation against outcome: the October 2024 claims beside what happened."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from briefing.dates import PartialDate
from briefing.exchange.ledger import short_name, status_at, subjects_of
from briefing.exchange.state import TSITRIN
from briefing.store import Dataset
from briefing.text import to_csv


# ------------------------------------------------------------------ speculation vs outcome
@dataclass(frozen=True)
class Outcome:
    """One claim of October 2024 set against what happened."""

    claim_id: str
    claim: str
    quote: str | None
    kind: str
    claimed_by: str
    claim_date: str
    locator: str
    assessment: str
    evidence: str
    evidence_source_ids: tuple[str, ...]
    confidence: str
    items: tuple[tuple[str, str, str], ...] = ()  # (item id, short name, status label)

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.claimed_by, *self.evidence_source_ids)))


KIND_ORDER = {"prediction": 0}


def speculation(
    dataset: Dataset, day: date, claimed_by: str = TSITRIN
) -> tuple[list[Outcome], int]:
    """Claims by `claimed_by` made by `day`, predictions first, each with the status on
    `day` of the exchange items it concerns. Returns (outcomes, claims made later)."""
    items = list(dataset.exchange_items)
    outcomes, later = [], 0
    for claim in dataset.claims:
        if claim.claimed_by != claimed_by:
            continue
        when = claim.claim_date
        if isinstance(when, PartialDate) and when.happened_by(day) is False:
            later += 1
            continue
        linked = []
        for item in items:
            if subjects_of(item) & set(claim.subject_ids):
                status = status_at(dataset, item, day)
                linked.append((item.id, short_name(item), status.label))
        outcomes.append(
            Outcome(
                claim.id,
                claim.claim,
                claim.quote,
                claim.kind.value,
                claim.claimed_by,
                when.human() if isinstance(when, PartialDate) else "date unknown",
                claim.locator,
                claim.assessment.value,
                claim.evidence,
                tuple(claim.evidence_source_ids),
                claim.confidence.value,
                tuple(linked),
            )
        )
    outcomes.sort(key=lambda o: KIND_ORDER.get(o.kind, 1))
    return outcomes, later


SPECULATION_COLUMNS = (
    "claim_id",
    "kind",
    "claim_date",
    "claim",
    "quote",
    "locator",
    "assessment",
    "evidence",
    "confidence",
    "items_status_on_date",
    "evidence_source_ids",
)


def speculation_csv(outcomes: Iterable[Outcome], day: date) -> str:
    rows = []
    for o in outcomes:
        rows.append(
            {
                "as_of": day.isoformat(),
                "claim_id": o.claim_id,
                "kind": o.kind,
                "claim_date": o.claim_date,
                "claim": o.claim,
                "quote": o.quote or "",
                "locator": o.locator,
                "assessment": o.assessment,
                "evidence": o.evidence,
                "confidence": o.confidence,
                "items_status_on_date": "; ".join(f"{n}: {s}" for _, n, s in o.items),
                "evidence_source_ids": "; ".join(o.evidence_source_ids),
            }
        )
    return to_csv(rows, ["as_of", *SPECULATION_COLUMNS])
