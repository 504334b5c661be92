"""Turn `Section`s into PDFs with Typst: one view, or the whole briefing.

How it is safe and fast:
- The template (`briefing.typ`) is fixed. Everything from the data reaches it as
  ONE JSON string in `sys_inputs["data"]`, read with `json(bytes(sys.inputs.data))`,
  so no data text is ever parsed as Typst markup. Charts travel the same way: the
  SVG text is a JSON string the template turns into an image with `bytes()`.
- Every text is cleaned (`briefing.text.shorten`: no control or bidi-override
  characters, no lone surrogates, a visible ellipsis at the length cap), long
  tokens get break points sized to the column they sit in, and characters no
  shipped font can draw become '�' (`fonts.printable`).
- Fonts are the committed Noto Sans and Noto Sans Arabic only, system fonts ignored.
- A `typst.Compiler` cannot be shared between threads, so each thread keeps its
  own, in its own folder (a copy of the template plus `stamp.txt`, the generation
  time). The stamp is kept out of the data so that the same view downloaded again a
  minute later is the same input to Typst but for one file, and the compiler reuses
  its earlier layout (about 0.2 s instead of 0.7 s for the whole briefing).
  Chart SVGs are cached by spec.

`plan_*` build the JSON document (pure, testable without Typst); `section_pdf`
and `briefing_pdf` compile it.
"""

from __future__ import annotations

import json
import math
import os
import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from briefing import method
from briefing.asof import clamp
from briefing.citations import APP_NAME, cite
from briefing.dates import PartialDate
from briefing.report import sections as registry
from briefing.report.fonts import FONT_DIR, fit, printable, safe_characters, width
from briefing.report.model import (
    Chart,
    Figure,
    Heading,
    Judgement,
    Paragraph,
    Quote,
    Section,
    Table,
)
from briefing.schema import Confidence
from briefing.store import Dataset
from briefing.text import ELLIPSIS, ZWSP, safe_url, shorten

TEMPLATE = Path(__file__).resolve().with_name("briefing.typ")
PUBLIC_URL_ENV = "BRIEFING_PUBLIC_URL"
DEFAULT_BASE = "http://localhost:8501"
BRIEFING_PATH = "briefing"
#: Typst refuses link targets of 8,000 characters or more; browsers balk well before
MAX_LINK = 4000
DEFAULT_TITLE = "The Russia–Iran Strategic Partnership"
RUNNING_HEADER = "Russia–Iran Strategic Partnership · Briefing"

# Length caps (characters) for each kind of field; longer text ends in '…'.
CAP = {
    "title": 120,
    "audience": 120,
    "heading": 160,
    "summary": 600,
    "paragraph": 2500,
    "judgement_title": 160,
    "judgement_text": 1200,
    "quote": 1500,
    "attribution": 200,
    "figure_value": 24,
    "figure_label": 160,
    "caption": 300,
    "column": 60,
    "cell": 900,
    "alt": 600,
    "takeaway": 300,
    "source_label": 200,
    "source_title": 300,
    "url_display": 95,
    "short": 50,
    "meta": 40,
}
# Page geometry the template uses (A4, 2.5 cm side margins), in points, and the font
# sizes it sets each kind of text in: long tokens get break points sized to fit.
PT_PER_CM = 28.3465
TEXT_WIDTH_PT = 453.5
MAX_CHART_HEIGHT_PT = 540.0
CONFIDENCE_COLUMN_PT = 2.4 * PT_PER_CM
SOURCES_COLUMN_PT = 1.7 * PT_PER_CM
CELL_INSET_PT = 8.0
#: (room in points, font size in points, bold) for each kind of text
FIT = {
    "body": (TEXT_WIDTH_PT - 40, 9.5, False),
    "heading": (TEXT_WIDTH_PT - 40, 17.0, True),
    "title": (TEXT_WIDTH_PT, 24.0, True),
    "subtitle": (TEXT_WIDTH_PT, 11.5, False),
    "small": (TEXT_WIDTH_PT - 40, 8.5, False),
    "figure_value": (80.0, 18.0, True),
    "figure_label": (80.0, 8.0, False),
    "source": (TEXT_WIDTH_PT - 30, 8.3, True),
    "footer": (TEXT_WIDTH_PT - 60, 6.8, False),
    "stamp": (150.0, 8.0, False),
}
TABLE_SIZE = 7.8
TABLE_LEADING = 1.25  # line height / font size in table cells
#: rows estimated taller than this may split across pages; shorter ones never do
MAX_UNBROKEN_ROW_PT = 360.0
CONFIDENCE_LEVELS = {level.value for level in Confidence}


