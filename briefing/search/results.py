"""`search(...)`: a query in, ranked results grouped by kind out, with marked snippets.

A snippet is a tuple of (text, is_match) pieces cut from one field of the row. The
matched words are found with the same tokenizer the index uses, so what is marked
is what matched. Pieces are plain text: a page renders them as text (never as HTML
or Markdown), marking the pieces whose flag is True.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from briefing import asof
from briefing.search.index import (
    FIELD_LABELS,
    KIND_LABELS,
    KINDS,
    Doc,
    SearchIndex,
    build_index,
    later_than,
    meta_text,
)
from briefing.search.tokens import Query, Term, Token, match_expression, parse_query, tokens
from briefing.store import Dataset
from briefing.text import escape_markdown

Pieces = tuple[tuple[str, bool], ...]
DEFAULT_LIMIT = 20  # results shown per kind (the count says how many matched)
SNIPPET_CHARS = 240
CONTEXT_BEFORE = 70
TITLE_CHARS = 200
ELLIPSIS = "…"


@dataclass(frozen=True)
class Result:
    """One row found."""

    kind: str
    row_id: str
    title: str  # plain text
    title_pieces: Pieces  # the title with matched words flagged
    snippet: Pieces  # a cut of `field`, matched words flagged
    field: str  # the field the snippet comes from ('quote', 'summary', ...)
    field_label: str  # what to call it on screen ('quote' is verbatim; others our words)
    confidence: str | None
    date: str | None  # '8 April 2025', 'August 2022', '2001' (as precise as the data)
    later: bool  # dated after the as-of day: kept, and marked
    link: Any  # briefing.search.links.Link: .href, .path, .query()
    score: float  # BM25 (lower is better, as SQLite gives it)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.row_id,
            "title": self.title,
            "title_pieces": [list(piece) for piece in self.title_pieces],
            "snippet": [list(piece) for piece in self.snippet],
            "field": self.field,
            "field_label": self.field_label,
            "confidence": self.confidence,
            "date": self.date,
            "later": self.later,
            "href": self.link.href,
            "path": self.link.path,
            "query": self.link.query(),
        }


@dataclass(frozen=True)
class Group:
    kind: str
    label: str  # 'Treaty provisions'
    count: int  # every match of this kind
    results: tuple[Result, ...]  # the best `limit` of them, best first

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "count": self.count,
            "results": [r.to_dict() for r in self.results],
        }


@dataclass(frozen=True)
class SearchResults:
    """Everything a search page or the CLI shows for one query."""

    query: str  # the query as read (cleaned and cut)
    terms: tuple[str, ...]  # what was searched for: 'sanction*', '"s 400"'
    groups: tuple[Group, ...]  # kinds with matches, the kind of the best match first
    notices: tuple[str, ...] = ()  # plain text: what was ignored or changed
    as_of: date | None = None
    matched_every_term: bool = True  # False: no row had every word, rows with any shown
    kinds: tuple[str, ...] = field(default=KINDS)

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)

    @property
    def found(self) -> bool:
        return self.total > 0

    @property
    def empty_query(self) -> bool:
        return not self.terms

    def counts(self) -> dict[str, int]:
        """kind -> number of matches, every searched kind included (0 when none)."""
        got = {group.kind: group.count for group in self.groups}
        return {kind: got.get(kind, 0) for kind in self.kinds}

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "terms": list(self.terms),
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "total": self.total,
            "matched_every_term": self.matched_every_term,
            "counts": self.counts(),
            "notices": list(self.notices),
            "groups": [group.to_dict() for group in self.groups],
        }


# ------------------------------------------------------------------ marking
def _spans(toks: list[Token], terms: tuple[Term, ...]) -> list[tuple[int, int, int]]:
    """(start, end, term number) of every place a term matches in the tokens."""
    norms = [t.norm for t in toks]
    found = []
    for number, term in enumerate(terms):
        size = len(term.tokens)
        for i in range(len(norms) - size + 1):
            if norms[i : i + size - 1] != list(term.tokens[:-1]):
                continue
            last = norms[i + size - 1]
            if last == term.tokens[-1] or (term.prefix and last.startswith(term.tokens[-1])):
                found.append((toks[i].start, toks[i + size - 1].end, number))
    return sorted(found)


def _pieces(text: str, spans: list[tuple[int, int, int]], start: int, end: int) -> Pieces:
    out: list[tuple[str, bool]] = []
    if start > 0:
        out.append((ELLIPSIS, False))
    cursor = start
    for s, e, _n in spans:
        s, e = max(s, cursor), min(e, end)
        if e <= s:
            continue
        if s > cursor:
            out.append((text[cursor:s], False))
        out.append((text[s:e], True))
        cursor = e
    if cursor < end:
        out.append((text[cursor:end], False))
    if end < len(text):
        out.append((ELLIPSIS, False))
    return tuple(out)


def marked(text: str, terms: tuple[Term, ...], limit: int | None = None) -> Pieces:
    """All of `text` (up to `limit` characters) as pieces, matched words flagged."""
    end = len(text) if limit is None else min(len(text), limit)
    return _pieces(text, _spans(tokens(text[:end]), terms), 0, end)


def to_markdown(pieces: Pieces, open_mark: str = "**", close_mark: str = "**") -> str:
    """Pieces as Markdown that shows the data text literally, matches between the marks
    (bold by default; e.g. ":orange-background[" and "]" in Streamlit). Every piece is
    escaped with `briefing.text.escape_markdown`, so no data text is read as markup."""
    out = []
    for text, hit in pieces:
        escaped = escape_markdown(text)
        out.append(f"{open_mark}{escaped}{close_mark}" if hit and escaped.strip() else escaped)
    return "".join(out)


def _title(text: str, toks: list[Token] | None, terms: tuple[Term, ...]) -> Pieces:
    if toks is None or len(text) > TITLE_CHARS:
        return marked(text, terms, TITLE_CHARS)
    return _pieces(text, _spans(toks, terms), 0, len(text))


def _window(text: str, toks: list[Token], first: int) -> tuple[int, int]:
    """A cut of about SNIPPET_CHARS characters that shows the match starting at `first`."""
    if len(text) <= SNIPPET_CHARS:
        return 0, len(text)
    start = max(0, first - CONTEXT_BEFORE)
    if start > 0:  # begin at a word, not inside one
        start = next((t.start for t in toks if t.start >= start), start)
        start = min(start, first)
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        inside = [t for t in toks if t.start < end < t.end]
        if inside and inside[0].start > first:
            end = inside[0].start
    return start, end


def snippet(
    doc: Doc, terms: tuple[Term, ...], known: dict[str, list[Token]] | None = None
) -> tuple[str, Pieces]:
    """(field, pieces) from the field that matches the most terms (the earliest on a tie);
    the first field, unmarked, when only the title matched. `known`: the index's tokens."""
    known = known or {}
    candidates = [*doc.fields, ("meta", meta_text(doc))]
    best: tuple[int, str, str, list, list] | None = None
    for name, text in candidates:
        if not text:
            continue
        toks = known.get(name) if name in known else tokens(text)
        spans = _spans(toks, terms)
        distinct = len({n for _s, _e, n in spans})
        if best is None or distinct > best[0]:
            best = (distinct, name, text, spans, toks)
    if best is None:
        return "", ()
    _distinct, name, text, spans, toks = best
    if not spans:
        return name, _pieces(text, [], 0, min(len(text), SNIPPET_CHARS))
    start, end = _window(text, toks, spans[0][0])
    return name, _pieces(text, spans, start, end)


