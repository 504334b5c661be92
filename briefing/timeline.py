"""The timeline and the claims tracker: what happened when, and which claims held.

Everything here is pure: plain values in (the dataset, filters, an as-of day),
plain rows and an Altair chart out. The page and the PDF (`report_section`) call
the same functions.

Honesty rules this module keeps:
- a date known only to the month or the year is never drawn or written as a day:
  it is written "August 2022", drawn as a bar across the month with its own mark
  shape, and counts as "may have happened" on any as-of day inside that month;
- events after the as-of date stay in the view, marked "after the as-of date"
  (hollow grey marks in the chart, a column in the table); they are hidden only
  when the reader explicitly asks for it (`only_known`);
- claims keep the claimant's words apart from ours (quote vs claim), and carry the
  evidence and its sources beside the assessment.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import altair as alt
import pandas as pd

from briefing import asof
from briefing.asof import AFTER_STATE, HAPPENED_STATE, MAYBE_STATE, UNDER_WAY_STATE
from briefing.charts import OKABE_ITO, spec, style
from briefing.citations import cite, cite_all
from briefing.dates import MONTHS, PartialDate
from briefing.report.model import Chart, Heading, Paragraph, Section, Table
from briefing.schema import Assessment, Claim, ClaimKind, Event, EventTheme
from briefing.store import Dataset
from briefing.text import shorten

# ------------------------------------------------------------------ vocabulary
LANES = ("theme", "actor")
THEMES = tuple(theme.value for theme in EventTheme)
ASSESSMENTS = tuple(a.value for a in Assessment)
CLAIM_KINDS = tuple(k.value for k in ClaimKind)

#: a symbol beside every assessment, so it never rests on colour (or on the word) alone
ASSESSMENT_SYMBOL = {
    Assessment.BORNE_OUT.value: "✔",
    Assessment.PARTLY_BORNE_OUT.value: "◑",
    Assessment.NOT_BORNE_OUT.value: "✘",
    Assessment.CONTRADICTED.value: "⊘",
    Assessment.DISPUTED.value: "⚠",
    Assessment.OPEN.value: "…",
}
ASSESSMENT_MEANING = {
    Assessment.BORNE_OUT.value: "later reporting shows it was right",
    Assessment.PARTLY_BORNE_OUT.value: "right in part, wrong or unconfirmed in part",
    Assessment.NOT_BORNE_OUT.value: "what was predicted did not happen",
    Assessment.CONTRADICTED.value: "other sources say something different",
    Assessment.DISPUTED.value: "named sources disagree; both sides are given",
    Assessment.OPEN.value: "not yet settled, or not checked against other sources",
}

#: how a date's precision is drawn: (words, mark shape)
PRECISION = {
    "day": ("exact day", "circle"),
    "month": ("month only", "square"),
    "year": ("year only", "diamond"),
}
STATE_FILL = {HAPPENED_STATE: 1.0, UNDER_WAY_STATE: 1.0, MAYBE_STATE: 0.35, AFTER_STATE: 0.0}
AFTER_GREY = "#8C8C8C"
#: a grey for table text after the as-of date that still reads on white (contrast > 4.5:1)
AFTER_TEXT_GREY = "#6E6E6E"

#: actor slugs whose plain capitalisation would be wrong
ACTOR_NAMES = {
    "brics": "BRICS",
    "un-security-council": "UN Security Council",
    "un": "UN",
    "hts": "HTS",
    "iaea": "IAEA",
    "eu": "EU",
    "us": "US",
    "uk": "UK",
    "csto": "CSTO",
    "nato": "NATO",
    "irgc": "IRGC",
}


def actor_name(slug: str) -> str:
    """'north-korea' -> 'North Korea'; known acronyms kept as acronyms."""
    key = slug.strip().lower()
    if key in ACTOR_NAMES:
        return ACTOR_NAMES[key]
    if slug != key or " " in slug:
        return slug.strip()  # already written as a name
    return " ".join(part.capitalize() for part in key.split("-") if part)


# ------------------------------------------------------------------- filters
@dataclass(frozen=True)
class TimelineFilters:
    """What the reader chose (as the URL holds it), after checking every value."""

    as_of: date
    actors: tuple[str, ...] = ()  # actor names as shown (empty: all)
    themes: tuple[str, ...] = ()  # event theme values (empty: all)
    start: date | None = None  # events ending before it are left out
    end: date | None = None  # events starting after it are left out
    lanes: str = "theme"
    only_known: bool = False  # hide what came after the as-of date (reader's explicit choice)
    assessments: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    claimants: tuple[str, ...] = ()  # claimant labels as shown (empty: all)
    ignored: tuple[str, ...] = field(default=(), compare=False)


def _values(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, Iterable):
        return [str(item) for item in value if str(item).strip()]
    return [str(value)]


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return asof.parse_url_day(value.strip())
    return None


def actors(dataset: Dataset) -> list[str]:
    """Every actor name, most frequent first (ties alphabetical)."""
    counts = Counter(actor_name(a) for event in dataset.events for a in event.actors)
    return sorted(counts, key=lambda name: (-counts[name], name.lower()))


def claimants(dataset: Dataset) -> dict[str, str]:
    """claimant label -> source id, in order of first appearance in claims.csv."""
    found: dict[str, str] = {}
    for claim in dataset.claims:
        label = claimant_label(dataset, claim.claimed_by)
        found.setdefault(label, claim.claimed_by)
    return found


def claimant_label(dataset: Dataset, source_id: str) -> str:
    source = dataset.source(source_id)
    if source is None:
        return source_id
    publisher = source.publisher
    if publisher.strip().lower().startswith("unknown"):
        publisher = "publisher not found"
    return f"{source.author} ({publisher})" if source.author else publisher


def date_bounds(dataset: Dataset) -> tuple[date, date]:
    """First and last day any event may mean (the default date range)."""
    if not dataset.events:
        latest = asof.latest(dataset)
        return latest, latest
    starts = [event.date.start for event in dataset.events]
    ends = [_until(event).end for event in dataset.events]
    return min(starts), max(ends)


def parse_state(dataset: Dataset, state: Mapping[str, Any] | None) -> TimelineFilters:
    """Filters from a state dict (URL values or widget values); unknown values are ignored
    and named in `ignored`. `state["as_of"]` is a date or YYYY-MM-DD (default: the data's)."""
    state = state or {}
    ignored: list[str] = []
    day = _day(state.get("as_of"))
    day = asof.clamp(day, dataset)

    known_actors = {name.lower(): name for name in actors(dataset)}
    known_actors.update({a.lower(): actor_name(a) for e in dataset.events for a in e.actors})
    chosen_actors = []
    for value in _values(state.get("event_actor")):
        name = known_actors.get(value.strip().lower())
        if name is None:
            ignored.append(f"event_actor={value[:40]}")
        elif name not in chosen_actors:
            chosen_actors.append(name)

    def pick(key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        chosen = []
        for value in _values(state.get(key)):
            if value in allowed:
                if value not in chosen:
                    chosen.append(value)
            else:
                ignored.append(f"{key}={value[:40]}")
        return tuple(chosen)

    labels = claimants(dataset)
    by_id = {source_id: label for label, source_id in labels.items()}
    chosen_claimants = []
    for value in _values(state.get("claimant")):
        label = value if value in labels else by_id.get(value)
        if label is None:
            ignored.append(f"claimant={value[:40]}")
        elif label not in chosen_claimants:
            chosen_claimants.append(label)

    bounds: dict[str, date | None] = {}
    for key in ("events_from", "events_to"):
        raw = state.get(key)
        parsed = _day(raw)
        if raw not in (None, "") and parsed is None:
            ignored.append(f"{key}={str(raw)[:40]}")
        bounds[key] = parsed
    start, end = bounds["events_from"], bounds["events_to"]
    if start and end and start > end:
        ignored.append(f"events_from={start.isoformat()} is after events_to={end.isoformat()}")
        start, end = end, start

    lanes = str(state.get("lanes") or "theme")
    if lanes not in LANES:
        ignored.append(f"lanes={lanes[:40]}")
        lanes = "theme"
    only_known = state.get("only_known")
    if isinstance(only_known, str):
        only_known = only_known.strip().lower() in ("true", "1", "yes")
    return TimelineFilters(
        as_of=day,
        actors=tuple(chosen_actors),
        themes=pick("event_theme", THEMES),
        start=start,
        end=end,
        lanes=lanes,
        only_known=bool(only_known),
        assessments=pick("claim_assessment", ASSESSMENTS),
        kinds=pick("claim_kind", CLAIM_KINDS),
        claimants=tuple(chosen_claimants),
        ignored=tuple(ignored),
    )


def view_query(filters: TimelineFilters, dataset: Dataset) -> dict[str, Any]:
    """The URL query reproducing the view (lists: encode with urlencode(doseq=True))."""
    query: dict[str, Any] = {}
    if filters.as_of < asof.latest(dataset):
        query["as_of"] = filters.as_of.isoformat()
    if filters.actors:
        query["event_actor"] = list(filters.actors)
    if filters.themes:
        query["event_theme"] = list(filters.themes)
    if filters.start:
        query["events_from"] = filters.start.isoformat()
    if filters.end:
        query["events_to"] = filters.end.isoformat()
    if filters.lanes != "theme":
        query["lanes"] = filters.lanes
    if filters.only_known:
        query["only_known"] = "true"
    if filters.assessments:
        query["claim_assessment"] = list(filters.assessments)
    if filters.kinds:
        query["claim_kind"] = list(filters.kinds)
    if filters.claimants:
        query["claimant"] = list(filters.claimants)
    return query


# -------------------------------------------------------------------- events
def _until(event: Event) -> PartialDate:
    """The last date the event covers (its end_date when it spans days)."""
    if event.end_date is not None and event.end_date.end > event.date.end:
        return event.end_date
    return event.date


def date_text(when: PartialDate, until: PartialDate | None = None) -> str:
    """'11 October 2024', 'August 2022', '2001', '13–24 June 2025': as precise as the source."""
    if until is None or until.end <= when.end:
        return when.human()
    if when.precision == until.precision == "day":
        if (when.year, when.month) == (until.year, until.month):
            return f"{when.day}–{until.day} {MONTHS[until.month - 1]} {until.year}"
        if when.year == until.year:
            return f"{when.day} {MONTHS[when.month - 1]} – {until.human()}"
    return f"{when.human()} – {until.human()}"


@dataclass(frozen=True)
class EventRow:
    """One event as the views show it."""

    id: str
    title: str
    when: PartialDate
    until: PartialDate | None  # last date, for events spanning days
    date_text: str
    precision: str  # 'exact day', 'month only', 'year only'
    start: date  # first day it may mean
    end: date  # last day it may mean
    actors: tuple[str, ...]  # names
    theme: str
    significance: str
    note: str
    treaty_id: str | None
    source_ids: tuple[str, ...]
    locator: str
    confidence: str
    state: str  # on the as-of day: happened / under way / may have happened / after …
    claim_ids: tuple[str, ...] = ()

    @property
    def after(self) -> bool:
        return self.state == AFTER_STATE


def claims_about(dataset: Dataset, subject_id: str) -> list[Claim]:
    """Claims whose subject_ids name the row: where sources disagree about it."""
    return [claim for claim in dataset.claims if subject_id in claim.subject_ids]


def event_row(dataset: Dataset, event: Event, day: date) -> EventRow:
    until = _until(event)
    spans = until is not event.date
    return EventRow(
        id=event.id,
        title=event.title,
        when=event.date,
        until=until if spans else None,
        date_text=date_text(event.date, until if spans else None),
        precision=PRECISION[event.date.precision][0],
        start=event.date.start,
        end=until.end,
        actors=tuple(actor_name(a) for a in event.actors),
        theme=event.theme.value,
        significance=event.significance,
        note=event.note or "",
        treaty_id=event.treaty_id,
        source_ids=tuple(event.source_ids),
        locator=event.locator,
        confidence=event.confidence.value,
        state=asof.period_state(event.date, until if spans else None, day),
        claim_ids=tuple(claim.id for claim in claims_about(dataset, event.id)),
    )


def event_rows(dataset: Dataset, filters: TimelineFilters) -> list[EventRow]:
    """The events the filters select, oldest first, each with its state on the as-of day."""
    rows = []
    for event in dataset.events:
        row = event_row(dataset, event, filters.as_of)
        if filters.themes and row.theme not in filters.themes:
            continue
        if filters.actors and not set(row.actors) & set(filters.actors):
            continue
        if filters.start and row.end < filters.start:
            continue
        if filters.end and row.start > filters.end:
            continue
        if filters.only_known and row.after:
            continue
        rows.append(row)
    return sorted(rows, key=lambda r: (r.start, r.end, r.title))


def hidden_after(dataset: Dataset, filters: TimelineFilters) -> int:
    """How many events the 'only what was known' switch is hiding (0 when it is off)."""
    if not filters.only_known:
        return 0
    return len(event_rows(dataset, replace(filters, only_known=False))) - len(
        event_rows(dataset, filters)
    )


def source_labels(dataset: Dataset, source_ids: Iterable[str]) -> str:
    return "; ".join(citation.label for citation in cite_all(dataset, tuple(source_ids)))


def state_words(state: str, day: date) -> str:
    """The state as a reader reads it: 'after 10 October 2024', 'happened by then'."""
    when = asof.as_of_text(day)
    return {
        HAPPENED_STATE: f"happened by {when}",
        UNDER_WAY_STATE: f"under way on {when}",
        MAYBE_STATE: f"may have happened by {when} (date known only to the month or year)",
        AFTER_STATE: f"after the as-of date ({when})",
    }[state]


def events_table(dataset: Dataset, rows: list[EventRow], day: date) -> list[dict[str, Any]]:
    """One dict per event: what the page's table and the CSV export show."""
    claims = {claim.id: claim for claim in dataset.claims}
    table = []
    for row in rows:
        about = [claims[cid] for cid in row.claim_ids if cid in claims]
        doubted = sum(
            c.assessment.value in ("disputed", "contradicted", "not borne out") for c in about
        )
        claim_text = ""
        if about:
            claim_text = f"{len(about)} claim{'s' if len(about) > 1 else ''}"
            if doubted:
                claim_text += f" ({doubted} disputed, contradicted or not borne out)"
        table.append(
            {
                "when": row.date_text,
                "precision": row.precision,
                "event": row.title,
                "theme": row.theme,
                "actors": ", ".join(row.actors),
                "as_of": state_words(row.state, day),
                "confidence": row.confidence,
                "sources": source_labels(dataset, row.source_ids),
                "claims": claim_text,
                "significance": row.significance,
                "note": row.note,
                "source_ids": "; ".join(row.source_ids),
                "locator": row.locator,
                "id": row.id,
                "after": row.after,
            }
        )
    return table


EVENT_COLUMNS = (
    "when",
    "precision",
    "event",
    "theme",
    "actors",
    "as_of",
    "confidence",
    "sources",
    "claims",
    "significance",
    "note",
    "source_ids",
    "locator",
    "id",
)


def event_label(row: EventRow) -> str:
    """How an event is named in a picker: date and a shortened title."""
    return f"{row.date_text} · {shorten(row.title, 80)}"


@dataclass(frozen=True)
class EventDetail:
    row: EventRow
    state_text: str
    treaty_text: str  # '' unless the event is a step of a treaty
    claims: tuple[ClaimRow, ...]


def event_detail(dataset: Dataset, row: EventRow, day: date) -> EventDetail:
    treaty_text = ""
    if row.treaty_id:
        treaty = dataset.get("treaties", row.treaty_id)
        name = treaty.short_name if treaty is not None else row.treaty_id
        status = asof.status_on(dataset, row.treaty_id, day)
        treaty_text = f"On {asof.as_of_text(day)} the {name} treaty stood at: {status.label}"
        if status.since is not None:
            treaty_text += f" ({asof.on(status.since)})"
        treaty_text += "."
    filters = TimelineFilters(as_of=day)
    claims = tuple(
        claim_row(dataset, claim, filters.as_of)
        for claim in dataset.claims
        if claim.id in row.claim_ids
    )
    return EventDetail(row, state_words(row.state, day), treaty_text, claims)


# --------------------------------------------------------------------- chart
def _lane_order(rows: list[EventRow], lanes: str) -> list[str]:
    if lanes == "theme":
        present = {row.theme for row in rows}
        return [theme for theme in THEMES if theme in present]
    counts = Counter(actor for row in rows for actor in row.actors)
    return sorted(counts, key=lambda name: (-counts[name], name.lower()))


RECORD_COLUMNS = (
    "lane", "start", "end", "mark", "event", "when", "precision", "shape", "theme", "actors",
    "state", "after", "fill_opacity", "confidence", "spans",
)  # fmt: skip


def chart_records(rows: list[EventRow], lanes: str, day: date) -> list[dict[str, Any]]:
    """One record per mark (an event with three actors sits in three actor lanes)."""
    records = []
    for row in rows:
        lane_values = (row.theme,) if lanes == "theme" else row.actors
        shape_name = PRECISION[row.when.precision][1]
        for lane in lane_values:
            middle = row.start + (row.end - row.start) / 2
            records.append(
                {
                    "lane": lane,
                    "start": row.start.isoformat(),
                    # bars run to the end of the last day
                    "end": (row.end + timedelta(days=1)).isoformat(),
                    "mark": (row.start if row.precision == "exact day" else middle).isoformat(),
                    "event": shorten(row.title, 90),
                    "when": row.date_text,
                    "precision": row.precision,
                    "shape": shape_name,
                    "theme": row.theme,
                    "actors": shorten(", ".join(row.actors), 90),
                    "state": row.state,
                    "after": row.after,
                    "fill_opacity": STATE_FILL[row.state],
                    "confidence": row.confidence,
                    "spans": row.end > row.start,
                }
            )
    return records


#: ranges longer than this open on their last DETAIL_YEARS, with an overview strip below
OVERVIEW_AFTER_YEARS = 8
DETAIL_YEARS = 4.5


def _iso(day: date) -> str:
    return day.isoformat()


@dataclass(frozen=True)
class ChartRange:
    """The whole range of the events shown, and the period the chart draws."""

    full_start: date
    full_end: date
    start: date
    end: date

    @property
    def with_strip(self) -> bool:
        """The chart draws less than the whole range: a strip shows the rest."""
        return (self.start, self.end) != (self.full_start, self.full_end)


def chart_range(rows: list[EventRow], day: date, filters: TimelineFilters | None = None):
    """The period drawn: the reader's From/To when set; otherwise a long range opens on
    its last DETAIL_YEARS (where most events sit) and the strip shows the whole range.
    The as-of day is kept in view when it falls up to two years after the last event."""
    if not rows:
        start, end = day - timedelta(days=365), day + timedelta(days=30)
        return ChartRange(start, end, start, end)
    first = min(row.start for row in rows)
    last = max(row.end for row in rows) + timedelta(days=1)
    if first <= day <= last + timedelta(days=730):
        last = max(last, day + timedelta(days=1))
    pad = max(timedelta(days=15), (last - first) / 40)
    full_start, full_end = first - pad, last + pad
    chosen = filters is not None and (filters.start or filters.end)
    if chosen or (last - first).days / 365.25 <= OVERVIEW_AFTER_YEARS:
        return ChartRange(full_start, full_end, full_start, full_end)
    window_start = last - timedelta(days=round(DETAIL_YEARS * 365.25))
    return ChartRange(full_start, full_end, window_start, last + (last - window_start) / 40)


def _time_axis(first: date, last: date) -> alt.Axis:
    """Years for long ranges, quarters for short ones (labels never imply a day)."""
    years = (last - first).days / 365.25
    if years <= 3:
        ticks: Any = {"interval": "month", "step": 3}
        label = "%b %Y"
    else:
        ticks = {"interval": "year", "step": 1 if years <= 16 else 2}
        label = "%Y"
    return alt.Axis(format=label, tickCount=ticks, labelOverlap=True, grid=True, gridOpacity=0.3)


def outside_window(rows: list[EventRow], span: ChartRange) -> int:
    """Events the detail chart does not reach (they are in the strip and the table)."""
    return sum(row.end < span.start or row.start > span.end for row in rows)


def chart_alt_text(
    rows: list[EventRow], lanes: str, day: date, span: ChartRange | None = None
) -> str:
    if not rows:
        return "An empty timeline: no events match the filters."
    span = span or chart_range(rows, day)
    after = sum(row.after for row in rows)
    maybe = sum(row.state == MAYBE_STATE for row in rows)
    text = (
        f"Timeline of {len(rows)} events from {rows[0].date_text} to {rows[-1].date_text}, "
        f"in one lane per {lanes}. Circles mark events known to the day; squares mark events "
        "known only to the month and diamonds events known only to the year, each with a bar "
        "across the whole month or year; events spanning several days have a bar from first "
        f"to last day. A dashed line marks the as-of date, {asof.as_of_text(day)}. "
    )
    if after:
        text += f"{after} event{'s' if after > 1 else ''} after it {'are' if after > 1 else 'is'} "
        text += "drawn hollow and grey. "
    if maybe:
        text += (
            f"{maybe} event{'s' if maybe > 1 else ''} dated only to a month or year that "
            "contains the as-of date "
            f"{'are' if maybe > 1 else 'is'} drawn half-filled (may have happened by then). "
        )
    hidden = outside_window(rows, span)
    if hidden:
        text += (
            f"The chart draws {span.start.year} to {span.end.year}; the {hidden} earlier "
            f"event{'s' if hidden > 1 else ''} {'are' if hidden > 1 else 'is'} in the strip "
            "below it and in the table (set From and To to draw another period)."
        )
    return text.strip()


def chart_takeaway(rows: list[EventRow], day: date) -> str:
    if not rows:
        return "No events match the filters."
    known = sum(row.state in (HAPPENED_STATE, UNDER_WAY_STATE) for row in rows)
    years = Counter(row.start.year for row in rows if row.precision != "year only")
    busiest = ""
    if years:
        year, count = max(years.items(), key=lambda item: (item[1], item[0]))
        busiest = f"; the busiest year shown is {year} ({count} of {len(rows)} events)"
    return (
        f"By {asof.as_of_text(day)}, {known} of the {len(rows)} events shown had happened{busiest}."
    )


def _fit(width: int | str) -> dict[str, Any]:
    """A chart as wide as its container keeps its own height (fit the width only)."""
    if width == "container":
        return {"autosize": alt.AutoSizeParams(type="fit-x", contains="padding")}
    return {}


def _as_of_layers(day: date, label: str, x_scale: alt.Scale, right_half: bool) -> list:
    data = alt.Data(values=[{"day": _iso(day), "label": label}])
    rule = (
        alt.Chart(data)
        .mark_rule(strokeDash=[5, 4], color="#333333", strokeWidth=1.5, clip=True)
        .encode(x=alt.X("day:T", scale=x_scale))
    )
    text = (
        alt.Chart(data)
        .mark_text(
            clip=True,
            align="right" if right_half else "left",
            baseline="top",
            dx=-4 if right_half else 4,
            dy=3,
            fontSize=11,
            color="#333333",
        )
        .encode(x=alt.X("day:T", scale=x_scale), y=alt.value(0), text=alt.Text("label:N"))
    )
    return [rule, text]


def timeline_chart(
    rows: list[EventRow],
    lanes: str,
    day: date,
    *,
    width: int | str = 760,
    span: ChartRange | None = None,
) -> alt.TopLevelMixin:
    """Events in lanes by theme or actor; precision drawn honestly; later events greyed.

    Shape says how precisely the date is known; a hollow grey mark came after the
    as-of date. In theme lanes the colour repeats the lane (never colour alone); in
    actor lanes colour only separates what had happened from what came later, and the
    theme is in the tooltip and the table.
    """
    span = span or chart_range(rows, day)
    drawn = [row for row in rows if row.end >= span.start and row.start <= span.end]
    records = chart_records(drawn, lanes, day)
    order = _lane_order(drawn, lanes)
    x_scale = alt.Scale(domain=[_iso(span.start), _iso(span.end)])
    # outer padding leaves room above the first lane for the as-of label
    y = alt.Y(
        "theme:N" if lanes == "theme" else "lane:N",
        sort=order,
        title=None,
        scale=alt.Scale(paddingOuter=0.7),
        axis=alt.Axis(labelLimit=220, labelFontSize=12),
    )
    if lanes == "theme":
        palette = dict(zip(THEMES, OKABE_ITO, strict=False))
        shown = [theme for theme in THEMES if theme in set(order)] or list(THEMES)
        colour: Any = alt.Color(
            "theme:N",
            scale=alt.Scale(domain=shown, range=[palette[t] for t in shown]),
            legend=None,  # the lanes name the themes
        )
    else:
        colour = alt.value(OKABE_ITO[0])
    later = alt.when(alt.datum.after).then(alt.value(AFTER_GREY))
    tooltip = [
        alt.Tooltip("event:N", title="event"),
        alt.Tooltip("when:N", title="date"),
        alt.Tooltip("precision:N", title="date known to"),
        alt.Tooltip("theme:N"),
        alt.Tooltip("actors:N"),
        alt.Tooltip("state:N", title="on the as-of date"),
        alt.Tooltip("confidence:N"),
    ]
    # a DataFrame is stored once at the top level (inline values would be copied per layer)
    base = alt.Chart(pd.DataFrame(records, columns=RECORD_COLUMNS))
    bars = (
        base.transform_filter("datum.spans")
        .mark_rule(strokeWidth=7, strokeCap="butt", opacity=0.45, clip=True)
        .encode(
            x=alt.X("start:T", scale=x_scale, title=None),
            x2=alt.X2("end:T"),
            y=y,
            color=later.otherwise(colour),
            tooltip=tooltip,
        )
    )
    points = base.mark_point(size=110, strokeWidth=1.8, opacity=0.95, clip=True).encode(
        x=alt.X("mark:T", scale=x_scale, title=None, axis=_time_axis(span.start, span.end)),
        y=y,
        shape=alt.Shape(
            "precision:N",
            scale=alt.Scale(
                domain=[words for words, _ in PRECISION.values()],
                range=[shape for _, shape in PRECISION.values()],
            ),
            legend=alt.Legend(title="date known to", orient="bottom"),
        ),
        color=later.otherwise(colour),
        fill=later.otherwise(colour),
        # filled: happened; half-filled: may have happened; hollow: after the as-of date
        # (said beside the as-of line: a fillOpacity legend does not render in this layering)
        fillOpacity=alt.FillOpacity(
            "fill_opacity:Q", scale=alt.Scale(domain=[0, 1], range=[0, 1]), legend=None
        ),
        tooltip=tooltip,
    )
    label = f"as of {day.day} {day:%b %Y}"
    if any(row.after for row in rows):
        label += " · hollow grey marks came later"
    right_half = (day - span.start) > (span.end - span.start) / 2
    layers = [bars, points]
    if span.start <= day <= span.end:
        layers += _as_of_layers(day, label, x_scale, right_half)
    chart = alt.layer(*layers).properties(
        width=width,
        height=max(120, 34 * max(len(order), 1)),
        description=chart_alt_text(rows, lanes, day, span),
        **_fit(width),
    )
    return style(
        chart,
        title=f"Events by {lanes}, as of {asof.as_of_text(day)}",
        source="the briefing's events table; each event's own sources are listed with it",
    )


def strip_alt_text(rows: list[EventRow], day: date, span: ChartRange) -> str:
    return (
        f"Overview strip of all {len(rows)} events, {rows[0].date_text} to "
        f"{rows[-1].date_text}, one tick each, grey after the as-of date "
        f"({asof.as_of_text(day)}); the shaded band, {span.start.year} to {span.end.year}, "
        "is the period the timeline above draws."
    )


def strip_takeaway(rows: list[EventRow], span: ChartRange) -> str:
    inside = len(rows) - outside_window(rows, span)
    return (
        f"{inside} of the {len(rows)} events fall in {span.start.year}–{span.end.year}, "
        "the period drawn above."
    )


def overview_strip(
    rows: list[EventRow], day: date, span: ChartRange, *, width: int | str = 760
) -> alt.TopLevelMixin:
    """The whole range at a glance, with the period the main chart draws shaded."""
    full = alt.Scale(domain=[_iso(span.full_start), _iso(span.full_end)])
    records = [
        {"mark": r["mark"], "after": r["after"], "event": r["event"], "when": r["when"]}
        for r in chart_records(rows, "theme", day)
    ]
    band = (
        alt.Chart(alt.Data(values=[{"from": _iso(span.start), "to": _iso(span.end)}]))
        .mark_rect(color="#DDDDDD", opacity=0.8)
        .encode(x=alt.X("from:T", scale=full), x2=alt.X2("to:T"))
    )
    ticks = (
        alt.Chart(pd.DataFrame(records, columns=["mark", "after", "event", "when"]))
        .mark_tick(thickness=2, size=16)
        .encode(
            x=alt.X(
                "mark:T",
                scale=full,
                title="all events; shaded: the period drawn above",
                axis=_time_axis(span.full_start, span.full_end),
            ),
            color=alt.when(alt.datum.after)
            .then(alt.value(AFTER_GREY))
            .otherwise(alt.value(OKABE_ITO[0])),
            tooltip=[alt.Tooltip("event:N"), alt.Tooltip("when:N", title="date")],
        )
    )
    rule = (
        alt.Chart(alt.Data(values=[{"day": _iso(day)}]))
        .mark_rule(strokeDash=[5, 4], color="#333333")
        .encode(x=alt.X("day:T", scale=full))
    )
    chart = alt.layer(band, ticks, rule).properties(
        width=width, height=34, description=strip_alt_text(rows, day, span), **_fit(width)
    )
    return style(chart)


# -------------------------------------------------------------------- claims
@dataclass(frozen=True)
class ClaimRow:
    id: str
    claim: str  # our words
    quote: str  # the claimant's words, verbatim ('' if none recorded)
    claimant_id: str
    claimant: str
    claimed: PartialDate | None
    date_text: str
    kind: str
    locator: str
    assessment: str
    evidence: str
    evidence_source_ids: tuple[str, ...]
    subject_ids: tuple[str, ...]
    confidence: str
    made: str  # on the as-of day: happened (made) / may have happened / after / 'date unknown'
    evidence_by_then: str  # how much of the evidence was published by the as-of day

    @property
    def assessment_text(self) -> str:
        return f"{ASSESSMENT_SYMBOL.get(self.assessment, '?')} {self.assessment}"

    @property
    def after(self) -> bool:
        return self.made == AFTER_STATE

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The claimant first, then the evidence."""
        return tuple(dict.fromkeys((self.claimant_id, *self.evidence_source_ids)))


def _evidence_by(dataset: Dataset, source_ids: tuple[str, ...], day: date) -> str:
    published, later, unknown = 0, 0, 0
    for source_id in dict.fromkeys(source_ids):
        source = dataset.source(source_id)
        when = source.published if source is not None else "unknown"
        if not isinstance(when, PartialDate):
            unknown += 1
        elif when.happened_by(day) is True:
            published += 1
        else:
            later += 1
    dated = published + later
    when = asof.as_of_text(day)
    if not dated and not unknown:
        return "no evidence sources recorded"
    if not dated:
        return f"evidence sources undated: cannot tell what was public by {when}"
    text = f"{published} of {dated} dated evidence sources published by {when}"
    return text + (f" ({unknown} more undated)" if unknown else "")


def claim_row(dataset: Dataset, claim: Claim, day: date) -> ClaimRow:
    claimed = claim.claim_date if isinstance(claim.claim_date, PartialDate) else None
    made = asof.period_state(claimed, None, day) if claimed else "date unknown"
    return ClaimRow(
        id=claim.id,
        claim=claim.claim,
        quote=claim.quote or "",
        claimant_id=claim.claimed_by,
        claimant=claimant_label(dataset, claim.claimed_by),
        claimed=claimed,
        date_text=claimed.human() if claimed else "date unknown",
        kind=claim.kind.value,
        locator=claim.locator,
        assessment=claim.assessment.value,
        evidence=claim.evidence,
        evidence_source_ids=tuple(claim.evidence_source_ids),
        subject_ids=tuple(claim.subject_ids),
        confidence=claim.confidence.value,
        made=made,
        evidence_by_then=_evidence_by(dataset, tuple(claim.evidence_source_ids), day),
    )


def claim_rows(dataset: Dataset, filters: TimelineFilters) -> list[ClaimRow]:
    """The claims the filters select, oldest claim first (undated last), file order on ties."""
    rows = []
    for claim in dataset.claims:
        row = claim_row(dataset, claim, filters.as_of)
        if filters.assessments and row.assessment not in filters.assessments:
            continue
        if filters.kinds and row.kind not in filters.kinds:
            continue
        if filters.claimants and row.claimant not in filters.claimants:
            continue
        if filters.only_known and row.after:
            continue
        rows.append(row)
    far = date.max
    return sorted(rows, key=lambda r: r.claimed.start if r.claimed else far)


def claim_made_words(row: ClaimRow, day: date) -> str:
    when = asof.as_of_text(day)
    return {
        HAPPENED_STATE: f"made by {when}",
        MAYBE_STATE: f"may have been made by {when} (dated only {row.date_text})",
        AFTER_STATE: f"made after the as-of date ({when})",
    }.get(row.made, "date of the claim unknown")


def subject_names(dataset: Dataset, subject_ids: Iterable[str]) -> str:
    names = []
    for subject_id in subject_ids:
        found = dataset.find(subject_id)
        if found is None:
            names.append(subject_id)
            continue
        _table, row = found
        name = (
            getattr(row, "short_name", None)
            or getattr(row, "title", None)
            or getattr(row, "name", None)
            or getattr(row, "item", None)
            or subject_id
        )
        names.append(shorten(name, 70))
    return "; ".join(names)


def claims_table(dataset: Dataset, rows: list[ClaimRow], day: date) -> list[dict[str, Any]]:
    return [
        {
            "claim": row.claim,
            "quote": row.quote,
            "claimed_by": row.claimant,
            "when": row.date_text,
            "kind": row.kind,
            "assessment": row.assessment_text,
            "evidence": row.evidence,
            "evidence_sources": source_labels(dataset, row.evidence_source_ids),
            "confidence": row.confidence,
            "as_of": f"{claim_made_words(row, day)}; {row.evidence_by_then}",
            "about": subject_names(dataset, row.subject_ids),
            "claimed_by_id": row.claimant_id,
            "evidence_source_ids": "; ".join(row.evidence_source_ids),
            "locator": row.locator,
            "id": row.id,
            "after": row.after,
        }
        for row in rows
    ]


CLAIM_COLUMNS = (
    "claim",
    "quote",
    "claimed_by",
    "when",
    "kind",
    "assessment",
    "evidence",
    "evidence_sources",
    "confidence",
    "as_of",
    "about",
    "claimed_by_id",
    "evidence_source_ids",
    "locator",
    "id",
)


def claim_label(row: ClaimRow) -> str:
    return f"{row.assessment_text} · {shorten(row.claim, 90)}"


def scorecard(rows: list[ClaimRow]) -> list[dict[str, Any]]:
    """Claims per claimant by assessment (the 'which predictions held' table)."""
    by_claimant: dict[str, Counter[str]] = {}
    for row in rows:
        by_claimant.setdefault(row.claimant, Counter())[row.assessment] += 1
    table = []
    for claimant, counts in sorted(by_claimant.items(), key=lambda item: -item[1].total()):
        entry: dict[str, Any] = {"claimed_by": claimant, "claims": counts.total()}
        for assessment in ASSESSMENTS:
            entry[f"{ASSESSMENT_SYMBOL[assessment]} {assessment}"] = counts[assessment]
        table.append(entry)
    return table


def claims_summary(rows: list[ClaimRow]) -> str:
    if not rows:
        return "No claims match the filters."
    counts = Counter(row.assessment for row in rows)
    parts = [f"{counts[a]} {a}" for a in ASSESSMENTS if counts[a]]
    return f"{len(rows)} claim{'s' if len(rows) > 1 else ''}: " + ", ".join(parts) + "."


# ------------------------------------------------------------ the whole view
@dataclass(frozen=True)
class TimelineView:
    filters: TimelineFilters
    events: list[EventRow]
    claims: list[ClaimRow]
    hidden: int  # events hidden by only_known


def build_view(dataset: Dataset, state: Mapping[str, Any] | None) -> TimelineView:
    """Everything the page shows, from the page's state (one call)."""
    filters = parse_state(dataset, state)
    return TimelineView(
        filters,
        event_rows(dataset, filters),
        claim_rows(dataset, filters),
        hidden_after(dataset, filters),
    )


def filter_summary(filters: TimelineFilters) -> str:
    parts = []
    if filters.actors:
        parts.append("actors: " + ", ".join(filters.actors))
    if filters.themes:
        parts.append("themes: " + ", ".join(filters.themes))
    if filters.start or filters.end:
        start = filters.start.isoformat() if filters.start else "the start"
        end = filters.end.isoformat() if filters.end else "the end"
        parts.append(f"dates {start} to {end}")
    if filters.only_known:
        parts.append("only what had happened by the as-of date")
    return "; ".join(parts) if parts else "all events"


def report_section(dataset: Dataset, state: Mapping[str, Any] | None = None) -> Section:
    """The timeline and the claims tracker as a document section (same rows as the page)."""
    view = build_view(dataset, state)
    filters, day = view.filters, view.filters.as_of
    events, claims = view.events, view.claims
    blocks: list = [
        Heading("Timeline"),
        Paragraph(
            f"As of {asof.as_of_text(day)}; {filter_summary(filters)}. Dates are given as "
            "precisely as the sources give them: an event known only to the month is written "
            "and drawn as that month, never as a day. Events after the as-of date are marked, "
            "not left out."
        ),
    ]
    if events:
        span = chart_range(events, day, filters)
        blocks.append(
            Chart(
                spec(timeline_chart(events, filters.lanes, day, span=span)),
                chart_alt_text(events, filters.lanes, day, span),
                chart_takeaway(events, day),
                (),  # the events table right below cites every event's sources
            )
        )
        if span.with_strip:
            blocks.append(
                Chart(
                    spec(overview_strip(events, day, span)),
                    strip_alt_text(events, day, span),
                    strip_takeaway(events, span),
                    (),
                )
            )
    blocks.append(
        Table(
            caption=f"Events ({len(events)}), with their state on {asof.as_of_text(day)}",
            columns=("When", "Event", "Theme", "Actors", "On the as-of date"),
            rows=tuple(
                (
                    row.date_text,
                    row.title,
                    row.theme,
                    ", ".join(row.actors),
                    state_words(row.state, day),
                )
                for row in events
            ),
            confidence=tuple(row.confidence for row in events),
            source_ids=tuple(row.source_ids for row in events),
            widths=(1.3, 3.5, 1.2, 1.6, 1.6),
        )
    )
    blocks.append(Heading("Claims tracker"))
    blocks.append(
        Paragraph(
            "Claims in the source articles and other reporting, checked against later "
            f"evidence. {claims_summary(claims)} The assessment is ours, as of the data's "
            "date; the last column says whether the claim and its evidence existed on the "
            "as-of date."
        )
    )
    blocks.append(
        Table(
            caption="Claims: who said what, when, and what the evidence shows",
            columns=("Claim (our summary)", "Claimed by", "When", "Assessment", "Evidence"),
            rows=tuple(
                (row.claim, row.claimant, row.date_text, row.assessment_text, row.evidence)
                for row in claims
            ),
            confidence=tuple(row.confidence for row in claims),
            source_ids=tuple(row.source_ids for row in claims),
            widths=(3, 1.5, 1, 1.2, 4),
        )
    )
    return Section(
        key="timeline",
        title="Timeline and claims",
        url_path="timeline",
        blocks=tuple(blocks),
        query=view_query(filters, dataset),
        summary=f"{len(events)} events and {len(claims)} claims, as of {asof.as_of_text(day)}.",
    )


def citation_line(dataset: Dataset, source_id: str) -> str:
    """'Publisher, date' for one source (for captions)."""
    return cite(dataset, source_id).label
