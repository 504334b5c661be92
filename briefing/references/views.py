"""Views as citable things: which sources a view cites, and the view's own reference."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from briefing.citations import APP_NAME
from briefing.dates import MONTHS, PartialDate
from briefing.references.formats import (
    VIEW_KIND,
    WRITERS,
    Name,
    Reference,
    bibtex,
    csl_json,
    one_line,
    references,
    ris,
)
from briefing.store import Dataset
from briefing.text import safe_url

# ------------------------------------------------------------------ views
#: view path -> title; "" is the overview at "/"
VIEW_TITLES = {
    "": "Overview",
    "overview": "Overview",
    "treaties": "Treaty comparison",
    "capabilities": "Military capabilities",
    "exchange": "The exchange",
    "timeline": "Timeline and claims",
    "changes": "What changed",
    "briefing": "Briefing PDF",
    "sources": "Sources & method",
    "search": "Search",
}


class UnknownView(ValueError):
    """The address names no view of this app."""


@dataclass(frozen=True)
class ViewSources:
    """Which sources a view cites, read from the view's own PDF section."""

    path: str  # "treaties"; "" for the overview
    title: str
    url: str  # absolute
    as_of: date
    source_ids: tuple[str, ...]
    notices: tuple[str, ...] = field(default=())


def _absolute(url: str) -> str:
    from briefing.report.build import public_base

    text = one_line(url)
    if not text:
        raise UnknownView("no address given")
    if safe_url(text):
        return safe_url(text)  # type: ignore[return-value]
    joined = urljoin(public_base() + "/", text.lstrip("/"))
    checked = safe_url(joined)
    if not checked:
        raise UnknownView(f"{text[:80]!r} is not an address of this app")
    return checked


def _view_path(path: str) -> str:
    view = path.strip("/")
    if view not in VIEW_TITLES:
        known = ", ".join("/" + p for p in VIEW_TITLES if p)
        raise UnknownView(f"/{view[:60]} is not a view of this app (views: /, {known})")
    return view


def _state(query: str) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key in state:
            current = state[key]
            state[key] = [*current, value] if isinstance(current, list) else [current, value]
        else:
            state[key] = value
    return state


def _values(value: Any) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def view_sources(dataset: Dataset, url: str) -> ViewSources:
    """The sources the view at `url` cites, in order of first citation.

    The views' PDF sections already collect them (`report_section`, via the PDF
    builder's cache), so this reads them from there; the briefing page cites its key
    judgements and every section it prints; /sources cites the register (its kinds);
    /search cites the sources of the rows it finds. Raises UnknownView for other paths.
    """
    from briefing.asof import resolve_as_of
    from briefing.report import sections
    from briefing.report.build import build_section

    absolute = _absolute(url)
    parts = urlsplit(absolute)
    path = _view_path(parts.path)
    state = _state(parts.query)
    choice = resolve_as_of(_values(state.get("as_of")), dataset)
    state["as_of"] = choice.day
    notices = [choice.notice] if choice.notice else []
    ids: list[str] = []
    section_key = "overview" if path == "" else path
    if section_key in sections.SECTION_BY_KEY:
        built = build_section(dataset, section_key, state)
        if built.problem:
            notices.append(built.problem)
        ids = built.section.source_ids()
    elif path == "briefing":
        keys, bad = sections.parse_keys(_values(state.get("sections")) or None)
        if bad:
            notices.append(f"sections not available: {', '.join(b[:40] for b in bad)}")
        for judgement in dataset.judgements:
            ids.extend(judgement.source_ids)
        for key in keys:
            ids.extend(build_section(dataset, key, {"as_of": choice.day}).section.source_ids())
        if _values(state.get("since")):  # the optional "What changed since" section
            built = build_section(dataset, "changes", state)
            if built.problem:
                notices.append(built.problem)
            ids.extend(built.section.source_ids())
    elif path == "sources":
        kinds = set(_values(state.get("kind")))
        ids = [s.id for s in dataset.sources if not kinds or s.kind.value in kinds]
    elif path == "search":
        ids = _search_sources(dataset, state.get("q"), choice.day)
    return ViewSources(
        path, VIEW_TITLES[path], absolute, choice.day, tuple(dict.fromkeys(ids)), tuple(notices)
    )


