"""Altair chart helpers shared by every view: palette, source line, SVG/PNG export.

A chart is built once, by a function in a topic module that returns an
`alt.Chart`; the page shows it with `st.altair_chart`, the PDF converts the same
spec to SVG. Colours come from the Okabe–Ito palette (safe for the common forms of
colour blindness), and every chart that uses colour also uses shape or text, so
colour never carries meaning alone.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import altair as alt
from altair.utils import schemapi

#: Okabe & Ito (2008), "Color Universal Design"
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
#: beyond Okabe-Ito's eight: Tol's wine and olive, then grey (the lane name says the rest)
EXTRA_COLOURS = ["#882255", "#999933", "#888888"]
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "wedge", "stroke"]
FONT = "Noto Sans"


def style(chart: alt.TopLevelMixin, *, source: str = "", title: str = "") -> alt.TopLevelMixin:
    """House style: title, a source line under the chart, readable fonts."""
    props: dict[str, Any] = {}
    if title or source:
        props["title"] = alt.Title(
            text=title or "",
            subtitle=f"Source: {source}" if source else "",
            anchor="start",
            subtitleFontSize=10,
            subtitleColor="#555555",
        )
    # One copy of the chart, then the config set on it: altair's configure_* methods
    # each copy the whole chart again (about 15 ms a time for a layered chart).
    styled = chart.properties(**props) if props else chart.copy(deep=False)
    styled.config = alt.Config(
        font=FONT,
        axis=alt.AxisConfig(labelFontSize=11, titleFontSize=12, labelLimit=260),
        legend=alt.LegendConfig(labelFontSize=11, titleFontSize=12, labelLimit=260),
        view=alt.ViewConfig(stroke=None),
    )
    return styled


def spec(chart: alt.TopLevelMixin, *, validate: bool = False) -> dict[str, Any]:
    """The Vega-Lite dict (data inlined), as the PDF and the downloads see it.

    Not checked against the Vega-Lite JSON schema by default: that check costs about a
    second in a fresh process and the charts are fixed code, so the tests do it instead
    (tests/test_charts.py validates every chart every view builds)."""
    return chart.to_dict(validate=validate)


def is_chart(value: Any) -> bool:
    """Is `value` an Altair chart (single, layered or composed)?"""
    return isinstance(value, alt.TopLevelMixin)


@contextlib.contextmanager
def quick() -> Iterator[None]:
    """Build charts without Altair checking every object as it is made.

    Altair validates each piece of a chart against the Vega-Lite schema when it is created
    (its "debug mode"): a third of the time a chart takes to build. The charts are fixed
    code and tests/test_charts.py validates every spec every view builds, so the screen
    builds them without it. Same specs either way; only the checking is skipped. Altair's
    switch is process-wide: it is off while any thread is in here, and back as it was when
    the last one leaves.
    """
    global _quick_users, _debug_before
    with _quick_lock:
        if _quick_users == 0:
            _debug_before = schemapi.DEBUG_MODE
            schemapi.DEBUG_MODE = False
        _quick_users += 1
    try:
        yield
    finally:
        with _quick_lock:
            _quick_users -= 1
            if _quick_users == 0:
                schemapi.DEBUG_MODE = _debug_before


_quick_lock = threading.Lock()
_quick_users = 0
_debug_before = True


FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"


@lru_cache(maxsize=1)
def _converter():
    """vl-convert with the project's Noto fonts registered (once per process)."""
    import vl_convert as vlc

    if FONT_DIR.is_dir():
        vlc.register_font_directory(str(FONT_DIR))
    return vlc


def to_svg(chart_or_spec: alt.TopLevelMixin | dict[str, Any]) -> str:
    vlc = _converter()

    vl_spec = chart_or_spec if isinstance(chart_or_spec, dict) else spec(chart_or_spec)
    return vlc.vegalite_to_svg(vl_spec)


def to_png(chart_or_spec: alt.TopLevelMixin | dict[str, Any], scale: float = 2.0) -> bytes:
    vlc = _converter()

    vl_spec = chart_or_spec if isinstance(chart_or_spec, dict) else spec(chart_or_spec)
    return vlc.vegalite_to_png(vl_spec, scale=scale)
