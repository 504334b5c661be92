"""Search on screen: the index cached per dataset, and the search box in the frame.

    index = ui.search.search_index()           # built once per data folder and version
    search_box("treaties")                     # the frame's sidebar box (every page)

The index (`briefing.search.build_index`, SQLite FTS5 in memory) is built from the same
cached dataset the frame hands the page, under the same key (the data folder and the
fingerprint of its files), so an edited file gets a fresh index on the next run and
readers share one. It is cached here, never in `briefing`, and never cleared by a page.

The box takes the reader to /search with `?q=` (the as-of date goes along, as it does from
page to page); on /search itself it sets the page's own query (the same `?q=`).
"""

from __future__ import annotations

import streamlit as st

from briefing import site
from briefing.search import SearchIndex, build_index
from ui.data import _fingerprint, _load, data_dir

PAGE_KEY = "search"
QUERY_KEY = "q"  # the /search page's text input, and the URL parameter bound to it
BOX_FORM = "site_search"
BOX_KEY = "site_q"
#: what the empty /search page offers to try (each must find something: tests check)
EXAMPLES = (
    ("S400", "a system, however it is written (S-400, s 400)"),
    ("Shahed 136", "a drone by name and number"),
    ("sanction*", "every word that starts with 'sanction'"),
    ("продлеваться", "a word of the 2001 treaty's Russian text (Art. 21)"),
    ('"mutual defence"', "a phrase"),
)


@st.cache_resource(show_spinner="Building the search index…", max_entries=8)
def _index(folder: str, fingerprint: tuple) -> SearchIndex:
    return build_index(_load(folder, fingerprint))


def search_index() -> SearchIndex:
    """The search index of the dataset `ui.dataset()` returns (cached, shared, thread-safe)."""
    folder = data_dir()
    return _index(str(folder), _fingerprint(folder))


def set_query(text: str) -> None:
    """A callback on /search: make `text` the page's query (its box, and ?q= with it).

    A link to /search from /search itself would not do: Streamlit 1.67 then fills the box
    but drops ?q= from the address, so the view could not be shared. Setting the bound
    widget's state before it is drawn updates both."""
    st.session_state[QUERY_KEY] = text


def _to_this_page() -> None:
    set_query(st.session_state.get(BOX_KEY) or "")


def search_box(page_key: str) -> None:
    """The sidebar's search box: Enter or its button opens /search?q=... for what was typed
    (on /search itself, it sets the page's own query)."""
    here = page_key == PAGE_KEY
    with st.form(BOX_FORM, border=False, clear_on_submit=True, enter_to_submit=True):
        text = st.text_input(
            "Search the briefing",
            key=BOX_KEY,
            type="search",
            placeholder="e.g. S400, sanction*",
            label_visibility="collapsed",
        )
        submitted = st.form_submit_button(
            "Search the briefing",
            icon=":material/search:",
            on_click=_to_this_page if here else None,
            width="stretch",
        )
    if submitted and not here:
        # Only ?q=: the as-of date is bound to this page's widget until the switch, so it
        # cannot be put in the address here; the frame hands it on (and the next page's
        # permalink and result links carry it).
        st.switch_page(site.page(PAGE_KEY).file, query_params={QUERY_KEY: text or ""})
