"""One row per system as the table, the charts and the PDF show it on a day, with the
claims that name it; the table as CSV."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from briefing.asof import changes_for
from briefing.capabilities.state import Filters
from briefing.capabilities.status import MOVED, NOT_YET, StatusOnDay, status_at
from briefing.citations import cite_all
from briefing.dates import PartialDate
from briefing.schema import (
    UNKNOWN,
    Assessment,
    Claim,
    Confidence,
    System,
    SystemCategory,
    SystemStatus,
)
from briefing.store import Dataset
from briefing.text import to_csv

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
