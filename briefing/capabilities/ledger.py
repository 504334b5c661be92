"""The ledger: which wishes Russia met, which not, and what Iran gave back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from briefing.capabilities.systems import HAS, SENT, UNCONFIRMED, WANTED, SystemRow, chart_name
from briefing.schema import Confidence, Direction, SystemCategory


# ------------------------------------------------------------------ ledger
@dataclass(frozen=True)
class LedgerEntry:
    id: str
    name: str
    status: str
    confidence: str
    source_ids: tuple[str, ...]
    doubt: str


@dataclass(frozen=True)
class Ledger:
    """The issue's question: which wishes Russia met, which not, what Iran gave back."""

    met: tuple[LedgerEntry, ...]
    unconfirmed: tuple[LedgerEntry, ...]
    unmet: tuple[LedgerEntry, ...]
    given: tuple[LedgerEntry, ...]


LEDGER_TITLES = (
    "Supplied by Moscow",
    "Ordered or reported, unconfirmed",
    "Wanted, not supplied",
    "Sent by Iran to Russia",
)


def ledger_columns(book: Ledger) -> list[tuple[str, tuple[LedgerEntry, ...]]]:
    """(title, entries) for each of the ledger's four columns, in reading order."""
    groups = (book.met, book.unconfirmed, book.unmet, book.given)
    return list(zip(LEDGER_TITLES, groups, strict=True))


def _from_moscow(row: SystemRow) -> bool:
    return row.supplier.startswith(("Russia", "Soviet Union"))


CONFIDENCE_ORDER = [c.value for c in Confidence]


def _grouped(entries: list[LedgerEntry], rows: dict[str, SystemRow]) -> list[LedgerEntry]:
    """Several satellite launches become one entry ('3 satellite launches: A, B, C')."""
    launches = [e for e in entries if rows[e.id].category == SystemCategory.SATELLITE_LAUNCH]
    if len(launches) < 2:
        return entries
    names = "; ".join(chart_name(rows[e.id]) for e in launches)
    statuses = sorted({e.status for e in launches})
    weakest = max((e.confidence for e in launches), key=CONFIDENCE_ORDER.index)
    merged = LedgerEntry(
        ";".join(e.id for e in launches),
        f"{len(launches)} satellite launches ({names})",
        "; ".join(statuses),
        weakest,
        tuple(dict.fromkeys(s for e in launches for s in e.source_ids)),
        "",
    )
    first = entries.index(launches[0])
    rest = [e for e in entries if e not in launches]
    return rest[:first] + [merged] + rest[first:]


def ledger(rows: Iterable[SystemRow]) -> Ledger:
    met, unconfirmed, unmet, given = [], [], [], []
    by_id = {}
    for row in rows:
        by_id[row.id] = row
        entry = LedgerEntry(
            row.id, row.short_name, row.status_label, row.confidence, row.source_ids, row.doubt
        )
        stage = row.stage
        if stage == SENT:
            given.append(entry)
        elif row.direction != Direction.TO_IRAN or not _from_moscow(row):
            continue
        elif stage == HAS:
            met.append(entry)
        elif stage == UNCONFIRMED:
            unconfirmed.append(entry)
        elif stage == WANTED:
            unmet.append(entry)
    return Ledger(tuple(_grouped(met, by_id)), tuple(unconfirmed), tuple(unmet), tuple(given))
