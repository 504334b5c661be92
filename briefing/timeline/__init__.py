"""The timeline and the claims tracker (the /timeline page and its PDF section): what
happened when, and which claims held.

Everything here is pure: plain values in (the dataset, filters, an as-of day), plain rows
and Altair charts out. The page and the PDF (`report_section`) call the same functions.
The rooms:

- `state`: the page's URL keys and vocabularies, reading them (`parse_state` ->
  `TimelineFilters`) and the link back (`view_query`);
- `events`: one `EventRow` per event with its state on the as-of day; the events table
  and one event's detail;
- `claims`: one `ClaimRow` per claim with its evidence; the claims table and scorecard;
- `chart`: the timeline and its overview strip (Altair), with their alternatives;
- `view`: one page run (`build_view`); `report`: the PDF section (`report_section`);
- `wording`: assessment symbols and meanings, actor names.

Honesty rules this package keeps:
- a date known only to the month or the year is never drawn or written as a day:
  it is written "August 2022", drawn as a bar across the month with its own mark
  shape, and counts as "may have happened" on any as-of day inside that month;
- events after the as-of date stay in the view, marked "after the as-of date"
  (hollow grey marks in the chart, a column in the table); they are hidden only
  when the reader explicitly asks for it (`only_known`);
- claims keep the claimant's words apart from ours (quote vs claim), and carry the
  evidence and its sources beside the assessment.
"""

from briefing.timeline.chart import (
    AFTER_GREY,
    AFTER_TEXT_GREY,
    chart_alt_text,
    chart_range,
    chart_records,
    chart_takeaway,
    overview_strip,
    strip_alt_text,
    strip_takeaway,
    timeline_chart,
)
from briefing.timeline.claims import CLAIM_COLUMNS, claims_summary, claims_table, scorecard
from briefing.timeline.events import (
    EVENT_COLUMNS,
    date_text,
    event_detail,
    event_label,
    event_row,
    event_rows,
    events_table,
)
from briefing.timeline.report import report_section
from briefing.timeline.state import (
    ASSESSMENTS,
    CLAIM_KINDS,
    LANES,
    THEMES,
    URL_PATH,
    TimelineFilters,
    actors,
    claimant_label,
    claimants,
    date_bounds,
    parse_state,
    view_query,
)
from briefing.timeline.view import build_view
from briefing.timeline.wording import ASSESSMENT_SYMBOL

__all__ = [
    "URL_PATH",
    "LANES",
    "THEMES",
    "ASSESSMENTS",
    "CLAIM_KINDS",
    "TimelineFilters",
    "actors",
    "claimant_label",
    "claimants",
    "date_bounds",
    "parse_state",
    "view_query",
    "ASSESSMENT_SYMBOL",
    "date_text",
    "event_row",
    "event_rows",
    "events_table",
    "EVENT_COLUMNS",
    "event_label",
    "event_detail",
    "claims_table",
    "CLAIM_COLUMNS",
    "scorecard",
    "claims_summary",
    "AFTER_GREY",
    "AFTER_TEXT_GREY",
    "chart_records",
    "chart_range",
    "chart_alt_text",
    "chart_takeaway",
    "timeline_chart",
    "strip_alt_text",
    "strip_takeaway",
    "overview_strip",
    "build_view",
    "report_section",
]
