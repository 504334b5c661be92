"""The /treaties page's URL state: keys, defaults, reading a link, and the link back."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from briefing import site
from briefing.schema import Theme, Treaty, TreatyRole
from briefing.store import Dataset
from briefing.text import clean

URL_PATH = site.path("treaties")  # the page's address, from the one registry
TREATY_KEY = "treaty"
THEME_KEY = "theme"
TEXT_KEY = "text"
TEXT_MODES = ("quote", "summary")
MAX_TREATIES = 3
DEFAULT_TREATIES = ("ru-ir-2001", "ru-ir-2025", "dprk-ru-2024")
DEFAULT_THEMES = (
    Theme.MUTUAL_DEFENCE,
    Theme.NON_ASSISTANCE,
    Theme.CONSULTATION,
    Theme.MILITARY_COOPERATION,
    Theme.INTELLIGENCE,
    Theme.ARMS_CONTROL,
    Theme.TERRITORY,
    Theme.REGIONAL,
    Theme.DURATION,
)


# -------------------------------------------------------------------- choosing
def treaty_options(dataset: Dataset) -> list[str]:
    """Treaty ids for the picker: the briefed treaties first, then comparators, oldest first."""
    rows = sorted(
        dataset.treaties,
        key=lambda t: (t.role != TreatyRole.SUBJECT, t.signed.start, t.id),
    )
    return [t.id for t in rows]


def treaty_name(dataset: Dataset, treaty_id: str) -> str:
    """The treaty's short name as a reader knows it ('Russia–Iran 2025'); the id if unknown."""
    treaty = dataset.get("treaties", treaty_id)
    return clean(treaty.short_name) if isinstance(treaty, Treaty) else treaty_id


def treaty_labels(dataset: Dataset) -> dict[str, str]:
    """id -> unique label for pickers and table columns (the id is added on a name clash)."""
    names: dict[str, str] = {}
    seen: dict[str, int] = {}
    for treaty_id in treaty_options(dataset):
        name = treaty_name(dataset, treaty_id)
        seen[name] = seen.get(name, 0) + 1
    for treaty_id in treaty_options(dataset):
        name = treaty_name(dataset, treaty_id)
        names[treaty_id] = name if seen[name] == 1 else f"{name} ({treaty_id})"
    return names


def url_checks(dataset: Dataset) -> dict[str, Callable[[str], bool]]:
    """For each URL parameter of the page: does it accept this value? ('' clears a list.)"""
    labels = set(treaty_labels(dataset).values())
    themes = {theme.value for theme in Theme}
    return {
        TREATY_KEY: lambda value: value == "" or value in labels,
        THEME_KEY: lambda value: value == "" or value in themes,
        TEXT_KEY: lambda value: value in TEXT_MODES,
    }


def default_treaties(dataset: Dataset) -> list[str]:
    known = set(treaty_options(dataset))
    chosen = [t for t in DEFAULT_TREATIES if t in known]
    return chosen or treaty_options(dataset)[:MAX_TREATIES]


def resolve_treaties(dataset: Dataset, values: Iterable[str] | None) -> tuple[list[str], list[str]]:
    """(treaty ids, values not understood) from ids or picker labels, as a URL holds them.

    None means "not given": the default treaties. Duplicates are dropped; at most
    MAX_TREATIES are kept (the rest are reported as not understood).
    """
    if values is None:
        return default_treaties(dataset), []
    if isinstance(values, str):
        values = [values]
    labels = treaty_labels(dataset)
    by_label = {label: treaty_id for treaty_id, label in labels.items()}
    chosen: list[str] = []
    ignored: list[str] = []
    for value in values:
        treaty_id = value if value in labels else by_label.get(value)
        if treaty_id is None:
            ignored.append(value)
        elif treaty_id not in chosen:
            if len(chosen) < MAX_TREATIES:
                chosen.append(treaty_id)
            else:
                ignored.append(value)
    return chosen, ignored


def resolve_themes(values: Iterable[str] | None) -> tuple[list[Theme], list[str]]:
    """(themes in display order, values not understood). None: the default themes."""
    if values is None:
        return list(DEFAULT_THEMES), []
    if isinstance(values, str):
        values = [values]
    wanted, ignored = set(), []
    for value in values:
        try:
            wanted.add(Theme(value))
        except ValueError:
            ignored.append(value)
    return [theme for theme in Theme if theme in wanted], ignored


def resolve_mode(value: str | None) -> tuple[str, list[str]]:
    if value is None or value in TEXT_MODES:
        return value or TEXT_MODES[0], []
    return TEXT_MODES[0], [value]


def view_query(
    dataset: Dataset, treaty_ids: Sequence[str], themes: Sequence[str], mode: str, day: date
) -> dict[str, Any]:
    """The URL query that reproduces the view (lists: encode with urlencode(doseq=True))."""
    labels = treaty_labels(dataset)
    query: dict[str, Any] = {
        TREATY_KEY: [labels.get(t, t) for t in treaty_ids],
        THEME_KEY: [Theme(t).value for t in themes],
        TEXT_KEY: mode,
    }
    if dataset.as_of is None or day != dataset.as_of:
        query["as_of"] = day.isoformat()
    return query
