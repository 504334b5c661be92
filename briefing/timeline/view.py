"""One run of the timeline view: everything the page shows, from its state."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from briefing.store import Dataset
from briefing.timeline.claims import ClaimRow, claim_rows
from briefing.timeline.events import EventRow, event_rows, hidden_after
from briefing.timeline.state import TimelineFilters, parse_state


# ------------------------------------------------------------ the whole view
@dataclass(frozen=True)
class TimelineView:
    filters: TimelineFilters
    events: list[EventRow]
    claims: list[ClaimRow]
    hidden: int  # events hidden by only_known


def build_view(dataset: Dataset, state: Mapping[str, Any] | None) -> TimelineView:
    """Everything the page shows, from the page's state (one call)."""
    filters = parse_state(dataset, state)
    return TimelineView(
        filters,
        event_rows(dataset, filters),
        claim_rows(dataset, filters),
        hidden_after(dataset, filters),
    )