class ReportError(RuntimeError):
    """The PDF could not be produced; the message says why, in plain words."""


# ------------------------------------------------------------------ text
def _text(value: object, cap: str) -> str:
    """Cleaned, capped (visible '…'), printable in the shipped fonts."""
    if value is None:
        return ""
    limit = CAP[cap]
    if isinstance(value, str) and safe_characters().issuperset(value):
        # nothing to clean (the common case): only the cap, as `shorten` applies it
        return value if len(value) <= limit else value[: limit - 1].rstrip() + ELLIPSIS
    return printable(shorten(value, limit))


def _fit(value: object, cap: str, kind: str = "body") -> str:
    """Cleaned, capped, printable, and breakable wherever a token is too wide to fit."""
    room, size, bold = FIT[kind]
    return fit(_text(value, cap), room, size, bold=bold)


def _cell(value: object, cap: str, room_pt: float, *, bold: bool = False) -> str:
    return fit(_text(value, cap), room_pt - CELL_INSET_PT, TABLE_SIZE, bold=bold)


def _confidence(value: object) -> str | None:
    if value is None:
        return None
    text = _text(value, "meta").strip().lower()
    return text or None


def _date_text(day: date | None) -> str:
    if day is None:
        return "unknown"
    return PartialDate(day.year, day.month, day.day).human()


