"""The whole comparison for one set of filters, and the claims checked about it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from briefing.schema import Theme, Treaty, TreatyRole
from briefing.store import Dataset
from briefing.treaties.align import ThemeRow, align
from briefing.treaties.clauses import (
    Glance,
    HeadlineColumn,
    at_a_glance,
    headline,
    source_label,
    sources_text,
)
from briefing.treaties.coverage import Coverage, treaty_coverage
from briefing.treaties.diff import ThemeDiff, theme_diffs
from briefing.treaties.ladder import LadderPoint, ladder_points, unplotted
from briefing.treaties.state import TEXT_KEY, TEXT_MODES, THEME_KEY, TREATY_KEY


# --------------------------------------------------------------------- claims
def claims_about(dataset: Dataset, subject_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Claims whose subjects include any of the ids: both sides of a dispute, with sources.

    Disagreements come first: assessment 'disputed' or 'contradicted', or confidence
    'disputed'."""
    wanted = set(subject_ids)
    found = []
    for claim in dataset.claims:
        if wanted & set(claim.subject_ids):
            found.append(
                {
                    "id": claim.id,
                    "claim": claim.claim,
                    "quote": claim.quote,
                    "claimed_by": claim.claimed_by,
                    "assessment": claim.assessment.value,
                    "evidence": claim.evidence,
                    "evidence_source_ids": tuple(claim.evidence_source_ids),
                    "confidence": claim.confidence.value,
                    "subject_ids": tuple(claim.subject_ids),
                    # sources disagree: a dispute, or a source contradicted by others
                    "disputed": claim.assessment.value in ("disputed", "contradicted")
                    or claim.confidence.value == "disputed",
                }
            )
    return sorted(found, key=lambda claim: not claim["disputed"])


def claim_rows(dataset: Dataset, claims: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    """Checked claims as a table: the claim, who made it, the assessment and its evidence."""
    return [
        {
            "claim": c["claim"],
            "claimed by": source_label(dataset, c["claimed_by"]),
            "assessment": c["assessment"],
            "evidence": c["evidence"],
            "confidence": c["confidence"],
            "evidence sources": sources_text(dataset, c["evidence_source_ids"]),
        }
        for c in claims
    ]


# ----------------------------------------------------------------- the view
@dataclass(frozen=True)
class Comparison:
    """Everything the /treaties page and the PDF section show, for one set of filters."""

    treaty_ids: tuple[str, ...]
    themes: tuple[str, ...]
    mode: str
    day: date
    glance: tuple[Glance, ...]
    headline: tuple[HeadlineColumn, ...]
    rows: tuple[ThemeRow, ...]
    diffs: tuple[ThemeDiff, ...]
    points: tuple[LadderPoint, ...]
    unplotted: tuple[str, ...]
    not_signed: tuple[str, ...]
    claims: tuple[dict[str, Any], ...]
    #: how much of each chosen briefed treaty the record holds (comparators have none)
    coverage: tuple[Coverage, ...] = ()

    @property
    def state(self) -> dict[str, Any]:
        """What `report_section` takes to rebuild this view (the PDF button hands it over)."""
        return {
            TREATY_KEY: list(self.treaty_ids),
            THEME_KEY: list(self.themes),
            TEXT_KEY: self.mode,
            "as_of": self.day,
        }

    @property
    def pairs(self) -> list[tuple[str, str]]:
        seen = dict.fromkeys((r.earlier_id, r.later_id) for row in self.rows for r in row.relations)
        return list(seen)


def comparison(
    dataset: Dataset,
    treaty_ids: Sequence[str],
    themes: Sequence[Theme | str],
    mode: str,
    day: date,
) -> Comparison:
    """The whole comparison for the chosen treaties, themes, text mode and as-of day."""
    mode = mode if mode in TEXT_MODES else TEXT_MODES[0]
    treaty_ids = [t for t in treaty_ids if isinstance(dataset.get("treaties", t), Treaty)]
    rows = align(dataset, treaty_ids, themes, mode)
    points = ladder_points(dataset, treaty_ids, day)
    columns = headline(dataset, treaty_ids, day)
    subject_ids = list(treaty_ids) + [
        c.provision_id for row in rows for cell in row.cells.values() for c in cell
    ]
    return Comparison(
        treaty_ids=tuple(treaty_ids),
        themes=tuple(Theme(t).value for t in themes),
        mode=mode,
        day=day,
        glance=tuple(at_a_glance(dataset, treaty_ids, day)),
        headline=tuple(columns),
        rows=tuple(rows),
        diffs=tuple(theme_diffs(dataset, rows, mode)),
        points=tuple(points),
        unplotted=tuple(unplotted(dataset, treaty_ids, points)),
        not_signed=tuple(c.label for c in columns if not c.signed_by_day),
        claims=tuple(claims_about(dataset, subject_ids)),
        coverage=tuple(
            found
            for tid in treaty_ids
            if (treaty := dataset.get("treaties", tid)) is not None
            and treaty.role is TreatyRole.SUBJECT
            and (found := treaty_coverage(dataset, tid)) is not None
        ),
    )
