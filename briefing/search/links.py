"""Where a search result opens: the one table of view paths and URL keys.

Each kind of row opens the view that shows it, with the URL parameters that view's
own widgets read, so the view lands on that row (or as close as its filters go):

| kind        | view           | parameters                                                |
|-------------|----------------|-----------------------------------------------------------|
| provisions  | /treaties      | treaty = the treaty's picker label, theme = its theme     |
| treaties    | /treaties      | treaty = picker label                                     |
| systems     | /capabilities  | system = system id (the detail picker)                    |
| exchange    | /exchange      | direction = its direction; <item id> = true (ticked)      |
| events      | /timeline      | event = the event picker's label                          |
| claims      | /timeline      | claimant, claim_kind, claim_assessment of the claim       |
| judgements  | / (overview)   | none (the overview lists every key judgement)             |
| sources     | /sources       | kind = the source's kind                                  |

Every link also carries `as_of` when the search ran on an earlier day than the data's.
The values some keys take (picker labels) come from the view modules; `_view()` is the
one place that imports them, so a view that moves (views become packages) is re-pointed
there. tests/test_search.py checks every key and value against the view modules' own
URL keys and checks, so the table cannot drift silently.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from types import ModuleType
from typing import Any
from urllib.parse import urlencode

from briefing.schema import Claim, Event, ExchangeItem, KeyJudgement, Provision, Source, System
from briefing.schema import Treaty as TreatyRow
from briefing.store import Dataset

AS_OF_KEY = "as_of"


@dataclass(frozen=True)
class Link:
    """A view and the URL parameters that open it on a row (repeated keys allowed)."""

    path: str  # "treaties"; "" for the overview at "/"
    params: tuple[tuple[str, str], ...] = ()

    @property
    def href(self) -> str:
        """The address relative to the app: '/treaties?treaty=...&theme=...'."""
        suffix = f"?{urlencode(self.params)}" if self.params else ""
        return f"/{self.path}{suffix}"

    def query(self) -> dict[str, str | list[str]]:
        """The parameters as a dict: one value as text, repeated keys as a list."""
        out: dict[str, str | list[str]] = {}
        for key, value in self.params:
            if key in out:
                current = out[key]
                out[key] = [*current, value] if isinstance(current, list) else [current, value]
            else:
                out[key] = value
        return out

    def on(self, day: date | None, dataset: Dataset) -> Link:
        """The same link as of `day` (no parameter when it is the data's own as-of day)."""
        if day is None or (dataset.as_of is not None and day >= dataset.as_of):
            return self
        return Link(self.path, (*self.params, (AS_OF_KEY, day.isoformat())))


# ------------------------------------------------------- the view modules, in one place
#: view -> module that owns its URL keys and picker labels (re-point here when one moves)
VIEW_MODULES = {
    "treaties": "briefing.treaties",
    "capabilities": "briefing.capabilities",
    "exchange": "briefing.exchange",
    "timeline": "briefing.timeline",
}


def _view(name: str) -> ModuleType:
    return importlib.import_module(VIEW_MODULES[name])


class LinkContext:
    """What building links needs once per dataset (picker labels), computed lazily."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self._treaty_labels: dict[str, str] | None = None

    def treaty_label(self, treaty_id: str) -> str:
        if self._treaty_labels is None:
            self._treaty_labels = _view("treaties").treaty_labels(self.dataset)
        return self._treaty_labels.get(treaty_id, treaty_id)

    def event_label(self, event: Event) -> str:
        timeline = _view("timeline")
        day = self.dataset.as_of or date.today()
        return timeline.event_label(timeline.event_row(self.dataset, event, day))

    def claimant_label(self, source_id: str) -> str:
        return _view("timeline").claimant_label(self.dataset, source_id)


# ------------------------------------------------------------------ the table
def _provision(ctx: LinkContext, row: Provision) -> Link:
    return Link(
        "treaties", (("treaty", ctx.treaty_label(row.treaty_id)), ("theme", row.theme.value))
    )


def _treaty(ctx: LinkContext, row: TreatyRow) -> Link:
    return Link("treaties", (("treaty", ctx.treaty_label(row.id)),))


def _system(ctx: LinkContext, row: System) -> Link:
    return Link("capabilities", (("system", row.id),))


def _exchange(ctx: LinkContext, row: ExchangeItem) -> Link:
    return Link("exchange", (("direction", row.direction.value), (row.id, "true")))


def _event(ctx: LinkContext, row: Event) -> Link:
    return Link("timeline", (("event", ctx.event_label(row)),))


def _claim(ctx: LinkContext, row: Claim) -> Link:
    return Link(
        "timeline",
        (
            ("claimant", ctx.claimant_label(row.claimed_by)),
            ("claim_kind", row.kind.value),
            ("claim_assessment", row.assessment.value),
        ),
    )


def _judgement(ctx: LinkContext, row: KeyJudgement) -> Link:
    return Link("")


def _source(ctx: LinkContext, row: Source) -> Link:
    return Link("sources", (("kind", row.kind.value),))


@dataclass(frozen=True)
class ViewLink:
    path: str  # the view's URL path ("" = the overview)
    keys: tuple[str, ...]  # the URL keys it sets (a key "<id>" stands for the row's id)
    build: Callable[[LinkContext, Any], Link]


#: kind -> the view that shows it and how to open it on the row
LINKS: dict[str, ViewLink] = {
    "provisions": ViewLink("treaties", ("treaty", "theme"), _provision),
    "treaties": ViewLink("treaties", ("treaty",), _treaty),
    "systems": ViewLink("capabilities", ("system",), _system),
    "exchange": ViewLink("exchange", ("direction", "<id>"), _exchange),
    "events": ViewLink("timeline", ("event",), _event),
    "claims": ViewLink("timeline", ("claimant", "claim_kind", "claim_assessment"), _claim),
    "judgements": ViewLink("", (), _judgement),
    "sources": ViewLink("sources", ("kind",), _source),
}


def link_for(ctx: LinkContext, kind: str, row: Any) -> Link:
    """The link that opens `row` (of table `kind`) in its view; the view alone if the
    labels cannot be had (a view module that fails to import must not break search)."""
    spec = LINKS[kind]
    try:
        return spec.build(ctx, row)
    except Exception:  # noqa: BLE001 - a missing label costs the parameters, not the search
        return Link(spec.path)