# ------------------------------------------------------------------ URLs
def public_base() -> str:
    """The app's public address: BRIEFING_PUBLIC_URL if set and safe, else localhost."""
    configured = safe_url(os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/"))
    return configured or DEFAULT_BASE


def view_url(base: str | None, path: str, query: dict[str, Any] | None = None) -> str:
    """`base/path?query` with repeated keys for list values (as Streamlit binds them)."""
    base = (base or public_base()).rstrip("/")
    pairs: list[tuple[str, str]] = []
    for key, value in (query or {}).items():
        if value is None or value == "" or value == [] or value == ():
            continue
        values = value if isinstance(value, list | tuple) else [value]
        pairs.extend((str(key), str(item)) for item in values)
    suffix = f"?{urlencode(pairs)}" if pairs else ""
    return f"{base}/{path.strip('/')}{suffix}"


def briefing_url(
    keys: Sequence[str],
    as_of: date | None,
    title: str = "",
    audience: str = "",
    base: str | None = None,
    *,
    since: date | None = None,
) -> str:
    """The /briefing address that reproduces these choices."""
    query: dict[str, Any] = {"sections": list(keys)}
    if as_of is not None:
        query["as_of"] = as_of.isoformat()
    if since is not None:
        query["since"] = since.isoformat()
    # the page's text boxes take at most this much; longer text is printed capped anyway
    query["title"] = (title or "").strip()[: CAP["title"]]
    query["audience"] = (audience or "").strip()[: CAP["audience"]]
    return view_url(base, BRIEFING_PATH, query)


def _origin(url: str | None) -> str | None:
    checked = safe_url(url)
    if not checked:
        return None
    parts = urlsplit(checked)
    return f"{parts.scheme}://{parts.netloc}"


def _link(url: str | None) -> dict[str, str | None]:
    checked = safe_url(url)
    if checked and len(checked) > MAX_LINK:
        shown = f"the address of this view is too long to print ({len(checked)} characters)"
        return {"url": None, "display": _fit(shown, "summary", "footer")}
    shown = checked if checked else "link not available"
    return {"url": checked, "display": _fit(shown, "url_display", "footer")}


# ------------------------------------------------------------------ citations
class Citations:
    """Numbers sources in order of first citation; every number resolves to an entry."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.numbers: dict[str, int] = {}

    def __call__(self, source_ids: Iterable[str] | None) -> list[int]:
        """The numbers of these sources, ascending (the template prints runs as ranges)."""
        numbers = set()
        for source_id in source_ids or ():
            source_id = str(source_id)
            if source_id not in self.numbers:
                self.numbers[source_id] = len(self.numbers) + 1
            numbers.add(self.numbers[source_id])
        return sorted(numbers)

    def entries(self) -> list[dict[str, Any]]:
        rows = []
        for source_id, number in self.numbers.items():
            citation = cite(self.dataset, source_id)
            source = self.dataset.source(source_id)
            rows.append(
                {
                    "n": number,
                    "id": _fit(source_id, "meta", "source"),
                    "known": citation.known,
                    "label": _fit(citation.label, "source_label", "source"),
                    "title": _fit(citation.title, "source_title", "source"),
                    "kind": _text(citation.kind, "meta"),
                    "note": _fit(source.note if source else "", "caption", "source"),
                    **_link(citation.url),
                }
            )
            if not citation.url:
                rows[-1]["display"] = ""
        return rows


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


# ------------------------------------------------------------------ blocks
def _table(block: Table, cites: Citations) -> dict[str, Any]:
    columns = [str(c) for c in block.columns] or [""]
    count = len(columns)
    widths = [float(w) for w in block.widths] if len(block.widths) == count else []
    if not widths or any(w <= 0 for w in widths):
        widths = [1.0] * count
    has_confidence = any(block.confidence)
    has_sources = any(block.source_ids)
    free = TEXT_WIDTH_PT
    free -= CONFIDENCE_COLUMN_PT if has_confidence else 0
    free -= SOURCES_COLUMN_PT if has_sources else 0
    column_pt = [free * w / sum(widths) for w in widths]
    rows = []
    for index, row in enumerate(block.rows):
        cells = list(row)[:count] + [""] * max(0, count - len(row))
        confidence = block.confidence[index] if index < len(block.confidence) else None
        source_ids = block.source_ids[index] if index < len(block.source_ids) else ()
        texts = [_cell(cell, "cell", column_pt[i]) for i, cell in enumerate(cells)]
        rows.append(
            {
                "cells": texts,
                "confidence": _confidence(confidence),
                "cites": cites(source_ids),
                "breakable": _row_height(texts, column_pt) > MAX_UNBROKEN_ROW_PT,
            }
        )
    return {
        "kind": "table",
        "caption": _fit(block.caption, "caption", "small"),
        "columns": [_cell(c, "column", column_pt[i], bold=True) for i, c in enumerate(columns)],
        "widths": [round(w / sum(widths) * count, 4) for w in widths],
        "rows": rows,
        "has_confidence": has_confidence,
        "has_sources": has_sources,
    }


def _row_height(texts: list[str], column_pt: list[float]) -> float:
    """A generous estimate of a table row's height in points (its tallest cell)."""
    tallest = 1
    for text, room in zip(texts, column_pt, strict=True):
        room = max(room - CELL_INSET_PT, 10.0)
        lines = sum(max(1, math.ceil(width(part, TABLE_SIZE) / room)) for part in text.split("\n"))
        tallest = max(tallest, lines)
    return tallest * TABLE_SIZE * TABLE_LEADING + 2 * CELL_INSET_PT


def _chart(block: Chart, cites: Citations, draw: bool) -> dict[str, Any]:
    svg, width, height = chart_svg(block.spec) if draw else (None, 0.0, 0.0)
    return {
        "kind": "chart",
        "svg": svg,
        "drawn": svg is not None,
        "width_pt": width,
        "height_pt": height,
        "alt": _fit(block.alt, "alt", "small"),
        "takeaway": _fit(block.takeaway, "takeaway", "small"),
        "cites": cites(block.source_ids),
    }


def _block(block: Any, cites: Citations, draw: bool) -> dict[str, Any] | None:
    if isinstance(block, Heading):
        level = block.level if isinstance(block.level, int) else 2
        return {
            "kind": "heading",
            "text": _fit(block.text, "heading", "heading"),
            "level": min(max(level, 2), 4),
        }
    if isinstance(block, Paragraph):
        return {
            "kind": "paragraph",
            "text": _fit(block.text, "paragraph"),
            "cites": cites(block.source_ids),
        }
    if isinstance(block, Judgement):
        return _judgement(block.title, block.text, block.confidence, block.source_ids, cites)
    if isinstance(block, Quote):
        return {
            "kind": "quote",
            "text": _fit(block.text, "quote"),
            "attribution": _fit(block.attribution, "attribution"),
            "cites": cites(block.source_ids),
        }
    if isinstance(block, Figure):
        return {
            "kind": "figure",
            "value": _fit(block.value, "figure_value", "figure_value"),
            "label": _fit(block.label, "figure_label", "figure_label"),
            "cites": cites(block.source_ids),
        }
    if isinstance(block, Table):
        return _table(block, cites)
    if isinstance(block, Chart):
        return _chart(block, cites, draw)
    return None  # an unknown block kind is left out rather than guessed at


def _judgement(title, text, confidence, source_ids, cites: Citations) -> dict[str, Any]:
    return {
        "kind": "judgement",
        "title": _fit(title, "judgement_title"),
        "text": _fit(text, "judgement_text"),
        "confidence": _confidence(confidence),
        "cites": cites(source_ids),
    }


def _blocks(blocks: Iterable[Any], cites: Citations, draw: bool) -> list[dict[str, Any]]:
    """Blocks as template data; consecutive figures are grouped into one row of figures."""
    out: list[dict[str, Any]] = []
    for block in blocks:
        item = _block(block, cites, draw)
        if item is None:
            continue
        if item["kind"] == "figure":
            if out and out[-1]["kind"] == "figures" and len(out[-1]["items"]) < 4:
                out[-1]["items"].append(item)
            else:
                out.append({"kind": "figures", "items": [item]})
            continue
        out.append(item)
    return out


# ------------------------------------------------------------------ sections
@dataclass(frozen=True)
class BuiltSection:
    key: str
    section: Section
    problem: str | None = None  # set when the view could not produce its section


_SECTION_CACHE: dict[int, OrderedDict[Any, BuiltSection]] = {}
_SECTION_CACHE_SIZE = 32
_cache_lock = threading.Lock()


def _frozen(value: Any) -> Any:
    """A hashable stand-in for a state value (lists become tuples, dates ISO text)."""
    if isinstance(value, dict):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple | set | frozenset):
        items = [_frozen(item) for item in value]
        return tuple(sorted(items, key=repr) if isinstance(value, set | frozenset) else items)
    if isinstance(value, date):
        return value.isoformat()
    hash(value)
    return value


