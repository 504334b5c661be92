"""The /timeline page's URL state: vocabularies, filters as checked, and the link back."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from briefing import asof, site
from briefing.dates import PartialDate
from briefing.schema import Assessment, ClaimKind, Event, EventTheme
from briefing.store import Dataset
from briefing.timeline.wording import actor_name

URL_PATH = site.path("timeline")  # the page's address, from the one registry

# ------------------------------------------------------------------ vocabulary
LANES = ("theme", "actor")
THEMES = tuple(theme.value for theme in EventTheme)
ASSESSMENTS = tuple(a.value for a in Assessment)
CLAIM_KINDS = tuple(k.value for k in ClaimKind)


# ------------------------------------------------------------------- filters
@dataclass(frozen=True)
class TimelineFilters:
    """What the reader chose (as the URL holds it), after checking every value."""

    as_of: date
    actors: tuple[str, ...] = ()  # actor names as shown (empty: all)
    themes: tuple[str, ...] = ()  # event theme values (empty: all)
    start: date | None = None  # events ending before it are left out
    end: date | None = None  # events starting after it are left out
    lanes: str = "theme"
    only_known: bool = False  # hide what came after the as-of date (reader's explicit choice)
    assessments: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    claimants: tuple[str, ...] = ()  # claimant labels as shown (empty: all)
    ignored: tuple[str, ...] = field(default=(), compare=False)


def _values(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, Iterable):
        return [str(item) for item in value if str(item).strip()]
    return [str(value)]


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return asof.parse_url_day(value.strip())
    return None


def actors(dataset: Dataset) -> list[str]:
    """Every actor name, most frequent first (ties alphabetical)."""
    counts = Counter(actor_name(a) for event in dataset.events for a in event.actors)
    return sorted(counts, key=lambda name: (-counts[name], name.lower()))


def claimants(dataset: Dataset) -> dict[str, str]:
    """claimant label -> source id, in order of first appearance in claims.csv."""
    found: dict[str, str] = {}
    for claim in dataset.claims:
        label = claimant_label(dataset, claim.claimed_by)
        found.setdefault(label, claim.claimed_by)
    return found


def claimant_label(dataset: Dataset, source_id: str) -> str:
    source = dataset.source(source_id)
    if source is None:
        return source_id
    publisher = source.publisher
    if publisher.strip().lower().startswith("unknown"):
        publisher = "publisher not found"
    return f"{source.author} ({publisher})" if source.author else publisher


def date_bounds(dataset: Dataset) -> tuple[date, date]:
    """First and last day any event may mean (the default date range)."""
    if not dataset.events:
        latest = asof.latest(dataset)
        return latest, latest
    starts = [event.date.start for event in dataset.events]
    ends = [_until(event).end for event in dataset.events]
    return min(starts), max(ends)


def parse_state(dataset: Dataset, state: Mapping[str, Any] | None) -> TimelineFilters:
    """Filters from a state dict (URL values or widget values); unknown values are ignored
    and named in `ignored`. `state["as_of"]` is a date or YYYY-MM-DD (default: the data's)."""
    state = state or {}
    ignored: list[str] = []
    day = _day(state.get("as_of"))
    day = asof.clamp(day, dataset)

    known_actors = {name.lower(): name for name in actors(dataset)}
    known_actors.update({a.lower(): actor_name(a) for e in dataset.events for a in e.actors})
    chosen_actors = []
    for value in _values(state.get("event_actor")):
        name = known_actors.get(value.strip().lower())
        if name is None:
            ignored.append(f"event_actor={value[:40]}")
        elif name not in chosen_actors:
            chosen_actors.append(name)

    def pick(key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        chosen = []
        for value in _values(state.get(key)):
            if value in allowed:
                if value not in chosen:
                    chosen.append(value)
            else:
                ignored.append(f"{key}={value[:40]}")
        return tuple(chosen)

    labels = claimants(dataset)
    by_id = {source_id: label for label, source_id in labels.items()}
    chosen_claimants = []
    for value in _values(state.get("claimant")):
        label = value if value in labels else by_id.get(value)
        if label is None:
            ignored.append(f"claimant={value[:40]}")
        elif label not in chosen_claimants:
            chosen_claimants.append(label)

    bounds: dict[str, date | None] = {}
    for key in ("events_from", "events_to"):
        raw = state.get(key)
        parsed = _day(raw)
        if raw not in (None, "") and parsed is None:
            ignored.append(f"{key}={str(raw)[:40]}")
        bounds[key] = parsed
    start, end = bounds["events_from"], bounds["events_to"]
    if start and end and start > end:
        ignored.append(f"events_from={start.isoformat()} is after events_to={end.isoformat()}")
        start, end = end, start

    lanes = str(state.get("lanes") or "theme")
    if lanes not in LANES:
        ignored.append(f"lanes={lanes[:40]}")
        lanes = "theme"
    only_known = state.get("only_known")
    if isinstance(only_known, str):
        only_known = only_known.strip().lower() in ("true", "1", "yes")
    return TimelineFilters(
        as_of=day,
        actors=tuple(chosen_actors),
        themes=pick("event_theme", THEMES),
        start=start,
        end=end,
        lanes=lanes,
        only_known=bool(only_known),
        assessments=pick("claim_assessment", ASSESSMENTS),
        kinds=pick("claim_kind", CLAIM_KINDS),
        claimants=tuple(chosen_claimants),
        ignored=tuple(ignored),
    )


def view_query(filters: TimelineFilters, dataset: Dataset) -> dict[str, Any]:
    """The URL query reproducing the view (lists: encode with urlencode(doseq=True))."""
    query: dict[str, Any] = {}
    if filters.as_of < asof.latest(dataset):
        query["as_of"] = filters.as_of.isoformat()
    if filters.actors:
        query["event_actor"] = list(filters.actors)
    if filters.themes:
        query["event_theme"] = list(filters.themes)
    if filters.start:
        query["events_from"] = filters.start.isoformat()
    if filters.end:
        query["events_to"] = filters.end.isoformat()
    if filters.lanes != "theme":
        query["lanes"] = filters.lanes
    if filters.only_known:
        query["only_known"] = "true"
    if filters.assessments:
        query["claim_assessment"] = list(filters.assessments)
    if filters.kinds:
        query["claim_kind"] = list(filters.kinds)
    if filters.claimants:
        query["claimant"] = list(filters.claimants)
    return query


# -------------------------------------------------------------------- events
def _until(event: Event) -> PartialDate:
    """The last date the event covers (its end_date when it spans days)."""
    if event.end_date is not None and event.end_date.end > event.date.end:
        return event.end_date
    return event.date


def filter_summary(filters: TimelineFilters) -> str:
    parts = []
    if filters.actors:
        parts.append("actors: " + ", ".join(filters.actors))
    if filters.themes:
        parts.append("themes: " + ", ".join(filters.themes))
    if filters.start or filters.end:
        start = filters.start.isoformat() if filters.start else "the start"
        end = filters.end.isoformat() if filters.end else "the end"
        parts.append(f"dates {start} to {end}")
    if filters.only_known:
        parts.append("only what had happened by the as-of date")
    return "; ".join(parts) if parts else "all events"
