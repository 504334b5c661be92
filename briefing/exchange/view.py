"""One run of the exchange view (what the page and the PDF both build) and its package table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from briefing.asof import clamp
from briefing.exchange.deal import Package, score_package
from briefing.exchange.ledger import LedgerRow, _fmt, ledger
from briefing.exchange.reading import Sentence, headline, reading
from briefing.exchange.speculation import Outcome, speculation
from briefing.exchange.state import (
    DEFAULT_PACKAGE,
    DIRECTIONS,
    PARTIES,
    Weights,
    _as_list,
    _day_from_state,
    chosen_ids,
)
from briefing.store import Dataset
from briefing.text import to_csv


# ------------------------------------------------------------------ one page run
@dataclass(frozen=True)
class ExchangeView:
    day: date
    rows: tuple[LedgerRow, ...]  # the ledger as filtered
    all_rows: tuple[LedgerRow, ...]  # every item (for the builder and the chart)
    package: Package
    reading: tuple[Sentence, ...]
    outcomes: tuple[Outcome, ...]
    later_claims: int
    directions: tuple[str, ...] = ()
    chosen: tuple[str, ...] = field(default_factory=tuple)

    def side(self, party: str) -> list[LedgerRow]:
        """Items `party` can give, for the builder's columns."""
        return [row for row in self.all_rows if row.giver == party]


def build_view(
    dataset: Dataset,
    day: date | None,
    chosen: Iterable[str] = DEFAULT_PACKAGE,
    weights: Weights | None = None,
    directions: Sequence[str] = (),
) -> ExchangeView:
    day = clamp(day, dataset)
    weights = weights or Weights()
    directions = tuple(d for d in directions if d in DIRECTIONS)
    all_rows = tuple(ledger(dataset, day))
    rows = tuple(r for r in all_rows if not directions or r.direction in directions)
    by_id = {item.id: item for item in dataset.exchange_items}
    chosen = tuple(i for i in dict.fromkeys(chosen) if i in by_id)
    package = score_package([by_id[i] for i in chosen], weights)
    outcomes, later = speculation(dataset, day)
    return ExchangeView(
        day,
        rows,
        all_rows,
        package,
        tuple(reading(dataset, package, day)),
        tuple(outcomes),
        later,
        directions,
        chosen,
    )


PACKAGE_COLUMNS = (
    "part",
    "item",
    "gives",
    "value",
    "cost",
    "escalation",
    "feasibility",
    "status_on_date",
    "id",
)


def package_rows(view: ExchangeView) -> list[dict[str, str]]:
    """The package as a table (shown on the page and exported as CSV): the chosen items
    with their scores, each side's weighted balance, and the verdict. Every cell is text."""
    rows: list[dict[str, str]] = []
    for row in (r for r in view.all_rows if r.id in view.chosen):
        rows.append(
            {
                "part": "item",
                "item": row.item,
                "gives": row.giver,
                "value": str(row.value),
                "cost": str(row.cost),
                "escalation": str(row.escalation),
                "feasibility": str(row.feasibility),
                "status_on_date": row.status.label,
                "id": row.id,
            }
        )
    package = view.package
    for party in PARTIES:
        b = package.balances[party]
        rows.append(
            {
                "part": f"{party}'s balance",
                "item": f"gets {b.gets:.1f}, gives up {b.gives:.1f}: balance {_fmt(b.net)}",
                "value": f"{b.gets:.1f}",
                "cost": f"{b.gives:.1f}",
            }
        )
    if not package.empty:
        rows.append(
            {
                "part": "package",
                "item": f"riskiest item escalation {package.escalation}/5, hardest item "
                f"feasibility {package.feasibility}/5",
                "escalation": str(package.escalation),
                "feasibility": str(package.feasibility),
            }
        )
    rows.append(
        {
            "part": "verdict",
            "item": headline(package, symbol=False) + f"; weights {package.weights.describe()}",
            "status_on_date": f"as of {view.day.isoformat()}",
        }
    )
    return [{column: row.get(column, "") for column in PACKAGE_COLUMNS} for row in rows]


def package_csv(view: ExchangeView) -> str:
    """`package_rows` as CSV, formula-safe."""
    return to_csv(package_rows(view), PACKAGE_COLUMNS)


def view_from_state(dataset: Dataset, state: Mapping[str, Any]) -> ExchangeView:
    """The view a URL-like state describes (what the page and the PDF both build)."""
    directions = [d for d in _as_list(state.get("direction")) if d in DIRECTIONS]
    return build_view(
        dataset,
        _day_from_state(state),
        chosen_ids(dataset, state),
        Weights.from_state(state),
        directions,
    )
