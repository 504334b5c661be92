"""The package chart (Altair; the same spec on screen and in the PDF)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import altair as alt

from briefing.charts import OKABE_ITO, style
from briefing.exchange.ledger import LedgerRow, in_sentence
from briefing.exchange.state import IRAN, PARTIES, RUSSIA, Weights
from briefing.exchange.wording import CHART_ALT
from briefing.store import Dataset
from briefing.text import shorten

COLOURS = {IRAN: OKABE_ITO[0], RUSSIA: OKABE_ITO[5]}
SHAPES = {IRAN: "triangle-up", RUSSIA: "square"}
OTHER_COLOUR = "#999999"


def chart_records(
    rows: Sequence[LedgerRow],
    chosen: Iterable[str],
    weights: Weights,
    width: int | None = None,
) -> list[dict[str, Any]]:
    """One record per item for the chart; labels placed for a plot `width` pixels wide."""
    chosen = set(chosen)
    fv, fc, fe = (weights.factor(n) for n in ("value", "cost", "escalation"))
    records = []
    for row in rows:
        records.append(
            {
                "id": row.id,
                "item": row.name,
                "giver": f"{row.giver} gives",
                "party": row.giver,
                "chosen": row.id in chosen,
                "in_package": "in the package" if row.id in chosen else "not chosen",
                "value": round(fv * row.value, 2),
                "burden": round(fc * row.cost + fe * row.escalation, 2),
                "scores": f"value {row.value}, cost {row.cost}, escalation {row.escalation}, "
                f"feasibility {row.feasibility}",
                "status": row.status.label,
                "label": "",
            }
        )
    # one label per position, so items with the same scores do not print over each other
    spots: dict[tuple[float, float], list[dict[str, Any]]] = {}
    for record in records:
        if record["chosen"]:
            spots.setdefault((record["burden"], record["value"]), []).append(record)
    for group in spots.values():
        more = f" (+{len(group) - 1} more)" if len(group) > 1 else ""
        group[0]["label"] = shorten(group[0]["item"], 30) + more
    _place_labels(records, width or CHART_WIDTH)
    return records


CHART_WIDTH, CHART_HEIGHT = 560, 400
_CHAR_PX, _LINE_PX, _GAP_PX = 6.2, 14, 9


def chart_top(records: Sequence[dict[str, Any]]) -> float:
    """The axes' common upper end: the largest value or burden, at least 1."""
    return max([1.0] + [max(r["value"], r["burden"]) for r in records])


def _place_labels(records: list[dict[str, Any]], plot_width: int = 560) -> None:
    """Give each label a side ('left' of the point near the right edge, else 'right') and a
    height (`label_y`, in data units) so that no two labels overlap: a label that would
    overlap one already placed moves down a line at a time."""
    top = chart_top(records)
    x_px, y_px = plot_width / top, plot_width * CHART_HEIGHT / CHART_WIDTH / top
    placed: list[tuple[float, float, float, float]] = []
    labelled = [r for r in records if r["label"]]
    for record in sorted(labelled, key=lambda r: (-r["value"], r["burden"])):
        width = len(record["label"]) * _CHAR_PX
        px = record["burden"] * x_px
        right = px + _GAP_PX + width <= plot_width + 120 or px - _GAP_PX - width < -40
        left_edge = px + _GAP_PX if right else px - _GAP_PX - width
        y = (top - record["value"]) * y_px - _LINE_PX / 2
        for _ in range(40):
            box = (left_edge, y - _LINE_PX / 2, left_edge + width, y + _LINE_PX / 2)
            if not any(_overlap(box, other) for other in placed):
                break
            y += _LINE_PX
        placed.append(box)
        record["label_side"] = "right" if right else "left"
        record["label_y"] = round(top - y / y_px, 3)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def chart_takeaway(records: Sequence[dict[str, Any]]) -> str:
    chosen = [r for r in records if r["chosen"]]
    if not chosen:
        return "No items are chosen; the grey points show every item on offer."
    above = [r for r in chosen if r["value"] >= r["burden"]]
    worst = min(chosen, key=lambda r: r["value"] - r["burden"])
    verb = "is" if len(above) == 1 else "are"
    text = (
        f"On your weights {len(above)} of the {len(chosen)} chosen "
        f"item{'s' if len(chosen) != 1 else ''} {verb} worth at least as much to the "
        "receiver as they cost and risk the giver"
    )
    if worst["value"] < worst["burden"]:
        text += f"; {in_sentence(worst['item'])} falls furthest below the line"
    return text + "."


