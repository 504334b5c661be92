"""The pledge-strength ladder: each treaty's coded defence pledges on the obligation scale,
its text alternative, takeaway and table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from briefing.asof import treaty_status_on
from briefing.schema import OBLIGATION_LADDER, Treaty, TreatyRole
from briefing.store import Dataset
from briefing.treaties.clauses import (
    RUNGS,
    article_label,
    clauses_for,
    is_defence_pledge,
    sources_text,
    strongest,
)
from briefing.treaties.state import treaty_labels, treaty_name


# --------------------------------------------------------------------- ladder
@dataclass(frozen=True)
class LadderPoint:
    treaty_id: str
    treaty: str
    role: Literal["chosen", "reference"]
    rank: int
    obligation: str
    article: str
    theme: str
    provision_id: str
    confidence: str
    source_ids: tuple[str, ...]
    strongest: bool
    status: str
    signed: bool = True  # signed by the as-of day


def ladder_points(dataset: Dataset, treaty_ids: Sequence[str], day: date) -> list[LadderPoint]:
    """Every coded clause of the chosen treaties and the comparators; one per treaty is
    marked strongest. Chosen treaties first, then reference treaties, oldest first."""
    labels = treaty_labels(dataset)
    plotted = list(treaty_ids) + [
        t.id for t in dataset.treaties if t.role == TreatyRole.COMPARATOR and t.id not in treaty_ids
    ]
    points = []
    for tid in plotted:
        treaty = dataset.get("treaties", tid)
        if not isinstance(treaty, Treaty):
            continue
        found = clauses_for(dataset, tid)
        best = strongest(found)
        status = treaty_status_on(dataset, treaty, day)
        status_text = status.label if status.status or status.pending else "not yet signed"
        for c in found:
            if not is_defence_pledge(c):
                continue
            points.append(
                LadderPoint(
                    treaty_id=tid,
                    treaty=labels.get(tid, tid),
                    role="chosen" if tid in treaty_ids else "reference",
                    rank=c.rank,
                    obligation=c.obligation,
                    article=article_label(c.article),
                    theme=c.theme,
                    provision_id=c.provision_id,
                    confidence=c.confidence,
                    source_ids=c.source_ids,
                    strongest=c is best,
                    status=status_text,
                    signed=treaty.signed.happened_by(day) is True,
                )
            )
    return points


def unplotted(dataset: Dataset, treaty_ids: Sequence[str], points: Sequence[LadderPoint]):
    """Chosen treaties with no clause on the ladder (so the chart cannot place them)."""
    placed = {p.treaty_id for p in points}
    return [treaty_name(dataset, tid) for tid in treaty_ids if tid not in placed]


def _strongest_points(points: Sequence[LadderPoint]) -> list[LadderPoint]:
    return [p for p in points if p.strongest]


def ladder_alt_text(points: Sequence[LadderPoint]) -> str:
    best = _strongest_points(points)
    if not best:
        return "Pledge-strength ladder: no treaty has a coded defence pledge in the data."
    listing = "; ".join(
        f"{p.treaty} ({p.role}): {p.obligation}, rung {p.rank} ({p.article})" for p in best
    )
    return (
        f"Dot chart placing each treaty's strongest coded defence pledge on a {RUNGS}-rung "
        f"scale from '{OBLIGATION_LADDER[0].value}' (1, weakest) to "
        f"'{OBLIGATION_LADDER[-1].value}' ({RUNGS}, strongest); chosen treaties are circles, "
        f"reference clauses diamonds, other coded clauses small dots. {listing}."
    )


def ladder_takeaway(points: Sequence[LadderPoint]) -> str:
    """One sentence: where the chosen treaties sit, and which sit below every reference."""
    best = _strongest_points(points)
    chosen = [p for p in best if p.role == "chosen"]
    reference = sorted((p for p in best if p.role == "reference"), key=lambda p: p.rank)
    if not chosen:
        return "None of the chosen treaties has a coded defence pledge in the data."
    first, *rest = chosen
    text = f"{first.treaty} reaches rung {first.rank} of {RUNGS} ({first.obligation})"
    text += "".join(f", {p.treaty} rung {p.rank} ({p.obligation})" for p in rest)
    if reference:
        lowest = reference[0]
        below = [p.treaty for p in chosen if p.rank < lowest.rank]
        if below:
            names = " and ".join(below) if len(below) < 3 else ", ".join(below)
            verb = "sits" if len(below) == 1 else "sit"
            text += (
                f"; {names} {verb} below every reference clause (the lowest, "
                f"{lowest.treaty}, is at rung {lowest.rank})"
            )
        else:
            text += (
                f"; the reference clauses run from rung {lowest.rank} ({lowest.treaty}) to "
                f"rung {reference[-1].rank} ({reference[-1].treaty})"
            )
    return text + "."


def ladder_source_ids(points: Sequence[LadderPoint]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(sid for p in _strongest_points(points) for sid in p.source_ids))


def ladder_rows(points: Sequence[LadderPoint], dataset: Dataset) -> list[dict[str, str]]:
    """The chart's data as a table (its text alternative)."""
    return [
        {
            "treaty": p.treaty,
            "role": p.role,
            "rung": str(p.rank),
            "obligation": p.obligation,
            "clause": p.article,
            "theme": p.theme,
            "confidence": p.confidence,
            "sources": sources_text(dataset, p.source_ids),
        }
        for p in _strongest_points(points)
    ]
