"""The addresses a PDF prints and links to: the app's public base and each view's link back."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from typing import Any
from urllib.parse import urlencode, urlsplit

from briefing.report.fitting import CAP, _fit
from briefing.text import safe_url

PUBLIC_URL_ENV = "BRIEFING_PUBLIC_URL"
DEFAULT_BASE = "http://localhost:8501"
BRIEFING_PATH = "briefing"
#: Typst refuses link targets of 8,000 characters or more; browsers balk well before
MAX_LINK = 4000


# ------------------------------------------------------------------ URLs
def public_base() -> str:
    """The app's public address: BRIEFING_PUBLIC_URL if set and safe, else localhost."""
    configured = safe_url(os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/"))
    return configured or DEFAULT_BASE


def view_url(base: str | None, path: str, query: dict[str, Any] | None = None) -> str:
    """`base/path?query` with repeated keys for list values (as Streamlit binds them)."""
    base = (base or public_base()).rstrip("/")
    pairs: list[tuple[str, str]] = []
    for key, value in (query or {}).items():
        if value is None or value == "" or value == [] or value == ():
            continue
        values = value if isinstance(value, list | tuple) else [value]
        pairs.extend((str(key), str(item)) for item in values)
    suffix = f"?{urlencode(pairs)}" if pairs else ""
    return f"{base}/{path.strip('/')}{suffix}"


def briefing_url(
    keys: Sequence[str],
    as_of: date | None,
    title: str = "",
    audience: str = "",
    base: str | None = None,
    *,
    since: date | None = None,
) -> str:
    """The /briefing address that reproduces these choices."""
    query: dict[str, Any] = {"sections": list(keys)}
    if as_of is not None:
        query["as_of"] = as_of.isoformat()
    if since is not None:
        query["since"] = since.isoformat()
    # the page's text boxes take at most this much; longer text is printed capped anyway
    query["title"] = (title or "").strip()[: CAP["title"]]
    query["audience"] = (audience or "").strip()[: CAP["audience"]]
    return view_url(base, BRIEFING_PATH, query)


def _origin(url: str | None) -> str | None:
    checked = safe_url(url)
    if not checked:
        return None
    parts = urlsplit(checked)
    return f"{parts.scheme}://{parts.netloc}"


def _link(url: str | None) -> dict[str, str | None]:
    checked = safe_url(url)
    if checked and len(checked) > MAX_LINK:
        shown = f"the address of this view is too long to print ({len(checked)} characters)"
        return {"url": None, "display": _fit(shown, "summary", "footer")}
    shown = checked if checked else "link not available"
    return {"url": checked, "display": _fit(shown, "url_display", "footer")}
