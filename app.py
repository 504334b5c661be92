"""Entry point: page config, navigation, the shared sidebar and the data error panel.

Run with `streamlit run app.py`. Each view lives in `views/`; this file only routes.
The folder is deliberately not called `pages/`: Streamlit would then run in its old
pages-folder mode until st.navigation had run once, so a fresh server's first deep link
(/treaties) would run the view alone, without the router, sidebar or as-of date.
"""

from pathlib import Path

import streamlit as st

from views import _ui

PAGES = Path(__file__).resolve().parent / "views"

st.set_page_config(
    page_title="Russia–Iran partnership briefing",
    page_icon=str(Path(__file__).resolve().parent / "assets" / "favicon.png"),
    layout="wide",
    initial_sidebar_state="auto",  # open on a desktop, closed over a phone's page
)

#: (file, title, url path, icon). The first page is the home page at "/".
#: Material icons: emoji need a colour-emoji font that many machines lack.
PAGE_REGISTRY = [
    ("overview.py", "Overview", "overview", ":material/explore:"),
    ("treaties.py", "Treaties compared", "treaties", ":material/gavel:"),
    ("capabilities.py", "Military capabilities", "capabilities", ":material/shield:"),
    ("exchange.py", "The exchange", "exchange", ":material/balance:"),
    ("timeline.py", "Timeline & claims", "timeline", ":material/timeline:"),
    ("briefing.py", "Briefing PDF", "briefing", ":material/picture_as_pdf:"),
    ("sources.py", "Sources & method", "sources", ":material/menu_book:"),
]

pages = [
    st.Page(PAGES / file, title=title, url_path=path, icon=icon, default=index == 0)
    for index, (file, title, path, icon) in enumerate(PAGE_REGISTRY)
]
current = st.navigation(pages)

data = _ui.dataset()
with st.sidebar:
    st.caption(
        f"Data version **{_ui.escape_markdown(data.version)}**, as of "
        f"**{data.as_of.isoformat() if data.as_of else 'unknown'}**"
    )
    _ui.as_of_control(data)
    if data.folder.resolve() != _ui.DEFAULT_DATA.resolve():
        st.caption(f"Data folder: `{_ui.escape_markdown(data.folder)}`")

_ui.error_panel(data)
current.run()

st.divider()
st.caption(
    "Russia–Iran Strategic Partnership Briefing · "
    f"data {_ui.escape_markdown(data.version)} as of "
    f"{data.as_of.isoformat() if data.as_of else 'unknown'} · "
    "every row carries its sources and a confidence label · see Sources & method."
)
