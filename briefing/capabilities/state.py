"""The /capabilities page's URL state: vocabularies, filters, and the link back."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from briefing import site
from briefing.asof import clamp
from briefing.dates import parse_day
from briefing.schema import Direction, SystemCategory, SystemStatus
from briefing.store import Dataset

if TYPE_CHECKING:  # a row is what the filters judge; rows are built with the filters
    from briefing.capabilities.systems import SystemRow

URL_PATH = site.path("capabilities")  # the page's address, from the one registry
TITLE = "Military capabilities"

# ------------------------------------------------------------------ vocabularies
CATEGORIES: tuple[str, ...] = tuple(c.value for c in SystemCategory)
STATUSES: tuple[str, ...] = tuple(s.value for s in SystemStatus)
DIRECTIONS: tuple[str, ...] = tuple(d.value for d in Direction)


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, Iterable):
        return [str(item) for item in value if isinstance(item, str) and item]
    return []


# ------------------------------------------------------------------ filters
@dataclass(frozen=True)
class Filters:
    """The view's filters as plain values; empty means 'all'."""

    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> Filters:
        """Filters from URL-like state; values outside the vocabularies are dropped."""
        return cls(
            tuple(v for v in _as_list(state.get("category")) if v in CATEGORIES),
            tuple(v for v in _as_list(state.get("status")) if v in STATUSES),
            tuple(v for v in _as_list(state.get("direction")) if v in DIRECTIONS),
        )

    def accepts(self, row: SystemRow) -> bool:
        return (
            (not self.categories or row.category in self.categories)
            and (not self.statuses or row.status in self.statuses)
            and (not self.directions or row.direction in self.directions)
        )

    def query(self) -> dict[str, str | list[str]]:
        """URL query parameters: one value as text, several as a list (repeated keys)."""
        out: dict[str, str | list[str]] = {}
        for key, values in (
            ("category", self.categories),
            ("status", self.statuses),
            ("direction", self.directions),
        ):
            if values:
                out[key] = values[0] if len(values) == 1 else list(values)
        return out

    def describe(self) -> str:
        parts = []
        if self.categories:
            parts.append("category " + " or ".join(self.categories))
        if self.statuses:
            parts.append("status " + " or ".join(self.statuses))
        if self.directions:
            parts.append("direction " + " or ".join(self.directions))
        return "; ".join(parts) if parts else "all systems"


# ------------------------------------------------------------------ state and link
def state_of(filters: Filters, day: date, system_id: str | None = None) -> dict[str, Any]:
    """The page's state as `report_section` and the PDF take it."""
    state: dict[str, Any] = {
        "category": list(filters.categories),
        "status": list(filters.statuses),
        "direction": list(filters.directions),
        "as_of": day,
    }
    if system_id:
        state["system"] = system_id
    return state


def query_of(dataset: Dataset, state: Mapping[str, Any]) -> dict[str, Any]:
    """URL query that reproduces the view (lists become repeated keys, as Streamlit binds)."""
    query: dict[str, Any] = dict(Filters.from_state(state).query())
    query["as_of"] = _day(state, dataset).isoformat()
    system_id = state.get("system")
    if isinstance(system_id, str) and dataset.get("systems", system_id) is not None:
        query["system"] = system_id
    return query


# ------------------------------------------------------------------ PDF section
def _day(state: Mapping[str, Any], dataset: Dataset) -> date:
    value = state.get("as_of")
    if isinstance(value, str):
        try:
            value = parse_day(value)
        except ValueError:
            value = None
    return clamp(value if isinstance(value, date) else None, dataset)
