"""Everything about one system: its record, status history, every source with its
locator, related events and exchange items; and the detail panel's tables."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from briefing.asof import changes_for
from briefing.capabilities.systems import Dispute, SystemRow, date_text, system_row
from briefing.citations import cite_all
from briefing.schema import Event, ExchangeItem, System
from briefing.store import Dataset


# ------------------------------------------------------------------ detail
@dataclass(frozen=True)
class SourceRef:
    """A citation with the locator of the row that cites it."""

    source_id: str
    label: str
    title: str
    url: str | None
    kind: str
    known: bool
    locator: str
    cited_for: str  # what the citation supports: 'the systems row', 'status change …'


@dataclass(frozen=True)
class StatusStep:
    id: str
    date: str
    status: str
    note: str
    source_ids: tuple[str, ...]
    locator: str
    confidence: str
    after_as_of: bool


@dataclass(frozen=True)
class RelatedEvent:
    id: str
    date: str
    title: str
    theme: str
    significance: str
    source_ids: tuple[str, ...]
    locator: str
    confidence: str
    link: str  # why it is related
    after_as_of: bool


@dataclass(frozen=True)
class RelatedItem:
    id: str
    direction: str
    item: str
    status: str
    status_as_of: str
    rationale: str
    source_ids: tuple[str, ...]
    locator: str
    confidence: str


@dataclass(frozen=True)
class Detail:
    row: SystemRow
    record: tuple[tuple[str, str], ...]
    history: tuple[StatusStep, ...]
    sources: tuple[SourceRef, ...]
    events: tuple[RelatedEvent, ...]
    exchange_items: tuple[RelatedItem, ...]
    disputes: tuple[Dispute, ...] = field(default=())


def match_terms(system: System) -> list[str]:
    """Names an event text would use for the system: 'S-300', 'Geran-2', 'Kowsar'…"""
    terms: list[str] = []
    head, _, rest = system.name.partition(" (")
    head = re.sub(r"\s+satellite launch$", "", head.strip(), flags=re.IGNORECASE)
    for part in re.split(r",\s*|\s+and\s+", head):
        if part.strip():
            terms.append(part.strip())
    for alias in re.findall(r"\b([A-Z][\w]*-\d+\w*)", rest):
        if alias not in terms:
            terms.append(alias)
    return [term for term in terms if len(term) >= 3]


def _mentions(text: str, term: str) -> bool:
    pattern = r"(?<![\w-])" + re.escape(term) + r"(?![\w])"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


def _event_text(event: Event) -> str:
    return " ".join(filter(None, (event.title, event.significance, event.note)))


def related_events(dataset: Dataset, system: System, day: date) -> list[RelatedEvent]:
    """Events linked to the system: explicitly first (via claims), then by name in the text."""
    links: dict[str, str] = {}
    items = [x for x in dataset.exchange_items if system.id in x.system_ids]
    subjects = {system.id} | {item.id for item in items}
    for claim in dataset.claims:
        if subjects & set(claim.subject_ids):
            for subject in claim.subject_ids:
                if dataset.get("events", subject) is not None:
                    links.setdefault(subject, f"named with it in claim {claim.id}")
    terms = match_terms(system)
    for event in dataset.events:
        if event.id in links:
            continue
        text = _event_text(event)
        hit = next((term for term in terms if _mentions(text, term)), None)
        if hit:
            links[event.id] = f"mentions {hit!r}"
    out = []
    for event in dataset.events:
        if event.id not in links:
            continue
        out.append(
            RelatedEvent(
                event.id,
                event.date.human(),
                event.title,
                event.theme.value,
                event.significance,
                tuple(event.source_ids),
                event.locator,
                event.confidence.value,
                links[event.id],
                event.date.happened_by(day) is False,
            )
        )
    return sorted(out, key=lambda e: (dataset.get("events", e.id).date.start, e.id))


def related_items(dataset: Dataset, system: System) -> list[RelatedItem]:
    out = []
    for item in dataset.exchange_items:
        if system.id not in item.system_ids:
            continue
        out.append(_related_item(item))
    return out


def _related_item(item: ExchangeItem) -> RelatedItem:
    return RelatedItem(
        item.id,
        item.direction.value,
        item.item,
        item.status.value,
        item.status_as_of.human(),
        item.rationale,
        tuple(item.source_ids),
        item.locator,
        item.confidence.value,
    )


def detail(dataset: Dataset, system_id: str, day: date) -> Detail | None:
    """Everything about one system; None if the id is not in systems.csv."""
    system = dataset.get("systems", system_id)
    if not isinstance(system, System):
        return None
    row = system_row(dataset, system, day)
    record = (
        ("id", system.id),
        ("name", system.name),
        ("category", system.category.value),
        ("role", system.role),
        ("origin or supplier", system.origin),
        ("holder", system.holder),
        ("direction", system.direction.value),
        ("first delivery", date_text(system.first_delivery)),
        ("quantity", row.quantity),
        ("what the quantity counts", system.quantity_note or "not stated"),
        (f"status on {day.isoformat()}", row.status_label),
        ("latest recorded status", f"{system.status.value} (as of {system.status_as_of.human()})"),
        ("confidence", system.confidence.value),
        ("locator", system.locator),
        ("note", system.note or ""),
    )
    history = tuple(
        StatusStep(
            change.id,
            change.date.human(),
            change.status,
            change.note or "",
            tuple(change.source_ids),
            change.locator,
            change.confidence.value,
            change.date.happened_by(day) is False,
        )
        for change in changes_for(dataset, system.id)
    )
    refs: list[SourceRef] = []
    cited: list[tuple[Sequence[str], str, str]] = [
        (system.source_ids, system.locator, "the systems row")
    ]
    cited += [(s.source_ids, s.locator, f"status change {s.id}") for s in history]
    found = row.disputes
    for dispute in found:
        cited.append(((dispute.claimed_by,), dispute.locator, f"claim {dispute.claim_id}"))
        cited.append(
            (dispute.evidence_source_ids, "evidence", f"evidence on claim {dispute.claim_id}")
        )
    items = related_items(dataset, system)
    cited += [(i.source_ids, i.locator, f"exchange item {i.id}") for i in items]
    events = related_events(dataset, system, day)
    cited += [(e.source_ids, e.locator, f"event {e.id}") for e in events]
    for source_ids, locator, what in cited:
        for citation in cite_all(dataset, list(source_ids)):
            refs.append(
                SourceRef(
                    citation.id,
                    citation.label,
                    citation.title,
                    citation.url,
                    citation.kind,
                    citation.known,
                    locator,
                    what,
                )
            )
    return Detail(row, record, history, tuple(refs), tuple(events), tuple(items), found)


# ------------------------------------------------------------------ plain tables for the page
def source_table(refs: Iterable[SourceRef]) -> list[dict[str, object]]:
    """One row per source: what it is cited for, each time with the locator used."""
    rows: dict[str, dict[str, object]] = {}
    uses: dict[str, list[str]] = {}
    for r in refs:
        rows.setdefault(
            r.source_id,
            {
                "source": r.label,
                "title": r.title,
                "kind": r.kind or "not in sources.csv",
                "cited for (locator)": "",
                "link": r.url,
                "id": r.source_id,
            },
        )
        use = f"{r.cited_for} ({r.locator})"
        if use not in uses.setdefault(r.source_id, []):
            uses[r.source_id].append(use)
    for source_id, row in rows.items():
        row["cited for (locator)"] = "; ".join(uses[source_id])
    return list(rows.values())


DETAIL_TITLES = (
    ("record", "Full record"),
    ("history", "Status history"),
    ("sources", "Every source, with its locator"),
    ("events", "Related events"),
    ("exchange", "Exchange items"),
)


def detail_tables(found: Detail) -> dict[str, list[dict[str, object]]]:
    """The detail panel's tables as plain rows (the page only renders them)."""
    return {
        "record": [{"field": k, "value": v} for k, v in found.record],
        "history": [
            {
                "date": s.date,
                "status": s.status,
                "after the as-of date": "yes" if s.after_as_of else "",
                "note (summary)": s.note,
                "confidence": s.confidence,
                "locator": s.locator,
                "sources": "; ".join(s.source_ids),
            }
            for s in found.history
        ],
        "sources": source_table(found.sources),
        "events": [
            {
                "date": e.date,
                "event": e.title,
                "theme": e.theme,
                "why related": e.link,
                "after the as-of date": "yes" if e.after_as_of else "",
                "significance (summary)": e.significance,
                "confidence": e.confidence,
                "locator": e.locator,
                "sources": "; ".join(e.source_ids),
                "id": e.id,
            }
            for e in found.events
        ],
        "exchange": [
            {
                "item": i.item,
                "direction": i.direction,
                "status": f"{i.status} (as of {i.status_as_of})",
                "rationale (analytic judgement)": i.rationale,
                "confidence": i.confidence,
                "locator": i.locator,
                "sources": "; ".join(i.source_ids),
                "id": i.id,
            }
            for i in found.exchange_items
        ],
    }
