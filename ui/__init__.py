"""The only Streamlit-aware code besides the pages: the frame, the cached dataset, widgets.

Pages import this package and `briefing`; `briefing` never imports Streamlit. The rooms:
`frame` (what every page opens: page config, the menu, the data stamp, the as-of control,
the error panel, the footer), `data` (the cached dataset), `widgets` (safe rendering,
badges, source lines, URL notices, links, the PDF button and `follow` for fragments),
`downloads` (generated downloads outlive other readers' runs), `search` (the cached search
index, the sidebar's search box) and `cite` ("Cite this view" under every page, the
register download).
"""

from ui import downloads  # noqa: F401  (applies the download grace period on import)
from ui.cache import chart_spec, computed
from ui.data import dataset
from ui.frame import Opened, as_of, as_of_banner, frame
from ui.widgets import (
    badge,
    follow,
    md,
    on_open,
    pdf_button,
    public_url,
    small,
    sources_line,
    table,
    url_notice,
    view_link,
)

__all__ = [
    "frame",
    "Opened",
    "dataset",
    "computed",
    "chart_spec",
    "as_of",
    "as_of_banner",
    "badge",
    "md",
    "on_open",
    "pdf_button",
    "follow",
    "public_url",
    "sources_line",
    "small",
    "table",
    "url_notice",
    "view_link",
]
