"""Citations a reference manager imports: the source register as BibTeX, RIS and CSL-JSON.

    export(dataset, "ris")                                  # the whole register
    export(dataset, "bibtex", source_ids=[...])             # the sources one view cites
    export(dataset, "csl-json", view=url, accessed=today)   # a view: itself + its sources
    cite_view(dataset, url, accessed)                       # text + BibTeX + RIS of a view
    view_sources(dataset, url)                              # which sources a view cites

Writers are the maintained libraries: `bibtexparser` 2 writes BibTeX (LaTeX special
characters encoded with `pylatexenc`, the encoder bibtexparser itself uses), `rispy`
writes RIS, and CSL-JSON is `json`. The only text handling here is what the formats
cannot express: RIS and BibTeX values are one line (whitespace runs become one space),
a ';' in a RIS address is written %3B (rispy splits UR on ';'), and a brace without a
partner is written \\textbraceleft{} / \\textbraceright{} (BibTeX counts braces even
after a backslash, so only balanced pairs may be written \\{ \\}).

Choices, per field:
- key: the source id (lower-case letters, digits and '-': a valid BibTeX key, stable as
  long as the id is); a view's key is `briefing-<view>-<hash of its path and query>`.
- type, by the source's kind:

  | kind               | CSL                | RIS    | BibTeX                       |
  |--------------------|--------------------|--------|------------------------------|
  | news report        | article-newspaper  | NEWS   | @article (journal = outlet)  |
  | opinion            | article-newspaper  | NEWS   | @article, note "Opinion"     |
  | analysis           | report             | RPRT   | @report (institution)        |
  | official statement | document           | GOVDOC | @misc, type                  |
  | treaty text        | treaty             | LEGAL  | @misc, type "Treaty text"    |
  | reference          | entry-encyclopedia | ENCYC  | @misc, type "Reference work" |
  | a view of this app | webpage            | ELEC   | @misc                        |

  @article rather than biblatex's @online for news: every BibTeX style and every
  reference manager knows @article with a journal, and the CSL and RIS types carry the
  precise kind; @report is biblatex's (classic BibTeX falls back to @misc).
- date at its precision: CSL date-parts of one, two or three parts ("circa" when the
  date is inferred); RIS PY = the year and DA = YYYY/MM or YYYY/MM/DD; BibTeX year,
  month (the standard macro, e.g. `apr`) and biblatex's `date` (YYYY, YYYY-MM,
  YYYY-MM-DD). An unknown date is left out, never guessed.
- author as given, split only where the text itself separates people (';', ' and ',
  ' & '). A name that reads as an organisation is a literal (CSL), a braced name
  (BibTeX); a one-word personal name is a family name; any other name is kept whole
  (CSL literal), because a given/family split cannot be justified from the text alone.
  BibTeX reads "First Last" by its own rule. No author recorded: none is invented.
- outlet: the publisher as the page names it, as container (news, opinion, reference)
  or publisher (analysis, statement, treaty text); "publisher not found" is left out.
- accessed: the day a curator checked the page, else the data's as-of day.
- notes: the English title (also RIS TT), "Copy of: <original title>" for a copy,
  and that the date is inferred.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

import bibtexparser
import rispy
from bibtexparser import model as bib
from pylatexenc.latexencode import (
    RULE_DICT,
    UnicodeToLatexConversionRule,
    UnicodeToLatexEncoder,
    get_builtin_conversion_rules,
)

from briefing.citations import APP_NAME
from briefing.dates import MONTHS, PartialDate
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


def _line(value: object) -> str:
    """One line of printable text: no control or bidi characters, whitespace runs as one."""
    return " ".join(clean(value, break_long=False).split()) if value else ""


def names(author: str | None) -> tuple[Name, ...]:
    """The people (or bodies) in an author field, as the page gives them."""
    found: list[Name] = []
    for part in (_line(p) for p in (author or "").split(";")):
        if not part:
            continue
        if _ORGANISATION.search(part) or any(ch.isdigit() for ch in part):
            found.append(Name(part, organisation=True))
            continue
        found.extend(Name(person) for person in _PEOPLE_SPLIT.split(part) if person.strip())
    return tuple(found)


def _publisher(source: Source) -> str | None:
    text = _line(source.publisher)
    return None if not text or text.lower().startswith(_NO_PUBLISHER) else text


def reference(dataset: Dataset, source: Source) -> Reference:
    """The neutral record of one source."""
    notes: list[str] = []
    title_en = _line(source.title_en) or None
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
            notes.append(f"Copy of: {_line(copied.title)}" + (f" ({where})" if where else ""))
    issued = source.published if isinstance(source.published, PartialDate) else None
    circa = issued is not None and source.published_basis is DateBasis.INFERRED
    if circa:
        notes.append("Date inferred from the page's content")
    checked = source.checked.start if source.checked is not None else None
    return Reference(
        key=source.id,
        kind=source.kind.value,
        title=_line(source.title),
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


# ------------------------------------------------------------------ views
#: view path -> title; "" is the overview at "/"
VIEW_TITLES = {
    "": "Overview",
    "overview": "Overview",
    "treaties": "Treaty comparison",
    "capabilities": "Military capabilities",
    "exchange": "The exchange",
    "timeline": "Timeline and claims",
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

    text = _line(url)
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
    notes = [f"Data version {_line(dataset.version)}, data as of {as_of}"]
    view_day = dict(parse_qsl(parts.query)).get("as_of")
    if view_day:
        notes.append(f"View as of {_line(view_day)[:10]}")
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
        version=_line(dataset.version),
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
