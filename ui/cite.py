"""Citations on screen: "Cite this view" at the foot of every page, the register's download.

    cite_block("treaties", data, day)    # the frame draws it under every page
    register_download(data)              # Sources & method: the whole register

"Cite this view" gives the view's permalink (this page with every setting in the URL,
the as-of date included), the data version and today's date as a formatted reference to
copy, and two downloads in the format the reader picks (BibTeX, RIS or CSL-JSON): this
view's own reference, and this view with every source it cites. Few buttons on purpose:
Chromium lets one page download about ten files before it asks, and the views already
offer several. Files are built only on click (`data=functools.partial(...)`, on another
thread, so nothing in the callables reads `st.session_state`).
"""

from __future__ import annotations

import functools
from datetime import date
from urllib.parse import urlencode

import streamlit as st

from briefing import asof, references, site
from briefing.store import Dataset
from briefing.text import escape_markdown
from ui.frame import AS_OF_KEY
from ui.widgets import public_url

FORMAT_KEY = "cite_format"
REGISTER_FORMAT_KEY = "register_format"
FORMAT_NAMES = tuple(references.FORMATS)  # 'bibtex', 'ris', 'csl-json'
IMPORT_HELP = (
    "Zotero imports all three (File → Import…); EndNote and Mendeley import RIS or BibTeX "
    "(File → Import)."
)


def _label(fmt: str) -> str:
    return references.FORMATS[fmt].label


def permalink(page_key: str, data: Dataset, day: date) -> str:
    """The address that reproduces this view: the page with every URL parameter (repeated
    keys kept) and the as-of date when it is an earlier one, even where the address bar
    lost it (after a page switch the frame keeps the date but cannot always write it)."""
    pairs = [(name, value) for name in st.query_params for value in st.query_params.get_all(name)]
    if day < asof.latest(data) and AS_OF_KEY not in st.query_params:
        pairs.append((AS_OF_KEY, day.isoformat()))
    suffix = f"?{urlencode(pairs)}" if pairs else ""
    return public_url(site.path(page_key)) + suffix


def view_file(data: Dataset, url: str, accessed: date, fmt: str) -> str:
    """This view's own reference in `fmt` (for a download button: built on click)."""
    cited = references.cite_view(data, url, accessed)
    return {"bibtex": cited.bibtex, "ris": cited.ris, "csl-json": cited.csl_json}[fmt]


def _stem(page_key: str) -> str:
    """'timeline' -> timeline-citation.bib, timeline-sources-cited.bib (the register, on
    Sources & method, is briefing-sources.bib)."""
    return site.path(page_key) or "overview"


OPEN_KEY = "cite_open"  # the expander's state: open or closed


@st.fragment
def cite_block(page_key: str, data: Dataset, day: date) -> None:
    """'Cite this view': the reference to paste, and this view (and its sources) to import.

    Drawn closed, its content built only once the reader opens it (a stateful expander;
    a fragment, so opening it reruns this block alone, not the page). Built on every run,
    its reference, radio and buttons cost every page about 0.2 s in the browser (bench/)."""
    box = st.expander(
        "Cite this view", icon=":material/format_quote:", key=OPEN_KEY, on_change="rerun"
    )
    if box.open:
        with box:
            _cite_content(page_key, data, day)


def _cite_content(page_key: str, data: Dataset, day: date) -> None:
    url = permalink(page_key, data, day)
    today = date.today()
    try:
        cited = references.cite_view(data, url, today)
    except references.UnknownView as problem:  # a public address set oddly
        st.caption(f"This view cannot be cited here: {escape_markdown(problem)}")
        return
    st.caption(
        "The reference, with this view's permalink (every setting and the as-of date "
        "are in it), the data version and today as the access date; the copy button "
        "at its top right copies it in one click."
    )
    st.code(cited.text, language=None, wrap_lines=True)
    fmt = st.radio(
        "Format for a reference manager",
        FORMAT_NAMES,
        format_func=_label,
        horizontal=True,
        key=FORMAT_KEY,
    )
    fmt = fmt if fmt in references.FORMATS else FORMAT_NAMES[0]
    spec = references.FORMATS[fmt]
    left, right = st.columns(2)
    left.download_button(
        f"This view's reference ({spec.label})",
        functools.partial(view_file, data, url, today, fmt),
        file_name=spec.filename(f"{_stem(page_key)}-citation"),
        mime=spec.mime,
        on_click="ignore",
        key="dl-cite-view",
        icon=":material/download:",
    )
    right.download_button(
        f"This view and the sources it cites ({spec.label})",
        functools.partial(references.export, data, fmt, view=url, accessed=today),
        file_name=spec.filename(f"{_stem(page_key)}-sources-cited"),
        mime=spec.mime,
        on_click="ignore",
        key="dl-cite-sources",
        icon=":material/download:",
    )
    st.caption(IMPORT_HELP)


def register_download(data: Dataset) -> None:
    """The whole source register for a reference manager: one format choice, one button."""
    fmt = st.radio(
        "The whole source register for a reference manager",
        FORMAT_NAMES,
        format_func=_label,
        horizontal=True,
        key=REGISTER_FORMAT_KEY,
    )
    fmt = fmt if fmt in references.FORMATS else FORMAT_NAMES[0]
    spec = references.FORMATS[fmt]
    st.download_button(
        f"Source register ({spec.label}, {len(data.sources)} sources)",
        functools.partial(references.export, data, fmt),
        file_name=spec.filename("briefing-sources"),
        mime=spec.mime,
        on_click="ignore",
        key="dl-register",
        icon=":material/download:",
    )
    st.caption(
        "Each source with a stable key, its date at the precision known, the outlet, the "
        f"link and the date it was checked. {IMPORT_HELP}"
    )
