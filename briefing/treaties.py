"""Treaty comparison: headline facts, clauses aligned by theme, what changed, pledge strength.

The question a reader brings: what does the 2025 Russia–Iran treaty oblige Russia
to do if Iran is attacked, how does that differ from 2001, and how far is it from
the pledge Russia gave North Korea in 2024? Everything the `/treaties` page and
the PDF show comes from `comparison(...)` and the functions it calls:

- `headline`: signed, in force, articles, term, parties, mutual-defence clause and
  the status on the as-of day (`briefing.asof.treaty_status_on`), with sources;
- `align`: one row per theme, one cell per treaty (every recorded clause, quote or
  summary, coded obligation, confidence, sources), plus the relation label
  between a treaty and the one it supersedes;
- `theme_diffs`: a word-level diff of the two texts of each succession, as
  structured segments, with a one-line plain reading that says when the texts come
  from different languages or sources, so word changes are not over-read;
- `ladder_points` / `ladder_chart`: each treaty's strongest coded defence pledge
  on the obligation scale, with the comparator clauses as reference points.

Pure functions of a `Dataset` and plain values; no Streamlit here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import altair as alt

from briefing import charts
from briefing.asof import treaty_status_on
from briefing.citations import cite
from briefing.dates import PartialDate
from briefing.report.model import Chart, Heading, Paragraph, Section, Table
from briefing.schema import (
    OBLIGATION_LADDER,
    Obligation,
    Provision,
    Relation,
    Theme,
    Treaty,
    TreatyRole,
)
from briefing.store import Dataset
from briefing.text import clean, csv_safe, escape_markdown, shorten, to_csv

URL_PATH = "treaties"
TREATY_KEY = "treaty"
THEME_KEY = "theme"
TEXT_KEY = "text"
TEXT_MODES = ("quote", "summary")
MAX_TREATIES = 3
DEFAULT_TREATIES = ("ru-ir-2001", "ru-ir-2025", "dprk-ru-2024")
DEFAULT_THEMES = (
    Theme.MUTUAL_DEFENCE,
    Theme.NON_ASSISTANCE,
    Theme.CONSULTATION,
    Theme.MILITARY_COOPERATION,
    Theme.INTELLIGENCE,
    Theme.ARMS_CONTROL,
    Theme.TERRITORY,
    Theme.REGIONAL,
    Theme.DURATION,
)
#: themes of clauses that say what happens if a party is attacked or threatened; only
#: these count as a "defence pledge" (general military cooperation is not a pledge to
#: defend), in this order of precedence when two clauses share a rung. `strongest`
#: applies the rule; `briefing.overview.strongest_pledge` calls it too.
DEFENCE_THEMES = (Theme.MUTUAL_DEFENCE, Theme.NON_ASSISTANCE, Theme.CONSULTATION)
RUNGS = len(OBLIGATION_LADDER)
NOTHING = "nothing recorded on this theme"
LANGUAGES = {
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "fa": "Persian",
    "ko": "Korean",
    "zh": "Chinese",
    "de": "German",
    "ar": "Arabic",
    "ja": "Japanese",
}
PARTY_NAMES = {
    "russia": "Russia",
    "iran": "Iran",
    "dprk": "DPRK (North Korea)",
    "china": "China",
    "usa": "United States",
    "japan": "Japan",
    "belarus": "Belarus",
    "nato-member-states": "NATO member states",
    "csto-member-states": "CSTO member states",
}
GLANCE_HELP = (
    "Does the treaty contain a mutual-defence clause? From the treaties table; its sources "
    "are listed under Headline facts."
)
LADDER_NOTE = (
    "A defence pledge is a clause on what happens if a party is attacked or threatened "
    "(mutual defence, non-assistance to an aggressor, consultation); general cooperation "
    "clauses (e.g. military cooperation) are in the table above, not on the ladder."
)
TOO_MANY = (
    f"The link names more than {MAX_TREATIES} treaties; the first {MAX_TREATIES} are compared."
)
CELL_LIMIT = 400  # characters of clause text in a compact table cell


# -------------------------------------------------------------------- choosing
def treaty_options(dataset: Dataset) -> list[str]:
    """Treaty ids for the picker: the briefed treaties first, then comparators, oldest first."""
    rows = sorted(
        dataset.treaties,
        key=lambda t: (t.role != TreatyRole.SUBJECT, t.signed.start, t.id),
    )
    return [t.id for t in rows]


def treaty_name(dataset: Dataset, treaty_id: str) -> str:
    """The treaty's short name as a reader knows it ('Russia–Iran 2025'); the id if unknown."""
    treaty = dataset.get("treaties", treaty_id)
    return clean(treaty.short_name) if isinstance(treaty, Treaty) else treaty_id


def treaty_labels(dataset: Dataset) -> dict[str, str]:
    """id -> unique label for pickers and table columns (the id is added on a name clash)."""
    names: dict[str, str] = {}
    seen: dict[str, int] = {}
    for treaty_id in treaty_options(dataset):
        name = treaty_name(dataset, treaty_id)
        seen[name] = seen.get(name, 0) + 1
    for treaty_id in treaty_options(dataset):
        name = treaty_name(dataset, treaty_id)
        names[treaty_id] = name if seen[name] == 1 else f"{name} ({treaty_id})"
    return names


def url_checks(dataset: Dataset) -> dict[str, Callable[[str], bool]]:
    """For each URL parameter of the page: does it accept this value? ('' clears a list.)"""
    labels = set(treaty_labels(dataset).values())
    themes = {theme.value for theme in Theme}
    return {
        TREATY_KEY: lambda value: value == "" or value in labels,
        THEME_KEY: lambda value: value == "" or value in themes,
        TEXT_KEY: lambda value: value in TEXT_MODES,
    }


