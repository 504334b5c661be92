"""Search and citations in Chromium: the frame's search box from another page, a result
opening its view in the address bar, search results on hostile data and on a phone, and
the citation files as a reader downloads them, read back with bibtexparser, rispy and json.

(The page itself is covered by every registry-driven test in this folder; these are what
those cannot see: what happens after typing, clicking a result, or choosing a format.)
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import bibtexparser
import rispy
from harness import (
    LEFT_PAGE_JS,
    MARK_PAGE_JS,
    PHONE,
    ROOT,
    RUN_TIMEOUT_MS,
    exceptions,
    horizontal_overflow,
    query_of,
    screenshot,
    wait_for_app,
    widget_state,
)
from test_browser_hostile import INTERPRETED_JS

from briefing.store import load_dataset

AS_OF = "2025-06-01"
RESULT_LINKS = '[data-testid="stMainBlockContainer"] a[data-testid="stPageLink-NavLink"]'
GROUPS = '[data-testid="stMainBlockContainer"] h2'
#: links in the main block that lead off this app to the hostile data's host
OFFSITE_LINKS_JS = """
() => Array.from(document.querySelectorAll('[data-testid="stMainBlockContainer"] a[href]'))
  .filter(a => new URL(a.href, location.href).origin !== location.origin)
  .filter(a => a.href.includes('evil.invalid'))
  .map(a => a.outerHTML.slice(0, 120)).slice(0, 5)