def _search_sources(dataset: Dataset, query: Any, day: date) -> list[str]:
    from briefing.search import search

    text = query[-1] if isinstance(query, list) else query
    found = search(dataset, text or "", as_of=day, limit=1000)
    ids: list[str] = []
    for group in found.groups:
        for result in group.results:
            row = dataset.get(group.kind, result.row_id)
            if group.kind == "sources":
                ids.append(result.row_id)
            elif group.kind == "claims":
                ids.extend([row.claimed_by, *row.evidence_source_ids])
            elif row is not None:
                ids.extend(getattr(row, "source_ids", ()))
    return ids


def view_reference(dataset: Dataset, url: str, accessed: date) -> Reference:
    """The reference of the view at `url` itself: the app as author and publisher."""
    absolute = _absolute(url)
    parts = urlsplit(absolute)
    path = _view_path(parts.path)
    title = VIEW_TITLES[path]
    digest = hashlib.sha1(f"{parts.path}?{parts.query}".encode()).hexdigest()[:8]
    slug = re.sub(r"[^a-z0-9]+", "-", (path or "overview").lower()).strip("-") or "view"
    as_of = dataset.as_of.isoformat() if dataset.as_of else "unknown"
    notes = [f"Data version {one_line(dataset.version)}, data as of {as_of}"]
    view_day = dict(parse_qsl(parts.query)).get("as_of")
    if view_day:
        notes.append(f"View as of {one_line(view_day)[:10]}")
    issued = dataset.as_of
    return Reference(
        key=f"briefing-{slug}-{digest}",
        kind=VIEW_KIND,
        title=f"{title}",
        names=(Name(APP_NAME, organisation=True),),
        outlet=APP_NAME,
        issued=PartialDate(issued.year, issued.month, issued.day) if issued else None,
        accessed=accessed,
        url=absolute,
        language="en",
        notes=tuple(notes),
        version=one_line(dataset.version),
    )


@dataclass(frozen=True)
class ViewCitation:
    """'Cite this view': a reference to paste, and the same as BibTeX, RIS and CSL-JSON."""

    key: str
    url: str
    text: str
    bibtex: str
    ris: str
    csl_json: str


def _day_text(day: date | None) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else "an unknown date"


def cite_view(dataset: Dataset, url: str, accessed: date) -> ViewCitation:
    """How to cite the view at `url` (its permalink), accessed on `accessed`.
    Raises UnknownView when the address is no view of this app."""
    ref = view_reference(dataset, url, accessed)
    text = (
        f"{APP_NAME}. “{ref.title}”. Data version {ref.version}, as of "
        f"{_day_text(dataset.as_of)}. {ref.url} (accessed {_day_text(accessed)})."
    )
    return ViewCitation(ref.key, ref.url or "", text, bibtex([ref]), ris([ref]), csl_json([ref]))


def export(
    dataset: Dataset,
    fmt: str,
    source_ids: list[str] | tuple[str, ...] | None = None,
    view: str | None = None,
    accessed: date | None = None,
) -> str:
    """The register (or `source_ids`, or the view at `view` and the sources it cites)
    in `fmt` ('bibtex', 'ris', 'csl-json'). Raises KeyError for an unknown format and
    UnknownView for an address that is no view of this app."""
    writer = WRITERS[fmt]
    if view is not None:
        cited = view_sources(dataset, view)
        refs = [view_reference(dataset, view, accessed or date.today())]
        refs += references(dataset, list(cited.source_ids))
        return writer(refs)
    return writer(references(dataset, source_ids))