def default_treaties(dataset: Dataset) -> list[str]:
    known = set(treaty_options(dataset))
    chosen = [t for t in DEFAULT_TREATIES if t in known]
    return chosen or treaty_options(dataset)[:MAX_TREATIES]


def resolve_treaties(dataset: Dataset, values: Iterable[str] | None) -> tuple[list[str], list[str]]:
    """(treaty ids, values not understood) from ids or picker labels, as a URL holds them.

    None means "not given": the default treaties. Duplicates are dropped; at most
    MAX_TREATIES are kept (the rest are reported as not understood).
    """
    if values is None:
        return default_treaties(dataset), []
    if isinstance(values, str):
        values = [values]
    labels = treaty_labels(dataset)
    by_label = {label: treaty_id for treaty_id, label in labels.items()}
    chosen: list[str] = []
    ignored: list[str] = []
    for value in values:
        treaty_id = value if value in labels else by_label.get(value)
        if treaty_id is None:
            ignored.append(value)
        elif treaty_id not in chosen:
            if len(chosen) < MAX_TREATIES:
                chosen.append(treaty_id)
            else:
                ignored.append(value)
    return chosen, ignored


def resolve_themes(values: Iterable[str] | None) -> tuple[list[Theme], list[str]]:
    """(themes in display order, values not understood). None: the default themes."""
    if values is None:
        return list(DEFAULT_THEMES), []
    if isinstance(values, str):
        values = [values]
    wanted, ignored = set(), []
    for value in values:
        try:
            wanted.add(Theme(value))
        except ValueError:
            ignored.append(value)
    return [theme for theme in Theme if theme in wanted], ignored


def resolve_mode(value: str | None) -> tuple[str, list[str]]:
    if value is None or value in TEXT_MODES:
        return value or TEXT_MODES[0], []
    return TEXT_MODES[0], [value]


# --------------------------------------------------------------------- helpers
def rank(obligation: Obligation | str) -> int | None:
    """Rung on the obligation ladder (1 = weakest), or None for codes off the ladder."""
    try:
        return OBLIGATION_LADDER.index(Obligation(obligation)) + 1
    except ValueError:
        return None


def language_name(code: str | None) -> str:
    if not code:
        return "an unrecorded language"
    return LANGUAGES.get(code.strip().lower(), clean(code))


def party_names(treaty: Treaty) -> str:
    return "; ".join(PARTY_NAMES.get(p, clean(p)) for p in treaty.parties)


def source_label(dataset: Dataset, source_id: str | None) -> str:
    return cite(dataset, source_id).label if source_id else "no source"


def sources_text(dataset: Dataset, source_ids: Iterable[str]) -> str:
    """'TASS, 8 April 2025 [tass-1940345]; …' for tables and CSV."""
    return "; ".join(f"{cite(dataset, sid).label} [{sid}]" for sid in dict.fromkeys(source_ids))


def article_label(article: str) -> str:
    text = clean(article)
    if text.lower() in {"unknown", ""}:
        return "article not found"
    if text.lower() == "preamble":
        return "Preamble"
    return f"Art. {text}"


def _when(value: object, day: date, *, not_yet: str) -> str:
    if isinstance(value, PartialDate):
        happened = value.happened_by(day)
        if happened is False:
            return f"{not_yet} on {day.isoformat()}"
        text = value.human()
        return text if happened else f"{text} (may fall after {day.isoformat()})"
    if value == "unknown":
        return "unknown"
    return "not given"


# ------------------------------------------------------------------- headline
@dataclass(frozen=True)
class Clause:
    """One recorded provision as the comparison shows it."""

    provision_id: str
    treaty_id: str
    article: str
    theme: str
    text: str  # the quote or the summary, per the chosen mode
    text_kind: Literal["quote", "summary"]
    language: str | None  # of the quote; summaries are our English
    quote_source_id: str | None  # the first source: the one the quote is verbatim from
    summary: str
    obligation: str
    rank: int | None
    confidence: str
    source_ids: tuple[str, ...]
    locator: str
    relation: str | None
    note: str | None

    @property
    def label(self) -> str:
        if self.text_kind == "quote":
            return f"quote ({language_name(self.language)})"
        return "summary (our words)"


def clause(provision: Provision, mode: str = "quote") -> Clause:
    use_quote = mode == "quote" and bool(provision.quote)
    return Clause(
        provision_id=provision.id,
        treaty_id=provision.treaty_id,
        article=provision.article,
        theme=provision.theme.value,
        text=(provision.quote if use_quote else provision.summary) or "",
        text_kind="quote" if use_quote else "summary",
        language=provision.quote_language if use_quote else None,
        quote_source_id=provision.source_ids[0] if use_quote else None,
        summary=provision.summary,
        obligation=provision.obligation.value,
        rank=rank(provision.obligation),
        confidence=provision.confidence.value,
        source_ids=tuple(provision.source_ids),
        locator=provision.locator,
        relation=provision.relation.value if provision.relation else None,
        note=provision.note,
    )


def clauses_for(dataset: Dataset, treaty_id: str, mode: str = "quote") -> list[Clause]:
    """Every recorded clause of a treaty, in file order."""
    return [clause(p, mode) for p in dataset.provisions if p.treaty_id == treaty_id]


def is_defence_pledge(c: Clause) -> bool:
    """A clause on what happens if a party is attacked or threatened, coded on the ladder."""
    return c.rank is not None and c.theme in {theme.value for theme in DEFENCE_THEMES}


def strongest(clauses: Sequence[Clause]) -> Clause | None:
    """The defence pledge on the highest ladder rung (ties: mutual defence first)."""
    ranked = [c for c in clauses if is_defence_pledge(c)]
    if not ranked:
        return None
    priority = {theme.value: index for index, theme in enumerate(DEFENCE_THEMES)}
    return min(ranked, key=lambda c: (-c.rank, priority[c.theme]))