def build_section(dataset: Dataset, key: str, state: dict[str, Any]) -> BuiltSection:
    """The view's Section for `state` (remembered per dataset: the dataset is immutable
    and views are pure), or a notice section saying why it is missing."""
    function = registry.available().get(key) or registry.optional(key)
    try:
        cache_key = (key, function, _frozen(state))
    except TypeError:
        return _build_section(dataset, key, state, function)
    with _cache_lock:
        cached = _SECTION_CACHE.get(id(dataset))
        if cached is not None and cache_key in cached:
            cached.move_to_end(cache_key)
            return cached[cache_key]
    built = _build_section(dataset, key, state, function)
    if built.problem is None:
        with _cache_lock:
            cached = _SECTION_CACHE.get(id(dataset))
            if cached is None:
                cached = _SECTION_CACHE[id(dataset)] = OrderedDict()
                weakref.finalize(dataset, _SECTION_CACHE.pop, id(dataset), None)
            cached[cache_key] = built
            while len(cached) > _SECTION_CACHE_SIZE:
                cached.popitem(last=False)
    return built


def _build_section(
    dataset: Dataset, key: str, state: dict[str, Any], function: Any
) -> BuiltSection:
    spec = registry.SECTION_BY_KEY.get(key)
    title = spec.title if spec else key
    path = spec.url_path if spec else key
    if function is None:
        problem = registry.unavailable().get(key, f"the {key} view is not available")
        return BuiltSection(key, _notice(key, title, path, problem), problem)
    try:
        section = function(dataset, dict(state))
    except Exception as exc:  # noqa: BLE001 - one broken view must not lose the briefing
        problem = f"the {key} view failed ({type(exc).__name__}: {exc})"
        return BuiltSection(key, _notice(key, title, path, problem), problem)
    if not isinstance(section, Section):
        problem = f"the {key} view returned {type(section).__name__}, not a Section"
        return BuiltSection(key, _notice(key, title, path, problem), problem)
    return BuiltSection(key, section)


