"""What changed between two days ("since your last briefing"): what a page calls.

One call for the page and the PDF alike::

    view = changes.build_view(dataset, {"since": st.query_params.get("since"), "as_of": day})
    view.state.since, view.state.until   # since exclusive, until (the as-of date) inclusive
    view.state.notices   # plain-text notices for a link not taken literally
    view.presets         # Preset(key, label, day, reason, basis) x 3, for buttons
    view.digest          # Sentence(text, source_ids, row_ids), a few of them
    view.changes.events, .statuses, .claims, .sources, .undated_sources

`report_section(dataset, state)` is the same view as a PDF section
(`build.section_pdf(dataset, "changes", state)`); `as_dict(view)` is it as JSON-ready data;
`csv_rows(view)` is the four lists as one table (`CSV_COLUMNS`) for a download;
`accepts_since(value)` is the URL check for the page's `url_notice`. All text is plain
data text: escape it before Markdown.
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
from briefing.changes.view import CSV_COLUMNS, ChangesView, as_dict, build_view, csv_rows

__all__ = [
    "CSV_COLUMNS",
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
    "as_dict",
    "build_view",
    "changes_between",
    "csv_rows",
    "default_preset",
    "digest",
    "parse_state",
    "presets",
    "report_section",
    "view_query",
]
