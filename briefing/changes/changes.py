"""What changed between two days: events, status changes, claim assessments, new sources.

`changes_between(dataset, since, until)` lists what the data dates inside the window
(since EXCLUSIVE, until INCLUSIVE; see `briefing.changes.state`):

- events whose date (or span) overlaps the window;
- status changes from statuses.csv (and a treaty's own signed / in force / ended dates
  where statuses.csv does not name them: the same steps `briefing.asof` reads), each
  with the status in force the day before (`asof.status_on`) and the new one;
- claims whose assessment changed: a statuses.csv row whose subject_id is a claim id and
  whose status is an assessment word ("borne out", "open", ...). claims.csv itself holds
  only each claim's current assessment, undated, so it says nothing about when;
- sources published in the window (undated sources cannot be placed and are counted).

Dates keep their precision. A date known only to the month or year counts when its
period overlaps the window, and the item says so (`edge`, `placement`): "dated only
March 2025: may fall on or before 17 January 2025". Nothing is guessed either way.

Everything returned is plain data text: a page escapes it, the PDF builder cleans it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from briefing import asof
from briefing.changes.state import human
from briefing.citations import source_date
from briefing.dates import MONTHS, PartialDate
from briefing.schema import (
    Assessment,
    Claim,
    Event,
    ExchangeItem,
    Provision,
    Source,
    System,
    Treaty,
)
from briefing.store import Dataset

ASSESSMENTS = {a.value for a in Assessment}
NOT_RECORDED = "(not recorded)"
#: short marks for an item whose date is not surely inside the window
BEFORE_EDGE = "possibly before the window"
AFTER_EDGE = "possibly after the as-of date"
BEGAN_BEFORE = "began before the window"
UNDER_WAY = "still under way on the as-of date"
KIND = {
    "treaties": "treaty",
    "provisions": "provision",
    "systems": "system",
    "exchange": "exchange item",
    "events": "event",
    "claims": "claim",
}


# ------------------------------------------------------------------ the window
@dataclass(frozen=True)
class Window:
    since: date  # exclusive
    until: date  # inclusive

    def holds(self, when: PartialDate, last: PartialDate | None = None) -> bool:
        """Does the period `when` (to `last`) overlap the window? (Never, when empty.)"""
        if self.since >= self.until:
            return False
        end = (last or when).end
        return end > self.since and when.start <= self.until

    def edges(self, when: PartialDate, last: PartialDate | None = None) -> tuple[str, ...]:
        """Why an overlapping date is not surely inside: () when it is."""
        found = []
        spans = last is not None and last.end > when.end
        if when.start <= self.since:
            found.append(BEGAN_BEFORE if spans and when.precision == "day" else BEFORE_EDGE)
        end = last if spans else when
        if end.end > self.until:
            found.append(UNDER_WAY if spans and end.precision == "day" else AFTER_EDGE)
        return tuple(found)

    def placement(self, when: PartialDate, last: PartialDate | None = None) -> str:
        """The edges in words: 'dated only March 2025: may fall on or before 17 January 2025'."""
        words = []
        edges = self.edges(when, last)
        if edges == (BEFORE_EDGE, AFTER_EDGE):
            return (
                f"dated only {when.human()}: may fall on or before {human(self.since)} "
                f"or after the as-of date ({human(self.until)})"
            )
        for edge in edges:
            if edge == BEFORE_EDGE:
                words.append(
                    f"dated only {when.human()}: may fall on or before {human(self.since)}"
                )
            elif edge == AFTER_EDGE:
                end = last if last is not None and last.end > when.end else when
                words.append(
                    f"dated only {end.human()}: may fall after the as-of date ({human(self.until)})"
                )
            elif edge == BEGAN_BEFORE:
                words.append(f"began {asof.on(when)}, before the window")
            elif edge == UNDER_WAY:
                words.append(f"under way on the as-of date (until {last.human()})")
        return "; ".join(words)


def date_text(when: PartialDate, last: PartialDate | None = None) -> str:
    """'11 October 2024', 'August 2022', '13–24 June 2025': as precise as the source."""
    if last is None or last.end <= when.end:
        return when.human()
    if when.precision == last.precision == "day" and (when.year, when.month) == (
        last.year,
        last.month,
    ):
        return f"{when.day}–{last.day} {MONTHS[last.month - 1]} {last.year}"
    return f"{when.human()} – {last.human()}"


# ------------------------------------------------------------------ items
@dataclass(frozen=True)
class EventChange:
    id: str
    title: str
    when: PartialDate
    last: PartialDate | None  # last date, for events spanning days
    date_text: str
    precision: str  # 'day', 'month' or 'year'
    theme: str
    treaty_id: str | None
    significance: str
    source_ids: tuple[str, ...]
    confidence: str
    edges: tuple[str, ...] = ()
    placement: str = ""  # '' when surely inside the window


@dataclass(frozen=True)
class StatusChange:
    """One dated status step of a treaty, system, exchange item (or any subject)."""

    subject_id: str
    subject_kind: str  # 'treaty', 'system', 'exchange item', 'claim', ...
    subject_name: str
    when: PartialDate
    date_text: str
    before: str | None  # the status in force the day before; None: not recorded
    #: a month- or year-dated step that may have come before the day before ('' if none)
    before_pending: str
    before_pending_date: PartialDate | None
    before_source_ids: tuple[str, ...]
    status: str
    source_ids: tuple[str, ...]
    note: str
    confidence: str
    row_id: str | None  # statuses.csv id; None for a date from the treaty's own row
    edges: tuple[str, ...] = ()
    placement: str = ""

    @property
    def after_text(self) -> str:
        """The status it moved to; a restatement of the same status says so."""
        return self.status if self.changed else f"{self.status} (restated, no change)"

    @property
    def before_text(self) -> str:
        text = self.before if self.before is not None else NOT_RECORDED
        if self.before_pending and self.before_pending_date is not None:
            text += (
                f" (possibly {self.before_pending}, dated only {self.before_pending_date.human()})"
            )
        return text

    @property
    def changed(self) -> bool:
        """False when the row restates the status already in force."""
        return self.before is None or _norm(self.before) != _norm(self.status)

    @property
    def all_source_ids(self) -> tuple[str, ...]:
        """The new status's sources, then the old one's."""
        return tuple(dict.fromkeys(self.source_ids + self.before_source_ids))


@dataclass(frozen=True)
class ClaimChange:
    """A claim's assessment, dated by a statuses.csv row naming the claim."""

    claim_id: str
    claim: str
    claimed_by: str
    when: PartialDate
    date_text: str
    before: str | None
    assessment: str
    source_ids: tuple[str, ...]
    before_source_ids: tuple[str, ...]
    note: str
    confidence: str
    row_id: str | None
    edges: tuple[str, ...] = ()
    placement: str = ""

    @property
    def before_text(self) -> str:
        return self.before if self.before is not None else NOT_RECORDED

    @property
    def all_source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.source_ids + self.before_source_ids))