def _without_judgements(built: BuiltSection, printed: set[tuple[str, str]]) -> BuiltSection:
    """The section minus key judgements the briefing already prints on its first page
    (and minus a heading left with nothing under it)."""
    blocks = list(built.section.blocks)
    kept: list[Any] = []
    for index, block in enumerate(blocks):
        if isinstance(block, Judgement) and (block.title, block.text) in printed:
            continue
        if isinstance(block, Heading):
            rest = blocks[index + 1 :]
            run = 0
            while run < len(rest) and isinstance(rest[run], Judgement):
                run += 1
            repeats = run and all((b.title, b.text) in printed for b in rest[:run])
            ends = run == len(rest) or (
                isinstance(rest[run], Heading) and rest[run].level <= block.level
            )
            if repeats and ends:
                continue
        kept.append(block)
    if len(kept) == len(blocks):
        return built
    return replace(built, section=replace(built.section, blocks=tuple(kept)))


def _notice(key: str, title: str, path: str, problem: str) -> Section:
    text = (
        f"This section could not be produced: {problem}. The rest of the document is "
        "complete; open the view online for this part."
    )
    return Section(key, title, path, (Paragraph(text),))


def _section(built: BuiltSection, base: str | None, cites: Citations, draw: bool) -> dict[str, Any]:
    section = built.section
    summary = section.summary
    if any(isinstance(b, Paragraph) and b.text == summary for b in section.blocks):
        summary = ""  # the section says it in its own words below
    return {
        "key": _text(section.key, "meta"),
        "title": _fit(section.title, "heading", "heading"),
        "short_title": _fit(section.title, "short", "stamp"),
        "summary": _fit(summary, "summary"),
        "link": _link(view_url(base, section.url_path or section.key, dict(section.query))),
        "problem": built.problem is not None,
        "blocks": _blocks(section.blocks, cites, draw),
    }


def _method() -> dict[str, Any]:
    return {
        "confidence": [
            {"label": _text(row["label"], "meta"), "meaning": _fit(row["meaning"], "caption")}
            for row in method.confidence_scale()
        ],
        "obligation": [
            {
                "rank": "–" if row["rank"] is None else str(row["rank"]),
                "obligation": _fit(row["obligation"], "caption"),
                "meaning": _fit(row["meaning"], "caption"),
            }
            for row in method.obligation_scale()
        ],
    }


def _meta(
    dataset: Dataset,
    *,
    kind: str,
    title: str,
    subtitle: str,
    audience: str,
    as_of: date,
    url: str | None,
    generated: datetime,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "app_name": APP_NAME,
        "running_header": RUNNING_HEADER,
        "doc_title": _fit(title or DEFAULT_TITLE, "title", "title"),
        "short_title": _fit(title or DEFAULT_TITLE, "short", "stamp"),
        "subtitle": _fit(subtitle, "summary", "subtitle"),
        "audience": _fit(audience, "audience"),
        "version": _fit(dataset.version, "meta", "stamp"),
        "as_of": _date_text(as_of),
        "as_of_iso": as_of.isoformat(),
        "data_as_of": _date_text(dataset.as_of),
        "rewound": dataset.as_of is not None and as_of < dataset.as_of,
        "generated": generated.strftime("%Y-%m-%d %H:%M UTC"),
        "link": _link(url),
        "problems": len(dataset.errors),
    }


def _as_of(dataset: Dataset, value: object) -> date:
    if isinstance(value, datetime):
        value = value.date()
    return clamp(value if isinstance(value, date) else None, dataset)


