"""Military capability view: what Iran fields, what it wants from Russia, what it sent Russia.

Everything the `/capabilities` page and the PDF show comes from here:

- `system_rows(ds, day, filters)`: one `SystemRow` per system as it stood on `day`
  (status from the dated changes in `statuses.csv`, the row's own status only once
  its `status_as_of` has passed, never "delivered" before the first delivery);
- `disputes(ds, system)`: the claims about a system, each with both sides and sources;
- `detail(ds, system_id, day)`: the full record, its status history, every source with
  its locator, the related events and exchange items;
- `ledger(rows)`: which wishes Russia met, which it did not, what Iran gave in return;
- `timeline_chart(rows)` and `gap_chart(rows)`: the two Altair charts;
- `table_csv(rows)`: the filtered table, formula-safe;
- `report_section(ds, state)`: the same view as a PDF section.

Quantities are ranges or "unknown": the data gives bounds, this module never
makes up a point value. Dates keep the precision the sources gave.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import altair as alt

from briefing.asof import changes_for, clamp, status_on
from briefing.charts import OKABE_ITO, spec, style
from briefing.citations import cite_all
from briefing.dates import PartialDate, parse_day
from briefing.report.model import Chart, Heading, Paragraph, Quote, Section, Table
from briefing.schema import (
    UNKNOWN,
    Assessment,
    Claim,
    Confidence,
    Direction,
    Event,
    ExchangeItem,
    System,
    SystemCategory,
    SystemStatus,
)
from briefing.store import Dataset
from briefing.text import clean, shorten, to_csv

URL_PATH = "capabilities"
TITLE = "Military capabilities"

# ------------------------------------------------------------------ vocabularies
CATEGORIES: tuple[str, ...] = tuple(c.value for c in SystemCategory)
STATUSES: tuple[str, ...] = tuple(s.value for s in SystemStatus)
DIRECTIONS: tuple[str, ...] = tuple(d.value for d in Direction)
NOT_YET = "not yet on record"

#: statuses that mean the hardware has moved (delivered, launched, in someone's hands)
MOVED = frozenset(
    {
        SystemStatus.IN_SERVICE,
        SystemStatus.AGEING,
        SystemStatus.DELIVERED,
        SystemStatus.REPORTED_DELIVERED,
        SystemStatus.SUPPLIED_TO_RUSSIA,
        SystemStatus.LAUNCHED,
    }
)

# Stages of the inventory-versus-wish-list chart (what a reader asks about each system).
HAS = "delivered to or launched for Iran"
UNCONFIRMED = "ordered or reported, not confirmed"
WANTED = "wanted, not supplied"
SENT = "sent by Iran to Russia"
STAGES = (HAS, UNCONFIRMED, WANTED, SENT)
STAGE_OF_STATUS = {
    SystemStatus.IN_SERVICE: HAS,
    SystemStatus.AGEING: HAS,
    SystemStatus.DELIVERED: HAS,
    SystemStatus.LAUNCHED: HAS,
    SystemStatus.REPORTED_DELIVERED: UNCONFIRMED,
    SystemStatus.ORDERED: UNCONFIRMED,
    SystemStatus.REQUESTED: WANTED,
    SystemStatus.WISH_LIST: WANTED,
    SystemStatus.DENIED: WANTED,
    SystemStatus.SUPPLIED_TO_RUSSIA: SENT,
}
STAGE_COLOURS = dict(
    zip(STAGES, (OKABE_ITO[2], OKABE_ITO[1], OKABE_ITO[5], OKABE_ITO[0]), strict=True)
)
STAGE_SHAPES = dict(zip(STAGES, ("circle", "diamond", "cross", "triangle-up"), strict=True))

#: the capability area each category serves (our grouping, said so on the chart)
AREA_OF_CATEGORY = {
    SystemCategory.FIGHTER: "air superiority",
    SystemCategory.AIR_DEFENCE: "air defence",
    SystemCategory.STRIKE_AIRCRAFT: "strike",
    SystemCategory.ATTACK_HELICOPTER: "strike",
    SystemCategory.DRONE: "strike",
    SystemCategory.BALLISTIC_MISSILE: "strike",
    SystemCategory.TRAINER: "training",
    SystemCategory.SATELLITE_LAUNCH: "space",
}
AREAS = ("air superiority", "air defence", "strike", "training", "space")

#: how precisely a timeline mark is dated (shown by the bar's span and in the label)
PRECISION_DAY = "known to the day"
PRECISION_MONTH = "known to the month"
PRECISION_YEAR = "known to the year"
PRECISION_STATUS = "status date only (no delivery date)"
PRECISIONS = (PRECISION_DAY, PRECISION_MONTH, PRECISION_YEAR, PRECISION_STATUS)
PRECISION_OF = {"day": PRECISION_DAY, "month": PRECISION_MONTH, "year": PRECISION_YEAR}

#: claim assessments that mean named sources disagree (the row is contested)
DISAGREEING = frozenset({Assessment.DISPUTED, Assessment.CONTRADICTED})

TABLE_COLUMNS = (
    "name",
    "category",
    "role",
    "supplier",
    "holder",
    "direction",
    "first_delivery",
    "quantity",
    "status",
    "status_since",
    "confidence",
    "doubt",
    "sources",
    "id",
)
CSV_COLUMNS = (
    "id",
    "name",
    "category",
    "role",
    "supplier",
    "holder",
    "direction",
    "first_delivery",
    "quantity",
    "quantity_note",
    "status",
    "status_since",
    "status_basis",
    "as_of",
    "confidence",
    "doubt",
    "sources",
    "source_ids",
    "locator",
    "note",
)


# ------------------------------------------------------------------ small helpers
def short_name(system: System) -> str:
    """'S-300 (S-300PMU2 Favorit, per unofficial reports)' -> 'S-300'."""
    return system.name.split(" (")[0].strip() or system.name


def chart_name(row: SystemRow) -> str:
    """The short name without ' satellite launch' (the chart says what area it is)."""
    name = re.sub(r"\s+satellite launch$", "", row.short_name, flags=re.IGNORECASE)
    return name or row.short_name


def supplier(system: System) -> str:
    """'Russia (Soyuz-2.1b, Baikonur)' -> 'Russia'."""
    return system.origin.split(" (")[0].strip() or system.origin


def quantity_text(system: System) -> str:
    """A range, a bound, or 'unknown': never a point value the sources do not give."""
    low, high = system.quantity_low, system.quantity_high
    if low is None and high is None:
        return UNKNOWN
    if low is not None and high is not None:
        if low == high:
            return f"{low:,}"
        return f"{min(low, high):,}–{max(low, high):,}"
    if low is not None:
        return f"at least {low:,}"
    return f"up to {high:,}"


def date_text(value: object) -> str:
    """'September 2023', '1979', 'unknown' or 'none yet' (empty cell: nothing happened)."""
    if isinstance(value, PartialDate):
        return value.human()
    if value == UNKNOWN:
        return UNKNOWN
    return "none yet"


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, Iterable):
        return [str(item) for item in value if isinstance(item, str) and item]
    return []


# ------------------------------------------------------------------ filters
@dataclass(frozen=True)
class Filters:
    """The view's filters as plain values; empty means 'all'."""

    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> Filters:
        """Filters from URL-like state; values outside the vocabularies are dropped."""
        return cls(
            tuple(v for v in _as_list(state.get("category")) if v in CATEGORIES),
            tuple(v for v in _as_list(state.get("status")) if v in STATUSES),
            tuple(v for v in _as_list(state.get("direction")) if v in DIRECTIONS),
        )

    def accepts(self, row: SystemRow) -> bool:
        return (
            (not self.categories or row.category in self.categories)
            and (not self.statuses or row.status in self.statuses)
            and (not self.directions or row.direction in self.directions)
        )

    def query(self) -> dict[str, str | list[str]]:
        """URL query parameters: one value as text, several as a list (repeated keys)."""
        out: dict[str, str | list[str]] = {}
        for key, values in (
            ("category", self.categories),
            ("status", self.statuses),
            ("direction", self.directions),
        ):
            if values:
                out[key] = values[0] if len(values) == 1 else list(values)
        return out

    def describe(self) -> str:
        parts = []
        if self.categories:
            parts.append("category " + " or ".join(self.categories))
        if self.statuses:
            parts.append("status " + " or ".join(self.statuses))
        if self.directions:
            parts.append("direction " + " or ".join(self.directions))
        return "; ".join(parts) if parts else "all systems"


