"""The whole What-changed view in one call: the window, the digest and the lists."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from typing import Any

from briefing.changes.changes import Changes, changes_between
from briefing.changes.digest import Sentence, digest
from briefing.changes.state import ChangesState, Preset, parse_state, presets
from briefing.dates import PartialDate
from briefing.store import Dataset


@dataclass(frozen=True)
class ChangesView:
    """Everything the page shows: the window (with notices), the digest, the lists."""

    state: ChangesState
    changes: Changes
    digest: tuple[Sentence, ...]
    #: the three presets for this as-of date (unavailable ones say why)
    presets: tuple[Preset, ...]


def build_view(dataset: Dataset, state: Mapping[str, Any] | None = None) -> ChangesView:
    """The whole view from the page's state (`since`, `as_of`), in one call."""
    parsed = parse_state(dataset, state)
    found = changes_between(dataset, parsed.since, parsed.until)
    return ChangesView(parsed, found, digest(dataset, found), tuple(presets(dataset, parsed.until)))


#: the lists as one table (`csv_rows`): which list, then the same fields for every row
CSV_COLUMNS = (
    "list",
    "date",
    "what",
    "kind",
    "from",
    "to",
    "confidence",
    "placement",
    "note",
    "source_ids",
    "id",
)


def _iso(when: PartialDate, last: PartialDate | None = None) -> str:
    """'2025-04-08', '2025-03', '2025-06-13/2025-06-24': sortable, at the source's precision."""
    return f"{when}/{last}" if last is not None else str(when)


def csv_rows(view: ChangesView) -> list[dict[str, str]]:
    """The four lists as one table for a download (the page's CSV): status changes,
    events, claim assessments and sources, each row with its sources' ids. Plain text:
    write it with `briefing.text.to_csv`, which makes it formula-safe."""
    found = view.changes
    rows = [
        {
            "list": "status change",
            "date": _iso(s.when),
            "what": s.subject_name,
            "kind": s.subject_kind,
            "from": s.before_text,
            "to": s.after_text,
            "confidence": s.confidence,
            "placement": s.placement,
            "note": s.note,
            "source_ids": ";".join(s.all_source_ids),
            "id": s.row_id or s.subject_id,
        }
        for s in found.statuses
    ]
    rows += [
        {
            "list": "event",
            "date": _iso(e.when, e.last),
            "what": e.title,
            "kind": e.theme,
            "confidence": e.confidence,
            "placement": e.placement,
            "note": e.significance,
            "source_ids": ";".join(e.source_ids),
            "id": e.id,
        }
        for e in found.events
    ]
    rows += [
        {
            "list": "claim assessment",
            "date": _iso(c.when),
            "what": c.claim,
            "kind": "claim",
            "from": c.before_text,
            "to": c.assessment,
            "confidence": c.confidence,
            "placement": c.placement,
            "note": c.note,
            "source_ids": ";".join(c.all_source_ids),
            "id": c.row_id or c.claim_id,
        }
        for c in found.claims
    ]
    rows += [
        {
            "list": "source published",
            "date": _iso(s.published),
            "what": s.title,
            "kind": s.kind,
            "placement": s.placement,
            "note": s.publisher,
            "source_ids": s.id,
            "id": s.id,
        }
        for s in found.sources
    ]
    return rows


def _plain(value: Any) -> Any:
    """JSON-ready: dates as ISO text (at their precision), tuples as lists."""
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def as_dict(view: ChangesView) -> dict[str, Any]:
    """The view as plain JSON-ready data (what `python -m briefing changes --json` prints)."""
    state, found = view.state, view.changes
    statuses = []
    for step in found.statuses:
        row = _plain(step)
        row.update(before_text=step.before_text, changed=step.changed)
        row["all_source_ids"] = list(step.all_source_ids)
        statuses.append(row)
    claims = []
    for claim in found.claims:
        row = _plain(claim)
        row.update(before_text=claim.before_text, all_source_ids=list(claim.all_source_ids))
        claims.append(row)
    return {
        "since": state.since.isoformat(),
        "until": state.until.isoformat(),
        "since_is_exclusive": True,
        "preset": state.preset,
        "notices": list(state.notices),
        "counts": {
            "events": len(found.events),
            "status_changes": len(found.statuses),
            "claim_assessments": len(found.claims),
            "sources": len(found.sources),
            "undated_sources": found.undated_sources,
        },
        "digest": [_plain(sentence) for sentence in view.digest],
        "status_changes": statuses,
        "events": [_plain(event) for event in found.events],
        "claims": claims,
        "sources": [{**_plain(s), "source_ids": list(s.source_ids)} for s in found.sources],
        "presets": [{**_plain(p), "available": p.available} for p in view.presets],
    }