@dataclass(frozen=True)
class HeadlineColumn:
    treaty_id: str
    label: str
    cells: dict[str, str]
    source_ids: tuple[str, ...]
    status_source_ids: tuple[str, ...]
    locator: str
    confidence: str
    status_confidence: str | None
    signed_by_day: bool


HEADLINE_FIELDS = (
    "Signed",
    "In force",
    "Articles",
    "Term and renewal",
    "Parties",
    "Mutual-defence clause",
    "Strongest defence pledge",
    "Status",
    "Confidence",
    "Sources",
    "Status sources",
)


def _status_confidence(dataset: Dataset, treaty_id: str, since: PartialDate | None, status: str):
    for change in dataset.statuses:
        if change.subject_id == treaty_id and change.date == since and change.status == status:
            return change.confidence.value
    return None


def headline(dataset: Dataset, treaty_ids: Sequence[str], day: date) -> list[HeadlineColumn]:
    """The side-by-side facts of each chosen treaty, status as of `day`."""
    labels = treaty_labels(dataset)
    columns = []
    for treaty_id in treaty_ids:
        treaty = dataset.get("treaties", treaty_id)
        if not isinstance(treaty, Treaty):
            continue
        status = treaty_status_on(dataset, treaty, day)
        status_text = status.label
        if status.status is None and status.pending is None:
            status_text = f"not yet signed (as of {day.isoformat()})"
        else:
            if status.since is not None:
                status_text += f" (since {status.since.human()})"
            status_text += f", as of {day.isoformat()}"
        best = strongest(clauses_for(dataset, treaty_id))
        pledge = (
            f"{best.obligation} (rung {best.rank} of {RUNGS}; {article_label(best.article)})"
            if best
            else "none coded in the data"
        )
        status_confidence = (
            _status_confidence(dataset, treaty_id, status.since, status.status)
            if status.status
            else None
        )
        mutual = {"yes": "yes", "no": "no", "partial": "partial"}[treaty.mutual_defence]
        cells = {
            "Signed": _when(treaty.signed, day, not_yet="not yet signed"),
            "In force": _when(treaty.entered_into_force, day, not_yet="not yet in force"),
            "Articles": str(treaty.articles) if treaty.articles is not None else "unknown",
            "Term and renewal": clean(treaty.term) if treaty.term else "unknown",
            "Parties": party_names(treaty),
            "Mutual-defence clause": mutual,
            "Strongest defence pledge": pledge,
            "Status": status_text,
            "Confidence": treaty.confidence.value
            + (f" (status: {status_confidence})" if status_confidence else ""),
            "Sources": sources_text(dataset, treaty.source_ids),
            "Status sources": sources_text(dataset, status.source_ids) or "none recorded",
        }
        columns.append(
            HeadlineColumn(
                treaty_id=treaty_id,
                label=labels.get(treaty_id, treaty_id),
                cells=cells,
                source_ids=tuple(treaty.source_ids),
                status_source_ids=tuple(status.source_ids),
                locator=clean(treaty.locator),
                confidence=treaty.confidence.value,
                status_confidence=status_confidence,
                signed_by_day=treaty.signed.happened_by(day) is True,
            )
        )
    return columns


#: the headline table's first column: the name of each fact
FACT = "Fact"


def headline_rows(
    columns: Sequence[HeadlineColumn], fields: Sequence[str] = HEADLINE_FIELDS
) -> list[dict[str, str]]:
    """Rows = facts, columns = treaties: the table as shown (on screen and in the PDF)."""
    return [
        {FACT: name, **{column.label: column.cells[name] for column in columns}} for name in fields
    ]


@dataclass(frozen=True)
class Glance:
    """One line answering 'is this a mutual-defence pact?' for a treaty."""

    treaty_id: str
    label: str
    mutual_defence: str
    pledge: str
    confidence: str
    source_ids: tuple[str, ...]

    @property
    def answer(self) -> str:
        """'Yes', 'No' or 'Partly': does the treaty contain a mutual-defence clause?"""
        return {"yes": "Yes", "no": "No", "partial": "Partly"}.get(self.mutual_defence, "Unknown")

    @property
    def sentence(self) -> str:
        return f"{self.label}: mutual-defence clause: {self.answer.lower()}. {self.pledge}"


def at_a_glance(
    dataset: Dataset, treaty_ids: Sequence[str], day: date | None = None
) -> list[Glance]:
    """For each treaty: mutual-defence clause yes/no and its strongest defence pledge."""
    labels = treaty_labels(dataset)
    lines = []
    for treaty_id in treaty_ids:
        treaty = dataset.get("treaties", treaty_id)
        if not isinstance(treaty, Treaty):
            continue
        best = strongest(clauses_for(dataset, treaty_id))
        if best:
            pledge = (
                f"Strongest defence pledge: {best.obligation} ({article_label(best.article)}, "
                f"rung {best.rank} of {RUNGS})."
            )
            sources = best.source_ids
            confidence = best.confidence
        else:
            pledge = "No defence pledge (mutual defence, non-assistance, consultation) is coded."
            sources, confidence = tuple(treaty.source_ids), treaty.confidence.value
        if day is not None and treaty.signed.happened_by(day) is not True:
            pledge = f"Not yet signed on {day.isoformat()}. " + pledge
        lines.append(
            Glance(
                treaty_id,
                labels.get(treaty_id, treaty_id),
                treaty.mutual_defence,
                pledge,
                confidence,
                tuple(sources),
            )
        )
    return lines


# ------------------------------------------------------------------ alignment
@dataclass(frozen=True)
class Succession:
    earlier_id: str
    later_id: str


def successions(dataset: Dataset, treaty_ids: Sequence[str]) -> list[Succession]:
    """Pairs of chosen treaties where the later one supersedes the earlier one."""
    chosen = set(treaty_ids)
    pairs = []
    for treaty_id in treaty_ids:
        treaty = dataset.get("treaties", treaty_id)
        if isinstance(treaty, Treaty) and treaty.supersedes in chosen:
            pairs.append(Succession(treaty.supersedes, treaty_id))
    return pairs