# ------------------------------------------------------------------ status on a day
@dataclass(frozen=True)
class StatusOnDay:
    """A system's status on a day, what it rests on, and what may just have happened."""

    status: str | None  # None: nothing on record by that day
    since: PartialDate | None
    basis: str  # "status change <id>", "systems row", or "" when nothing is on record
    source_ids: tuple[str, ...] = ()
    pending_status: str | None = None  # a change dated only to a period containing the day
    pending_date: PartialDate | None = None
    held_back: bool = False  # a delivery status withheld because first delivery is later

    @property
    def label(self) -> str:
        text = self.status or NOT_YET
        if self.pending_status and self.pending_date:
            text += f" (possibly {self.pending_status}: dated only {self.pending_date.human()})"
        return text


def status_at(dataset: Dataset, system: System, day: date) -> StatusOnDay:
    """The system's status on `day`.

    Dated changes in statuses.csv come first (`briefing.asof.status_on`). The row's
    own status counts only once `day` is on or after its `status_as_of` (and then
    only if it is not older than the latest dated change). A status meaning
    "delivered" is never shown before the first delivery surely happened.
    """
    recorded = status_on(dataset, system.id, day)
    status, since = recorded.status, recorded.since
    source_ids = tuple(recorded.source_ids)
    basis = ""
    if status is not None:
        change = _change_at(dataset, system.id, since, status)
        basis = f"status change {change}" if change else "status change"
    pending_status = recorded.pending.status if recorded.pending else None
    pending_date = recorded.pending.date if recorded.pending else None

    row_when = system.status_as_of.happened_by(day)
    if row_when is True and (since is None or system.status_as_of.start >= since.start):
        status, since, basis = system.status.value, system.status_as_of, "systems row"
        source_ids = tuple(system.source_ids)
        if pending_date is not None and pending_date.start <= system.status_as_of.start:
            pending_status = pending_date = None
    elif row_when is None and status is None and pending_status is None:
        pending_status, pending_date = system.status.value, system.status_as_of

    held_back = False
    first = system.first_delivery
    if status in MOVED and isinstance(first, PartialDate):
        delivered_by = first.happened_by(day)
        # a dated change inside the first-delivery period (11 April within 'April') is
        # consistent with it; one from before that period, or a day before it, is not
        consistent = since is not None and since.start >= first.start
        if delivered_by is False or (delivered_by is None and not consistent):
            held_back = True
            pending_status = status if delivered_by is None else None
            pending_date = first if delivered_by is None else None
            earlier = [
                change
                for change in changes_for(dataset, system.id)
                if change.date.happened_by(day) is True and change.status not in MOVED
            ]
            if earlier:
                status, since = earlier[-1].status, earlier[-1].date
                source_ids = tuple(earlier[-1].source_ids)
                basis = f"status change {earlier[-1].id}"
            else:
                status, since, source_ids, basis = None, None, (), ""
    return StatusOnDay(status, since, basis, source_ids, pending_status, pending_date, held_back)


def _change_at(dataset: Dataset, subject_id: str, when: PartialDate | None, status: str):
    for change in reversed(changes_for(dataset, subject_id)):
        if change.date == when and change.status == status:
            return change.id
    return None


