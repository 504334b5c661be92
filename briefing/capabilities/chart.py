"""The capability charts (Altair; the same spec on screen and in the PDF): acquisitions
and transfers over time, and what Iran has against what it wants."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt

from briefing.capabilities.systems import (
    AREAS,
    HAS,
    SENT,
    STAGES,
    UNCONFIRMED,
    WANTED,
    SystemRow,
    chart_name,
)
from briefing.capabilities.wording import GAP_ALT, TIMELINE_ALT
from briefing.charts import OKABE_ITO, style
from briefing.schema import Direction, SystemStatus
from briefing.text import shorten

STAGE_COLOURS = dict(
    zip(STAGES, (OKABE_ITO[2], OKABE_ITO[1], OKABE_ITO[5], OKABE_ITO[0]), strict=True)
)
STAGE_SHAPES = dict(zip(STAGES, ("circle", "diamond", "cross", "triangle-up"), strict=True))


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
