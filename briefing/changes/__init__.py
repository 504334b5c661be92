"""What changed between two days ("since your last briefing"): what a page calls.

One call for the page and the PDF alike::

    view = changes.build_view(dataset, {"since": "2025-01-17", "as_of": day})
    view.state.notices   # plain-text notices for a link not taken literally
    view.digest          # Sentence(text, source_ids, row_ids), a few of them
    view.changes.events, .statuses, .claims, .sources

`report_section(dataset, state)` is the same view as a PDF section.
"""

from __future__ import annotations

from briefing.changes.changes import (
    NOT_RECORDED,
    Changes,
    ClaimChange,
    EventChange,
    SourceChange,
    StatusChange,
    Window,
    changes_between,
)
from briefing.changes.digest import Sentence, digest
from briefing.changes.report import report_section
from briefing.changes.state import (
    PRESET_KEYS,
    SINCE_KEY,
    ChangesState,
    Preset,
    accepts_since,
    default_preset,
    parse_state,
    presets,
    view_query,
)
from briefing.changes.view import ChangesView, build_view

__all__ = [
    "NOT_RECORDED",
    "PRESET_KEYS",
    "SINCE_KEY",
    "Changes",
    "ChangesState",
    "ChangesView",
    "ClaimChange",
    "EventChange",
    "Preset",
    "Sentence",
    "SourceChange",
    "StatusChange",
    "Window",
    "accepts_since",
    "build_view",
    "changes_between",
    "default_preset",
    "digest",
    "parse_state",
    "presets",
    "report_section",
    "view_query",
]