# ------------------------------------------------------------------ disputes
@dataclass(frozen=True)
class Dispute:
    """One claim about a system: what was claimed, by whom, and what other reporting shows."""

    claim_id: str
    claim: str
    quote: str | None
    claimed_by: str  # source id
    claim_date: str
    kind: str
    locator: str
    assessment: str
    evidence: str
    evidence_source_ids: tuple[str, ...]
    confidence: str
    made_after_as_of: bool = False

    @property
    def disagreeing(self) -> bool:
        return self.assessment in DISAGREEING


def claims_about(dataset: Dataset, subject_id: str) -> list[Claim]:
    return [claim for claim in dataset.claims if subject_id in claim.subject_ids]


def disputes(dataset: Dataset, system: System, day: date | None = None) -> list[Dispute]:
    """Every claim whose subject_ids name the system, both sides with their sources."""
    out = []
    for claim in claims_about(dataset, system.id):
        when = claim.claim_date
        after = bool(day and isinstance(when, PartialDate) and when.happened_by(day) is False)
        out.append(
            Dispute(
                claim.id,
                claim.claim,
                claim.quote,
                claim.claimed_by,
                date_text(when) if when is not None else UNKNOWN,
                claim.kind.value,
                claim.locator,
                claim.assessment.value,
                claim.evidence,
                tuple(claim.evidence_source_ids),
                claim.confidence.value,
                after,
            )
        )
    return out


def doubt_text(system: System, found: Sequence[Dispute]) -> str:
    """Short table cell: is the row itself disputed, do disputed claims name it, or neither."""
    n_all = len(found)
    disagreeing = sum(1 for d in found if d.disagreeing)
    if system.confidence == Confidence.DISPUTED:
        return "⚠ disputed" + (
            f"; {n_all} claim{'s' if n_all > 1 else ''} checked" if found else ""
        )
    if disagreeing:
        return f"⚠ named in {disagreeing} disputed claim{'s' if disagreeing > 1 else ''}"
    if found:
        return f"{n_all} claim{'s' if n_all > 1 else ''} checked"
    return ""


# ------------------------------------------------------------------ table rows
@dataclass(frozen=True)
class SystemRow:
    """One system as the table, the charts and the PDF show it on a given day."""

    id: str
    name: str
    short_name: str
    category: str
    role: str
    supplier: str
    origin: str
    holder: str
    direction: str
    first_delivery: str
    first_delivery_date: PartialDate | None
    quantity: str
    quantity_note: str
    status: str | None
    status_label: str
    status_since: str
    status_basis: str
    status_source_ids: tuple[str, ...]
    confidence: str
    source_ids: tuple[str, ...]
    locator: str
    note: str
    disputes: tuple[Dispute, ...] = ()
    doubt: str = ""
    source_labels: str = ""
    as_of: date | None = None
    #: the dated move (delivery, launch, transfer, order) the timeline draws
    move_date: PartialDate | None = None
    move_precision: str = ""
    move_label: str = ""

    @property
    def on_record(self) -> bool:
        return self.status is not None or self.status_label != NOT_YET

    @property
    def stage(self) -> str | None:
        try:
            return STAGE_OF_STATUS.get(SystemStatus(self.status))
        except ValueError:
            return None

    @property
    def area(self) -> str:
        try:
            return AREA_OF_CATEGORY[SystemCategory(self.category)]
        except ValueError:
            return "other"

    @property
    def contested(self) -> bool:
        return bool(self.doubt.startswith("⚠"))

    def cells(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "role": self.role,
            "supplier": self.supplier,
            "holder": self.holder,
            "direction": self.direction,
            "first_delivery": self.first_delivery,
            "quantity": self.quantity,
            "quantity_note": self.quantity_note,
            "status": self.status_label,
            "status_since": self.status_since,
            "status_basis": self.status_basis,
            "as_of": self.as_of.isoformat() if self.as_of else "",
            "confidence": self.confidence,
            "doubt": self.doubt,
            "sources": self.source_labels,
            "source_ids": list(self.source_ids),
            "locator": self.locator,
            "note": self.note,
        }


def _move(dataset: Dataset, system: System, now: StatusOnDay, day: date):
    """(date, precision, label) of the system's acquisition or transfer, if any by `day`."""
    status = now.status or now.pending_status
    if status is None:
        return None, "", ""
    try:
        stage = STAGE_OF_STATUS.get(SystemStatus(status))
    except ValueError:
        stage = None
    if stage is None or stage == WANTED:
        return None, "", ""
    changes = [c for c in changes_for(dataset, system.id) if c.date.start <= day]
    if status in MOVED:
        verb = "launched" if status == SystemStatus.LAUNCHED else "first delivery"
        if status == SystemStatus.SUPPLIED_TO_RUSSIA:
            verb = "first transfer"
        if status == SystemStatus.REPORTED_DELIVERED:
            verb = "delivery reported"
        first = system.first_delivery
        if isinstance(first, PartialDate) and status != SystemStatus.REPORTED_DELIVERED:
            return first, PRECISION_OF[first.precision], f"{verb} {first.human()}"
        moved = [c for c in changes if c.status == status or c.status in MOVED]
        when = moved[0].date if moved else (now.since or system.status_as_of)
        if status == SystemStatus.REPORTED_DELIVERED:
            return when, PRECISION_OF[when.precision], f"{verb} {when.human()}"
        return (
            when,
            PRECISION_STATUS,
            f"{status}; status dated {when.human()}",
        )
    # the start of the latest run of this status (a 2015 order after a 2010 suspension)
    run_start = None
    for change in changes:
        if change.date.happened_by(day) is not True:
            continue
        if change.status != status:
            run_start = None
        elif run_start is None:
            run_start = change.date
    when = run_start or now.since or system.status_as_of
    return when, PRECISION_OF[when.precision], f"{status} {when.human()}"