@dataclass(frozen=True)
class RelationLabel:
    earlier_id: str
    later_id: str
    relation: str  # a Relation value, or "not assessed"
    basis: str  # "recorded" (an analyst's coding in provisions.csv) or "derived: …"

    @property
    def text(self) -> str:
        if self.basis == "recorded":
            return f"{self.relation} (recorded)"
        return f"{self.relation} ({self.basis})"


def relation_between(earlier: Sequence[Clause], later: Sequence[Clause]) -> tuple[str, str]:
    """(relation, basis) of a later text to an earlier one on one theme."""
    recorded = list(dict.fromkeys(c.relation for c in later if c.relation))
    if recorded:
        return " / ".join(recorded), "recorded"
    if not earlier and not later:
        return Relation.ABSENT.value, "derived: neither text has a clause recorded"
    if not later:
        return Relation.ABSENT.value, "derived: no clause recorded in the later text"
    if not earlier:
        return Relation.NEW.value, "derived: no clause recorded in the earlier text"
    old = max((c.rank for c in earlier if c.rank), default=None)
    new = max((c.rank for c in later if c.rank), default=None)
    if old is None or new is None:
        return "not assessed", "no relation recorded, and no obligation code to compare"
    if new == old:
        return Relation.CONTINUITY.value, "derived: same obligation code"
    if new > old:
        return Relation.EXPANDED.value, "derived: stronger obligation code"
    return Relation.NARROWED.value, "derived: weaker obligation code"


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    cells: dict[str, tuple[Clause, ...]]  # treaty id -> clauses, possibly none
    relations: tuple[RelationLabel, ...] = ()


def align(
    dataset: Dataset, treaty_ids: Sequence[str], themes: Sequence[Theme | str], mode: str
) -> list[ThemeRow]:
    """One row per theme (in the order given), one cell per chosen treaty."""
    by_treaty = {tid: clauses_for(dataset, tid, mode) for tid in treaty_ids}
    pairs = successions(dataset, treaty_ids)
    rows = []
    for theme in themes:
        value = Theme(theme).value
        cells = {tid: tuple(c for c in by_treaty[tid] if c.theme == value) for tid in treaty_ids}
        relations = tuple(
            RelationLabel(
                p.earlier_id, p.later_id, *relation_between(cells[p.earlier_id], cells[p.later_id])
            )
            for p in pairs
        )
        rows.append(ThemeRow(value, cells, relations))
    return rows


def cell_text(
    clauses: Sequence[Clause], limit: int = CELL_LIMIT, dataset: Dataset | None = None
) -> str:
    """A compact, plain-text cell: 'Art. 3(3) · quote (English): “…” · obligation: … ·
    confirmed · source: RT, 17 January 2025 (+4 more)'."""
    if not clauses:
        return NOTHING
    parts = []
    for c in clauses:
        text = (
            f"{article_label(c.article)} · {c.label}: “{shorten(c.text, limit)}” · "
            f"obligation: {c.obligation} · {c.confidence}"
        )
        if dataset is not None and c.source_ids:
            more = len(c.source_ids) - 1
            text += f" · source: {source_label(dataset, c.source_ids[0])}"
            text += f" (+{more} more)" if more else ""
        parts.append(text)
    return " | ".join(parts)


def relation_header(dataset: Dataset, pair: Succession | RelationLabel) -> str:
    return f"{treaty_name(dataset, pair.earlier_id)} → {treaty_name(dataset, pair.later_id)}"


def alignment_rows(
    dataset: Dataset, rows: Sequence[ThemeRow], treaty_ids: Sequence[str]
) -> list[dict[str, str]]:
    """The compact aligned table as shown: theme, one column per treaty, relation(s)."""
    labels = treaty_labels(dataset)
    table = []
    for row in rows:
        line = {"theme": row.theme}
        for tid in treaty_ids:
            line[labels.get(tid, tid)] = cell_text(row.cells.get(tid, ()), dataset=dataset)
        for relation in row.relations:
            line[f"relation {relation_header(dataset, relation)}"] = relation.text
        table.append(line)
    return table


def _header(text: str) -> str:
    """A CSV header cell a spreadsheet will not run (`to_csv` neutralises only data cells)."""
    return str(csv_safe(clean(text, break_long=False)))


def alignment_csv(
    dataset: Dataset, rows: Sequence[ThemeRow], treaty_ids: Sequence[str], mode: str
) -> str:
    """CSV of the aligned table as shown, full texts, one sources column per treaty."""
    labels = treaty_labels(dataset)
    columns = ["theme"]
    records = []
    for tid in treaty_ids:
        name = _header(labels.get(tid, tid))
        columns += [
            f"{name}: article",
            f"{name}: text ({mode})",
            f"{name}: obligation",
            f"{name}: confidence",
            f"{name}: sources",
            f"{name}: locator",
        ]
    pairs = rows[0].relations if rows else ()
    columns += [f"relation {relation_header(dataset, r)}" for r in pairs]
    for row in rows:
        record: dict[str, object] = {"theme": row.theme}
        for tid in treaty_ids:
            name = _header(labels.get(tid, tid))
            found = row.cells.get(tid, ())
            if not found:
                record[f"{name}: text ({mode})"] = NOTHING
                continue
            record[f"{name}: article"] = " | ".join(article_label(c.article) for c in found)
            record[f"{name}: text ({mode})"] = " | ".join(f"[{c.label}] {c.text}" for c in found)
            record[f"{name}: obligation"] = " | ".join(c.obligation for c in found)
            record[f"{name}: confidence"] = " | ".join(c.confidence for c in found)
            record[f"{name}: sources"] = " | ".join(
                sources_text(dataset, c.source_ids) for c in found
            )
            record[f"{name}: locator"] = " | ".join(clean(c.locator) for c in found)
        for relation in row.relations:
            record[f"relation {relation_header(dataset, relation)}"] = relation.text
        records.append(record)
    return to_csv(records, columns)


