"""Military capabilities (the /capabilities page and its PDF section).

What Iran fields, what it wants from Russia, and what it has sent Russia, as it stood on
an as-of day. The rooms:

- `state`: the page's URL keys and vocabularies, `Filters`, and the link back;
- `status`: a system's status on a day (dated changes first; never "delivered" before
  the first delivery surely happened);
- `systems`: one `SystemRow` per system as the table, the charts and the PDF show it,
  with the claims that name it (`system_rows`, `table_csv`);
- `ledger`: the four-column ledger (wishes met, unconfirmed, unmet; what Iran gave);
- `detail`: everything about one system (record, history, sources, events, items);
- `chart`: the timeline and the inventory-versus-wish-list grid (Altair);
- `report`: the PDF section (`report_section`); `wording`: the charts' alternatives.

Quantities are ranges or "unknown": the data gives bounds, this package never makes up
a point value. Dates keep the precision the sources gave. No Streamlit here.
"""

from briefing.capabilities.chart import (
    STAGE_COLOURS,
    STAGE_HEADERS,
    STAGE_SHAPES,
    chart_views,
    gap_cells,
    gap_chart,
    gap_records,
    gap_takeaway,
    timeline_chart,
    timeline_records,
)
from briefing.capabilities.detail import DETAIL_TITLES, detail, detail_tables
from briefing.capabilities.ledger import ledger, ledger_columns
from briefing.capabilities.report import report_section
from briefing.capabilities.state import (
    CATEGORIES,
    DIRECTIONS,
    STATUSES,
    TITLE,
    URL_PATH,
    Filters,
    query_of,
    state_of,
)
from briefing.capabilities.status import NOT_YET, status_at
from briefing.capabilities.systems import (
    HAS,
    PRECISION_MONTH,
    PRECISION_STATUS,
    PRECISION_YEAR,
    SENT,
    STAGES,
    TABLE_COLUMNS,
    UNCONFIRMED,
    WANTED,
    quantity_text,
    system_row,
    system_rows,
    table_csv,
)
from briefing.capabilities.wording import GAP_ALT, TIMELINE_ALT

__all__ = [
    "URL_PATH",
    "TITLE",
    "CATEGORIES",
    "STATUSES",
    "DIRECTIONS",
    "Filters",
    "state_of",
    "query_of",
    "TIMELINE_ALT",
    "GAP_ALT",
    "NOT_YET",
    "status_at",
    "HAS",
    "UNCONFIRMED",
    "WANTED",
    "SENT",
    "STAGES",
    "PRECISION_MONTH",
    "PRECISION_YEAR",
    "PRECISION_STATUS",
    "TABLE_COLUMNS",
    "quantity_text",
    "system_row",
    "system_rows",
    "table_csv",
    "ledger",
    "ledger_columns",
    "detail",
    "DETAIL_TITLES",
    "detail_tables",
    "STAGE_COLOURS",
    "STAGE_SHAPES",
    "STAGE_HEADERS",
    "timeline_records",
    "timeline_chart",
    "gap_records",
    "gap_cells",
    "gap_takeaway",
    "gap_chart",
    "chart_views",
    "report_section",
]