def system_row(dataset: Dataset, system: System, day: date) -> SystemRow:
    now = status_at(dataset, system, day)
    found = disputes(dataset, system, day)
    move_date, move_precision, move_label = _move(dataset, system, now, day)
    first = system.first_delivery
    return SystemRow(
        id=system.id,
        name=system.name,
        short_name=short_name(system),
        category=system.category.value,
        role=system.role,
        supplier=supplier(system),
        origin=system.origin,
        holder=system.holder,
        direction=system.direction.value,
        first_delivery=date_text(first),
        first_delivery_date=first if isinstance(first, PartialDate) else None,
        quantity=quantity_text(system),
        quantity_note=system.quantity_note or "",
        status=now.status,
        status_label=now.label,
        status_since=now.since.human() if now.since else "",
        status_basis=now.basis,
        status_source_ids=now.source_ids,
        confidence=system.confidence.value,
        source_ids=tuple(system.source_ids),
        locator=system.locator,
        note=system.note or "",
        disputes=tuple(found),
        doubt=doubt_text(system, found),
        source_labels="; ".join(c.label for c in cite_all(dataset, system.source_ids)),
        as_of=day,
        move_date=move_date,
        move_precision=move_precision,
        move_label=move_label,
    )


@dataclass(frozen=True)
class View:
    """The table as filtered on a day, plus what was left out and why."""

    day: date
    filters: Filters
    rows: tuple[SystemRow, ...]
    later: tuple[SystemRow, ...] = ()  # not yet on record on `day`
    total: int = 0

    @property
    def contested(self) -> tuple[SystemRow, ...]:
        """Rows that are disputed themselves or named in a disputed claim."""
        return tuple(row for row in self.rows if row.contested)

    @property
    def disputed(self) -> tuple[SystemRow, ...]:
        """Rows whose own confidence is 'disputed' (their note gives both sides)."""
        return tuple(row for row in self.rows if row.confidence == Confidence.DISPUTED)

    def claims(self) -> list[ClaimView]:
        """Each claim about the rows shown, once: disputed ones first, then in table order."""
        seen: dict[str, ClaimView] = {}
        for row in self.rows:
            for dispute in row.disputes:
                found = seen.get(dispute.claim_id)
                names = (found.systems if found else ()) + (row.short_name,)
                seen[dispute.claim_id] = ClaimView(dispute, names)
        return sorted(seen.values(), key=lambda c: not c.dispute.disagreeing)  # stable


@dataclass(frozen=True)
class ClaimView:
    """A claim with the systems in the view it names."""

    dispute: Dispute
    systems: tuple[str, ...]

    @property
    def heading(self) -> str:
        """'Claimed (2025, statement of fact; about S-400, Su-35):' (plain text)."""
        d = self.dispute
        return f"Claimed ({d.claim_date}, {d.kind}; about {', '.join(self.systems)}):"


def system_rows(dataset: Dataset, day: date, filters: Filters | None = None) -> View:
    """Every system as it stood on `day` that passes the filters, in file order."""
    filters = filters or Filters()
    rows, later = [], []
    for system in dataset.systems:
        row = system_row(dataset, system, day)
        if not row.on_record:
            if (not filters.categories or row.category in filters.categories) and (
                not filters.directions or row.direction in filters.directions
            ):
                later.append(row)
            continue
        if filters.accepts(row):
            rows.append(row)
    return View(day, filters, tuple(rows), tuple(later), len(dataset.systems))


def table_csv(rows: Iterable[SystemRow]) -> str:
    """The filtered table as CSV (UTF-8, formula-safe), with sources and locators."""
    return to_csv([row.cells() for row in rows], CSV_COLUMNS)


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


# ------------------------------------------------------------------ detail
@dataclass(frozen=True)
class SourceRef:
    """A citation with the locator of the row that cites it."""

    source_id: str
    label: str
    title: str
    url: str | None
    kind: str
    known: bool
    locator: str
    cited_for: str  # what the citation supports: 'the systems row', 'status change …'


@dataclass(frozen=True)
class StatusStep:
    id: str
    date: str
    status: str
    note: str
    source_ids: tuple[str, ...]
    locator: str
    confidence: str
    after_as_of: bool


@dataclass(frozen=True)
class RelatedEvent:
    id: str
    date: str
    title: str
    theme: str
    significance: str
    source_ids: tuple[str, ...]
    locator: str
    confidence: str
    link: str  # why it is related
    after_as_of: bool


@dataclass(frozen=True)
class RelatedItem:
    id: str
    direction: str
    item: str
    status: str
    status_as_of: str
    rationale: str
    source_ids: tuple[str, ...]
    locator: str
    confidence: str


@dataclass(frozen=True)
class Detail:
    row: SystemRow
    record: tuple[tuple[str, str], ...]
    history: tuple[StatusStep, ...]
    sources: tuple[SourceRef, ...]
    events: tuple[RelatedEvent, ...]
    exchange_items: tuple[RelatedItem, ...]
    disputes: tuple[Dispute, ...] = field(default=())


def match_terms(system: System) -> list[str]:
    """Names an event text would use for the system: 'S-300', 'Geran-2', 'Kowsar'…"""
    terms: list[str] = []
    head, _, rest = system.name.partition(" (")
    head = re.sub(r"\s+satellite launch$", "", head.strip(), flags=re.IGNORECASE)
    for part in re.split(r",\s*|\s+and\s+", head):
        if part.strip():
            terms.append(part.strip())
    for alias in re.findall(r"\b([A-Z][\w]*-\d+\w*)", rest):
        if alias not in terms:
            terms.append(alias)
    return [term for term in terms if len(term) >= 3]


def _mentions(text: str, term: str) -> bool:
    pattern = r"(?<![\w-])" + re.escape(term) + r"(?![\w])"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