"""


def _clean(tab) -> list[str]:
    return exceptions(tab.page) + tab.visit.problems


def _navigate(page, action) -> None:
    """Do something that opens another page, and wait until that page is drawn."""
    page.evaluate(MARK_PAGE_JS)
    action()
    page.wait_for_function(LEFT_PAGE_JS, timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)


def test_the_search_box_leads_to_results_and_a_result_to_its_row(desktop):
    page = desktop.open("/treaties", {"as_of": AS_OF})
    desktop.touched()
    box = page.locator('[data-testid="stSidebar"] .st-key-site_q input')
    box.fill("Shahed 136")
    _navigate(page, lambda: box.press("Enter"))
    assert urlsplit(page.url).path == "/search"
    assert query_of(page.url).get("q") == ["Shahed 136"]
    assert widget_state(page).get("q") == "value:Shahed 136"
    assert widget_state(page).get("as_of") == f"value:{AS_OF}"
    groups = page.locator(GROUPS).all_inner_texts()
    assert "Events (1)" in groups and "Claims (1)" in groups
    screenshot(page, "search-shahed-136")
    # Cite this view on the page the box led to: its permalink has the query and the date
    # the frame kept across the switch (which the address alone may lack)
    page.locator('[data-testid="stExpander"] summary', has_text="Cite this view").click()
    page.wait_for_timeout(300)
    wait_for_app(page)
    reference = page.locator('[data-testid="stExpander"] [data-testid="stCode"]').inner_text()
    cited = re.search(r"(http://\S+) \(accessed", reference).group(1)
    assert urlsplit(cited).path == "/search"
    assert query_of(cited) == {"q": ["Shahed 136"], "as_of": [AS_OF]}
    # the event's result opens the timeline on that event, on the same day
    event = page.locator(f'{RESULT_LINKS}[href^="timeline?event="]').first
    assert event.inner_text().strip().endswith("Open in Timeline & claims")
    href = event.get_attribute("href") or ""
    assert urlsplit(href).path == "timeline" and query_of(href).get("as_of") == [AS_OF]
    _navigate(page, event.click)
    assert urlsplit(page.url).path == "/timeline"
    assert query_of(page.url).get("as_of") == [AS_OF]
    assert "Shahed-136" in widget_state(page).get("event", "")
    assert _clean(desktop) == []


def test_typing_on_the_search_page_puts_the_query_in_the_address(desktop):
    page = desktop.open("/search")
    desktop.touched()
    box = page.locator('[data-testid="stMainBlockContainer"] .st-key-q input')
    box.fill("продлеваться")
    box.press("Enter")
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stMainBlockContainer\"] h2').length > 0",
        timeout=RUN_TIMEOUT_MS,
    )
    wait_for_app(page)
    assert query_of(page.url).get("q") == ["продлеваться"]
    assert page.locator(GROUPS).all_inner_texts() == ["Treaty provisions (1)"]
    assert _clean(desktop) == []


def test_an_example_query_puts_itself_in_the_address(desktop):
    page = desktop.open("/search", {"as_of": AS_OF})
    desktop.touched()
    page.locator(".st-key-example-2 button").click()  # sanction*
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stMainBlockContainer\"] h2').length > 0",
        timeout=RUN_TIMEOUT_MS,
    )
    wait_for_app(page)
    assert query_of(page.url).get("q") == ["sanction*"]
    assert query_of(page.url).get("as_of") == [AS_OF]
    assert "Treaty provisions (1)" in page.locator(GROUPS).all_inner_texts()
    assert _clean(desktop) == []


def test_search_results_on_hostile_data_are_shown_as_text(hostile):
    page = hostile.open("/search", {"q": "HOSTILE"})
    hostile.touched()
    screenshot(page, "hostile-search-results")
    assert exceptions(page) == [] and hostile.visit.problems == []
    assert hostile.visit.dialogs == []
    assert page.locator(GROUPS).count() >= 3, "the hostile rows were found"
    assert page.evaluate(INTERPRETED_JS) == []
    # data text makes no link to another host (a result's own link may carry a hostile
    # label inside its query string, encoded: that is this app's address, not the data's)
    assert page.evaluate(OFFSITE_LINKS_JS) == []
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert text.count("HOSTILE-LINK") == text.count("[HOSTILE-LINK]")


def test_search_results_fit_a_phone(phone):
    page = phone.open("/search", {"q": "sanction*"})
    phone.touched()
    screenshot(page, f"search-results-{PHONE['width']}")
    assert _clean(phone) == []
    overflow = horizontal_overflow(page)
    assert overflow["document"] <= PHONE["width"] + 1, overflow
    assert overflow["wide"] == [], overflow


# ------------------------------------------------------------------- citations
def _entries(fmt: str, raw: bytes) -> list[str]:
    """The keys a reference manager would import from the file."""
    text = raw.decode("utf-8")
    if fmt == "BibTeX":
        library = bibtexparser.parse_string(text)
        assert not library.failed_blocks
        return [entry.key for entry in library.entries]
    if fmt == "RIS":
        return [entry["id"] for entry in rispy.loads(text)]
    return [item["id"] for item in json.loads(text)]


def _download(page, button) -> tuple[str, bytes]:
    with page.expect_download(timeout=60_000) as info:
        button.click()
    return info.value.suggested_filename, info.value.path().read_bytes()


def _choose(page, container, label: str) -> None:
    container.get_by_text(label, exact=True).click()
    page.wait_for_timeout(300)
    wait_for_app(page)


def test_cite_this_view_downloads_import_in_every_format(desktop):
    page = desktop.open("/timeline", {"as_of": AS_OF, "event_theme": "treaty"})
    desktop.touched()
    block = page.locator('[data-testid="stExpander"]').filter(has_text="Cite this view")
    block.locator("summary").click()  # its content is built once opened: wait for it
    page.wait_for_timeout(300)
    wait_for_app(page)
    reference = block.locator('[data-testid="stCode"]').inner_text()
    assert f"timeline?as_of={AS_OF}&event_theme=treaty" in reference
    for fmt, extension in (("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json")):
        if fmt != "BibTeX":
            _choose(page, block, fmt)
        buttons = block.locator('[data-testid="stDownloadButton"] button')
        assert buttons.count() == 2
        name, raw = _download(page, buttons.nth(0))
        assert name == f"timeline-citation.{extension}"
        (view_key,) = _entries(fmt, raw)
        assert view_key.startswith("briefing-timeline-")
        name, raw = _download(page, buttons.nth(1))
        assert name == f"timeline-sources-cited.{extension}"
        keys = _entries(fmt, raw)
        assert keys[0] == view_key and len(keys) > 5
    assert _clean(desktop) == []


def test_the_register_downloads_import_in_every_format(desktop):
    sources = [s.id for s in load_dataset(ROOT / "data").sources]
    page = desktop.open("/sources")
    desktop.touched()
    for fmt, extension in (("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json")):
        chooser = page.locator(".st-key-register_format")
        if fmt != "BibTeX":
            _choose(page, chooser, fmt)
        button = page.locator(".st-key-dl-register button")
        name, raw = _download(page, button)
        assert name == f"briefing-sources.{extension}"
        assert _entries(fmt, raw) == sources
    assert _clean(desktop) == []
