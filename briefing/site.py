"""The app's pages: the one registry of title, icon, order and URL path.

Everything that names a page reads it from here: the sidebar menu the frame draws
(`ui.frame`), the PDF's links back to each view (`briefing.report.sections` and the
views' `URL_PATH`), the browser tests and the benchmark. A page's file follows from its
URL path: the home page ("/") is `app.py`, every other page is `pages/<path>.py`, so the
address a reader types is the file's name.

Plain data, no Streamlit: the PDF needs the paths too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One page of the app."""

    key: str  # the view's name in code (also its PDF section key, where it has one)
    title: str  # the menu label
    icon: str  # a Material icon: emoji need a colour-emoji font many machines lack
    path: str  # the URL path without slashes; "" for the home page

    @property
    def home(self) -> bool:
        return self.path == ""

    @property
    def file(self) -> str:
        """The page's script, relative to the app's folder (what st.page_link takes)."""
        return "app.py" if self.home else f"pages/{self.path}.py"

    @property
    def route(self) -> str:
        """The address a reader types: '/' for the home page, '/<path>' otherwise."""
        return f"/{self.path}"


#: in menu order; the first is the home page
PAGES: tuple[Page, ...] = (
    Page("overview", "Overview", ":material/explore:", ""),
    Page("treaties", "Treaties compared", ":material/gavel:", "treaties"),
    Page("capabilities", "Military capabilities", ":material/shield:", "capabilities"),
    Page("exchange", "The exchange", ":material/balance:", "exchange"),
    Page("timeline", "Timeline & claims", ":material/timeline:", "timeline"),
    Page("changes", "What changed", ":material/update:", "changes"),
    Page("briefing", "Briefing PDF", ":material/picture_as_pdf:", "briefing"),
    # with Sources & method, the two pages that span every view: after the views and the PDF
    Page("search", "Search", ":material/search:", "search"),
    Page("sources", "Sources & method", ":material/menu_book:", "sources"),
)
BY_KEY = {page.key: page for page in PAGES}


def page(key: str) -> Page:
    """The registered page called `key` (KeyError names the known keys otherwise)."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"no page {key!r}; registered: {', '.join(BY_KEY)}") from None


def path(key: str) -> str:
    """The URL path of page `key` ("" for the home page)."""
    return page(key).path