def _event_text(event: Event) -> str:
    return " ".join(filter(None, (event.title, event.significance, event.note)))


def related_events(dataset: Dataset, system: System, day: date) -> list[RelatedEvent]:
    """Events linked to the system: explicitly first (via claims), then by name in the text."""
    links: dict[str, str] = {}
    items = [x for x in dataset.exchange_items if system.id in x.system_ids]
    subjects = {system.id} | {item.id for item in items}
    for claim in dataset.claims:
        if subjects & set(claim.subject_ids):
            for subject in claim.subject_ids:
                if dataset.get("events", subject) is not None:
                    links.setdefault(subject, f"named with it in claim {claim.id}")
    terms = match_terms(system)
    for event in dataset.events:
        if event.id in links:
            continue
        text = _event_text(event)
        hit = next((term for term in terms if _mentions(text, term)), None)
        if hit:
            links[event.id] = f"mentions {hit!r}"
    out = []
    for event in dataset.events:
        if event.id not in links:
            continue
        out.append(
            RelatedEvent(
                event.id,
                event.date.human(),
                event.title,
                event.theme.value,
                event.significance,
                tuple(event.source_ids),
                event.locator,
                event.confidence.value,
                links[event.id],
                event.date.happened_by(day) is False,
            )
        )
    return sorted(out, key=lambda e: (dataset.get("events", e.id).date.start, e.id))


def related_items(dataset: Dataset, system: System) -> list[RelatedItem]:
    out = []
    for item in dataset.exchange_items:
        if system.id not in item.system_ids:
            continue
        out.append(_related_item(item))
    return out


def _related_item(item: ExchangeItem) -> RelatedItem:
    return RelatedItem(
        item.id,
        item.direction.value,
        item.item,
        item.status.value,
        item.status_as_of.human(),
        item.rationale,
        tuple(item.source_ids),
        item.locator,
        item.confidence.value,
    )


def detail(dataset: Dataset, system_id: str, day: date) -> Detail | None:
    """Everything about one system; None if the id is not in systems.csv."""
    system = dataset.get("systems", system_id)
    if not isinstance(system, System):
        return None
    row = system_row(dataset, system, day)
    record = (
        ("id", system.id),
        ("name", system.name),
        ("category", system.category.value),
        ("role", system.role),
        ("origin or supplier", system.origin),
        ("holder", system.holder),
        ("direction", system.direction.value),
        ("first delivery", date_text(system.first_delivery)),
        ("quantity", row.quantity),
        ("what the quantity counts", system.quantity_note or "not stated"),
        (f"status on {day.isoformat()}", row.status_label),
        ("latest recorded status", f"{system.status.value} (as of {system.status_as_of.human()})"),
        ("confidence", system.confidence.value),
        ("locator", system.locator),
        ("note", system.note or ""),
    )
    history = tuple(
        StatusStep(
            change.id,
            change.date.human(),
            change.status,
            change.note or "",
            tuple(change.source_ids),
            change.locator,
            change.confidence.value,
            change.date.happened_by(day) is False,
        )
        for change in changes_for(dataset, system.id)
    )
    refs: list[SourceRef] = []
    cited: list[tuple[Sequence[str], str, str]] = [
        (system.source_ids, system.locator, "the systems row")
    ]
    cited += [(s.source_ids, s.locator, f"status change {s.id}") for s in history]
    found = row.disputes
    for dispute in found:
        cited.append(((dispute.claimed_by,), dispute.locator, f"claim {dispute.claim_id}"))
        cited.append(
            (dispute.evidence_source_ids, "evidence", f"evidence on claim {dispute.claim_id}")
        )
    items = related_items(dataset, system)
    cited += [(i.source_ids, i.locator, f"exchange item {i.id}") for i in items]
    events = related_events(dataset, system, day)
    cited += [(e.source_ids, e.locator, f"event {e.id}") for e in events]
    for source_ids, locator, what in cited:
        for citation in cite_all(dataset, list(source_ids)):
            refs.append(
                SourceRef(
                    citation.id,
                    citation.label,
                    citation.title,
                    citation.url,
                    citation.kind,
                    citation.known,
                    locator,
                    what,
                )
            )
    return Detail(row, record, history, tuple(refs), tuple(events), tuple(items), found)


# ------------------------------------------------------------------ charts
TIMELINE_ALT = (
    "Timeline chart: one row per system, labelled with its supplier, the system and what "
    "happened when (first delivery, launch, transfer to Russia, or order), placed at that "
    "date. A bar spans the month or year when the sources give no exact day, and the row "
    "label writes the date as precisely as it is known. The mark's shape and colour (one "
    "legend, the same as in the gap chart) and the row label say whether the system reached "
    "Iran, is ordered or reported but unconfirmed, or went from Iran to Russia."
)
GAP_ALT = (
    "Grid chart: capability areas (air superiority, air defence, strike, training, space) "
    "down the side, and across the top what Iran has received, what is ordered or reported "
    "but unconfirmed, what it wants but has not received, and what it sent Russia; each "
    "cell lists the systems by name, marked with a shape for its column."
)


def _source_line(rows: Sequence[SystemRow]) -> str:
    return "systems.csv and statuses.csv (each row's sources in the table); as of " + (
        rows[0].as_of.isoformat() if rows and rows[0].as_of else "unknown"
    )


def _chart_text(value: object, limit: int = 60) -> str:
    """Text drawn inside a chart (Vega <text>, not HTML): no control or bidi-override
    characters, and capped with a visible '…' so one long name cannot swamp the chart."""
    return shorten(value, limit)