@dataclass(frozen=True)
class SourceChange:
    id: str
    title: str
    publisher: str
    published: PartialDate
    date_text: str  # 'c. June 2025' for an inferred date
    kind: str
    edges: tuple[str, ...] = ()
    placement: str = ""

    @property
    def source_ids(self) -> tuple[str, ...]:
        return (self.id,)


@dataclass(frozen=True)
class Changes:
    """Everything the data dates inside the window, oldest first in each list."""

    window: Window
    events: tuple[EventChange, ...]
    statuses: tuple[StatusChange, ...]
    claims: tuple[ClaimChange, ...]
    sources: tuple[SourceChange, ...]
    #: sources with no publication date: they cannot be placed in any window
    undated_sources: int = 0

    @property
    def empty(self) -> bool:
        return not (self.events or self.statuses or self.claims or self.sources)

    def counts_text(self) -> str:
        """'18 events, 9 status changes, 0 claim assessments, 41 sources published'."""
        parts = [
            _count(len(self.events), "event"),
            _count(len(self.statuses), "status change"),
            _count(len(self.claims), "claim assessment"),
            _count(len(self.sources), "source") + " published",
        ]
        return ", ".join(parts)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


# ------------------------------------------------------------------ subjects
def treaty_name(treaty: Treaty) -> str:
    """'Russia–Iran 2025 treaty' (a sentence adds 'the')."""
    name = treaty.short_name
    return name if "treaty" in name.lower() else f"{name} treaty"


def subject(dataset: Dataset, subject_id: str) -> tuple[str, str]:
    """(kind, name) of any subject id: ('treaty', 'Russia–Iran 2025 treaty')."""
    found = dataset.find(subject_id)
    if found is None:
        return "row", subject_id
    table, row = found
    kind = KIND.get(table, table)
    if isinstance(row, Treaty):
        return kind, treaty_name(row)
    if isinstance(row, System):
        return kind, row.name
    if isinstance(row, ExchangeItem):
        return kind, row.item
    if isinstance(row, Event):
        return kind, row.title
    if isinstance(row, Claim):
        return kind, row.claim
    if isinstance(row, Provision):
        treaty = dataset.get("treaties", row.treaty_id)
        owner = treaty.short_name if isinstance(treaty, Treaty) else row.treaty_id
        return kind, f"{owner} Art. {row.article}"
    return kind, subject_id


def _subject_ids(dataset: Dataset) -> list[str]:
    """Every subject with dated steps: the treaties, then statuses.csv's subjects."""
    ids = [treaty.id for treaty in dataset.treaties]
    ids += [change.subject_id for change in dataset.statuses]
    return list(dict.fromkeys(ids))


