"""'What did we know on the day?': the status of anything on a given date.

One function answers for every table: `status_on(dataset, subject_id, day)` looks
up the dated status changes in `statuses.csv` (a treaty's signing and
ratifications, a system's order and delivery, an exchange item's grant) and, where
that table is silent, the dates the row itself carries (a treaty's signature, entry
into force and end; an event's date; a provision's treaty). Dates known only to
the month or year count as happened once the period is over; inside the period the
answer says it is uncertain rather than guessing.

`resolve_as_of` reads the as-of date from a link exactly as the sidebar's date
widget does (so the notice a reader sees matches what the views then show).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from briefing.dates import PartialDate
from briefing.schema import Event, ExchangeItem, Provision, StatusChange, System, Treaty
from briefing.store import Dataset

#: the earliest as-of date the app offers (before the briefing's 2001 starting point,
#: late enough that every view still has something to say or says plainly that it has not)
EARLIEST = date(1990, 1, 1)

#: what the row-derived steps are called (matching the words statuses.csv uses)
SIGNED, IN_FORCE, HAPPENED, UNDER_WAY = "signed", "in force", "happened", "under way"


@dataclass(frozen=True)
class Step:
    """One dated status change, from statuses.csv or derived from the row's own dates."""

    date: PartialDate
    status: str
    source_ids: tuple[str, ...] = ()
    note: str | None = None
    #: the statuses.csv row it comes from (None when derived from the subject's own columns)
    change: StatusChange | None = None
    #: False when the date is only when the status was last known to hold (a row's
    #: status_as_of), not when it began: before it, the status is unknown, not "not yet"
    begins: bool = True


@dataclass(frozen=True)
class StatusAt:
    """A subject's status on a day, with the step it rests on."""

    subject_id: str
    day: date
    status: str | None  # None: nothing recorded had happened yet by that day
    since: PartialDate | None
    source_ids: tuple[str, ...] = ()
    #: a step whose date (month or year only) may or may not fall before `day`
    pending: Step | None = None
    #: False when no dated status is recorded for the subject at all
    recorded: bool = True
    #: the first step that surely came after `day` (for "what came next", greyed out)
    next: Step | None = None

    @property
    def label(self) -> str:
        if not self.recorded:
            return "no dated status recorded"
        if self.status is None:
            unknown = self.next is not None and not self.next.begins
            text = "no status recorded yet" if unknown else "not yet"
        else:
            text = self.status
        if self.pending is not None:
            text += f" (possibly {self.pending.status}: dated only {self.pending.date.human()})"
        return text

    @property
    def since_text(self) -> str:
        return self.since.human() if self.since is not None else ""

    @property
    def next_text(self) -> str:
        """'in force on 2 October 2025', or '' when nothing more is recorded."""
        if self.next is None:
            return ""
        return f"{self.next.status} {on(self.next.date)}"


# ------------------------------------------------------------------ the steps
def changes_for(dataset: Dataset, subject_id: str) -> list[StatusChange]:
    """The subject's rows in statuses.csv, oldest first (ties keep file order)."""
    rows = [row for row in dataset.statuses if row.subject_id == subject_id]
    return sorted(rows, key=lambda row: (row.date.start, row.date.end))


def _treaty_steps(treaty: Treaty) -> list[Step]:
    sources = tuple(treaty.source_ids)
    steps = [Step(treaty.signed, SIGNED, sources)]
    if isinstance(treaty.entered_into_force, PartialDate):
        steps.append(Step(treaty.entered_into_force, IN_FORCE, sources))
    if treaty.ended is not None:
        ended = treaty.status.value if treaty.status.value in ("superseded", "expired") else "ended"
        steps.append(Step(treaty.ended, ended, sources))
    return steps


def _event_steps(event: Event) -> list[Step]:
    sources = tuple(event.source_ids)
    if event.end_date is not None and event.end_date.end > event.date.end:
        return [Step(event.date, UNDER_WAY, sources), Step(event.end_date, HAPPENED, sources)]
    return [Step(event.date, HAPPENED, sources)]