def timeline_records(rows: Iterable[SystemRow]) -> list[dict[str, Any]]:
    """One record per system with a dated acquisition, transfer or order, on or before the day."""
    out = []
    for row in rows:
        when = row.move_date
        if when is None or row.stage is None or row.stage == WANTED:
            continue
        if row.as_of and when.start > row.as_of:
            continue
        stage = row.stage
        label = row.move_label
        if row.status == SystemStatus.ORDERED:
            label += ", no delivery confirmed"
        elif stage == UNCONFIRMED:
            label += ", not confirmed"
        out.append(
            {
                "id": row.id,
                "system": _chart_text(row.short_name),
                "supplier": _chart_text(row.supplier),
                "lane": _chart_text(f"{row.supplier}: {chart_name(row)} · {label}", 120),
                "start": when.start.isoformat(),
                "end": when.end.isoformat(),
                "year": when.year,
                "dated": when.human(),
                "precision": row.move_precision,
                "stage": stage,
                "label": _chart_text(label, 120),
                "quantity": _chart_text(row.quantity),
                "confidence": row.confidence,
            }
        )
    out.sort(key=lambda r: (r["start"], r["system"]))
    return out


def timeline_takeaway(records: Sequence[dict[str, Any]]) -> str:
    if not records:
        return "No acquisitions or transfers are on record for the systems shown on this date."
    by_supplier: dict[str, list[int]] = {}
    for r in records:
        by_supplier.setdefault(r["supplier"], []).append(r["year"])
    parts = [
        f"{name} {min(years)}" + (f"–{max(years)}" if max(years) != min(years) else "")
        for name, years in sorted(by_supplier.items(), key=lambda kv: min(kv[1]))
    ]
    sent = [r["system"] for r in records if r["stage"] == SENT]
    text = "Suppliers in turn: " + ", ".join(parts) + "."
    if sent:
        text += " The flow reversed with " + " and ".join(sent) + " going from Iran to Russia."
    return text


def timeline_chart(rows: Sequence[SystemRow]) -> alt.TopLevelMixin:
    """Acquisitions and transfers by year and supplier, honest about date precision."""
    records = timeline_records(rows)
    order = [r["lane"] for r in records]
    base = alt.Chart(alt.Data(values=records))
    y = alt.Y("lane:N", sort=order, title=None, axis=alt.Axis(labelLimit=520))
    tooltip = [
        alt.Tooltip("system:N", title="system"),
        alt.Tooltip("supplier:N", title="supplier"),
        alt.Tooltip("dated:N", title="dated"),
        alt.Tooltip("precision:N", title="date precision"),
        alt.Tooltip("stage:N", title="stage"),
        alt.Tooltip("quantity:N", title="quantity"),
        alt.Tooltip("confidence:N", title="confidence"),
    ]
    colour = alt.Color(
        "stage:N",
        title="Stage",
        scale=alt.Scale(domain=list(STAGE_COLOURS), range=list(STAGE_COLOURS.values())),
        legend=alt.Legend(orient="bottom", direction="vertical", symbolOpacity=1),
    )
    span = base.mark_bar(height=10, opacity=0.45).encode(
        x=alt.X("start:T", title="Year", axis=alt.Axis(format="%Y", tickCount=10)),
        x2=alt.X2("end:T"),
        y=y,
        color=colour,
        tooltip=tooltip,
    )
    marks = base.mark_point(size=110, filled=True, opacity=1).encode(
        x=alt.X("start:T"),
        y=y,
        color=colour,
        # the stage by shape as well as colour (never colour alone); same field, title
        # and domain as the colour, so Vega-Lite draws one legend of coloured shapes
        shape=alt.Shape(
            "stage:N",
            title="Stage",
            scale=alt.Scale(domain=list(STAGE_SHAPES), range=list(STAGE_SHAPES.values())),
            legend=alt.Legend(orient="bottom", direction="vertical"),
        ),
        tooltip=tooltip,
    )
    chart = (span + marks).properties(width=320, height=alt.Step(24), description=TIMELINE_ALT)
    return style(
        chart,
        title="Acquisitions and transfers by year and supplier",
        source=_source_line(rows),
    )


def gap_records(rows: Iterable[SystemRow]) -> list[dict[str, Any]]:
    """One record per system for the inventory-versus-wish-list grid (area x stage)."""
    out: list[dict[str, Any]] = []
    slots: dict[tuple[str, str], int] = {}
    for row in rows:
        stage = row.stage
        if stage is None or (stage != SENT and row.direction != Direction.TO_IRAN):
            continue
        key = (row.area, stage)
        slots[key] = slots.get(key, -1) + 1
        name = _chart_text(chart_name(row))
        out.append(
            {
                "id": row.id,
                "area": _chart_text(row.area),
                "stage": stage,
                "system": name,
                "slot": slots[key],
                "label": f"{name} ({stage})",
                "status": _chart_text(row.status_label, 120),
                "confidence": row.confidence,
            }
        )
    out.sort(key=lambda r: (_index(AREAS, r["area"]), _index(STAGES, r["stage"]), r["slot"]))
    return out


def _index(seq: Sequence[str], value: str) -> int:
    return seq.index(value) if value in seq else len(seq)


def gap_cells(records: Iterable[dict[str, Any]]) -> dict[tuple[str, str], list[str]]:
    """{(area, stage): [system names]} from the grid's records."""
    cells: dict[tuple[str, str], list[str]] = {}
    for r in records:
        cells.setdefault((r["area"], r["stage"]), []).append(r["system"])
    return cells


def gap_takeaway(records: Sequence[dict[str, Any]]) -> str:
    cells = gap_cells(records)
    open_areas: dict[str, list[str]] = {}
    for (area, stage), names in cells.items():
        if stage in (WANTED, UNCONFIRMED):
            open_areas.setdefault(area, []).extend(names)
    if not open_areas:
        return "For the systems shown, no open wish or unconfirmed order is on record."
    parts = [f"{area} ({', '.join(names)})" for area, names in open_areas.items()]
    return "The gap Russia has not confirmed filling: " + "; ".join(parts) + "."


