"""The frame every page opens in one `with` block:

    with ui.frame("treaties") as (data, day):
        ...  # the page: read its state, call briefing, render

It sets the page up (title, icon, wide layout), draws the sidebar (the menu from the one
registry, `briefing.site.PAGES`; the data stamp; the as-of control) and the data error
panel, hands the page the dataset and the as-of day, and ends the page with the footer.
The sidebar opens with the search box (`ui.search`); the page ends with "Cite this view"
(`ui.cite`) above the footer. A page that stops early (`st.stop()`) ends without them.
`tests/test_house.py` fails for a page that does not open the frame.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

import streamlit as st
from streamlit.errors import StreamlitAPIException

from briefing import asof, site
from briefing.store import Dataset, reach
from briefing.text import escape_markdown
from ui.data import DEFAULT_DATA, ROOT, dataset

PAGE_TITLE = "Russia–Iran partnership briefing"
FAVICON = ROOT / "static" / "favicon.png"
STYLE = ROOT / "static" / "tables.css"  # static tables wrap on a phone (style only, no data)
MENU_KEY = "menu"
AS_OF_KEY = "as_of"  # the sidebar widget's key, and the URL parameter it is bound to
#: widget keys (and URL parameters) two pages use for different widgets: `direction` is one
#: choice on Military capabilities and several on The exchange, `kind` a source kind on
#: Sources & method and a row kind on Search. Streamlit keeps a widget's value in the session
#: until the end of the next page's first run, so the other page's value reached the new
#: widget (a reader who chose a direction on one page got a traceback on the other). The
#: frame drops them when the page changes; tests/test_house.py finds any new shared key.
SHARED_WIDGET_KEYS = ("direction", "kind")
PAGE_KEY = "_frame_page"  # the page the session last opened


class Opened(NamedTuple):
    """What the frame hands the page."""

    data: Dataset
    day: date  # the as-of day chosen in the sidebar


@contextlib.contextmanager
def frame(key: str) -> Iterator[Opened]:
    """Open page `key` (a key of `briefing.site.PAGES`) inside the shared frame."""
    from ui.cite import cite_block  # (they build on this module: imported when used)
    from ui.search import search_box

    site.page(key)  # an unregistered page is a mistake: say so before drawing anything
    if st.session_state.get(PAGE_KEY) != key:  # a new page: not the last page's values
        for shared in SHARED_WIDGET_KEYS:
            st.session_state.pop(shared, None)
        st.session_state[PAGE_KEY] = key
    st.set_page_config(
        page_title=PAGE_TITLE,
        page_icon=str(FAVICON),
        layout="wide",
        initial_sidebar_state="auto",  # open on a desktop, closed over a phone's page
    )
    st.html(STYLE)  # a Path: sent as a <style>, in Streamlit's hidden event container
    data = dataset()
    with st.sidebar:
        search_area = st.container()  # the search box (ui.search), above the menu
        menu_area = st.container(key=MENU_KEY)  # drawn first, filled once the date is known
        st.caption(stamp(data))
        day = asof.clamp(as_of_control(data), data)
        if data.folder.resolve() != DEFAULT_DATA.resolve():
            st.caption(f"Data folder: `{escape_markdown(data.folder)}`")
    with search_area:
        search_box(key)
    with menu_area:
        menu(day if day < asof.latest(data) else None)
    error_panel(data)
    yield Opened(data, day)
    cite_block(key, data, day)  # "Cite this view" (ui.cite), at the foot of every page
    st.divider()
    st.caption(footer(data))


def menu(day: date | None = None) -> None:
    """The sidebar menu: one link per registered page, in order (Streamlit's own page list
    is switched off in .streamlit/config.toml). An earlier as-of `day` is in every link's
    address, so a link opened in a new tab shows the same date too (in this tab the
    as-of control hands the date on by itself)."""
    query = {AS_OF_KEY: day.isoformat()} if day else None
    for page in site.PAGES:
        st.page_link(page.file, label=page.title, icon=page.icon, query_params=query)


def stamp(data: Dataset) -> str:
    """The data stamp at the top of the sidebar (Markdown): the version, when the data was
    last checked, and how far the record reaches (its latest event): two dates, so no
    reader takes the curation date for coverage."""
    checked, latest = reach(data)
    return (
        f"Data version **{escape_markdown(data.version)}** · last checked **{checked}** · "
        f"latest event recorded: **{latest}**"
    )


def footer(data: Dataset) -> str:
    checked, latest = reach(data)
    return (
        "Russia–Iran Strategic Partnership Briefing · "
        f"data {escape_markdown(data.version)}, last checked {checked}, latest event "
        f"recorded {latest} · every row carries its sources and a confidence label · "
        "see Sources & method."
    )


def error_panel(data: Dataset) -> None:
    """The list of data problems, shown on every page when the data does not validate."""
    if data.ok:
        return
    with st.container(border=True):
        st.error(
            f"The data in `{escape_markdown(data.folder)}` has {len(data.errors)} problem(s). "
            "Rows with problems are left out; everything else is shown below. "
            "Fix the files and reload, or run `python -m briefing validate` for the same list."
        )
        shown = data.errors[:200]
        st.code("\n".join(str(error) for error in shown), language=None, wrap_lines=True)
        if len(data.errors) > len(shown):
            st.caption(f"…and {len(data.errors) - len(shown)} more.")


EARLIEST = asof.EARLIEST


def _reset_as_of(latest: date) -> None:
    st.session_state[AS_OF_KEY] = latest


def as_of_control(data: Dataset) -> date:
    """The global 'as of' date (sidebar, bound to ?as_of=YYYY-MM-DD). Default: data's as-of.

    A link's date is read exactly as the widget reads it (`briefing.asof.resolve_as_of`),
    so the notice for a bad or out-of-range date matches what the views then show.
    """
    if AS_OF_KEY in st.session_state:
        # Each page draws its own widget, and Streamlit drops a page's widget, and the URL
        # parameter bound to it, when another page opens (even from a menu link that names
        # the date): the reader's date is handed on here, and put back in the address so
        # it still reproduces the view. (The address cannot be set while the last page's
        # binding is still registered, as after st.switch_page; the date holds anyway.)
        kept = st.session_state[AS_OF_KEY] = st.session_state[AS_OF_KEY]
        if isinstance(kept, date) and kept < asof.latest(data):
            if not st.query_params.get_all(AS_OF_KEY):
                with contextlib.suppress(StreamlitAPIException):
                    st.query_params[AS_OF_KEY] = kept.isoformat()
    choice = asof.resolve_as_of(st.query_params.get_all(AS_OF_KEY), data)
    if choice.notice:
        st.sidebar.info(escape_markdown(choice.notice), icon="ℹ️")
    chosen = st.sidebar.date_input(
        "As of",
        value=choice.latest,
        min_value=EARLIEST,
        max_value=choice.latest,
        key=AS_OF_KEY,
        bind="query-params",
        format="YYYY-MM-DD",
        help="See every view as it stood on this day. Later events are hidden or greyed out.",
    )
    day = chosen if isinstance(chosen, date) else choice.latest
    if day < choice.latest:
        st.sidebar.warning(
            f"Time travel: every view shows the briefing as it stood on "
            f"**{asof.as_of_text(day)}**; later items are greyed out or left out.",
            icon="🕰️",
        )
        st.sidebar.button(
            "Back to the latest data",
            key="as_of_reset",
            on_click=_reset_as_of,
            args=(choice.latest,),
        )
    return day


def as_of(data: Dataset) -> date:
    """The as-of date chosen in the sidebar (for pages)."""
    value = st.session_state.get(AS_OF_KEY)
    return asof.clamp(value if isinstance(value, date) else None, data)


def as_of_banner(data: Dataset, day: date | None = None) -> None:
    """A notice at the top of a page when the reader is looking at an earlier date."""
    day = as_of(data) if day is None else day
    latest = asof.latest(data)
    if day < latest:
        st.info(
            f"As of **{asof.as_of_text(day)}**: this view shows what was recorded by that day "
            f"(the data runs to {asof.as_of_text(latest)}). "
            "Change it under *As of* in the sidebar.",
            icon="🕰️",
        )
