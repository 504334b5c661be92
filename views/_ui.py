"""The one Streamlit-aware helper module: cached data, shared widgets, safe rendering.

Pages import this and `briefing`; `briefing` never imports Streamlit.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import streamlit as st

from briefing import asof
from briefing.citations import cite_all
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


#: How long a file a download button generated on click is kept for the browser to fetch.
DOWNLOAD_GRACE_S = 60.0


def keep_generated_downloads() -> bool:
    """Keep each file a download button generates on click for DOWNLOAD_GRACE_S seconds.

    Streamlit 1.67 stores the file a deferred download (``data=callable``) generates
    without any session referring to it, so it is an orphan from birth: the end of any two
    script runs anywhere on the server (other readers' clicks and page switches) deletes
    it, and if that happens before the browser fetches it the reader's download fails with
    a 404. The ten-reader load test saw that for about one PDF click in ten. This gives
    generated downloads a grace period before an orphan sweep may delete them; everything
    else about the sweep is unchanged.

    It changes Streamlit's private ``MediaFileMetadata``; it does so only when that class
    still has the shape this was written against, and says whether it applied (a test
    fails when an upgrade stops it applying, so the workaround is revisited, not lost).
    """
    import time

    try:
        from streamlit.runtime import media_file_manager as files
    except ImportError:  # pragma: no cover - a Streamlit without this module
        return False
    metadata = getattr(files, "MediaFileMetadata", None)
    if metadata is None:
        return False
    if getattr(metadata, "_briefing_grace", False):
        return True
    if not isinstance(metadata.__dict__.get("is_marked_for_delete"), property):
        return False
    probe = metadata()
    if not isinstance(getattr(probe, "_is_marked_for_delete", None), bool):
        return False

    born_at = metadata.__init__

    def __init__(self, *args, **kwargs) -> None:
        born_at(self, *args, **kwargs)
        self._briefing_born = time.monotonic()

    def is_marked_for_delete(self) -> bool:
        age = time.monotonic() - getattr(self, "_briefing_born", float("-inf"))
        return self._is_marked_for_delete and age >= DOWNLOAD_GRACE_S

    metadata.__init__ = __init__
    metadata.is_marked_for_delete = property(is_marked_for_delete)
    metadata._briefing_grace = True
    return True


keep_generated_downloads()


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
    suffix = f"?{urlencode(query, doseq=True)}" if query else ""
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
    """Markdown: 'Sources: [TASS, 8 April 2025](url); …' with every label escaped.

    Every source is listed (a row has at most ten): one counted as "and 3 more" would not
    be one click from the claim.
    """
    parts = [markdown_link(c.label, c.url) for c in cite_all(data, list(source_ids))]
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
EARLIEST = asof.EARLIEST


def _reset_as_of(latest: date) -> None:
    st.session_state[AS_OF_KEY] = latest


def as_of_control(data: Dataset) -> date:
    """The global 'as of' date (sidebar, bound to ?as_of=YYYY-MM-DD). Default: data's as-of.

    A link's date is read exactly as the widget reads it (`briefing.asof.resolve_as_of`),
    so the notice for a bad or out-of-range date matches what the views then show.
    """
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
    url_path: str,
    label: str = "Download PDF",
) -> None:
    """A 'Download PDF' button for view `key` (e.g. "treaties") as filtered by `state`.

    `state` is what the page hands its `report_section` (its filters; "as_of" is added
    from the sidebar when missing). The PDF is built only on click, on another thread,
    from a frozen copy of the inputs; every page of it links back to this exact view.
    """
    import functools

    from briefing.report.build import section_pdf

    state = dict(state)
    state.setdefault("as_of", as_of(data))
    day = state["as_of"]
    st.download_button(
        label,
        data=functools.partial(section_pdf, data, key, state, view_link(url_path)),
        file_name=f"{url_path.strip('/') or key}-{day}.pdf",
        mime="application/pdf",
        on_click="ignore",
        key=f"pdf-{key}",
        icon=":material/picture_as_pdf:",
        help="This view as filtered, with its sources, as a PDF (built when you click).",
    )
