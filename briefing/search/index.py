"""The full-text index: every searchable row of a dataset in one SQLite FTS5 table.

`build_index(dataset)` reads each kind of row into a `Doc` (a title, text fields and
metadata fields, its date, confidence and link) and stores the folded tokens of each
(see `briefing.search.tokens`) in an in-memory FTS5 table with three columns: title,
text and meta. BM25 ranks with the title weighing most. The index holds no Streamlit
state; a page caches it (the dataset is immutable) and calls `search` per query.

Fields are separated in the index by a token no text can hold, so a phrase never
matches across the end of one field and the start of the next.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from briefing import asof
from briefing.dates import PartialDate
from briefing.search.links import Link, LinkContext, link_for
from briefing.search.tokens import Token, tokens
from briefing.store import Dataset
from briefing.text import clean

#: kind -> what a reader calls it; also the order of kinds in help texts
KIND_LABELS = {
    "provisions": "Treaty provisions",
    "treaties": "Treaties",
    "systems": "Military systems",
    "exchange": "Exchange items",
    "events": "Events",
    "claims": "Claims",
    "judgements": "Key judgements",
    "sources": "Sources",
}
KINDS = tuple(KIND_LABELS)
#: field name -> how the page labels a snippet from it (quote vs our words matters)
FIELD_LABELS = {
    "quote": "quote",
    "summary": "summary",
    "note": "note",
    "title": "title",
    "full_title": "full title",
    "title_en": "English title",
    "term": "term",
    "role": "role",
    "quantity_note": "quantity",
    "value_to_receiver": "value to receiver",
    "cost_or_risk_to_giver": "cost or risk to giver",
    "rationale": "rationale",
    "significance": "why it matters",
    "claim": "claim",
    "evidence": "evidence",
    "text": "judgement",
    "publisher": "publisher",
    "author": "author",
    "meta": "details",
}
SEPARATOR = "\ue000"  # a private-use token: `clean` removes such characters from data
COLUMN_WEIGHTS = (4.0, 1.0, 0.5)  # title, text, meta


@dataclass(frozen=True)
class Doc:
    """One searchable row, as the results show it."""

    kind: str
    row_id: str
    title: str
    fields: tuple[tuple[str, str], ...]  # (field name, text): snippets come from these
    meta: tuple[str, ...]  # further words that find the row (publisher, actors, theme)
    confidence: str | None
    when: PartialDate | None
    link: Link
    #: for systems and exchange items: the subject whose status says if it is on record
    status_subject: bool = False


def _text(value: object) -> str:
    return " ".join(clean(value, break_long=False).split()) if value else ""


def _fields(**named: object) -> tuple[tuple[str, str], ...]:
    return tuple((name, _text(value)) for name, value in named.items() if _text(value))


def _date(value: object) -> PartialDate | None:
    return value if isinstance(value, PartialDate) else None


def _docs(dataset: Dataset) -> Iterable[Doc]:
    ctx = LinkContext(dataset)

    def link(kind: str, row: Any) -> Link:
        return link_for(ctx, kind, row)

    treaties = {t.id: t for t in dataset.treaties}
    for row in dataset.provisions:
        treaty = treaties.get(row.treaty_id)
        name = treaty.short_name if treaty else row.treaty_id
        article = "article not found" if row.article.lower() == "unknown" else row.article
        article = (
            article if article.lower() in ("preamble", "article not found") else (f"Art. {article}")
        )
        yield Doc(
            "provisions",
            row.id,
            _text(f"{name}, {article}: {row.theme.value}"),
            _fields(quote=row.quote, summary=row.summary, note=row.note),
            (row.obligation.value, row.locator),
            row.confidence.value,
            treaty.signed if treaty else None,
            link("provisions", row),
        )
    for row in dataset.treaties:
        yield Doc(
            "treaties",
            row.id,
            _text(row.short_name),
            _fields(full_title=row.title, term=row.term, note=row.note),
            (*row.parties, row.signed_place or "", row.status.value),
            row.confidence.value,
            row.signed,
            link("treaties", row),
        )
    for row in dataset.systems:
        yield Doc(
            "systems",
            row.id,
            _text(row.name),
            _fields(role=row.role, quantity_note=row.quantity_note, note=row.note),
            (row.category.value, row.origin, row.holder, row.status.value, row.direction.value),
            row.confidence.value,
            _date(row.first_delivery),
            link("systems", row),
            status_subject=True,
        )
    for row in dataset.exchange_items:
        yield Doc(
            "exchange",
            row.id,
            _text(row.item),
            _fields(
                value_to_receiver=row.value_to_receiver,
                cost_or_risk_to_giver=row.cost_or_risk_to_giver,
                rationale=row.rationale,
            ),
            (row.direction.value, row.category, row.status.value),
            row.confidence.value,
            None,
            link("exchange", row),
            status_subject=True,
        )
    for row in dataset.events:
        yield Doc(
            "events",
            row.id,
            _text(row.title),
            _fields(significance=row.significance, note=row.note),
            (*row.actors, row.theme.value),
            row.confidence.value,
            row.date,
            link("events", row),
        )
    for row in dataset.claims:
        yield Doc(
            "claims",
            row.id,
            _text(row.claim),
            _fields(quote=row.quote, evidence=row.evidence),
            (row.kind.value, row.assessment.value),
            row.confidence.value,
            _date(row.claim_date),
            link("claims", row),
        )
    for row in dataset.judgements:
        yield Doc(
            "judgements",
            row.id,
            _text(row.title),
            _fields(text=row.text),
            (),
            row.confidence.value,
            None,
            link("judgements", row),
        )
    for row in dataset.sources:
        yield Doc(
            "sources",
            row.id,
            _text(row.title),
            _fields(
                title_en=row.title_en, publisher=row.publisher, author=row.author, note=row.note
            ),
            (),
            None,
            _date(row.published),
            link("sources", row),
        )


def meta_text(doc: Doc) -> str:
    return " · ".join(value for value in (_text(v) for v in doc.meta) if value)


def _stored(token_lists: Iterable[list[Token]]) -> str:
    """One index column: each text's folded tokens, texts apart by the separator token."""
    return f" {SEPARATOR} ".join(
        " ".join(token.norm for token in toks) for toks in token_lists if toks
    )


