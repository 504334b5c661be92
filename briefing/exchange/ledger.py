"""The ledger of exchange items: each item's status on a day, the claims disputing it,
and the table as shown and as CSV."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from briefing.asof import changes_for, status_on
from briefing.citations import cite_all
from briefing.dates import PartialDate
from briefing.exchange.state import DIRECTIONS, GIVER, RECEIVER
from briefing.schema import Claim, ExchangeItem
from briefing.store import Dataset
from briefing.text import clean, shorten, to_csv

NOT_YET = "not yet on record"


def short_name(item: ExchangeItem, limit: int = 60) -> str:
    """The item's name up to its first bracket or comma, capped: 'Su-35 fighters'."""
    text = clean(item.item, break_long=False)
    for mark, shortest in ((" (", 4), (", ", 12)):
        head = text.split(mark, 1)[0].strip()
        if len(head) >= shortest:
            text = head
    return shorten(text, limit)


def in_sentence(name: str) -> str:
    """'Attack drones' -> 'attack drones' mid-sentence; 'Su-35', 'S-400' stay as they are."""
    first = name.split(" ", 1)[0]
    letters = first.replace("-", "")
    if first in ("A", "An", "The") or (
        len(letters) > 1 and letters.isalpha() and letters[1:].islower()
    ):
        return name[0].lower() + name[1:]
    return name


def giver(item: ExchangeItem) -> str:
    return GIVER[item.direction]


def receiver(item: ExchangeItem) -> str:
    return RECEIVER[item.direction]


def _fmt(number: float) -> str:
    """'+3.0', '−2.5', '0.0' (a real minus sign)."""
    if abs(number) < 0.05:
        return "0.0"
    return f"{number:+.1f}".replace("-", "−")


def _date_text(value: PartialDate | None) -> str:
    return value.human() if isinstance(value, PartialDate) else "date unknown"


# ------------------------------------------------------------------ status on a day
@dataclass(frozen=True)
class StatusOnDay:
    """An item's status on a day and what it rests on."""

    status: str | None  # None: nothing on record by that day
    since: PartialDate | None
    source_ids: tuple[str, ...] = ()
    pending_status: str | None = None
    pending_date: PartialDate | None = None
    first_status: str | None = None  # when nothing is on record yet: what comes first
    first_date: PartialDate | None = None

    @property
    def label(self) -> str:
        text = self.status or NOT_YET
        if self.pending_status and self.pending_date:
            text += f" (possibly {self.pending_status}: dated only {self.pending_date.human()})"
        return text

    @property
    def detail(self) -> str:
        """'since 17 January 2025' or 'first on record: not granted, 17 January 2025'."""
        if self.status is not None and self.since is not None:
            return f"since {self.since.human()}"
        if self.first_status and self.first_date:
            return f"first on record: {self.first_status}, {self.first_date.human()}"
        return ""


def status_at(dataset: Dataset, item: ExchangeItem, day: date) -> StatusOnDay:
    """The item's status on `day`.

    Dated changes in statuses.csv come first (`briefing.asof.status_on`). The row's own
    status counts only once `day` is on or after its `status_as_of` and when it is not
    older than the latest dated change. Before anything is on record the status is
    'not yet on record', never a guess.
    """
    recorded = status_on(dataset, item.id, day)
    status, since = recorded.status, recorded.since
    source_ids = tuple(recorded.source_ids)
    pending_status = recorded.pending.status if recorded.pending else None
    pending_date = recorded.pending.date if recorded.pending else None

    row_when = item.status_as_of.happened_by(day)
    if row_when is True and (since is None or item.status_as_of.start >= since.start):
        if status == item.status.value:  # the same status still held: keep when it began
            source_ids = tuple(dict.fromkeys((*source_ids, *item.source_ids)))
        else:
            status, since = item.status.value, item.status_as_of
            source_ids = tuple(item.source_ids)
        if pending_date is not None and pending_date.start <= item.status_as_of.start:
            pending_status = pending_date = None
    elif row_when is None and status is None and pending_status is None:
        pending_status, pending_date = item.status.value, item.status_as_of

    if status is not None and since is not None:
        since = _run_start(dataset, item, day, status, since)
    first_status = first_date = None
    if status is None:
        dated = [(c.date, c.status) for c in changes_for(dataset, item.id)]
        dated.append((item.status_as_of, item.status.value))
        first_date, first_status = min(dated, key=lambda pair: (pair[0].start, pair[0].end))
    return StatusOnDay(
        status, since, source_ids, pending_status, pending_date, first_status, first_date
    )


def _run_start(
    dataset: Dataset, item: ExchangeItem, day: date, status: str, since: PartialDate
) -> PartialDate:
    """When the current status began: the earliest of the unbroken run of changes (surely
    by `day`) that carry the same status, e.g. 'not granted' since the first refusal."""
    start = since
    for change in reversed(changes_for(dataset, item.id)):
        if change.date.happened_by(day) is not True or change.date.start > since.start:
            continue
        if change.status != status:
            break
        start = change.date
    return start


# ------------------------------------------------------------------ disputes
@dataclass(frozen=True)
class Dispute:
    """A claim about an item: what was claimed, by whom, and what other reporting shows."""

    claim_id: str
    claim: str
    quote: str | None
    claimed_by: str
    claim_date: str
    assessment: str
    evidence: str
    evidence_source_ids: tuple[str, ...]
    confidence: str


