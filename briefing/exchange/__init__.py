"""The exchange (the /exchange page and its PDF section): what Iran offers, what it wants,
and what each side can afford to give.

The rooms:

- `state`: the page's URL keys (an item's checkbox, the four weights, the direction),
  defaults (the package Tsitrin imagined), reading them and the link back;
- `ledger`: one `LedgerRow` per exchange item with its status on the as-of day and the
  claims that dispute it; the ledger as CSV;
- `deal`: scoring a package under the reader's weights (`score_package`);
- `reading`: the package in plain language (the verdict, metrics, headline);
- `speculation`: what Tsitrin speculated against what happened;
- `chart`: the package chart (Altair); `view`: one page run (`build_view`) and the
  package table; `report`: the PDF section (`report_section`);
- `wording`: the page's long fixed texts (introduction, method, scales).

The four 0-5 scores of each item are analytic judgements recorded in `exchange.csv`;
the method that turns them into a verdict is written out so the page can show it and a
reader can disagree with it knowingly. No Streamlit here.
"""

from briefing.exchange.chart import (
    CHART_HEIGHT,
    CHART_WIDTH,
    chart_records,
    chart_source,
    chart_takeaway,
    chart_top,
    package_chart,
)
from briefing.exchange.deal import (
    BORDERLINE,
    EMPTY,
    FAILS,
    HOLDS,
    ONE_SIDED,
    UNWEIGHTED,
    score_package,
)
from briefing.exchange.ledger import (
    LEDGER_DISPLAY,
    NOT_YET,
    filter_rows,
    giver,
    in_sentence,
    ledger,
    ledger_csv,
    receiver,
    short_name,
    status_at,
)
from briefing.exchange.reading import headline, item_help, metrics, reading, verdict_sentence
from briefing.exchange.report import report_section
from briefing.exchange.speculation import speculation, speculation_csv
from briefing.exchange.state import (
    DEFAULT_PACKAGE,
    DIRECTIONS,
    PARTIES,
    TITLE,
    URL_PATH,
    WEIGHT_DEFAULT,
    WEIGHT_KEYS,
    WEIGHT_MAX,
    WEIGHT_MIN,
    Weights,
    chosen_ids,
    is_weight,
    package_query,
    query_of,
    state_of,
    url_checks,
)
from briefing.exchange.view import (
    PACKAGE_COLUMNS,
    build_view,
    package_csv,
    package_rows,
    view_from_state,
)
from briefing.exchange.wording import (
    CHART_ALT,
    CHART_METHOD,
    INTRO,
    METHOD,
    SCALES,
    SPECULATION_INTRO,
)

__all__ = [
    "URL_PATH",
    "TITLE",
    "PARTIES",
    "DIRECTIONS",
    "DEFAULT_PACKAGE",
    "WEIGHT_KEYS",
    "WEIGHT_MIN",
    "WEIGHT_MAX",
    "WEIGHT_DEFAULT",
    "is_weight",
    "Weights",
    "chosen_ids",
    "package_query",
    "url_checks",
    "query_of",
    "state_of",
    "SCALES",
    "INTRO",
    "SPECULATION_INTRO",
    "METHOD",
    "CHART_METHOD",
    "CHART_ALT",
    "NOT_YET",
    "short_name",
    "in_sentence",
    "giver",
    "receiver",
    "status_at",
    "ledger",
    "filter_rows",
    "LEDGER_DISPLAY",
    "ledger_csv",
    "HOLDS",
    "BORDERLINE",
    "FAILS",
    "EMPTY",
    "ONE_SIDED",
    "UNWEIGHTED",
    "score_package",
    "reading",
    "verdict_sentence",
    "metrics",
    "item_help",
    "headline",
    "speculation",
    "speculation_csv",
    "chart_records",
    "CHART_WIDTH",
    "CHART_HEIGHT",
    "chart_top",
    "chart_takeaway",
    "package_chart",
    "chart_source",
    "build_view",
    "PACKAGE_COLUMNS",
    "package_rows",
    "package_csv",
    "view_from_state",
    "report_section",
]
