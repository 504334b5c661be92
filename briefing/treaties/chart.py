"""The pledge-strength ladder as an Altair chart (the same spec on screen and in the PDF)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import altair as alt

from briefing import charts
from briefing.schema import OBLIGATION_LADDER
from briefing.text import shorten
from briefing.treaties.ladder import LadderPoint, ladder_alt_text

LABEL_LIMIT = 24  # characters of an article label beside a point
NAME_LIMIT = 40  # characters of a treaty name on the chart's axis


def _chart_names(names: Iterable[str]) -> dict[str, str]:
    """Each treaty label capped for the axis, kept distinct when capping makes a clash."""
    result: dict[str, str] = {}
    used: set[str] = set()
    for name in dict.fromkeys(names):
        short, n = shorten(name, NAME_LIMIT), 2
        while short in used:
            short, n = f"{shorten(name, NAME_LIMIT - 4)} ({n})", n + 1
        used.add(short)
        result[name] = short
    return result


def ladder_chart(points: Sequence[LadderPoint], day: date | None = None) -> alt.TopLevelMixin:
    """Dot chart: treaties down the side, the obligation ladder across.

    Text from the data is capped (names, article labels) so that no label can push
    the plot out of its frame, on screen or in print.
    """
    names = _chart_names(p.treaty for p in points)
    rows = [
        {
            "treaty": names[p.treaty],
            "role": "chosen treaty" if p.role == "chosen" else "reference clause",
            "rank": p.rank,
            "obligation": p.obligation,
            "clause": shorten(f"{p.article} ({p.theme})", 80),
            "label": shorten(p.article, LABEL_LIMIT) + ("" if p.signed else " (not yet signed)"),
            "confidence": p.confidence,
            "status": shorten(p.status, 80),
            "strongest": "strongest" if p.strongest else "other coded clause",
        }
        for p in points
    ]
    order = sorted(
        {r["treaty"]: r for r in rows if r["strongest"] == "strongest"}.values(),
        key=lambda r: (r["role"] != "chosen treaty", -r["rank"]),
    )
    treaty_order = [r["treaty"] for r in order] + [
        r["treaty"] for r in rows if r["treaty"] not in {o["treaty"] for o in order}
    ]
    data = alt.Data(values=rows)
    ladder = [code.value for code in OBLIGATION_LADDER]
    x = alt.X(
        "obligation:O",
        sort=ladder,
        scale=alt.Scale(domain=ladder),
        title="Obligation if a party is attacked (weakest → strongest)",
        axis=alt.Axis(labelAngle=-30, labelLimit=200, labelOverlap=False),
    )
    y = alt.Y(
        "treaty:N",
        sort=list(dict.fromkeys(treaty_order)),
        title=None,
        axis=alt.Axis(labelLimit=180),
    )
    tooltip = [
        alt.Tooltip(f"{field}:{kind}")
        for field, kind in (
            ("treaty", "N"),
            ("role", "N"),
            ("obligation", "N"),
            ("rank", "Q"),
            ("clause", "N"),
            ("confidence", "N"),
            ("status", "N"),
        )
    ]
    others = (
        alt.Chart(data)
        .mark_point(size=40, filled=True, color="#999999", shape="circle")
        .encode(x=x, y=y, tooltip=tooltip)
        .transform_filter(alt.datum.strongest == "other coded clause")
    )
    role_scale = alt.Scale(domain=["chosen treaty", "reference clause"], range=charts.OKABE_ITO[:2])
    shape_scale = alt.Scale(
        domain=["chosen treaty", "reference clause"], range=["circle", "diamond"]
    )
    best = alt.Chart(data).transform_filter(alt.datum.strongest == "strongest")
    marks = best.mark_point(size=260, filled=True, opacity=1).encode(
        x=x,
        y=y,
        color=alt.Color("role:N", scale=role_scale, title=None, legend=alt.Legend(orient="bottom")),
        shape=alt.Shape("role:N", scale=shape_scale, title=None),
        tooltip=tooltip,
    )
    labels = best.mark_text(align="left", dx=12, fontSize=11, color="#222222", limit=150).encode(
        x=x, y=y, text=alt.Text("label:N")
    )
    height = max(160, 34 * len(set(treaty_order)))
    chart = alt.layer(others, marks, labels).properties(
        width=560,
        height=height,
        description=ladder_alt_text(points),
        # fit the width to the page or column, but keep `height` for the plot itself:
        # with Streamlit's default ("fit") the labels and legend would eat the plot
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )
    stamp = f"; status as of {day.isoformat()}" if day else ""
    return charts.style(
        chart,
        title="How strong is each treaty's defence pledge?",
        source="treaty clauses in the provisions table; coding is our judgement" + stamp,
    )
