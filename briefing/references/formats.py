"""The neutral reference record of a source and its three writers (BibTeX, RIS, CSL-JSON).

The choices per field and format are listed in `briefing.references` (the package doc).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import bibtexparser
import rispy
from bibtexparser import model as bib
from pylatexenc.latexencode import (
    RULE_DICT,
    UnicodeToLatexConversionRule,
    UnicodeToLatexEncoder,
    get_builtin_conversion_rules,
)

from briefing.dates import PartialDate
from briefing.register import original
from briefing.schema import DateBasis, Source, SourceKind
from briefing.store import Dataset
from briefing.text import clean, safe_url


@dataclass(frozen=True)
class ExportFormat:
    name: str  # as the CLI and URLs name it
    label: str  # as a button names it
    extension: str
    mime: str

    def filename(self, stem: str = "briefing-sources") -> str:
        return f"{stem}.{self.extension}"


FORMATS = {
    "bibtex": ExportFormat("bibtex", "BibTeX", "bib", "application/x-bibtex"),
    "ris": ExportFormat("ris", "RIS", "ris", "application/x-research-info-systems"),
    "csl-json": ExportFormat(
        "csl-json", "CSL-JSON", "json", "application/vnd.citationstyles.csl+json"
    ),
}
VIEW_KIND = "view"
#: kind -> (CSL type, RIS type, BibTeX type, genre or None, outlet role)
TYPES: dict[str, tuple[str, str, str, str | None, str]] = {
    SourceKind.NEWS_REPORT.value: ("article-newspaper", "NEWS", "article", None, "container"),
    SourceKind.OPINION.value: ("article-newspaper", "NEWS", "article", "Opinion", "container"),
    SourceKind.ANALYSIS.value: ("report", "RPRT", "report", "Analysis", "publisher"),
    SourceKind.OFFICIAL_STATEMENT.value: (
        "document",
        "GOVDOC",
        "misc",
        "Official statement",
        "publisher",
    ),
    SourceKind.TREATY_TEXT.value: ("treaty", "LEGAL", "misc", "Treaty text", "publisher"),
    SourceKind.REFERENCE.value: (
        "entry-encyclopedia",
        "ENCYC",
        "misc",
        "Reference work",
        "container",
    ),
    VIEW_KIND: ("webpage", "ELEC", "misc", None, "publisher"),
}
LANGUAGE_NAMES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fr": "French",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "ru": "Russian",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "zh": "Chinese",
}
MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NO_PUBLISHER = ("publisher not found", "unknown")
#: words that make a name an organisation's, not a person's
_ORGANISATION = re.compile(
    r"\b(agency|association|bureau|center|centre|committee|council|department|desk|"
    r"editorial|embassy|government|group|institute|kremlin|ministry|news|office|"
    r"organi[sz]ation|press|reuters|service|staff|team|tass|irna|university)\b",
    re.IGNORECASE,
)
_PEOPLE_SPLIT = re.compile(r"\s+(?:and|&)\s+")


# ------------------------------------------------------------------ the neutral record
@dataclass(frozen=True)
class Name:
    text: str
    organisation: bool = False


@dataclass(frozen=True)
class Reference:
    """One citable thing in the terms all three formats share."""

    key: str
    kind: str  # a SourceKind value, or "view"
    title: str
    title_en: str | None = None
    names: tuple[Name, ...] = ()
    outlet: str | None = None
    issued: PartialDate | None = None
    circa: bool = False
    accessed: date | None = None
    url: str | None = None
    language: str | None = None
    notes: tuple[str, ...] = ()
    version: str | None = None


def one_line(value: object) -> str:
    """One line of printable text: no control or bidi characters, whitespace runs as one."""
    return " ".join(clean(value, break_long=False).split()) if value else ""


def names(author: str | None) -> tuple[Name, ...]:
    """The people (or bodies) in an author field, as the page gives them."""
    found: list[Name] = []
    for part in (one_line(p) for p in (author or "").split(";")):
        if not part:
            continue
        if _ORGANISATION.search(part) or any(ch.isdigit() for ch in part):
            found.append(Name(part, organisation=True))
            continue
        for person in (p.strip() for p in _PEOPLE_SPLIT.split(part)):
            pieces = [piece.strip() for piece in person.split(",")]
            # "Julian Ku, Chris Mirasola" lists two people; "Ku, Julian" is one name
            if len(pieces) > 1 and all(len(piece.split()) >= 2 for piece in pieces):
                found.extend(Name(piece) for piece in pieces)
            elif person:
                found.append(Name(person))
    return tuple(found)


def _publisher(source: Source) -> str | None:
    text = one_line(source.publisher)
    return None if not text or text.lower().startswith(_NO_PUBLISHER) else text


def reference(dataset: Dataset, source: Source) -> Reference:
    """The neutral record of one source."""
    notes: list[str] = []
    title_en = one_line(source.title_en) or None
    if title_en:
        notes.append(f"English title: {title_en}")
    root = original(dataset, source.id)
    if source.copy_of and root != source.id:
        copied = dataset.source(root)
        if copied is not None:
            where = ", ".join(
                part
                for part in (
                    _publisher(copied),
                    copied.published.human() if isinstance(copied.published, PartialDate) else "",
                )
                if part
            )
            notes.append(f"Copy of: {one_line(copied.title)}" + (f" ({where})" if where else ""))
    issued = source.published if isinstance(source.published, PartialDate) else None
    circa = issued is not None and source.published_basis is DateBasis.INFERRED
    if circa:
        notes.append("Date inferred from the page's content")
    checked = source.checked.start if source.checked is not None else None
    return Reference(
        key=source.id,
        kind=source.kind.value,
        title=one_line(source.title),
        title_en=title_en,
        names=names(source.author),
        outlet=_publisher(source),
        issued=issued,
        circa=circa,
        accessed=checked or dataset.as_of,
        url=safe_url(source.url),
        language=source.language or None,
        notes=tuple(notes),
    )


def references(dataset: Dataset, source_ids: list[str] | tuple[str, ...] | None = None):
    """References for `source_ids` in that order (unknown ids skipped), or the register."""
    if source_ids is None:
        return [reference(dataset, s) for s in dataset.sources]
    chosen = [dataset.source(i) for i in dict.fromkeys(source_ids)]
    return [reference(dataset, s) for s in chosen if s is not None]


def unknown_sources(dataset: Dataset, source_ids) -> list[str]:
    return [i for i in dict.fromkeys(source_ids) if dataset.source(i) is None]


# ------------------------------------------------------------------ CSL-JSON
def _parts(day: PartialDate | date) -> list[int]:
    if isinstance(day, date):
        return [day.year, day.month, day.day]
    return [p for p in (day.year, day.month, day.day) if p is not None]


def _csl_name(name: Name) -> dict[str, str]:
    if name.organisation or " " in name.text or "," in name.text:
        return {"literal": name.text}
    return {"family": name.text}


def to_csl(ref: Reference) -> dict[str, Any]:
    csl_type, _ris, _bib, genre, role = TYPES[ref.kind]
    item: dict[str, Any] = {"id": ref.key, "citation-key": ref.key, "type": csl_type}
    item["title"] = ref.title
    if ref.names:
        item["author"] = [_csl_name(n) for n in ref.names]
    if ref.outlet:
        item["container-title" if role == "container" else "publisher"] = ref.outlet
    if genre:
        item["genre"] = genre
    if ref.issued is not None:
        item["issued"] = {"date-parts": [_parts(ref.issued)]}
        if ref.circa:
            item["issued"]["circa"] = True
    if ref.accessed is not None:
        item["accessed"] = {"date-parts": [_parts(ref.accessed)]}
    if ref.url:
        item["URL"] = ref.url
    if ref.language:
        item["language"] = ref.language
    if ref.version:
        item["version"] = ref.version
    if ref.notes:
        item["note"] = "\n".join(ref.notes)
    return item


def csl_json(refs: list[Reference]) -> str:
    return json.dumps([to_csl(r) for r in refs], ensure_ascii=False, indent=2) + "\n"


# ------------------------------------------------------------------ RIS
def _ris_day(day: PartialDate | date) -> str:
    return "/".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(_parts(day)))


def to_ris(ref: Reference) -> dict[str, Any]:
    _csl, ris_type, _bib, genre, role = TYPES[ref.kind]
    item: dict[str, Any] = {"type_of_reference": ris_type, "id": ref.key, "title": ref.title}
    if ref.title_en:
        item["translated_title"] = ref.title_en
    if ref.names:
        item["authors"] = [n.text for n in ref.names]
    if ref.outlet:
        item["secondary_title" if role == "container" else "publisher"] = ref.outlet
    if genre:
        item["type_of_work"] = genre
    if ref.issued is not None:
        item["year"] = f"{ref.issued.year:04d}"
        if ref.issued.precision != "year":
            item["date"] = _ris_day(ref.issued)
    if ref.accessed is not None:
        item["access_date"] = _ris_day(ref.accessed)
    if ref.url:
        item["urls"] = [ref.url.replace(";", "%3B")]
    if ref.language:
        item["language"] = ref.language
    if ref.version:
        item["edition"] = ref.version
    if ref.notes:
        item["notes"] = list(ref.notes)
    return item


def ris(refs: list[Reference]) -> str:
    return rispy.dumps([to_ris(r) for r in refs])


# ------------------------------------------------------------------ BibTeX
_UNMATCHED_OPEN, _UNMATCHED_CLOSE = "\ue001", "\ue002"  # `clean` removes these from data


def _latex_encoder() -> UnicodeToLatexEncoder:
    """pylatexenc's own escapes for LaTeX's special ASCII characters; every other
    character (Cyrillic, Persian, accents) stays UTF-8, as biber and Zotero read it."""
    rules: dict[int, str] = {}
    for rule in get_builtin_conversion_rules("defaults"):
        if rule.rule_type == RULE_DICT:
            for code, latex in rule.rule.items():
                if code < 128 and chr(code) != '"':  # a straight quote is fine in braces
                    rules.setdefault(code, latex)
    rules[ord(_UNMATCHED_OPEN)] = r"\textbraceleft{}"
    rules[ord(_UNMATCHED_CLOSE)] = r"\textbraceright{}"
    return UnicodeToLatexEncoder(
        conversion_rules=[UnicodeToLatexConversionRule(RULE_DICT, rules)],
        non_ascii_only=False,
        unknown_char_policy="keep",
        unknown_char_warning=False,
    )


_ENCODER = _latex_encoder()


def _mark_unmatched(text: str) -> str:
    chars, opened = list(text), []
    for position, char in enumerate(chars):
        if char == "{":
            opened.append(position)
        elif char == "}":
            if opened:
                opened.pop()
            else:
                chars[position] = _UNMATCHED_CLOSE
    for position in opened:
        chars[position] = _UNMATCHED_OPEN
    return "".join(chars)


def latex(text: str) -> str:
    """Text as a BibTeX value: LaTeX specials escaped, braces balanced."""
    return _ENCODER.unicode_to_latex(_mark_unmatched(text))


def _bib_name(name: Name) -> str:
    return "{" + latex(name.text) + "}" if name.organisation else latex(name.text)


def to_bibtex(ref: Reference) -> bib.Entry:
    _csl, _ris, entry_type, genre, role = TYPES[ref.kind]
    fields: list[bib.Field] = []

    def add(key: str, value: str | None, **kw) -> None:
        if value:
            fields.append(bib.Field(key, value, **kw))

    add("author", " and ".join(_bib_name(n) for n in ref.names))
    add("title", "{" + latex(ref.title) + "}")  # inner braces keep the title's case
    if ref.outlet:
        key = {"article": "journal", "report": "institution"}.get(entry_type, "howpublished")
        add(key, latex(ref.outlet))
    if genre and entry_type != "article":
        add("type", latex(genre))
    if ref.issued is not None:
        add("year", f"{ref.issued.year:04d}")
        if ref.issued.month is not None:
            add("month", MONTH_MACROS[ref.issued.month - 1], enclosing="no-enclosing")
        add("date", str(ref.issued))
    add("url", ref.url)
    if ref.accessed is not None:
        add("urldate", ref.accessed.isoformat())
    if ref.language:
        add("language", latex(LANGUAGE_NAMES.get(ref.language, ref.language)))
    add("version", latex(ref.version) if ref.version else None)
    notes = list(ref.notes)
    if genre and entry_type == "article":
        notes.insert(0, genre)
    add("note", latex("; ".join(notes)))
    return bib.Entry(entry_type, ref.key, fields)


def bibtex(refs: list[Reference]) -> str:
    library = bibtexparser.Library([to_bibtex(r) for r in refs])
    return bibtexparser.write_string(library)


WRITERS = {"bibtex": bibtex, "ris": ris, "csl-json": csl_json}
