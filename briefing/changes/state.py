"""The What-changed view's state: where the window starts, where it ends, and what to tell.

The window runs from `since` to the as-of date. `since` is EXCLUSIVE and the as-of date
INCLUSIVE: "since the 2025 signing" (since = 17 January 2025) lists what came after the
signing day, up to and including the as-of day. A reader briefed on the day of the
signing knows the signing; the as-of day is the last day the app knows about.

The URL key is `since` (YYYY-MM-DD; the sidebar's YYYY/MM/DD is read too) or a preset key:

- `signing`: the signed date of treaty ru-ir-2025 in treaties.csv;
- `in-force`: that treaty's entered_into_force;
- `last-90-days`: 90 days before the latest event recorded by the as-of date (its last
  possible day, never later than the as-of date).

Whatever the link says, the reader gets a window and, when the link was not taken
literally, a plain-text notice saying why (`ChangesState.notices`):

- no `since`: the default preset (the first of the three the as-of date allows), no notice;
- not a date: the default preset, with a notice;
- a `since` on or after the as-of date: the default preset, with a notice. Not swapped:
  the window would then reach past the as-of date, which every view treats as "not yet
  known"; not clamped to the as-of date either: that window is empty;
- a `since` before the data begins: clamped to the day before the earliest dated row,
  so everything counts, with a notice;
- a `since` after every dated row: kept (the window is honestly empty), with a notice;
- an as-of date after the data's own: clamped to the data's, with a notice (as the
  sidebar does).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from briefing import asof
from briefing.dates import PartialDate
from briefing.store import Dataset

SINCE_KEY = "since"
#: the treaty the signing and entry-into-force presets read their dates from
PRESET_TREATY = "ru-ir-2025"
RECENT_DAYS = 90
SIGNING, IN_FORCE, RECENT = "signing", "in-force", "last-90-days"
PRESET_KEYS = (SIGNING, IN_FORCE, RECENT)
PRESET_LABELS = {
    SIGNING: "since the 2025 signing",
    IN_FORCE: "since entry into force",
    RECENT: f"the last {RECENT_DAYS} days of data",
}


def human(day: date) -> str:
    """'17 January 2025'."""
    return asof.as_of_text(day)


@dataclass(frozen=True)
class Preset:
    """A ready-made window start. `day` is the since date (exclusive)."""

    key: str
    label: str
    day: date | None
    #: why it cannot be used with this as-of date ('' when it can)
    reason: str = ""
    #: what the date rests on, e.g. "signed 17 January 2025 (treaties.csv, ru-ir-2025)"
    basis: str = ""

    @property
    def available(self) -> bool:
        return self.day is not None and not self.reason


@dataclass(frozen=True)
class ChangesState:
    """The window the view shows and what the reader is told about how it was read."""

    since: date  # exclusive: the first day that counts is the day after
    until: date  # inclusive: the as-of date
    #: the preset the since date came from, or equals ('' when none)
    preset: str = ""
    #: plain text (escape before rendering), one per thing not taken literally
    notices: tuple[str, ...] = ()

    @property
    def window_text(self) -> str:
        """'after 17 January 2025, up to and including 3 October 2025'."""
        return f"after {human(self.since)}, up to and including {human(self.until)}"


# ------------------------------------------------------------------ the data's reach
def _dated_rows(dataset: Dataset) -> Iterable[PartialDate]:
    for event in dataset.events:
        yield event.date
        if event.end_date is not None:
            yield event.end_date
    for change in dataset.statuses:
        yield change.date
    for treaty in dataset.treaties:
        yield treaty.signed
        for value in (treaty.entered_into_force, treaty.ended):
            if isinstance(value, PartialDate):
                yield value
    for source in dataset.sources:
        if isinstance(source.published, PartialDate):
            yield source.published
    for claim in dataset.claims:
        if isinstance(claim.claim_date, PartialDate):
            yield claim.claim_date


def data_begins(dataset: Dataset) -> PartialDate | None:
    """The earliest date any row carries (events, statuses, treaties, sources, claims)."""
    dates = list(_dated_rows(dataset))
    return min(dates, key=lambda d: (d.start, d.end)) if dates else None


def data_ends(dataset: Dataset) -> PartialDate | None:
    """The latest date any row carries (a source or event may postdate the as-of date)."""
    dates = list(_dated_rows(dataset))
    return max(dates, key=lambda d: (d.end, d.start)) if dates else None


def latest_event_by(dataset: Dataset, day: date) -> PartialDate | None:
    """The latest event that had begun by `day` (by its date, at its precision)."""
    dates = [event.date for event in dataset.events if event.date.start <= day]
    return max(dates, key=lambda d: (d.start, d.end)) if dates else None


# ------------------------------------------------------------------ presets
def presets(dataset: Dataset, as_of: date) -> list[Preset]:
    """The three presets for this as-of date, each with its day or why it is unavailable."""
    found: list[Preset] = []
    treaty = dataset.get("treaties", PRESET_TREATY)
    where = f"treaties.csv, {PRESET_TREATY}"
    if treaty is None:
        missing = f"treaty {PRESET_TREATY} is not in the data"
        found.append(Preset(SIGNING, PRESET_LABELS[SIGNING], None, missing))
        found.append(Preset(IN_FORCE, PRESET_LABELS[IN_FORCE], None, missing))
    else:
        for key, verb, when in (
            (SIGNING, "was signed", treaty.signed),
            (IN_FORCE, "entered into force", treaty.entered_into_force),
        ):
            if not isinstance(when, PartialDate):
                reason = f"the data does not record when treaty {PRESET_TREATY} {verb}"
                found.append(Preset(key, PRESET_LABELS[key], None, reason))
                continue
            day = when.end
            basis = f"the treaty {verb} {asof.on(when)} ({where})"
            reason = ""
            if day >= as_of:
                reason = (
                    f"the treaty {verb} {asof.on(when)}, not before the as-of date ({human(as_of)})"
                )
            found.append(Preset(key, PRESET_LABELS[key], day, reason, basis))
    latest = latest_event_by(dataset, as_of)
    if latest is None:
        end = as_of
        basis = f"no event is recorded by {human(as_of)}: {RECENT_DAYS} days before the as-of date"
    else:
        end = min(latest.end, as_of)
        basis = (
            f"{RECENT_DAYS} days before {human(end)}, the latest event recorded by the "
            f"as-of date ({latest.human()})"
        )
    found.append(
        Preset(RECENT, PRESET_LABELS[RECENT], end - timedelta(days=RECENT_DAYS), "", basis)
    )
    return found


def default_preset(dataset: Dataset, as_of: date) -> Preset:
    """The first preset this as-of date allows (the last one is always allowed)."""
    return next(p for p in presets(dataset, as_of) if p.available)


def accepts_since(value: str) -> bool:
    """For a page's URL check: a day (YYYY-MM-DD or YYYY/MM/DD) or a preset key.

    Range problems (after the as-of date, before the data) are not refused here:
    `parse_state` reads them sensibly and says so in its own notice.
    """
    text = str(value).strip()
    return text.lower() in PRESET_KEYS or asof.parse_url_day(text) is not None


# ------------------------------------------------------------------ parsing
def _first(value: Any, notices: list[str], key: str) -> Any:
    """One value from a URL value or a list of them (several: the first, with a notice)."""
    if isinstance(value, list | tuple):
        given = [item for item in value if item not in (None, "")]
        if len(set(map(str, given))) > 1:
            notices.append(f"The link gives several {key} values; using the first.")
        return given[0] if given else None
    return value


def _as_of(dataset: Dataset, value: Any, notices: list[str]) -> date:
    latest = asof.latest(dataset)
    if value is None or value == "":
        return latest
    if isinstance(value, date):
        if value > latest:
            notices.append(
                f"The as-of date {value.isoformat()} is after the data's own as-of date "
                f"({latest.isoformat()}); showing changes up to {latest.isoformat()}."
            )
            return latest
        return value
    choice = asof.resolve_as_of([str(value)], dataset)
    if choice.notice:
        notices.append(choice.notice)
    return choice.day


def parse_state(dataset: Dataset, state: Mapping[str, Any] | None) -> ChangesState:
    """The window from a state dict (`since`: a day, YYYY-MM-DD text or a preset key;
    `as_of`: a date or YYYY-MM-DD, default the data's). Never raises for bad input:
    every reading that is not literal comes with a notice."""
    state = state or {}
    notices: list[str] = []
    until = _as_of(dataset, _first(state.get("as_of"), notices, "as-of"), notices)
    fallback = default_preset(dataset, until)
    fallback_text = f"showing {fallback.label} (after {human(fallback.day)}) instead"
    raw = _first(state.get(SINCE_KEY), notices, SINCE_KEY)

    def default(notice: str | None = None) -> ChangesState:
        if notice:
            notices.append(notice)
        return ChangesState(fallback.day, until, fallback.key, tuple(notices))

    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return default()
    if isinstance(raw, date):
        day = raw
    else:
        text = str(raw).strip()
        by_key = {p.key: p for p in presets(dataset, until)}
        preset = by_key.get(text.lower())
        if preset is not None:
            if preset.available:
                return ChangesState(preset.day, until, preset.key, tuple(notices))
            return default(
                f"'{preset.label}' cannot be used with the as-of date {until.isoformat()}: "
                f"{preset.reason}; {fallback_text}."
            )
        parsed = asof.parse_url_day(text)
        if parsed is None:
            return default(
                f"The since date '{text[:40]}' is not a date (write YYYY-MM-DD, or one of "
                f"{', '.join(PRESET_KEYS)}); {fallback_text}."
            )
        day = parsed
    if day >= until:
        return default(
            f"The since date {day.isoformat()} is not before the as-of date "
            f"{until.isoformat()}: the window ends on the as-of date, so it must start "
            f"before it (change the as-of date to look further ahead); {fallback_text}."
        )
    begins = data_begins(dataset)
    if begins is not None and day < begins.start - timedelta(days=1):
        day = begins.start - timedelta(days=1)
        notices.append(
            f"The since date {str(raw).strip()[:40]} is before the data begins "
            f"({begins.human()}); showing everything recorded up to {until.isoformat()}."
        )
    ends = data_ends(dataset)
    if begins is not None and until < begins.start:
        notices.append(
            f"The as-of date {until.isoformat()} is before the data begins "
            f"({begins.human()}), so nothing can show as changed."
        )
    elif ends is not None and ends.end <= day:
        notices.append(
            f"Nothing in the data is dated after {human(day)} (the latest dated row is "
            f"{ends.human()}), so the window is empty."
        )
    matching = next((p.key for p in presets(dataset, until) if p.available and p.day == day), "")
    return ChangesState(day, until, matching, tuple(notices))


def view_query(state: ChangesState, dataset: Dataset) -> dict[str, str]:
    """The URL query reproducing the view: `since` always as a day (so the link keeps
    its window when the data grows), `as_of` when it is not the data's own."""
    query = {SINCE_KEY: state.since.isoformat()}
    if state.until < asof.latest(dataset):
        query["as_of"] = state.until.isoformat()
    return query
