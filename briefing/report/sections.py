"""The briefing's sections, in briefing order, and where each one's content comes from.

Each view module offers `report_section(dataset, state) -> Section`. This registry
names them; a section is offered only when its module exists and imports, so the
PDF never carries a placeholder for a view that has not been built. A module that
exists but fails to import is reported (`unavailable()`), not silently dropped.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

from briefing import site
from briefing.report.model import Section
from briefing.store import Dataset

ReportSection = Callable[[Dataset, dict], Section]


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    module: str
    url_path: str  # the view's page, from the one registry ("" is the home page, "/")
    description: str


#: briefing order
SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "overview",
        "Overview",
        "briefing.overview",
        site.path("overview"),
        "The partnership at a glance: headline facts and what changed in 2025.",
    ),
    SectionSpec(
        "treaties",
        "Treaty comparison",
        "briefing.treaties",
        site.path("treaties"),
        "Clause by clause, with the pledge-strength ladder against other defence treaties.",
    ),
    SectionSpec(
        "capabilities",
        "Military capabilities",
        "briefing.capabilities",
        site.path("capabilities"),
        "Iran's inventory, its wish list, and what it has supplied Russia.",
    ),
    SectionSpec(
        "exchange",
        "The exchange",
        "briefing.exchange",
        site.path("exchange"),
        "What each side offers and wants, and what each can afford to give.",
    ),
    SectionSpec(
        "timeline",
        "Timeline and claims",
        "briefing.timeline",
        site.path("timeline"),
        "Events since 2001 and the claims tracker: which predictions held.",
    ),
)
#: sections printed only when asked for with what they need (not in the default briefing):
#: "changes" needs a since date (`python -m briefing pdf --since DATE`), and goes after
#: the overview (or first, without one)
OPTIONAL: tuple[SectionSpec, ...] = (
    SectionSpec(
        "changes",
        "What changed",
        "briefing.changes",
        "changes",
        "What changed between a since date and the as-of date: a digest and the lists.",
    ),
)
SECTION_BY_KEY = {spec.key: spec for spec in SECTIONS + OPTIONAL}
KEYS = tuple(spec.key for spec in SECTIONS)


def _load(spec: SectionSpec) -> tuple[ReportSection | None, str | None]:
    """(report_section, None) if usable; (None, reason) if the module exists but is broken;
    (None, None) if the module does not exist yet."""
    try:
        found = importlib.util.find_spec(spec.module)
    except (ImportError, ValueError):
        found = None
    if found is None:
        return None, None
    try:
        module = importlib.import_module(spec.module)
    except Exception as exc:  # noqa: BLE001 - a broken view must not take the PDF down
        return None, f"{spec.module} does not import ({type(exc).__name__}: {exc})"
    function = getattr(module, "report_section", None)
    if not callable(function):
        return None, f"{spec.module} has no report_section(dataset, state)"
    return function, None


def available() -> dict[str, ReportSection]:
    """key -> report_section for every section whose module exists and imports, in order."""
    found = {}
    for spec in SECTIONS:
        function, _problem = _load(spec)
        if function is not None:
            found[spec.key] = function
    return found


def optional(key: str) -> ReportSection | None:
    """report_section of an optional section (see OPTIONAL), or None if it cannot load."""
    spec = next((spec for spec in OPTIONAL if spec.key == key), None)
    return _load(spec)[0] if spec is not None else None


def unavailable() -> dict[str, str]:
    """key -> reason, for sections whose module exists but cannot be used."""
    problems = {}
    for spec in SECTIONS:
        _function, problem = _load(spec)
        if problem:
            problems[spec.key] = problem
    return problems


def parse_keys(text: str | list[str] | tuple[str, ...] | None) -> tuple[list[str], list[str]]:
    """(known available keys in briefing order, unknown or unavailable names) from
    'treaties,exchange' or a list. Empty input means every available section."""
    ready = available()
    if text is None:
        return list(ready), []
    names = text.split(",") if isinstance(text, str) else list(text)
    names = [name.strip().lower() for name in names if name and name.strip()]
    if not names:
        return list(ready), []
    bad = [name for name in dict.fromkeys(names) if name not in ready]
    chosen = [key for key in ready if key in names]
    return chosen, bad