def package_chart(
    rows: Sequence[LedgerRow],
    chosen: Iterable[str],
    weights: Weights,
    source: str = "",
    width: int = CHART_WIDTH,
) -> alt.TopLevelMixin:
    """Value to the receiver against cost plus escalation risk to the giver, per item.

    `width` is the plot's width in pixels (labels are placed for it; the height keeps the
    proportions). Streamlit fits the whole chart, axes and legend included, into its
    column, so a page passes the plot width it expects there (about 440 in half a wide
    page); the PDF and the downloads use the default."""
    records = chart_records(rows, chosen, weights, width)
    top = chart_top(records)
    base = alt.Chart(alt.Data(values=records))
    x = alt.X(
        "burden:Q",
        title="Cost + escalation risk to the giver (weighted)",
        scale=alt.Scale(domain=[0, top]),
    )
    y = alt.Y("value:Q", title="Value to the receiver (weighted)", scale=alt.Scale(domain=[0, top]))
    tooltip = [
        alt.Tooltip("item:N", title="item"),
        alt.Tooltip("giver:N", title="who gives"),
        alt.Tooltip("in_package:N", title="package"),
        alt.Tooltip("scores:N", title="scores (0-5)"),
        alt.Tooltip("status:N", title="status on the as-of date"),
    ]
    shapes = alt.Scale(domain=[f"{p} gives" for p in PARTIES], range=[SHAPES[p] for p in PARTIES])
    shape = alt.Shape("giver:N", title="Who gives", scale=shapes)
    diagonal = (
        alt.Chart(alt.Data(values=[{"x": 0, "y": 0}, {"x": top, "y": top}]))
        .mark_line(strokeDash=[4, 4], color="#555555")
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"))
    )
    others = (
        base.transform_filter("!datum.chosen")
        .mark_point(filled=False, size=90, color=OTHER_COLOUR, opacity=0.8)
        .encode(
            x=x, y=y, shape=alt.Shape("giver:N", title="Who gives", scale=shapes), tooltip=tooltip
        )
    )
    chosen_points = (
        base.transform_filter("datum.chosen")
        .mark_point(filled=True, size=170, opacity=1)
        .encode(
            x=x,
            y=y,
            shape=shape,
            color=alt.Color(
                "giver:N",
                title="Who gives",
                scale=alt.Scale(
                    domain=[f"{p} gives" for p in PARTIES], range=[COLOURS[p] for p in PARTIES]
                ),
            ),
            tooltip=tooltip,
        )
    )
    # labels beside their point (left of it near the right-hand edge), moved down a line
    # where they would overlap another label (see _place_labels)
    label_y = alt.Y("label_y:Q", scale=alt.Scale(domain=[0, top]))
    labels = [
        base.transform_filter(f"datum.label != '' && datum.label_side == '{side}'")
        .mark_text(align=align, dx=dx, fontSize=11, color="#222222")
        .encode(x=x, y=label_y, text=alt.Text("label:N"))
        for side, align, dx in (("right", "left", _GAP_PX), ("left", "right", -_GAP_PX))
    ]  # fmt: skip
    chart = alt.layer(diagonal, others, chosen_points, *labels).properties(
        width=width, height=round(width * CHART_HEIGHT / CHART_WIDTH), description=CHART_ALT
    )
    return style(chart, source=source, title="The package: value against cost and risk")


def chart_source(dataset: Dataset) -> str:
    return f"exchange table (analytic scores), data {dataset.version}"