def plan_section(
    dataset: Dataset,
    key: str,
    state: dict[str, Any] | None = None,
    url: str | None = None,
    *,
    draw: bool = True,
    generated: datetime | None = None,
) -> dict[str, Any]:
    """The template data for one view as filtered (`state` holds its filters and as_of)."""
    state = dict(state or {})
    as_of = _as_of(dataset, state.get("as_of"))
    state["as_of"] = as_of
    generated = generated or datetime.now(UTC)
    built = build_section(dataset, key, state)
    base = _origin(url)
    if url is None:
        url = view_url(base, built.section.url_path or key, dict(built.section.query))
    cites = Citations(dataset)
    section = _section(built, base, cites, draw)
    section["summary"] = ""  # a view export shows its summary as the document subtitle
    return {
        "meta": _meta(
            dataset,
            kind="section",
            title=built.section.title,
            subtitle=built.section.summary,
            audience="",
            as_of=as_of,
            url=url,
            generated=generated,
        ),
        "judgements": [],
        "sections": [section],
        "sources": cites.entries(),
        "method": _method(),
    }


def plan_briefing(
    dataset: Dataset,
    keys: Sequence[str] | None = None,
    as_of: date | None = None,
    title: str = "",
    audience: str = "",
    url: str | None = None,
    *,
    draw: bool = True,
    generated: datetime | None = None,
    since: date | None = None,
) -> dict[str, Any]:
    """The template data for the whole briefing: judgements, sections, sources, method.
    With `since`, "What changed since <since>" follows the overview (or opens)."""
    keys = list(registry.available()) if keys is None else list(keys)
    day = _as_of(dataset, as_of)
    generated = generated or datetime.now(UTC)
    if url is None:
        url = briefing_url(keys, day, title, audience, since=since)
    base = _origin(url)
    cites = Citations(dataset)
    judgements = [
        _judgement(j.title, j.text, j.confidence.value, j.source_ids, cites)
        for j in dataset.judgements
    ]
    built = []
    for key in keys:
        built.append(build_section(dataset, key, {"as_of": day}))
    if since is not None:
        changes = build_section(dataset, "changes", {"as_of": day, "since": since.isoformat()})
        built.insert(1 if keys[:1] == ["overview"] else 0, changes)
    printed = {(j.title, j.text) for j in dataset.judgements}
    built = [_without_judgements(item, printed) for item in built]
    return {
        "meta": _meta(
            dataset,
            kind="briefing",
            title=title.strip() if title else "",
            subtitle=f"A briefing on the partnership as it stood on {_date_text(day)}",
            audience=audience.strip() if audience else "",
            as_of=day,
            url=url,
            generated=generated,
        ),
        "judgements": judgements,
        "sections": [_section(item, base, cites, draw) for item in built],
        "sources": cites.entries(),
        "method": _method(),
    }


# ------------------------------------------------------------------ compile
_local = threading.local()


class _Workspace:
    """One thread's Typst compiler and the folder it compiles in: a copy of the template
    and `stamp.txt`. The folder is removed when the thread (or the process) ends."""

    def __init__(self) -> None:
        import shutil
        import tempfile

        import typst

        try:
            self.folder = Path(tempfile.mkdtemp(prefix="briefing-typst-"))
            shutil.copyfile(TEMPLATE, self.folder / TEMPLATE.name)
            self.stamp = self.folder / "stamp.txt"
            self.stamp.write_text("", encoding="utf-8")
        except OSError as exc:
            raise ReportError(f"no room to prepare the PDF (temporary folder): {exc}") from exc
        weakref.finalize(self, shutil.rmtree, str(self.folder), ignore_errors=True)
        self.compiler = typst.Compiler(
            str(self.folder / TEMPLATE.name),
            root=str(self.folder),
            font_paths=[str(FONT_DIR)],
            ignore_system_fonts=True,
        )

    def compile(self, payload: str, stamp: str, timestamp: datetime) -> bytes:
        self.stamp.write_text(stamp, encoding="utf-8")
        return self.compiler.compile(sys_inputs={"data": payload}, timestamp=timestamp)


def _workspace() -> _Workspace:
    """This thread's compiler (a compiler must not be shared between threads)."""
    workspace = getattr(_local, "workspace", None)
    if workspace is None:
        workspace = _local.workspace = _Workspace()
    return workspace


def _compiler():
    return _workspace().compiler


#: finished PDFs by their whole input (data, stamp and all), shared by every session:
#: the stamp is to the minute, so readers asking for the same view in the same minute
#: get the same bytes without compiling again (each thread's compiler only remembers
#: its own last input).
_PDF_CACHE: OrderedDict[str, bytes] = OrderedDict()
_PDF_CACHE_SIZE = 16


