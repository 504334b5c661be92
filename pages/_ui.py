"""The one Streamlit-aware helper module: cached data, shared widgets, safe rendering.

Pages import this and `briefing`; `briefing` never imports Streamlit.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import streamlit as st

from briefing.citations import cite_all
from briefing.dates import parse_day
from briefing.schema import Confidence
from briefing.store import Dataset, load_dataset, summary
from briefing.text import escape_markdown, markdown_link

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "data"
DATA_ENV = "BRIEFING_DATA_DIR"
PUBLIC_URL_ENV = "BRIEFING_PUBLIC_URL"

#: how each confidence label is shown (a word and a symbol: never colour alone)
CONFIDENCE_BADGE = {
    Confidence.CONFIRMED: "✔ confirmed",
    Confidence.REPORTED: "◐ reported",
    Confidence.ARTICLE_ONLY: "✎ article-only",
    Confidence.DISPUTED: "⚠ disputed",
    Confidence.UNVERIFIED: "? unverified",
}


def data_dir() -> Path:
    """The data folder: BRIEFING_DATA_DIR if set, else the app's own data/."""
    configured = os.environ.get(DATA_ENV, "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_DATA


def _fingerprint(folder: Path) -> tuple:
    """Changes whenever a file in the folder changes, so edits show up on the next run."""
    try:
        return tuple(
            sorted(
                (p.name, p.stat().st_mtime_ns, p.stat().st_size)
                for p in folder.iterdir()
                if p.is_file()
            )
        )
    except OSError:
        return ()


@st.cache_resource(show_spinner=False, max_entries=8)
def _load(folder: str, fingerprint: tuple) -> Dataset:
    return load_dataset(folder)


def dataset() -> Dataset:
    """The validated dataset (immutable, shared between sessions)."""
    folder = data_dir()
    return _load(str(folder), _fingerprint(folder))


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
    suffix = f"?{urlencode(query)}" if query else ""
    return f"{base}/{path.lstrip('/')}{suffix}"


def md(text: object, limit: int | None = None) -> None:
    """Show data text literally (no HTML, links, LaTeX or Markdown from the data)."""
    st.markdown(escape_markdown(text, limit))


def badge(confidence: Confidence | str) -> str:
    try:
        return CONFIDENCE_BADGE[Confidence(confidence)]
    except ValueError:
        return escape_markdown(confidence)


def sources_line(data: Dataset, source_ids: Iterable[str], prefix: str = "Sources") -> str:
    """Markdown: 'Sources: [TASS, 8 April 2025](url); …' with every label escaped."""
    parts = []
    for citation in cite_all(data, list(source_ids)):
        link = markdown_link(citation.label, citation.url)
        parts.append(link if citation.url else f"{link} (no link recorded)")
    return f"{prefix}: " + "; ".join(parts) if parts else f"{prefix}: none recorded"


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


def data_stamp(data: Dataset) -> str:
    return summary(data)


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


AS_OF_KEY = "as_of"
EARLIEST = date(1990, 1, 1)


def _is_day(value: str) -> bool:
    try:
        parse_day(value)
    except ValueError:
        return False
    return True


def as_of_control(data: Dataset) -> date:
    """The global 'as of' date (sidebar, bound to ?as_of=YYYY-MM-DD). Default: data's as-of."""
    latest = data.as_of or date.today()
    raw = st.query_params.get(AS_OF_KEY)
    if raw is not None:
        if not _is_day(raw):
            st.sidebar.info(
                f"The link's as-of date {escape_markdown(raw[:40])!s} is not a "
                "date (YYYY-MM-DD) and was ignored.",
                icon="ℹ️",
            )
        elif not EARLIEST <= parse_day(raw) <= latest:
            st.sidebar.info(
                f"The link's as-of date {raw} is outside {EARLIEST} to {latest}; "
                "showing the latest data instead.",
                icon="ℹ️",
            )
    chosen = st.sidebar.date_input(
        "As of",
        value=latest,
        min_value=EARLIEST,
        max_value=latest,
        key=AS_OF_KEY,
        bind="query-params",
        format="YYYY-MM-DD",
        help="See every view as it stood on this day. Later events are hidden or greyed out.",
    )
    return chosen if isinstance(chosen, date) else latest


def as_of(data: Dataset) -> date:
    """The as-of date chosen in the sidebar (for pages)."""
    value = st.session_state.get(AS_OF_KEY)
    return value if isinstance(value, date) else (data.as_of or date.today())