def _dispute(claim: Claim) -> Dispute:
    when = claim.claim_date
    return Dispute(
        claim.id,
        claim.claim,
        claim.quote,
        claim.claimed_by,
        when.human() if isinstance(when, PartialDate) else "date unknown",
        claim.assessment.value,
        claim.evidence,
        tuple(claim.evidence_source_ids),
        claim.confidence.value,
    )


def subjects_of(item: ExchangeItem) -> set[str]:
    """Ids a claim may name to be about this item: the item itself and its systems."""
    return {item.id, *item.system_ids}


def disputes(dataset: Dataset, item: ExchangeItem) -> list[Dispute]:
    """Claims whose subject_ids name the item (or one of its systems)."""
    subjects = subjects_of(item)
    return [_dispute(c) for c in dataset.claims if subjects & set(c.subject_ids)]


# ------------------------------------------------------------------ ledger
@dataclass(frozen=True)
class LedgerRow:
    id: str
    direction: str
    giver: str
    receiver: str
    item: str
    name: str
    category: str
    value: int
    cost: int
    escalation: int
    feasibility: int
    status: StatusOnDay
    recorded_status: str
    recorded_as_of: PartialDate
    confidence: str
    value_to_receiver: str
    cost_or_risk_to_giver: str
    rationale: str
    locator: str
    source_ids: tuple[str, ...]
    system_ids: tuple[str, ...]
    disputes: tuple[Dispute, ...] = ()

    @property
    def contested(self) -> bool:
        return self.confidence == "disputed" or self.recorded_status == "disputed"

    def cells(self, dataset: Dataset | None = None) -> dict[str, object]:
        """Flat cells for a table or a CSV export."""
        sources = self.source_ids
        if dataset is not None:
            sources = tuple(c.label for c in cite_all(dataset, list(self.source_ids)))
        return {
            "id": self.id,
            "direction": self.direction,
            "gives": self.giver,
            "receives": self.receiver,
            "item": self.item,
            "category": self.category,
            "status_on_date": self.status.label,
            "status_detail": self.status.detail,
            "value": self.value,
            "cost": self.cost,
            "escalation": self.escalation,
            "feasibility": self.feasibility,
            "confidence": self.confidence,
            "value_to_receiver": self.value_to_receiver,
            "cost_or_risk_to_giver": self.cost_or_risk_to_giver,
            "rationale": self.rationale,
            "locator": self.locator,
            "sources": "; ".join(sources),
            "source_ids": "; ".join(self.source_ids),
        }


def ledger_row(dataset: Dataset, item: ExchangeItem, day: date) -> LedgerRow:
    return LedgerRow(
        id=item.id,
        direction=item.direction.value,
        giver=giver(item),
        receiver=receiver(item),
        item=item.item,
        name=short_name(item),
        category=item.category,
        value=item.value_score,
        cost=item.cost_score,
        escalation=item.escalation_score,
        feasibility=item.feasibility_score,
        status=status_at(dataset, item, day),
        recorded_status=item.status.value,
        recorded_as_of=item.status_as_of,
        confidence=item.confidence.value,
        value_to_receiver=item.value_to_receiver,
        cost_or_risk_to_giver=item.cost_or_risk_to_giver,
        rationale=item.rationale,
        locator=item.locator,
        source_ids=tuple(item.source_ids),
        system_ids=tuple(item.system_ids),
        disputes=tuple(disputes(dataset, item)),
    )


def ledger(dataset: Dataset, day: date, directions: Sequence[str] = ()) -> list[LedgerRow]:
    """Every exchange item (in the chosen directions; none chosen = all), in file order
    grouped by direction."""
    order = {value: index for index, value in enumerate(DIRECTIONS)}
    rows = [
        ledger_row(dataset, item, day)
        for item in dataset.exchange_items
        if not directions or item.direction.value in directions
    ]
    return sorted(rows, key=lambda row: order[row.direction])


def filter_rows(rows: Iterable[LedgerRow], directions: Sequence[str] = ()) -> list[LedgerRow]:
    """The rows in the chosen directions (none chosen = all)."""
    return [row for row in rows if not directions or row.direction in directions]


LEDGER_COLUMNS = (
    "id",
    "direction",
    "item",
    "category",
    "status_on_date",
    "status_detail",
    "value",
    "cost",
    "escalation",
    "feasibility",
    "confidence",
    "value_to_receiver",
    "cost_or_risk_to_giver",
    "rationale",
    "locator",
    "source_ids",
    "sources",
)


#: the on-screen table: what a reader scans first comes first
LEDGER_DISPLAY = (
    "item",
    "direction",
    "status_on_date",
    "status_detail",
    "value",
    "cost",
    "escalation",
    "feasibility",
    "confidence",
    "value_to_receiver",
    "cost_or_risk_to_giver",
    "rationale",
    "sources",
    "locator",
    "id",
)


def ledger_csv(dataset: Dataset, rows: Iterable[LedgerRow], day: date) -> str:
    """The ledger as shown, formula-safe, with the as-of date in its own column."""
    cells = []
    for row in rows:
        record = row.cells(dataset)
        record["as_of"] = day.isoformat()
        cells.append(record)
    return to_csv(cells, ["as_of", *LEDGER_COLUMNS])