#: the gap chart's column headers, on two lines each
STAGE_HEADERS = {
    HAS: ["delivered to or", "launched for Iran"],
    UNCONFIRMED: ["ordered or reported,", "not confirmed"],
    WANTED: ["wanted,", "not supplied"],
    SENT: ["sent by Iran", "to Russia"],
}


def _header_expr() -> str:
    pairs = ", ".join(
        f"{json.dumps(stage)}: {json.dumps(lines)}" for stage, lines in STAGE_HEADERS.items()
    )
    return "{" + pairs + "}[datum.label] || datum.label"


def gap_chart(rows: Sequence[SystemRow]) -> alt.TopLevelMixin:
    """Inventory versus wish list by capability area: the gap made visible, by name."""
    records = gap_records(rows)
    areas = [a for a in AREAS if any(r["area"] == a for r in records)] + sorted(
        {r["area"] for r in records} - set(AREAS)
    )
    base = alt.Chart(alt.Data(values=records))
    x = alt.X(
        "stage:N",
        sort=list(STAGES),
        scale=alt.Scale(domain=list(STAGES)),
        title=None,
        axis=alt.Axis(
            orient="top",
            labelAngle=0,
            labelLimit=200,
            labelExpr=_header_expr(),
            labelFontWeight="bold",
            labelPadding=8,
            domain=False,
            ticks=False,
        ),
    )
    y = alt.Y(
        "area:N",
        sort=areas,
        title="Capability area (our grouping of categories)",
        axis=alt.Axis(grid=False, domain=False, ticks=False),
    )
    slot = alt.YOffset("slot:O")
    colour = alt.Color(
        "stage:N",
        scale=alt.Scale(domain=list(STAGE_COLOURS), range=list(STAGE_COLOURS.values())),
        legend=None,
    )
    tooltip = [
        alt.Tooltip("system:N", title="system"),
        alt.Tooltip("area:N", title="area"),
        alt.Tooltip("stage:N", title="stage"),
        alt.Tooltip("status:N", title="status"),
        alt.Tooltip("confidence:N", title="confidence"),
    ]
    marks = base.mark_point(filled=True, size=60, opacity=1, xOffset=-62).encode(
        x=x,
        y=y,
        yOffset=slot,
        color=colour,
        shape=alt.Shape(
            "stage:N",
            scale=alt.Scale(domain=list(STAGE_SHAPES), range=list(STAGE_SHAPES.values())),
            legend=None,
        ),
        tooltip=tooltip,
    )
    names = base.mark_text(align="left", baseline="middle", fontSize=12, dx=-54).encode(
        x=x, y=y, yOffset=slot, text=alt.Text("system:N"), color=colour, tooltip=tooltip
    )
    chart = (marks + names).properties(
        width=alt.Step(150), height=alt.Step(18), description=GAP_ALT
    )
    return style(
        chart,
        title="What Iran has, what it wants, what it sent",
        source=_source_line(rows),
    )


@dataclass(frozen=True)
class ChartView:
    """A chart with its text alternative and its one-sentence takeaway."""

    name: str
    chart: alt.TopLevelMixin
    alt: str
    takeaway: str
    has_data: bool


def chart_views(rows: Sequence[SystemRow]) -> list[ChartView]:
    """The view's two charts, as the page shows them and the PDF prints them."""
    timeline = timeline_records(rows)
    gap = gap_records(rows)
    return [
        ChartView(
            "timeline", timeline_chart(rows), TIMELINE_ALT, timeline_takeaway(timeline),
            bool(timeline),
        ),
        ChartView("gap", gap_chart(rows), GAP_ALT, gap_takeaway(gap), bool(gap)),
    ]  # fmt: skip


# ------------------------------------------------------------------ state and link
def state_of(filters: Filters, day: date, system_id: str | None = None) -> dict[str, Any]:
    """The page's state as `report_section` and the PDF take it."""
    state: dict[str, Any] = {
        "category": list(filters.categories),
        "status": list(filters.statuses),
        "direction": list(filters.directions),
        "as_of": day,
    }
    if system_id:
        state["system"] = system_id
    return state


def query_of(dataset: Dataset, state: Mapping[str, Any]) -> dict[str, Any]:
    """URL query that reproduces the view (lists become repeated keys, as Streamlit binds)."""
    query: dict[str, Any] = dict(Filters.from_state(state).query())
    query["as_of"] = _day(state, dataset).isoformat()
    system_id = state.get("system")
    if isinstance(system_id, str) and dataset.get("systems", system_id) is not None:
        query["system"] = system_id
    return query


# ------------------------------------------------------------------ PDF section
def _day(state: Mapping[str, Any], dataset: Dataset) -> date:
    value = state.get("as_of")
    if isinstance(value, str):
        try:
            value = parse_day(value)
        except ValueError:
            value = None
    return clamp(value if isinstance(value, date) else None, dataset)


def _names(entries: Sequence[LedgerEntry]) -> str:
    return ", ".join(f"{e.name} ({e.status})" for e in entries) if entries else "none"


def _ids(entries: Sequence[LedgerEntry]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for e in entries for s in e.source_ids))


