"""Clauses as the comparison shows them, the strongest defence pledge, and the
headline facts of each treaty (status as of a day)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from briefing.asof import treaty_status_on
from briefing.citations import cite
from briefing.dates import PartialDate
from briefing.schema import OBLIGATION_LADDER, Obligation, Provision, Theme, Treaty
from briefing.store import Dataset
from briefing.text import clean
from briefing.treaties.state import treaty_labels
from briefing.treaties.wording import LANGUAGES, PARTY_NAMES

#: themes of clauses that say what happens if a party is attacked or threatened; only
#: these count as a "defence pledge" (general military cooperation is not a pledge to
#: defend), in this order of precedence when two clauses share a rung. `strongest`
#: applies the rule; `briefing.overview.strongest_pledge` calls it too.
DEFENCE_THEMES = (Theme.MUTUAL_DEFENCE, Theme.NON_ASSISTANCE, Theme.CONSULTATION)
RUNGS = len(OBLIGATION_LADDER)


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