class SearchIndex:
    """An FTS5 index over one dataset. Thread-safe; build once, query many times."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.docs: list[Doc] = list(_docs(dataset))
        #: doc number -> field name -> its tokens (snippets are marked from these)
        self.tokens: list[dict[str, list[Token]]] = []
        rows = []
        for number, doc in enumerate(self.docs):
            fields = {name: tokens(text) for name, text in doc.fields}
            fields["title"] = tokens(doc.title)
            fields["meta"] = tokens(meta_text(doc))
            self.tokens.append(fields)
            texts = [fields[name] for name, _text in doc.fields]
            meta = [tokens(_text(value)) for value in doc.meta]
            rows.append((number, _stored([fields["title"]]), _stored(texts), _stored(meta)))
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(title, text, meta, "
            "tokenize = \"unicode61 remove_diacritics 2 categories 'L* N* M* Co'\")"
        )
        self._db.executemany(
            "INSERT INTO docs (rowid, title, text, meta) VALUES (?, ?, ?, ?)", rows
        )
        self._db.commit()

    def match(self, expression: str) -> list[tuple[int, Doc, float]]:
        """Docs matching an FTS5 expression built by `tokens.match_expression`, best first.

        Raises sqlite3.Error only for an expression this package did not build."""
        weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
        with self._lock:
            rows = self._db.execute(
                f"SELECT rowid, bm25(docs, {weights}) FROM docs WHERE docs MATCH ? "
                "ORDER BY bm25(docs, " + weights + "), rowid",
                (expression,),
            ).fetchall()
        return [(rowid, self.docs[rowid], score) for rowid, score in rows]

    def vocabulary(self) -> list[tuple[int, str, str]]:
        """(doc number, column, token) for every token stored, in order (for tests)."""
        with self._lock:
            self._db.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab(docs, 'instance')"
            )
            return self._db.execute(
                "SELECT doc, col, term FROM vocab ORDER BY doc, col, offset"
            ).fetchall()


def build_index(dataset: Dataset) -> SearchIndex:
    """The index for `dataset` (a page caches it per dataset; the dataset is immutable)."""
    return SearchIndex(dataset)


def later_than(doc: Doc, dataset: Dataset, day: date) -> bool:
    """Is the row dated surely after `day` (not yet on record then)?"""
    if doc.status_subject:
        at = asof.status_on(dataset, doc.row_id, day)
        return (
            at.recorded
            and at.status is None
            and at.pending is None
            and (at.next is None or at.next.begins)
        )
    return doc.when is not None and doc.when.happened_by(day) is False
