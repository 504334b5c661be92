"""Shared widgets and safe rendering: data text shown literally, confidence badges, source
lines, notices for links the page cannot read, shareable addresses, the PDF button."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

import streamlit as st

from briefing import site
from briefing.citations import cite_all
from briefing.schema import Confidence
from briefing.store import Dataset
from briefing.text import escape_markdown, markdown_link, markdown_table
from ui.frame import as_of

PUBLIC_URL_ENV = "BRIEFING_PUBLIC_URL"

#: how each confidence label is shown (a word and a symbol: never colour alone)
CONFIDENCE_BADGE = {
    Confidence.CONFIRMED: "✔ confirmed",
    Confidence.REPORTED: "◐ reported",
    Confidence.ARTICLE_ONLY: "✎ article-only",
    Confidence.DISPUTED: "⚠ disputed",
    Confidence.UNVERIFIED: "? unverified",
}


def public_url(path: str = "", query: dict[str, str] | None = None) -> str:
    """The shareable address of a view (base from BRIEFING_PUBLIC_URL, else this server)."""
    from urllib.parse import urlencode

    base = os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")
    if not base:
        try:
            base = st.context.url.split("?")[0].rstrip("/")
            # st.context.url includes the current page path; keep only the origin
            from urllib.parse import urlsplit

            parts = urlsplit(base)
            base = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
        except Exception:  # noqa: BLE001 - outside a browser session (AppTest, CLI)
            base = ""
    base = base or "http://localhost:8501"
    suffix = f"?{urlencode(query, doseq=True)}" if query else ""
    return f"{base}/{path.lstrip('/')}{suffix}"


def md(text: object, limit: int | None = None) -> None:
    """Show data text literally (no HTML, links, LaTeX or Markdown from the data)."""
    st.markdown(escape_markdown(text, limit))


def table(rows) -> None:
    """A static table (a list of dicts or a DataFrame) as one Markdown element
    (`briefing.text.markdown_table`: every cell literal). For small tables a reader reads
    rather than sorts: a data grid costs the browser several times more (bench/README.md);
    the view's CSV download still carries the rows."""
    if hasattr(rows, "to_dict"):  # a DataFrame
        columns, rows = list(rows.columns), rows.to_dict("records")
    else:
        rows = list(rows)
        columns = list(dict.fromkeys(key for row in rows for key in row))
    st.markdown(markdown_table(rows, columns))


@st.fragment
def on_open(label: str, key: str, draw: Callable[..., None], *args: object) -> None:
    """An expander drawn closed whose content, `draw(*args)`, is built only once the reader
    opens it (a stateful expander in a fragment: opening it reruns this block alone). For
    long detail a closed expander would still build and send on every run (bench/)."""
    box = st.expander(label, key=key, on_change="rerun")
    if box.open:
        with box:
            draw(*args)


def small(markdown: str) -> str:
    """Markdown in small type, for a sources line inside a larger Markdown element (a card
    drawn as one element rather than a paragraph and a caption: bench/README.md)."""
    return f":small[{markdown}]"


def badge(confidence: Confidence | str) -> str:
    try:
        return CONFIDENCE_BADGE[Confidence(confidence)]
    except ValueError:
        return escape_markdown(confidence)


def sources_line(data: Dataset, source_ids: Iterable[str], prefix: str = "Sources") -> str:
    """Markdown: 'Sources: [TASS, 8 April 2025](url); …' with every label escaped.

    Every source is listed (a row has at most ten): one counted as "and 3 more" would not
    be one click from the claim.
    """
    parts = [
        markdown_link(c.label, c.url) + (f" ({escape_markdown(c.marker)})" if c.marker else "")
        for c in cite_all(data, list(source_ids))
    ]
    return f"{prefix}: " + "; ".join(parts) if parts else f"{prefix}: none recorded"


def url_notice(checks: dict[str, Callable[[str], bool]]) -> list[str]:
    """Flag URL parameters that a page will ignore, with one notice. Returns ignored keys."""
    ignored = []
    for key, accepts in checks.items():
        values = st.query_params.get_all(key)
        bad = [value for value in values if not accepts(value)]
        if bad:
            ignored.append(f"{key}={bad[0][:40]}")
    if ignored:
        st.info(
            "Some settings in the link were not understood and were ignored: "
            + escape_markdown(", ".join(ignored)),
            icon="ℹ️",
        )
    return ignored


def view_link(url_path: str) -> str:
    """The shareable address of the current view: the page path with every URL parameter
    (repeated keys for multi-selections, as widgets bound to the URL write them)."""
    from urllib.parse import urlencode

    pairs = [(name, value) for name in st.query_params for value in st.query_params.get_all(name)]
    return public_url(url_path) + (f"?{urlencode(pairs)}" if pairs else "")


def pdf_button(
    data: Dataset,
    key: str,
    state: dict,
    label: str = "Download PDF",
    live: dict | None = None,
) -> None:
    """A 'Download PDF' button for view `key` (e.g. "treaties") as filtered by `state`.

    `state` is what the page hands its `report_section` (its filters; "as_of" is added
    from the sidebar when missing). The PDF is built only on click, on another thread,
    from a frozen copy of the inputs; every page of it links back to this exact view (the
    page's address from the one registry, `briefing.site`, with this view's query).

    `live`: where a fragment of the page (`st.fragment`) keeps its filters current with
    `follow`: a filter there reruns the fragment alone, not this button, so the button
    reads the fragment's latest filters, and the view's address, when it is clicked.
    """
    import functools

    url_path = site.path(key)
    state = dict(state)
    state.setdefault("as_of", as_of(data))
    day = state["as_of"]
    live = {} if live is None else live
    live.setdefault(LIVE_LINK, view_link(url_path))
    st.download_button(
        label,
        data=functools.partial(_pdf_when_clicked, data, key, state, live),
        file_name=f"{url_path.strip('/') or key}-{day}.pdf",
        mime="application/pdf",
        on_click="ignore",
        key=f"pdf-{key}",
        icon=":material/picture_as_pdf:",
        help="This view as filtered, with its sources, as a PDF (built when you click).",
    )


LIVE_STATE, LIVE_LINK = "state", "link"


def follow(live: dict, key: str, **changes: object) -> None:
    """From inside a fragment of page `key`: its filters now, for the page's PDF button
    (drawn outside the fragment, so not redrawn when they change), and the view's address."""
    live.setdefault(LIVE_STATE, {}).update(changes)
    live[LIVE_LINK] = view_link(site.path(key))


def _pdf_when_clicked(data: Dataset, key: str, state: dict, live: dict) -> bytes:
    from briefing.report.build import section_pdf

    return section_pdf(data, key, {**state, **live.get(LIVE_STATE, {})}, live[LIVE_LINK])
