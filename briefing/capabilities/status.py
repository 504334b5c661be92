"""A system's status on a day, what it rests on, and what may just have happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from briefing.asof import changes_for, status_on
from briefing.dates import PartialDate
from briefing.schema import System, SystemStatus
from briefing.store import Dataset

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