def _own_steps(dataset: Dataset, subject_id: str) -> list[Step]:
    """Steps implied by the subject row's own columns."""
    found = dataset.find(subject_id)
    if found is None:
        return []
    _table, row = found
    if isinstance(row, Treaty):
        return _treaty_steps(row)
    if isinstance(row, Event):
        return _event_steps(row)
    if isinstance(row, System | ExchangeItem):
        # the status last known to hold on status_as_of: from then on, as last recorded
        return [Step(row.status_as_of, row.status.value, tuple(row.source_ids), begins=False)]
    return []


def steps_for(dataset: Dataset, subject_id: str) -> list[Step]:
    """Every dated step for the subject, oldest first.

    statuses.csv comes first. A treaty's own signature / entry-into-force / end dates
    fill in only the steps statuses.csv does not name; other rows' own dates are used
    only when statuses.csv has nothing at all for them.
    """
    recorded = [
        Step(c.date, c.status, tuple(c.source_ids), c.note, c)
        for c in changes_for(dataset, subject_id)
    ]
    own = _own_steps(dataset, subject_id)
    found = dataset.find(subject_id)
    if found is not None and isinstance(found[1], Treaty):
        named = {step.status.strip().lower() for step in recorded}
        extra = [step for step in own if step.status not in named]
    else:
        extra = [] if recorded else own
    steps = recorded + extra
    # stable: statuses.csv order wins ties
    return sorted(steps, key=lambda step: (step.date.start, step.date.end))


# -------------------------------------------------------------- status on a day
def _status_from_steps(subject_id: str, steps: list[Step], day: date) -> StatusAt:
    done: list[Step] = []
    maybe: list[Step] = []
    later: list[Step] = []
    for step in steps:
        happened = step.date.happened_by(day)
        if happened is True:
            done.append(step)
        elif happened is None:
            maybe.append(step)
        else:
            later.append(step)
    current = done[-1] if done else None
    # an uncertain step matters only if it may have come after the current one and
    # would change the answer
    pending = next(
        (
            step
            for step in reversed(maybe)
            if current is None
            or (step.date.end > current.date.end and step.status != current.status)
        ),
        None,
    )
    following = later[0] if later else None
    if current is None:
        return StatusAt(subject_id, day, None, None, (), pending, bool(steps), following)
    return StatusAt(
        subject_id,
        day,
        current.status,
        current.date,
        current.source_ids,
        pending,
        True,
        following,
    )


def status_on(dataset: Dataset, subject_id: str, day: date) -> StatusAt:
    """The status of any treaty, provision, system, exchange item or event on `day`.

    The latest step surely on or before `day`; a step dated only to a month or year
    that contains `day` is reported as `pending` instead of being guessed either way.
    A provision has the status of its treaty.
    """
    found = dataset.find(subject_id)
    if found is not None and isinstance(found[1], Provision):
        treaty_at = status_on(dataset, found[1].treaty_id, day)
        return StatusAt(
            subject_id,
            day,
            treaty_at.status,
            treaty_at.since,
            treaty_at.source_ids,
            treaty_at.pending,
            treaty_at.recorded,
            treaty_at.next,
        )
    return _status_from_steps(subject_id, steps_for(dataset, subject_id), day)


def treaty_status_on(dataset: Dataset, treaty: Treaty, day: date) -> StatusAt:
    """A treaty's status on `day` (statuses.csv, filled in from signed / in force / ended)."""
    return status_on(dataset, treaty.id, day)


def happened_by(when: PartialDate, day: date) -> bool:
    """For filtering: True only if `when` was surely on or before `day`."""
    return when.happened_by(day) is True


#: how a dated thing stands on the as-of day
HAPPENED_STATE = "happened"
UNDER_WAY_STATE = "under way"
MAYBE_STATE = "may have happened"
AFTER_STATE = "after the as-of date"


