"""Charts for print: each Vega-Lite spec drawn once as SVG (vl-convert), cached by spec."""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from concurrent.futures import Future
from typing import Any

from briefing.report.fitting import MAX_CHART_HEIGHT_PT, TEXT_WIDTH_PT
from briefing.report.fonts import printable
from briefing.text import ZWSP, shorten


# ------------------------------------------------------------------ charts
def _clean_spec(value: Any) -> Any:
    """Every string in a Vega-Lite spec cleaned the same way (so domains still match)."""
    if isinstance(value, str):
        if value.isascii() and value.isprintable() and len(value) <= 2000:
            return value
        return printable(shorten(value, 2000).replace(ZWSP, ""))
    if isinstance(value, dict):
        return {
            _clean_spec(k) if isinstance(k, str) else k: _clean_spec(v) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_clean_spec(item) for item in value]
    return value


# Charts are drawn by vl-convert as the document is planned, and remembered by spec, so
# a chart asked for by several sessions at once is drawn once (the others wait for it).
# (A drawing thread was tried and removed: vl-convert holds the GIL for most of its
# work, so a pure-Python loop ran about 4x slower beside its first call, and the
# whole-briefing build in a fresh process was no faster with the thread than without.)
_CHART_CACHE_SIZE = 64
_chart_futures: OrderedDict[str, Future] = OrderedDict()
_chart_lock = threading.Lock()


def _draw(spec_json: str) -> str:
    from briefing.charts import to_svg

    return to_svg(json.loads(spec_json))


def _spec_json(spec: dict[str, Any]) -> str:
    return json.dumps(_clean_spec(spec), sort_keys=True, default=str)


def _svg_future(spec_json: str) -> Future:
    """The drawing of this spec: drawn once by the first caller, then remembered."""
    with _chart_lock:
        future = _chart_futures.get(spec_json)
        if future is not None:
            _chart_futures.move_to_end(spec_json)
            return future
        future = _chart_futures[spec_json] = Future()
        while len(_chart_futures) > _CHART_CACHE_SIZE:
            _chart_futures.popitem(last=False)
    try:
        future.set_result(_draw(spec_json))
    except Exception as exc:  # noqa: BLE001 - chart_svg reports it as not drawable
        future.set_exception(exc)
    return future


def clear_chart_cache() -> None:
    with _chart_lock:
        _chart_futures.clear()


_SVG_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')


def chart_svg(spec: dict[str, Any]) -> tuple[str | None, float, float]:
    """(SVG text or None if it cannot be drawn, width pt, height pt) for a Vega-Lite spec."""
    try:
        svg = _svg_future(_spec_json(spec)).result()
    except Exception:  # noqa: BLE001 - a broken chart must not lose the document
        return None, 0.0, 0.0
    match = _SVG_SIZE.search(svg[:2000])
    width_px, height_px = (float(match.group(1)), float(match.group(2))) if match else (600, 300)
    width_pt, height_pt = max(width_px, 1) * 0.75, max(height_px, 1) * 0.75
    scale = min(1.0, TEXT_WIDTH_PT / width_pt, MAX_CHART_HEIGHT_PT / height_pt)
    return svg, round(width_pt * scale, 1), round(height_pt * scale, 1)
