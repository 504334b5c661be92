"""Events as the timeline shows them on an as-of day: rows, the table, one event's detail."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from briefing import asof
from briefing.asof import AFTER_STATE, HAPPENED_STATE, MAYBE_STATE, UNDER_WAY_STATE
from briefing.dates import MONTHS, PartialDate
from briefing.schema import Claim, Event
from briefing.store import Dataset
from briefing.text import shorten
from briefing.timeline.claims import ClaimRow, claim_row, source_labels
from briefing.timeline.state import TimelineFilters, _until
from briefing.timeline.wording import actor_name

#: how a date's precision is drawn: (words, mark shape)
PRECISION = {
    "day": ("exact day", "circle"),
    "month": ("month only", "square"),
    "year": ("year only", "diamond"),
}


def date_text(when: PartialDate, until: PartialDate | None = None) -> str:
    """'11 October 2024', 'August 2022', '2001', '13–24 June 2025': as precise as the source."""
    if until is None or until.end <= when.end:
        return when.human()
    if when.precision == until.precision == "day":
        if (when.year, when.month) == (until.year, until.month):
            return f"{when.day}–{until.day} {MONTHS[until.month - 1]} {until.year}"
        if when.year == until.year:
            return f"{when.day} {MONTHS[when.month - 1]} – {until.human()}"
    return f"{when.human()} – {until.human()}"


@dataclass(frozen=True)
class EventRow:
    """One event as the views show it."""

    id: str
    title: str
    when: PartialDate
    until: PartialDate | None  # last date, for events spanning days
    date_text: str
    precision: str  # 'exact day', 'month only', 'year only'
    start: date  # first day it may mean
    end: date  # last day it may mean
    actors: tuple[str, ...]  # names
    theme: str
    significance: str
    note: str
    treaty_id: str | None
    source_ids: tuple[str, ...]
    locator: str
    confidence: str
    state: str  # on the as-of day: happened / under way / may have happened / after …
    claim_ids: tuple[str, ...] = ()

    @property
    def after(self) -> bool:
        return self.state == AFTER_STATE


def claims_about(dataset: Dataset, subject_id: str) -> list[Claim]:
    """Claims whose subject_ids name the row: where sources disagree about it."""
    return [claim for claim in dataset.claims if subject_id in claim.subject_ids]


def event_row(dataset: Dataset, event: Event, day: date) -> EventRow:
    until = _until(event)
    spans = until is not event.date
    return EventRow(
        id=event.id,
        title=event.title,
        when=event.date,
        until=until if spans else None,
        date_text=date_text(event.date, until if spans else None),
        precision=PRECISION[event.date.precision][0],
        start=event.date.start,
        end=until.end,
        actors=tuple(actor_name(a) for a in event.actors),
        theme=event.theme.value,
        significance=event.significance,
        note=event.note or "",
        treaty_id=event.treaty_id,
        source_ids=tuple(event.source_ids),
        locator=event.locator,
        confidence=event.confidence.value,
        state=asof.period_state(event.date, until if spans else None, day),
        claim_ids=tuple(claim.id for claim in claims_about(dataset, event.id)),
    )


def event_rows(dataset: Dataset, filters: TimelineFilters) -> list[EventRow]:
    """The events the filters select, oldest first, each with its state on the as-of day."""
    rows = []
    for event in dataset.events:
        row = event_row(dataset, event, filters.as_of)
        if filters.themes and row.theme not in filters.themes:
            continue
        if filters.actors and not set(row.actors) & set(filters.actors):
            continue
        if filters.start and row.end < filters.start:
            continue
        if filters.end and row.start > filters.end:
            continue
        if filters.only_known and row.after:
            continue
        rows.append(row)
    return sorted(rows, key=lambda r: (r.start, r.end, r.title))


def hidden_after(dataset: Dataset, filters: TimelineFilters) -> int:
    """How many events the 'only what was known' switch is hiding (0 when it is off)."""
    if not filters.only_known:
        return 0
    return len(event_rows(dataset, replace(filters, only_known=False))) - len(
        event_rows(dataset, filters)
    )


def state_words(state: str, day: date) -> str:
    """The state as a reader reads it: 'after 10 October 2024', 'happened by then'."""
    when = asof.as_of_text(day)
    return {
        HAPPENED_STATE: f"happened by {when}",
        UNDER_WAY_STATE: f"under way on {when}",
        MAYBE_STATE: f"may have happened by {when} (date known only to the month or year)",
        AFTER_STATE: f"after the as-of date ({when})",
    }[state]


def events_table(dataset: Dataset, rows: list[EventRow], day: date) -> list[dict[str, Any]]:
    """One dict per event: what the page's table and the CSV export show."""
    claims = {claim.id: claim for claim in dataset.claims}
    table = []
    for row in rows:
        about = [claims[cid] for cid in row.claim_ids if cid in claims]
        doubted = sum(
            c.assessment.value in ("disputed", "contradicted", "not borne out") for c in about
        )
        claim_text = ""
        if about:
            claim_text = f"{len(about)} claim{'s' if len(about) > 1 else ''}"
            if doubted:
                claim_text += f" ({doubted} disputed, contradicted or not borne out)"
        table.append(
            {
                "when": row.date_text,
                "precision": row.precision,
                "event": row.title,
                "theme": row.theme,
                "actors": ", ".join(row.actors),
                "as_of": state_words(row.state, day),
                "confidence": row.confidence,
                "sources": source_labels(dataset, row.source_ids),
                "claims": claim_text,
                "significance": row.significance,
                "note": row.note,
                "source_ids": "; ".join(row.source_ids),
                "locator": row.locator,
                "id": row.id,
                "after": row.after,
            }
        )
    return table


EVENT_COLUMNS = (
    "when",
    "precision",
    "event",
    "theme",
    "actors",
    "as_of",
    "confidence",
    "sources",
    "claims",
    "significance",
    "note",
    "source_ids",
    "locator",
    "id",
)


def event_label(row: EventRow) -> str:
    """How an event is named in a picker: date and a shortened title."""
    return f"{row.date_text} · {shorten(row.title, 80)}"


@dataclass(frozen=True)
class EventDetail:
    row: EventRow
    state_text: str
    treaty_text: str  # '' unless the event is a step of a treaty
    claims: tuple[ClaimRow, ...]


def event_detail(dataset: Dataset, row: EventRow, day: date) -> EventDetail:
    treaty_text = ""
    if row.treaty_id:
        treaty = dataset.get("treaties", row.treaty_id)
        name = treaty.short_name if treaty is not None else row.treaty_id
        status = asof.status_on(dataset, row.treaty_id, day)
        treaty_text = f"On {asof.as_of_text(day)} the {name} treaty stood at: {status.label}"
        if status.since is not None:
            treaty_text += f" ({asof.on(status.since)})"
        treaty_text += "."
    filters = TimelineFilters(as_of=day)
    claims = tuple(
        claim_row(dataset, claim, filters.as_of)
        for claim in dataset.claims
        if claim.id in row.claim_ids
    )
    return EventDetail(row, state_words(row.state, day), treaty_text, claims)