def period_state(start: PartialDate, end: PartialDate | None, day: date) -> str:
    """'happened', 'under way', 'may have happened' or 'after the as-of date' on `day`.

    `end` is the last day of something that spans days (None for a single date).
    A date known only to the month or year that contains `day` 'may have happened'.
    """
    last = end if end is not None and end.end > start.end else None
    begun = start.happened_by(day)
    if begun is False:
        return AFTER_STATE
    if last is not None:
        if last.happened_by(day) is True:
            return HAPPENED_STATE
        return UNDER_WAY_STATE if begun is True else MAYBE_STATE
    return HAPPENED_STATE if begun is True else MAYBE_STATE


# ------------------------------------------------------------ the as-of date
def latest(dataset: Dataset) -> date:
    """The data's own as-of date (today when the package does not say)."""
    return dataset.as_of or date.today()


def clamp(day: date | None, dataset: Dataset) -> date:
    """The as-of day to use: the requested one, never later than the data's own as-of."""
    limit = latest(dataset)
    if day is None or day > limit:
        return limit
    return day


def parse_url_day(text: str) -> date | None:
    """A day as the sidebar's date widget reads it from a link, or None.

    Streamlit's date input accepts YYYY-MM-DD and YYYY/MM/DD (zero padding optional);
    anything it accepts is accepted here, so the notice and the view agree.
    """
    for pattern in ("%Y-%m-%d", "%Y/%m/%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except (TypeError, ValueError):
            continue
    return None


@dataclass(frozen=True)
class AsOfChoice:
    """The as-of day a link asks for, the day the views use, and what to tell the reader."""

    day: date
    latest: date
    #: plain text (escape before rendering), None when the link was fine or had no date
    notice: str | None = None

    @property
    def is_latest(self) -> bool:
        return self.day >= self.latest


def resolve_as_of(values: list[str] | tuple[str, ...], dataset: Dataset) -> AsOfChoice:
    """Interpret the `as_of` values of a link (as the sidebar widget will).

    No value, or an empty one: the data's as-of date. One valid day between
    EARLIEST and the data's as-of: that day. Anything else falls back to the data's
    as-of date with a notice saying why; with several days the first one counts.
    """
    limit = latest(dataset)
    given = [value for value in values if value != ""]
    if not given:
        return AsOfChoice(limit, limit)
    parsed_days = [parse_url_day(value) for value in given]
    for value, parsed in zip(given, parsed_days, strict=True):
        if parsed is None:
            return AsOfChoice(
                limit,
                limit,
                f"The link's as-of date '{value[:40]}' is not a date (write YYYY-MM-DD); "
                f"showing the latest data ({limit.isoformat()}) instead.",
            )
    days = [parsed for parsed in parsed_days if parsed is not None]
    for parsed in days:
        if parsed > limit:
            return AsOfChoice(
                limit,
                limit,
                f"The link's as-of date {parsed.isoformat()} is after the data's own as-of "
                f"date ({limit.isoformat()}); showing the latest data instead.",
            )
        if parsed < EARLIEST:
            return AsOfChoice(
                limit,
                limit,
                f"The link's as-of date {parsed.isoformat()} is before {EARLIEST.isoformat()}, "
                "the earliest date this briefing offers; showing the latest data instead.",
            )
    notice = None
    if len(set(days)) > 1:
        notice = f"The link gives several as-of dates; using the first ({days[0].isoformat()})."
    return AsOfChoice(days[0], limit, notice)


def on(when: PartialDate) -> str:
    """'on 2 October 2025', 'in March 2025', 'in 1979': never more precise than the date."""
    return f"on {when.human()}" if when.precision == "day" else f"in {when.human()}"


def as_of_text(day: date) -> str:
    """'10 October 2024' (never a US or ambiguous numeric date)."""
    return PartialDate(day.year, day.month, day.day).human()