# ------------------------------------------------------------------ the lists
def _events(dataset: Dataset, window: Window) -> list[EventChange]:
    rows = []
    for event in dataset.events:
        last = event.end_date if event.end_date and event.end_date.end > event.date.end else None
        if not window.holds(event.date, last):
            continue
        rows.append(
            EventChange(
                id=event.id,
                title=event.title,
                when=event.date,
                last=last,
                date_text=date_text(event.date, last),
                precision=event.date.precision,
                theme=event.theme.value,
                treaty_id=event.treaty_id,
                significance=event.significance,
                source_ids=tuple(event.source_ids),
                confidence=event.confidence.value,
                edges=window.edges(event.date, last),
                placement=window.placement(event.date, last),
            )
        )
    return sorted(rows, key=lambda r: (r.when.start, (r.last or r.when).end, r.id))


def _before(dataset: Dataset, subject_id: str, when: PartialDate) -> asof.StatusAt:
    """The subject's status the day before `when` began."""
    return asof.status_on(dataset, subject_id, when.start - timedelta(days=1))


def _steps(dataset: Dataset, window: Window) -> tuple[list[StatusChange], list[ClaimChange]]:
    statuses: list[StatusChange] = []
    claims: list[ClaimChange] = []
    order = {subject_id: n for n, subject_id in enumerate(_subject_ids(dataset))}
    for subject_id in order:
        kind, name = subject(dataset, subject_id)
        found = dataset.find(subject_id)
        row = found[1] if found else None
        for step in asof.steps_for(dataset, subject_id):
            # a row's own status_as_of says when a status was last known, not when it began
            if not step.begins or not window.holds(step.date):
                continue
            before = _before(dataset, subject_id, step.date)
            change = step.change
            confidence = change.confidence.value if change else getattr(row, "confidence", "")
            confidence = getattr(confidence, "value", confidence) or ""
            common = dict(
                when=step.date,
                date_text=step.date.human(),
                before=before.status,
                source_ids=tuple(step.source_ids),
                before_source_ids=tuple(before.source_ids) if before.status else (),
                note=step.note or "",
                confidence=confidence,
                row_id=change.id if change else None,
                edges=window.edges(step.date),
                placement=window.placement(step.date),
            )
            if isinstance(row, Claim) and _norm(step.status) in ASSESSMENTS:
                claims.append(
                    ClaimChange(
                        claim_id=subject_id,
                        claim=row.claim,
                        claimed_by=row.claimed_by,
                        assessment=step.status,
                        **common,
                    )
                )
                continue
            pending = before.pending
            statuses.append(
                StatusChange(
                    subject_id=subject_id,
                    subject_kind=kind,
                    subject_name=name,
                    status=step.status,
                    before_pending=pending.status if pending else "",
                    before_pending_date=pending.date if pending else None,
                    **common,
                )
            )

    def key(item: StatusChange | ClaimChange) -> tuple:
        subject_id = item.subject_id if isinstance(item, StatusChange) else item.claim_id
        return (item.when.start, item.when.end, order[subject_id])

    return sorted(statuses, key=key), sorted(claims, key=key)


def _sources(dataset: Dataset, window: Window) -> tuple[list[SourceChange], int]:
    rows, undated = [], 0
    for source in dataset.sources:
        published = source.published
        if not isinstance(published, PartialDate):
            undated += 1
            continue
        if not window.holds(published):
            continue
        rows.append(_source_change(source, published, window))
    return sorted(rows, key=lambda r: (r.published.start, r.published.end, r.id)), undated


def _source_change(source: Source, published: PartialDate, window: Window) -> SourceChange:
    return SourceChange(
        id=source.id,
        title=source.title,
        publisher=source.publisher,
        published=published,
        date_text=source_date(source),
        kind=source.kind.value,
        edges=window.edges(published),
        placement=window.placement(published),
    )


def changes_between(dataset: Dataset, since: date, until: date) -> Changes:
    """What the data dates after `since` and up to and including `until`.

    Plain values in (take `since` and `until` from `briefing.changes.parse_state`, which
    checks them); with `since` on or after `until` every list is empty.
    """
    window = Window(since, until)
    statuses, claims = _steps(dataset, window)
    sources, undated = _sources(dataset, window)
    return Changes(
        window,
        tuple(_events(dataset, window)),
        tuple(statuses),
        tuple(claims),
        tuple(sources),
        undated,
    )


def source_ids(items: Iterable[object]) -> tuple[str, ...]:
    """Every source id the items carry, in order of first appearance."""
    found: dict[str, None] = {}
    for item in items:
        ids = getattr(item, "all_source_ids", None) or getattr(item, "source_ids", ())
        for source_id in ids:
            found.setdefault(source_id, None)
    return tuple(found)
