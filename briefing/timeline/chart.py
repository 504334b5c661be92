"""The timeline chart and its overview strip (Altair; the same spec on screen and in the
PDF), honest about date precision and the as-of date."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import altair as alt
import pandas as pd

from briefing import asof
from briefing.asof import AFTER_STATE, HAPPENED_STATE, MAYBE_STATE, UNDER_WAY_STATE
from briefing.charts import EXTRA_COLOURS, OKABE_ITO, style
from briefing.text import shorten
from briefing.timeline.events import PRECISION, EventRow
from briefing.timeline.state import THEMES, TimelineFilters

STATE_FILL = {HAPPENED_STATE: 1.0, UNDER_WAY_STATE: 1.0, MAYBE_STATE: 0.35, AFTER_STATE: 0.0}
AFTER_GREY = "#8C8C8C"
#: a grey for table text after the as-of date that still reads on white (contrast > 4.5:1)
AFTER_TEXT_GREY = "#6E6E6E"


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
        palette = dict(zip(THEMES, OKABE_ITO + EXTRA_COLOURS, strict=False))
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