# ------------------------------------------------------------------ searching
def _kinds(kinds: Any) -> tuple[tuple[str, ...], list[str]]:
    if kinds is None or kinds == () or kinds == []:
        return KINDS, []
    if isinstance(kinds, str):
        kinds = [kinds]
    wanted, unknown = [], []
    for kind in kinds:
        name = str(kind).strip().lower()
        if name in KIND_LABELS:
            if name not in wanted:
                wanted.append(name)
        else:
            unknown.append(str(kind)[:40])
    return tuple(wanted) or KINDS, unknown


def search(
    source: Dataset | SearchIndex,
    query: object,
    kinds: Any = None,
    as_of: date | None = None,
    limit: int = DEFAULT_LIMIT,
) -> SearchResults:
    """Search every kind of row (or `kinds`) for `query`; never raises for any input.

    `source` is a dataset (an index is built for it) or a `SearchIndex` a page keeps.
    Every word must match (AND); when no row has them all, rows with any of them are
    shown instead, and a notice says so. Rows dated after `as_of` (default: the data's
    own as-of day) stay in the results, flagged `later`. Links carry `as_of` when it is
    earlier than the data's.
    """
    index = source if isinstance(source, SearchIndex) else build_index(source)
    dataset = index.dataset
    chosen, unknown = _kinds(kinds)
    parsed: Query = parse_query(query)
    notices = list(parsed.notices)
    if unknown:
        notices.append(
            f"Unknown kind(s) ignored: {', '.join(unknown)} (kinds: {', '.join(KINDS)})."
        )
    day = asof.clamp(as_of, dataset) if as_of is not None else dataset.as_of
    if as_of is not None and dataset.as_of is not None and as_of > dataset.as_of:
        notices.append(
            f"The as-of date {as_of.isoformat()} is after the data's own "
            f"({dataset.as_of.isoformat()}); searched as of {dataset.as_of.isoformat()}."
        )
    base = {
        "query": parsed.text,
        "terms": tuple(t.shown() for t in parsed.terms),
        "as_of": day,
        "kinds": chosen,
    }
    if parsed.empty:
        return SearchResults(groups=(), notices=tuple(notices), **base)
    every = True
    try:
        matches = _matching(index, parsed.terms, chosen, every=True)
        if not matches and len(parsed.terms) > 1:
            matches = _matching(index, parsed.terms, chosen, every=False)
            every = False
            if matches:
                notices.append("No row has every word; showing rows with any of them.")
    except sqlite3.Error:  # the expression is built from quoted tokens; this is a guard
        notices.append("The search could not read this query; try plain words.")
        return SearchResults(groups=(), notices=tuple(notices), **base)
    groups: dict[str, list[Result]] = {}
    counts: dict[str, int] = {}
    for number, doc, score in matches:
        counts[doc.kind] = counts.get(doc.kind, 0) + 1
        if counts[doc.kind] > limit:
            continue
        known = index.tokens[number]
        groups.setdefault(doc.kind, []).append(
            _result(doc, known, score, parsed.terms, dataset, day)
        )
    ordered = tuple(
        Group(kind, KIND_LABELS[kind], counts[kind], tuple(results))
        for kind, results in groups.items()
    )
    return SearchResults(groups=ordered, notices=tuple(notices), matched_every_term=every, **base)


def _matching(
    index: SearchIndex, terms: tuple[Term, ...], kinds: tuple[str, ...], every: bool
) -> list[tuple[int, Doc, float]]:
    wanted = set(kinds)
    found = index.match(match_expression(terms, every))
    return [(n, d, s) for n, d, s in found if d.kind in wanted]


def _result(
    doc: Doc, known: dict, score: float, terms: tuple[Term, ...], dataset: Dataset, day
) -> Result:
    name, pieces = snippet(doc, terms, known)
    later = later_than(doc, dataset, day) if day is not None else False
    return Result(
        kind=doc.kind,
        row_id=doc.row_id,
        title=doc.title,
        title_pieces=_title(doc.title, known.get("title"), terms),
        snippet=pieces,
        field=name,
        field_label=FIELD_LABELS.get(name, name),
        confidence=doc.confidence,
        date=doc.when.human() if doc.when is not None else None,
        later=later,
        link=doc.link.on(day, dataset),
        score=score,
    )
