"""The /exchange page's URL state: parties, the default package, weights, item checkboxes,
reading a link and the link back."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from briefing import site
from briefing.dates import parse_day
from briefing.schema import ExchangeDirection
from briefing.store import Dataset

if TYPE_CHECKING:  # the view is built from this state
    from briefing.exchange.view import ExchangeView

URL_PATH = site.path("exchange")  # the page's address, from the one registry
TITLE = "The exchange"

IRAN, RUSSIA = "Iran", "Russia"
PARTIES = (IRAN, RUSSIA)
GIVER = {
    ExchangeDirection.IRAN_OFFERS: IRAN,
    ExchangeDirection.IRAN_WANTS: RUSSIA,
    ExchangeDirection.RUSSIA_OFFERS: RUSSIA,
}
RECEIVER = {direction: (RUSSIA if giver == IRAN else IRAN) for direction, giver in GIVER.items()}
DIRECTIONS: tuple[str, ...] = tuple(d.value for d in ExchangeDirection)

#: The package Tsitrin imagined (Oct 2024): he lists attack drones and ballistic missiles
#: as what Iran can offer, and asks whether Russia would sign a mutual-defence pact "in
#: exchange for a massive shipment of Iranian missiles" (his exchange names missiles only).
DEFAULT_PACKAGE: tuple[str, ...] = ("x-drones", "x-ballistic-missiles", "x-defence-pact")
TSITRIN = "tsitrin-2024"

CRITERIA = ("value", "cost", "escalation", "feasibility")
WEIGHT_KEYS = {name: f"w_{name}" for name in CRITERIA}
WEIGHT_MIN, WEIGHT_MAX, WEIGHT_DEFAULT = 0, 10, 5


# ------------------------------------------------------------------ small helpers
def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, Iterable):
        return [str(item) for item in value if isinstance(item, str) and item]
    return []


def _last(value: object) -> str | None:
    values = _as_list(value)
    return values[-1] if values else None


# ------------------------------------------------------------------ weights
def is_weight(text: str) -> bool:
    """A URL value a weight slider accepts: a whole number from 0 to 10."""
    text = text.strip()
    return text.isdigit() and WEIGHT_MIN <= int(text) <= WEIGHT_MAX


def is_flag(text: str) -> bool:
    """A URL value an item checkbox accepts."""
    return text.strip().lower() in {"true", "false"}


@dataclass(frozen=True)
class Weights:
    """How much each criterion counts, 0-10; 5 = as scored."""

    value: int = WEIGHT_DEFAULT
    cost: int = WEIGHT_DEFAULT
    escalation: int = WEIGHT_DEFAULT
    feasibility: int = WEIGHT_DEFAULT

    def __post_init__(self) -> None:
        for name in CRITERIA:
            weight = getattr(self, name)
            if not isinstance(weight, int) or not WEIGHT_MIN <= weight <= WEIGHT_MAX:
                raise ValueError(f"weight {name}={weight!r} is not a whole number 0-10")

    def factor(self, name: str) -> float:
        return getattr(self, name) / WEIGHT_DEFAULT

    @property
    def all_zero(self) -> bool:
        return not any(getattr(self, name) for name in CRITERIA)

    @property
    def is_default(self) -> bool:
        return self == Weights()

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> Weights:
        """Weights from URL-like state (w_value=7 ...); anything else keeps the default."""
        values = {}
        for name, key in WEIGHT_KEYS.items():
            raw = state.get(key)
            if isinstance(raw, bool):
                continue
            if isinstance(raw, int | float) and float(raw).is_integer():
                raw = str(int(raw))
            text = _last(raw)
            values[name] = int(text) if text is not None and is_weight(text) else WEIGHT_DEFAULT
        return cls(**values)

    def query(self) -> dict[str, str]:
        return {
            WEIGHT_KEYS[name]: str(getattr(self, name))
            for name in CRITERIA
            if getattr(self, name) != WEIGHT_DEFAULT
        }

    def describe(self) -> str:
        return ", ".join(f"{name} {getattr(self, name)}" for name in CRITERIA)


# ------------------------------------------------------------------ choosing items
def chosen_ids(dataset: Dataset, state: Mapping[str, Any]) -> tuple[str, ...]:
    """The package from URL-like state: the default package, with each item's checkbox
    (key = item id, value true/false) overriding it. Unknown ids are ignored."""
    known = [item.id for item in dataset.exchange_items]
    chosen = []
    for item_id in known:
        raw = state.get(item_id)
        if isinstance(raw, bool):
            on = raw
        else:
            text = _last(raw)
            on = text.strip().lower() == "true" if text and is_flag(text) else None
        if on is None:
            on = item_id in DEFAULT_PACKAGE
        if on:
            chosen.append(item_id)
    return tuple(chosen)


def package_query(dataset: Dataset, chosen: Iterable[str]) -> dict[str, str]:
    """URL parameters that reproduce `chosen` (only items that differ from the default)."""
    chosen = set(chosen)
    query = {}
    for item in dataset.exchange_items:
        on = item.id in chosen
        if on != (item.id in DEFAULT_PACKAGE):
            query[item.id] = "true" if on else "false"
    return query


def url_checks(dataset: Dataset, params: Iterable[str] = ()) -> dict[str, Any]:
    """key -> accepts(value) for every URL parameter this page reads, plus a refusing
    check for item-like parameters (x-...) that name no item in the data."""
    checks: dict[str, Any] = {key: is_weight for key in WEIGHT_KEYS.values()}
    checks["direction"] = lambda value: value in DIRECTIONS
    known = {item.id for item in dataset.exchange_items}
    for item_id in known:
        checks[item_id] = is_flag
    for key in params:
        if key.startswith("x-") and key not in known:
            checks[key] = lambda _value: False
    return checks


# ------------------------------------------------------------------ state and the PDF
def _day_from_state(state: Mapping[str, Any]) -> date | None:
    value = state.get("as_of")
    if isinstance(value, date):
        return value
    text = _last(value)
    if text:
        try:
            return parse_day(text)
        except ValueError:
            return None
    return None


def query_of(dataset: Dataset, view: ExchangeView) -> dict[str, Any]:
    query: dict[str, Any] = dict(package_query(dataset, view.chosen))
    query.update(view.package.weights.query())
    if view.directions:
        query["direction"] = list(view.directions)
    if dataset.as_of and view.day != dataset.as_of:
        query["as_of"] = view.day.isoformat()
    return query


def state_of(dataset: Dataset, view: ExchangeView) -> dict[str, Any]:
    """The plain state `report_section` takes: the URL query plus the as-of date."""
    return {**query_of(dataset, view), "as_of": view.day}
