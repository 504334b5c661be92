"""'What did we know on the day?': the status of anything on a given date.

One function answers for every table: `status_on(dataset, subject_id, day)` looks
up the dated status changes in `statuses.csv` (a treaty's signing and
ratifications, a system's order and delivery, an exchange item's grant). Dates
known only to the month or year count as happened once the period is over; inside
the period the answer says it is uncertain rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from briefing.dates import PartialDate
from briefing.schema import StatusChange, Treaty
from briefing.store import Dataset


@dataclass(frozen=True)
class StatusAt:
    """A subject's status on a day, with the change it rests on."""

    subject_id: str
    day: date
    status: str | None  # None: nothing had happened yet by that day
    since: PartialDate | None
    source_ids: tuple[str, ...] = ()
    #: a change whose date (month or year only) may or may not fall before `day`
    pending: StatusChange | None = None

    @property
    def label(self) -> str:
        if self.status is None:
            text = "not yet"
        else:
            text = self.status
        if self.pending is not None:
            text += f" (possibly {self.pending.status}: dated only {self.pending.date.human()})"
        return text


def changes_for(dataset: Dataset, subject_id: str) -> list[StatusChange]:
    """The subject's status changes, oldest first (ties keep file order)."""
    rows = [row for row in dataset.statuses if row.subject_id == subject_id]
    return sorted(rows, key=lambda row: (row.date.start, row.date.end))


def status_on(dataset: Dataset, subject_id: str, day: date) -> StatusAt:
    """The latest status change surely on or before `day`."""
    current: StatusChange | None = None
    pending: StatusChange | None = None
    for change in changes_for(dataset, subject_id):
        happened = change.date.happened_by(day)
        if happened is True:
            current = change
            pending = None
        elif happened is None and pending is None:
            pending = change
    if current is None:
        return StatusAt(subject_id, day, None, None, (), pending)
    return StatusAt(
        subject_id, day, current.status, current.date, tuple(current.source_ids), pending
    )


def treaty_status_on(dataset: Dataset, treaty: Treaty, day: date) -> StatusAt:
    """A treaty's status on `day`: from its dated steps, else from signed/in force/ended."""
    recorded = status_on(dataset, treaty.id, day)
    if recorded.status is not None or recorded.pending is not None:
        return recorded
    steps: list[tuple[PartialDate, str]] = [(treaty.signed, "signed")]
    if isinstance(treaty.entered_into_force, PartialDate):
        steps.append((treaty.entered_into_force, "in force"))
    if treaty.ended is not None:
        steps.append(
            (
                treaty.ended,
                treaty.status.value
                if treaty.status.value in ("superseded", "expired")
                else "ended",
            )
        )
    status, since = None, None
    for when, label in steps:
        if when.happened_by(day) is True:
            status, since = label, when
    return StatusAt(treaty.id, day, status, since, tuple(treaty.source_ids))


def happened_by(when: PartialDate, day: date) -> bool:
    """For filtering: True only if `when` was surely on or before `day`."""
    return when.happened_by(day) is True


def clamp(day: date | None, dataset: Dataset) -> date:
    """The as-of day to use: the requested one, never later than the data's own as-of."""
    limit = dataset.as_of or date.today()
    if day is None or day > limit:
        return limit
    return day