def report_section(dataset: Dataset, state: Mapping[str, Any]) -> Section:
    """The capability view as a PDF section: same rows, same charts, same as-of date."""
    day = _day(state, dataset)
    filters = Filters.from_state(state)
    view = system_rows(dataset, day, filters)
    rows = view.rows
    book = ledger(rows)
    blocks: list[Any] = [
        Paragraph(
            f"Iran's military systems, its wish list from Russia and what it sent Russia, as "
            f"they stood on {day.isoformat()} ({filters.describe()}; {len(rows)} of "
            f"{view.total} systems). Quantities are ranges or 'unknown' as the sources give "
            "them; a status counts only from the date it is recorded."
        ),
        Heading("Wishes met, wishes open, and what Iran gave", 3),
        Paragraph(f"Supplied by Moscow and confirmed: {_names(book.met)}.", _ids(book.met)),
        Paragraph(
            f"Ordered or reported, not confirmed: {_names(book.unconfirmed)}.",
            _ids(book.unconfirmed),
        ),
        Paragraph(f"Wanted, not supplied: {_names(book.unmet)}.", _ids(book.unmet)),
        Paragraph(f"Sent by Iran to Russia: {_names(book.given)}.", _ids(book.given)),
        Table(
            caption=f"Systems as of {day.isoformat()}",
            columns=(
                "System",
                "Category",
                "Supplier → holder",
                "First delivery",
                "Quantity",
                "Status",
                "Doubt",
            ),
            rows=tuple(
                (
                    r.name,
                    r.category,
                    f"{r.supplier} → {r.holder}",
                    r.first_delivery,
                    r.quantity,
                    r.status_label,
                    r.doubt or "–",
                )
                for r in rows
            ),
            confidence=tuple(r.confidence for r in rows),
            source_ids=tuple(r.source_ids for r in rows),
            widths=(2.2, 1.2, 1.6, 1.1, 0.9, 1.8, 1.0),
        ),
    ]
    cited = tuple(dict.fromkeys(s for r in rows for s in r.source_ids))
    for shown in chart_views(rows):
        if shown.has_data:
            blocks.append(Chart(spec(shown.chart), shown.alt, shown.takeaway, cited))
    claims = view.claims()
    if view.disputed or claims:
        blocks.append(Heading("Where sources disagree", 3))
    for r in view.disputed:
        blocks.append(Paragraph(f"{r.short_name} (disputed), our summary: {r.note}", r.source_ids))
    checked = []
    for shown_claim in claims:
        d = shown_claim.dispute
        names = ", ".join(shown_claim.systems)
        if not d.disagreeing:
            checked.append(shown_claim)
            continue
        blocks.append(
            Paragraph(f"Claimed ({d.claim_date}; about {names}): {d.claim}", (d.claimed_by,))
        )
        if d.quote:
            blocks.append(Quote(d.quote, f"{d.claim_date}, {d.locator}", (d.claimed_by,)))
        blocks.append(
            Paragraph(
                f"Other reporting (assessment: {d.assessment}): {d.evidence}",
                d.evidence_source_ids,
            )
        )
    if checked:
        blocks.append(
            Table(
                caption="Other claims about these systems, checked against other reporting",
                columns=("Claim (summary)", "Made", "Assessment", "Other reporting", "Systems"),
                rows=tuple(
                    (c.dispute.claim, c.dispute.claim_date, c.dispute.assessment,
                     c.dispute.evidence, ", ".join(c.systems))
                    for c in checked
                ),
                confidence=tuple(c.dispute.confidence for c in checked),
                source_ids=tuple(
                    (c.dispute.claimed_by, *c.dispute.evidence_source_ids) for c in checked
                ),
                widths=(2.2, 0.9, 1.0, 2.6, 1.1),
            )
        )  # fmt: skip
    query = query_of(dataset, state)
    return Section(
        key="capabilities",
        title=TITLE,
        url_path=URL_PATH,
        blocks=tuple(blocks),
        query=query,
        summary=clean(
            f"{len(book.met)} wishes met, {len(book.unconfirmed)} unconfirmed, "
            f"{len(book.unmet)} open; {len(book.given)} systems sent to Russia."
        ),
    )


# ------------------------------------------------------------------ plain tables for the page
def source_table(refs: Iterable[SourceRef]) -> list[dict[str, object]]:
    """One row per source: what it is cited for, each time with the locator used."""
    rows: dict[str, dict[str, object]] = {}
    uses: dict[str, list[str]] = {}
    for r in refs:
        rows.setdefault(
            r.source_id,
            {
                "source": r.label,
                "title": r.title,
                "kind": r.kind or "not in sources.csv",
                "cited for (locator)": "",
                "link": r.url,
                "id": r.source_id,
            },
        )
        use = f"{r.cited_for} ({r.locator})"
        if use not in uses.setdefault(r.source_id, []):
            uses[r.source_id].append(use)
    for source_id, row in rows.items():
        row["cited for (locator)"] = "; ".join(uses[source_id])
    return list(rows.values())


DETAIL_TITLES = (
    ("record", "Full record"),
    ("history", "Status history"),
    ("sources", "Every source, with its locator"),
    ("events", "Related events"),
    ("exchange", "Exchange items"),
)


def detail_tables(found: Detail) -> dict[str, list[dict[str, object]]]:
    """The detail panel's tables as plain rows (the page only renders them)."""
    return {
        "record": [{"field": k, "value": v} for k, v in found.record],
        "history": [
            {
                "date": s.date,
                "status": s.status,
                "after the as-of date": "yes" if s.after_as_of else "",
                "note (summary)": s.note,
                "confidence": s.confidence,
                "locator": s.locator,
                "sources": "; ".join(s.source_ids),
            }
            for s in found.history
        ],
        "sources": source_table(found.sources),
        "events": [
            {
                "date": e.date,
                "event": e.title,
                "theme": e.theme,
                "why related": e.link,
                "after the as-of date": "yes" if e.after_as_of else "",
                "significance (summary)": e.significance,
                "confidence": e.confidence,
                "locator": e.locator,
                "sources": "; ".join(e.source_ids),
                "id": e.id,
            }
            for e in found.events
        ],
        "exchange": [
            {
                "item": i.item,
                "direction": i.direction,
                "status": f"{i.status} (as of {i.status_as_of})",
                "rationale (analytic judgement)": i.rationale,
                "confidence": i.confidence,
                "locator": i.locator,
                "sources": "; ".join(i.source_ids),
                "id": i.id,
            }
            for i in found.exchange_items
        ],
    }