def render(document: dict[str, Any], generated: datetime | None = None) -> bytes:
    """Compile template data (from a `plan_*` function) to PDF bytes."""
    import hashlib

    import typst

    meta = document.get("meta") or {}
    stamp = str(meta.get("generated", "time not recorded"))
    data = {**document, "meta": {k: v for k, v in meta.items() if k != "generated"}}
    payload = json.dumps(data, ensure_ascii=False, allow_nan=False)
    timestamp = (generated or datetime.now(UTC)).replace(microsecond=0)
    key = hashlib.sha256(f"{timestamp.isoformat()}\n{stamp}\n{payload}".encode()).hexdigest()
    with _cache_lock:
        if key in _PDF_CACHE:
            _PDF_CACHE.move_to_end(key)
            return _PDF_CACHE[key]
    try:
        pdf = _workspace().compile(payload, stamp, timestamp)
    except typst.TypstError as exc:
        where = "; ".join(str(line) for line in (exc.trace or [])[:3])
        raise ReportError(f"the PDF template failed: {exc.message} {where}".strip()) from exc
    with _cache_lock:
        _PDF_CACHE[key] = pdf
        while len(_PDF_CACHE) > _PDF_CACHE_SIZE:
            _PDF_CACHE.popitem(last=False)
    return pdf


def section_pdf(
    dataset: Dataset, key: str, state: dict[str, Any] | None = None, url: str | None = None
) -> bytes:
    """One view, as filtered by `state` (its URL filters plus "as_of"), as a PDF."""
    generated = datetime.now(UTC).replace(microsecond=0)
    return render(plan_section(dataset, key, state, url, generated=generated), generated)


def briefing_pdf(
    dataset: Dataset,
    keys: Sequence[str] | None = None,
    as_of: date | None = None,
    title: str = "",
    audience: str = "",
    url: str | None = None,
    *,
    since: date | None = None,
) -> bytes:
    """The whole briefing (chosen sections in briefing order) as a PDF; with `since`,
    plus "What changed since <since>" after the overview."""
    generated = datetime.now(UTC).replace(microsecond=0)
    document = plan_briefing(
        dataset, keys, as_of, title, audience, url, generated=generated, since=since
    )
    return render(document, generated)


# ------------------------------------------------------------------ outline
@dataclass(frozen=True)
class OutlineEntry:
    level: int  # 1: a part of the document, 2: a heading inside it
    text: str
    note: str = ""


def outline(
    dataset: Dataset,
    keys: Sequence[str] | None = None,
    as_of: date | None = None,
    title: str = "",
    audience: str = "",
    *,
    since: date | None = None,
) -> list[OutlineEntry]:
    """What the briefing PDF will contain, without drawing charts or compiling."""
    plan = plan_briefing(dataset, keys, as_of, title, audience, draw=False, since=since)
    meta = plan["meta"]
    strip = _strip
    entries = [OutlineEntry(1, strip(meta["doc_title"]), strip(meta["subtitle"]))]
    if meta["audience"]:
        entries.append(OutlineEntry(2, f"Prepared for: {strip(meta['audience'])}"))
    entries.append(OutlineEntry(1, "Key judgements", f"{len(plan['judgements'])} judgements"))
    for section in plan["sections"]:
        kinds = [block["kind"] for block in section["blocks"]]
        note = ", ".join(
            f"{count} {name}{'' if count == 1 else 's'}"
            for name, count in (("table", kinds.count("table")), ("chart", kinds.count("chart")))
            if count
        )
        if section["problem"]:
            note = "could not be produced"
        entries.append(OutlineEntry(1, strip(section["title"]), note))
        for block in section["blocks"]:
            if block["kind"] == "heading":
                entries.append(OutlineEntry(2, strip(block["text"])))
    entries.append(OutlineEntry(1, "Sources", f"{len(plan['sources'])} numbered sources"))
    entries.append(OutlineEntry(1, "Method", "confidence and obligation scales"))
    return entries


def _strip(text: str) -> str:
    return text.replace(ZWSP, "")
