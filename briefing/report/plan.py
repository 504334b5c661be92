"""The JSON document the Typst template reads: sections built from the views, their
blocks, the numbered sources, the method and the stamp (pure, testable without Typst)."""

from __future__ import annotations

import math
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from briefing import method
from briefing.asof import clamp
from briefing.citations import APP_NAME, cite
from briefing.register import COPIES_RULE, MARKER_NOTE, RULE
from briefing.report import sections as registry
from briefing.report.fitting import (
    CELL_INSET_PT,
    CONFIDENCE_COLUMN_PT,
    MAX_UNBROKEN_ROW_PT,
    SOURCES_COLUMN_PT,
    TABLE_LEADING,
    TABLE_SIZE,
    TEXT_WIDTH_PT,
    _cell,
    _confidence,
    _date_text,
    _fit,
    _text,
)
from briefing.report.fonts import width
from briefing.report.links import _link, _origin, briefing_url, view_url
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
from briefing.report.svg import chart_svg
from briefing.store import Dataset, reach

DEFAULT_TITLE = "The Russia–Iran Strategic Partnership"
RUNNING_HEADER = "Russia–Iran Strategic Partnership · Briefing"


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
                    "kind": _text(
                        citation.kind + (f"; {citation.marker}" if citation.marker else ""),
                        "column",
                    ),
                    "note": _fit(source.note if source else "", "caption", "source"),
                    **_link(citation.url),
                }
            )
            if not citation.url:
                rows[-1]["display"] = ""
        return rows


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
        "link": _link(view_url(base, section.url_path, dict(section.query))),
        "problem": built.problem is not None,
        "blocks": _blocks(section.blocks, cites, draw),
    }


def _method() -> dict[str, Any]:
    return {
        "rule": _fit(RULE, "cell", "small"),
        "copies": _fit(COPIES_RULE, "cell", "small"),
        "markers": _fit(MARKER_NOTE, "cell", "small"),
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
        # how far the record reaches, beside when it was checked (not the same thing)
        "checked": _fit(reach(dataset)[0], "meta", "stamp"),
        "latest_event": _fit(reach(dataset)[1], "meta", "stamp"),
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
        url = view_url(base, built.section.url_path, dict(built.section.query))
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