# ---------------------------------------------------------------------- diffs
@dataclass(frozen=True)
class Segment:
    op: Literal["equal", "insert", "delete"]
    text: str


_TOKEN = re.compile(r"\S+")


def words(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def _normal(tokens: Sequence[str]) -> list[str]:
    keys = (re.sub(r"[\W_]+", "", token.casefold()) for token in tokens)
    return [key for key in keys if key]


def word_diff(old: str | None, new: str | None) -> list[Segment]:
    """Word-level difference of two texts as recorded: runs of equal, deleted, inserted words."""
    a, b = words(old), words(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    segments: list[Segment] = []

    def add(op: str, tokens: Sequence[str]) -> None:
        if not tokens:
            return
        text = " ".join(tokens)
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + " " + text)  # type: ignore[arg-type]
        else:
            segments.append(Segment(op, text))  # type: ignore[arg-type]

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", a[i1:i2])
        else:
            add("delete", a[i1:i2])
            add("insert", b[j1:j2])
    return segments


def similarity(old: str | None, new: str | None) -> float:
    """Share of wording in common (0–1), ignoring case and punctuation."""
    a, b = _normal(words(old)), _normal(words(new))
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def diff_markdown(segments: Sequence[Segment]) -> str:
    """Markdown that shows ~~deleted~~ and **inserted** words; every data token is escaped."""
    parts = []
    for segment in segments:
        text = escape_markdown(segment.text)
        if segment.op == "delete":
            parts.append(f"~~{text}~~")
        elif segment.op == "insert":
            parts.append(f"**{text}**")
        else:
            parts.append(text)
    return " ".join(parts)


def diff_plain(segments: Sequence[Segment]) -> str:
    """The same difference as plain text for print: [-deleted-] {+inserted+}."""
    parts = []
    for segment in segments:
        if segment.op == "delete":
            parts.append(f"[-{segment.text}-]")
        elif segment.op == "insert":
            parts.append(f"{{+{segment.text}+}}")
        else:
            parts.append(segment.text)
    return " ".join(parts)


def diff_rows(segments: Sequence[Segment], earlier: str, later: str) -> list[dict[str, str]]:
    """The difference as a list (for screen readers and the table view)."""
    meaning = {"equal": "kept", "delete": f"only in {earlier}", "insert": f"only in {later}"}
    return [{"change": meaning[s.op], "words": s.text} for s in segments]


@dataclass(frozen=True)
class ThemeDiff:
    theme: str
    earlier_id: str
    later_id: str
    earlier: Clause | None
    later: Clause | None
    text_kind: Literal["quote", "summary", "none"]
    segments: tuple[Segment, ...]
    similarity: float | None
    relation: RelationLabel
    reading: str
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def texts(self) -> str:
        """What was compared, in words: 'quotes', 'summaries' or 'nothing'."""
        return {"quote": "quotes", "summary": "summaries"}.get(self.text_kind, "nothing")


def _pick(clauses: Sequence[Clause], want_quote: bool) -> Clause | None:
    """The clause that speaks for a treaty on a theme: quoted, coded, strongest first."""
    if not clauses:
        return None

    def key(c: Clause) -> tuple:
        return (
            not (want_quote and c.text_kind == "quote"),
            c.relation is None,
            -(c.rank or 0),
        )

    return min(clauses, key=key)


def _obligation_phrase(earlier: Clause, later: Clause) -> str:
    if earlier.rank is None and later.rank is None:
        return "neither clause is coded as a defence pledge"
    if earlier.obligation == later.obligation:
        return f"both are coded '{later.obligation}'"
    if earlier.rank and later.rank:
        word = "stronger" if later.rank > earlier.rank else "weaker"
        return f"the later pledge is coded {word} ('{earlier.obligation}' → '{later.obligation}')"
    return f"coded '{earlier.obligation}' → '{later.obligation}'"


def _likeness(later_name: str, earlier_name: str, ratio: float, identical: bool) -> str:
    pct = f"({round(ratio * 100)}% alike)"
    if identical:
        return f"{later_name} keeps the {earlier_name} wording word for word."
    if ratio >= 0.85:
        return f"{later_name} keeps the {earlier_name} wording almost word for word {pct}."
    if ratio >= 0.5:
        return f"{later_name} keeps much of the {earlier_name} wording, with changes {pct}."
    if ratio >= 0.2:
        return f"{later_name} rewords the {earlier_name} text substantially {pct}."
    return f"{later_name} shares almost no wording with the {earlier_name} text {pct}."


def plain_reading(
    dataset: Dataset,
    theme: str,
    earlier_id: str,
    later_id: str,
    earlier: Clause | None,
    later: Clause | None,
    mode: str,
) -> str:
    """One line a reader can take away, honest about what a word diff can show."""
    e_name, l_name = treaty_name(dataset, earlier_id), treaty_name(dataset, later_id)
    if earlier is None and later is None:
        return f"Neither {e_name} nor {l_name} has a clause on {theme} in the data."
    if earlier is None:
        return (
            f"New in {l_name}: no {e_name} clause on {theme} is recorded "
            f"({l_name}: {article_label(later.article)}, coded '{later.obligation}')."
        )
    if later is None:
        return (
            f"No {l_name} clause on {theme} is recorded; {e_name} had one "
            f"({article_label(earlier.article)}, coded '{earlier.obligation}')."
        )
    ratio = similarity(earlier.text, later.text)
    identical = words(earlier.text) == words(later.text)
    coded = _obligation_phrase(earlier, later)
    if earlier.text_kind == "summary" or later.text_kind == "summary":
        if mode == "quote":
            missing = [
                name
                for name, c in ((e_name, earlier), (l_name, later))
                if not _has_quote(dataset, c)
            ]
            lead = (
                f"No verbatim text is recorded for {' or '.join(missing)}, so this compares "
                "our summaries, not treaty wording"
            )
        else:
            lead = "This compares our summaries, not treaty wording"
        return f"{lead}: {_likeness(l_name, e_name, ratio, identical)[:-1]}; {coded}."
    e_lang, l_lang = (earlier.language or "").lower(), (later.language or "").lower()
    e_src = source_label(dataset, earlier.quote_source_id)
    l_src = source_label(dataset, later.quote_source_id)
    if not e_lang or not l_lang or e_lang != l_lang:
        return (
            f"The texts are recorded in different languages or translations "
            f"({e_name}: {language_name(e_lang)}, from {e_src}; {l_name}: "
            f"{language_name(l_lang)}, from {l_src}), so the word changes below reflect "
            f"translation, not the treaty; by the coded obligation, {coded}."
        )
    if earlier.quote_source_id != later.quote_source_id:
        return (
            f"The texts come from different sources ({e_src}; {l_src}) and may be different "
            f"translations, so read small word changes with care: "
            f"{_likeness(l_name, e_name, ratio, identical)[:-1]}; {coded}."
        )
    return f"{_likeness(l_name, e_name, ratio, identical)[:-1]}; {coded}."


def _has_quote(dataset: Dataset, c: Clause) -> bool:
    provision = dataset.get("provisions", c.provision_id)
    return isinstance(provision, Provision) and bool(provision.quote)


def theme_diffs(dataset: Dataset, rows: Sequence[ThemeRow], mode: str) -> list[ThemeDiff]:
    """For each succession among the chosen treaties and each theme with a clause on
    either side: the word diff of the two texts and its plain reading."""
    result = []
    for row in rows:
        for relation in row.relations:
            old = row.cells.get(relation.earlier_id, ())
            new = row.cells.get(relation.later_id, ())
            if not old and not new:
                continue
            earlier, later = _pick(old, mode == "quote"), _pick(new, mode == "quote")
            if earlier and later and (earlier.text_kind != later.text_kind):
                earlier, later = _as_summary(dataset, earlier), _as_summary(dataset, later)
            reading = plain_reading(
                dataset, row.theme, relation.earlier_id, relation.later_id, earlier, later, mode
            )
            if earlier and later:
                segments = tuple(word_diff(earlier.text, later.text))
                kind = earlier.text_kind
                ratio = similarity(earlier.text, later.text)
            else:
                segments, kind, ratio = (), "none", None
            result.append(
                ThemeDiff(
                    theme=row.theme,
                    earlier_id=relation.earlier_id,
                    later_id=relation.later_id,
                    earlier=earlier,
                    later=later,
                    text_kind=kind,
                    segments=segments,
                    similarity=ratio,
                    relation=relation,
                    reading=reading,
                )
            )
    return result


def _as_summary(dataset: Dataset, c: Clause) -> Clause:
    provision = dataset.get("provisions", c.provision_id)
    return clause(provision, "summary") if isinstance(provision, Provision) else c


# --------------------------------------------------------------------- ladder
@dataclass(frozen=True)
class LadderPoint:
    treaty_id: str
    treaty: str
    role: Literal["chosen", "reference"]
    rank: int
    obligation: str
    article: str
    theme: str
    provision_id: str
    confidence: str
    source_ids: tuple[str, ...]
    strongest: bool
    status: str
    signed: bool = True  # signed by the as-of day


def ladder_points(dataset: Dataset, treaty_ids: Sequence[str], day: date) -> list[LadderPoint]:
    """Every coded clause of the chosen treaties and the comparators; one per treaty is
    marked strongest. Chosen treaties first, then reference treaties, oldest first."""
    labels = treaty_labels(dataset)
    plotted = list(treaty_ids) + [
        t.id for t in dataset.treaties if t.role == TreatyRole.COMPARATOR and t.id not in treaty_ids
    ]
    points = []
    for tid in plotted:
        treaty = dataset.get("treaties", tid)
        if not isinstance(treaty, Treaty):
            continue
        found = clauses_for(dataset, tid)
        best = strongest(found)
        status = treaty_status_on(dataset, treaty, day)
        status_text = status.label if status.status or status.pending else "not yet signed"
        for c in found:
            if not is_defence_pledge(c):
                continue
            points.append(
                LadderPoint(
                    treaty_id=tid,
                    treaty=labels.get(tid, tid),
                    role="chosen" if tid in treaty_ids else "reference",
                    rank=c.rank,
                    obligation=c.obligation,
                    article=article_label(c.article),
                    theme=c.theme,
                    provision_id=c.provision_id,
                    confidence=c.confidence,
                    source_ids=c.source_ids,
                    strongest=c is best,
                    status=status_text,
                    signed=treaty.signed.happened_by(day) is True,
                )
            )
    return points


def unplotted(dataset: Dataset, treaty_ids: Sequence[str], points: Sequence[LadderPoint]):
    """Chosen treaties with no clause on the ladder (so the chart cannot place them)."""
    placed = {p.treaty_id for p in points}
    return [treaty_name(dataset, tid) for tid in treaty_ids if tid not in placed]


def _strongest_points(points: Sequence[LadderPoint]) -> list[LadderPoint]:
    return [p for p in points if p.strongest]


def ladder_alt_text(points: Sequence[LadderPoint]) -> str:
    best = _strongest_points(points)
    if not best:
        return "Pledge-strength ladder: no treaty has a coded defence pledge in the data."
    listing = "; ".join(
        f"{p.treaty} ({p.role}): {p.obligation}, rung {p.rank} ({p.article})" for p in best
    )
    return (
        f"Dot chart placing each treaty's strongest coded defence pledge on a {RUNGS}-rung "
        f"scale from '{OBLIGATION_LADDER[0].value}' (1, weakest) to "
        f"'{OBLIGATION_LADDER[-1].value}' ({RUNGS}, strongest); chosen treaties are circles, "
        f"reference clauses diamonds, other coded clauses small dots. {listing}."
    )


def ladder_takeaway(points: Sequence[LadderPoint]) -> str:
    """One sentence: where the chosen treaties sit, and which sit below every reference."""
    best = _strongest_points(points)
    chosen = [p for p in best if p.role == "chosen"]
    reference = sorted((p for p in best if p.role == "reference"), key=lambda p: p.rank)
    if not chosen:
        return "None of the chosen treaties has a coded defence pledge in the data."
    first, *rest = chosen
    text = f"{first.treaty} reaches rung {first.rank} of {RUNGS} ({first.obligation})"
    text += "".join(f", {p.treaty} rung {p.rank} ({p.obligation})" for p in rest)
    if reference:
        lowest = reference[0]
        below = [p.treaty for p in chosen if p.rank < lowest.rank]
        if below:
            names = " and ".join(below) if len(below) < 3 else ", ".join(below)
            verb = "sits" if len(below) == 1 else "sit"
            text += (
                f"; {names} {verb} below every reference clause (the lowest, "
                f"{lowest.treaty}, is at rung {lowest.rank})"
            )
        else:
            text += (
                f"; the reference clauses run from rung {lowest.rank} ({lowest.treaty}) to "
                f"rung {reference[-1].rank} ({reference[-1].treaty})"
            )
    return text + "."


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


def ladder_source_ids(points: Sequence[LadderPoint]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(sid for p in _strongest_points(points) for sid in p.source_ids))


def ladder_rows(points: Sequence[LadderPoint], dataset: Dataset) -> list[dict[str, str]]:
    """The chart's data as a table (its text alternative)."""
    return [
        {
            "treaty": p.treaty,
            "role": p.role,
            "rung": str(p.rank),
            "obligation": p.obligation,
            "clause": p.article,
            "theme": p.theme,
            "confidence": p.confidence,
            "sources": sources_text(dataset, p.source_ids),
        }
        for p in _strongest_points(points)
    ]


# --------------------------------------------------------------------- claims
def claims_about(dataset: Dataset, subject_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Claims whose subjects include any of the ids: both sides of a dispute, with sources.

    Disagreements come first: assessment 'disputed' or 'contradicted', or confidence
    'disputed'."""
    wanted = set(subject_ids)
    found = []
    for claim in dataset.claims:
        if wanted & set(claim.subject_ids):
            found.append(
                {
                    "id": claim.id,
                    "claim": claim.claim,
                    "quote": claim.quote,
                    "claimed_by": claim.claimed_by,
                    "assessment": claim.assessment.value,
                    "evidence": claim.evidence,
                    "evidence_source_ids": tuple(claim.evidence_source_ids),
                    "confidence": claim.confidence.value,
                    "subject_ids": tuple(claim.subject_ids),
                    # sources disagree: a dispute, or a source contradicted by others
                    "disputed": claim.assessment.value in ("disputed", "contradicted")
                    or claim.confidence.value == "disputed",
                }
            )
    return sorted(found, key=lambda claim: not claim["disputed"])


def claim_rows(dataset: Dataset, claims: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    """Checked claims as a table: the claim, who made it, the assessment and its evidence."""
    return [
        {
            "claim": c["claim"],
            "claimed by": source_label(dataset, c["claimed_by"]),
            "assessment": c["assessment"],
            "evidence": c["evidence"],
            "confidence": c["confidence"],
            "evidence sources": sources_text(dataset, c["evidence_source_ids"]),
        }
        for c in claims
    ]


# ----------------------------------------------------------------- the view
@dataclass(frozen=True)
class Comparison:
    """Everything the /treaties page and the PDF section show, for one set of filters."""

    treaty_ids: tuple[str, ...]
    themes: tuple[str, ...]
    mode: str
    day: date
    glance: tuple[Glance, ...]
    headline: tuple[HeadlineColumn, ...]
    rows: tuple[ThemeRow, ...]
    diffs: tuple[ThemeDiff, ...]
    points: tuple[LadderPoint, ...]
    unplotted: tuple[str, ...]
    not_signed: tuple[str, ...]
    claims: tuple[dict[str, Any], ...]

    @property
    def state(self) -> dict[str, Any]:
        """What `report_section` takes to rebuild this view (the PDF button hands it over)."""
        return {
            TREATY_KEY: list(self.treaty_ids),
            THEME_KEY: list(self.themes),
            TEXT_KEY: self.mode,
            "as_of": self.day,
        }

    @property
    def pairs(self) -> list[tuple[str, str]]:
        seen = dict.fromkeys((r.earlier_id, r.later_id) for row in self.rows for r in row.relations)
        return list(seen)


def comparison(
    dataset: Dataset,
    treaty_ids: Sequence[str],
    themes: Sequence[Theme | str],
    mode: str,
    day: date,
) -> Comparison:
    """The whole comparison for the chosen treaties, themes, text mode and as-of day."""
    mode = mode if mode in TEXT_MODES else TEXT_MODES[0]
    treaty_ids = [t for t in treaty_ids if isinstance(dataset.get("treaties", t), Treaty)]
    rows = align(dataset, treaty_ids, themes, mode)
    points = ladder_points(dataset, treaty_ids, day)
    columns = headline(dataset, treaty_ids, day)
    subject_ids = list(treaty_ids) + [
        c.provision_id for row in rows for cell in row.cells.values() for c in cell
    ]
    return Comparison(
        treaty_ids=tuple(treaty_ids),
        themes=tuple(Theme(t).value for t in themes),
        mode=mode,
        day=day,
        glance=tuple(at_a_glance(dataset, treaty_ids, day)),
        headline=tuple(columns),
        rows=tuple(rows),
        diffs=tuple(theme_diffs(dataset, rows, mode)),
        points=tuple(points),
        unplotted=tuple(unplotted(dataset, treaty_ids, points)),
        not_signed=tuple(c.label for c in columns if not c.signed_by_day),
        claims=tuple(claims_about(dataset, subject_ids)),
    )


def view_query(
    dataset: Dataset, treaty_ids: Sequence[str], themes: Sequence[str], mode: str, day: date
) -> dict[str, Any]:
    """The URL query that reproduces the view (lists: encode with urlencode(doseq=True))."""
    labels = treaty_labels(dataset)
    query: dict[str, Any] = {
        TREATY_KEY: [labels.get(t, t) for t in treaty_ids],
        THEME_KEY: [Theme(t).value for t in themes],
        TEXT_KEY: mode,
    }
    if dataset.as_of is None or day != dataset.as_of:
        query["as_of"] = day.isoformat()
    return query


# ----------------------------------------------------------------- the PDF
def report_section(dataset: Dataset, state: dict[str, Any]) -> Section:
    """The treaty comparison as a document section, built from the same functions as the page.

    `state`: {"treaty": [...ids or labels], "theme": [...], "text": "quote"|"summary",
    "as_of": date}; anything missing takes the page default.
    """
    treaty_ids, _ = resolve_treaties(dataset, state.get(TREATY_KEY))
    themes, _ = resolve_themes(state.get(THEME_KEY))
    mode, _ = resolve_mode(state.get(TEXT_KEY))
    day = state.get("as_of") or dataset.as_of or date.today()
    view = comparison(dataset, treaty_ids, themes, mode, day)
    blocks: list[Any] = [Heading("Is it a mutual-defence pact?", 3)]
    for line in view.glance:
        blocks.append(
            Paragraph(line.sentence + f" Confidence: {line.confidence}.", line.source_ids)
        )
    if view.not_signed:
        blocks.append(
            Paragraph(f"Not yet signed on {day.isoformat()}: {', '.join(view.not_signed)}.")
        )
    blocks.append(Heading("Headline facts", 3))
    # the source rows are printed as citations in the paragraph below instead
    shown = [f for f in HEADLINE_FIELDS if f not in ("Sources", "Status sources")]
    rows = headline_rows(view.headline, shown)
    blocks.append(
        Table(
            caption=f"The chosen treaties side by side (status as of {day.isoformat()}).",
            columns=(FACT, *(c.label for c in view.headline)),
            rows=tuple(tuple(row.values()) for row in rows),
            source_ids=tuple(() for _ in rows),
        )
    )
    blocks.append(
        Paragraph(
            "Sources of the headline facts: "
            + "; ".join(f"{c.label}: {clean(c.locator)}" for c in view.headline),
            tuple(
                dict.fromkeys(
                    s for c in view.headline for s in (*c.source_ids, *c.status_source_ids)
                )
            ),
        )
    )
    blocks.append(Heading("Clauses by theme", 3))
    labels = treaty_labels(dataset)
    table_rows, table_sources, table_conf = [], [], []
    for row in view.rows:
        for tid in view.treaty_ids:
            for c in row.cells.get(tid, ()):
                table_rows.append(
                    (
                        row.theme,
                        labels.get(tid, tid),
                        article_label(c.article),
                        f"[{c.label}] {c.text}",
                        c.obligation,
                    )
                )
                table_sources.append(c.source_ids)
                table_conf.append(c.confidence)
            if not row.cells.get(tid):
                table_rows.append((row.theme, labels.get(tid, tid), "", NOTHING, ""))
                table_sources.append(())
                table_conf.append(None)
    blocks.append(
        Table(
            caption="Each recorded clause on the chosen themes; a quote is verbatim from the "
            "first source cited, a summary is our paraphrase.",
            columns=("theme", "treaty", "article", "text", "obligation"),
            rows=tuple(table_rows),
            confidence=tuple(table_conf),
            source_ids=tuple(table_sources),
            widths=(1.2, 1.2, 0.8, 4, 1.3),
        )
    )
    if view.diffs:
        blocks.append(Heading("What changed", 3))
        blocks.append(
            Paragraph(
                "In the differences below, [-words-] appear only in the "
                "earlier text and {+words+} only in the later one."
            )
        )
        for d in view.diffs:
            blocks.append(
                Heading(f"{d.theme}: {relation_header(dataset, d.relation)} — {d.relation.text}", 4)
            )
            ids = tuple(
                dict.fromkeys(
                    (
                        *(d.earlier.source_ids if d.earlier else ()),
                        *(d.later.source_ids if d.later else ()),
                    )
                )
            )
            blocks.append(Paragraph(d.reading, ids))
            if d.segments:
                # not a Quote block: the marked-up difference is not anyone's verbatim words
                blocks.append(
                    Paragraph(
                        f"Word difference of the {d.texts} as recorded: " + diff_plain(d.segments),
                        ids,
                    )
                )
    blocks.append(Heading("Pledge-strength ladder", 3))
    blocks.append(
        Chart(
            spec=charts.spec(ladder_chart(view.points, day)),
            alt=ladder_alt_text(view.points),
            takeaway=ladder_takeaway(view.points),
            source_ids=ladder_source_ids(view.points),
        )
    )
    for claim in (c for c in view.claims if c["disputed"]):
        blocks.append(
            Paragraph(
                f"Disputed or checked claim: {claim['claim']} — assessment: {claim['assessment']}. "
                f"Evidence: {claim['evidence']}",
                (claim["claimed_by"], *claim["evidence_source_ids"]),
            )
        )
    return Section(
        key="treaties",
        title="Treaty comparison",
        url_path=URL_PATH,
        blocks=tuple(blocks),
        query=view_query(dataset, view.treaty_ids, view.themes, mode, day),
        summary=ladder_takeaway(view.points),
    )
