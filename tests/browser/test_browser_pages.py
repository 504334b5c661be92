"""Every registered page in Chromium: renders cleanly, navigates, deep-links, fits a phone,
and its downloads hold what the page shows.

Pages come from the app's one registry (briefing/site.py); download tests are generated
for the pages whose source offers that kind of download (text/csv, application/pdf), so
no test here passes for want of something to check.
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import urlsplit

import pytest
from harness import (
    LEFT_PAGE_JS,
    MARK_PAGE_JS,
    MENU,
    PHONE,
    ROOT,
    RUN_TIMEOUT_MS,
    StreamlitServer,
    alerts,
    exceptions,
    grids,
    horizontal_overflow,
    menu,
    menu_link,
    page_registry,
    query_of,
    screenshot,
    wait_for_app,
    widget_state,
)

from briefing.store import reach

REGISTRY = page_registry()
IDS = [spec.name for spec in REGISTRY]
AS_OF = "2025-06-01"  # a day inside every page's range, before the data's as-of date
DOWNLOAD_TIMEOUT_MS = 60_000
SIDEBAR_BUTTON = '[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"]'

#: Example deep links per page: URL parameter -> value(s) a reader could have chosen.
#: Pages not registered yet are simply not tested; a registered page missing here is
#: tested with the global as-of parameter alone.
EXAMPLES: dict[str, dict[str, str | list[str]]] = {
    "overview": {},
    "treaties": {"treaty": ["Russia–Iran 2025", "NATO 1949"], "text": "summary"},
    "capabilities": {"category": "fighter", "direction": "to Iran", "system": "su-35"},
    "exchange": {"w_value": "3", "w_cost": "2"},
    "timeline": {},
    "changes": {"since": "2025-03-01"},
    "briefing": {},
    "search": {"q": "S400", "kind": "Military systems"},
    "sources": {"kind": "treaty text"},
}

#: Facts each page's PDF must contain (beyond the data stamp every PDF carries).
PDF_FACTS: dict[str, list[str]] = {
    "overview": ["Key judgements"],
    "treaties": ["Russia–Iran 2025"],
    "capabilities": ["S-400"],
    "exchange": ["Iran"],
    "timeline": ["Timeline"],
    "changes": ["What changed since 17 January 2025", "Status changes"],
    "briefing": ["Key judgements", "Russia–Iran 2025"],
}

#: Known faults, (test, page) -> reason, run as expected failures until fixed.
KNOWN: dict[tuple[str, str], str] = {}


def known(test: str, specs=REGISTRY) -> list:
    params = []
    for spec in specs:
        reason = KNOWN.get((test, spec.name))
        marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
        params.append(pytest.param(spec, id=spec.name, marks=marks))
    return params


def _clean(tab) -> list[str]:
    """Everything a reader should never see: tracebacks, console errors, page errors."""
    return exceptions(tab.page) + tab.visit.problems


def _nav_titles(page) -> list[str]:
    return [link["title"] for link in menu(page)]


# ---------------------------------------------------------------------- rendering
@pytest.mark.parametrize("spec", known("renders"))
def test_page_renders_without_errors(desktop, spec):
    page = desktop.view(spec.route)
    screenshot(page, spec.name)
    assert _clean(desktop) == [], f"{spec.route} shows errors"
    assert page.locator("h1").count() >= 1, f"{spec.route} has no title"
    assert page.locator('[data-testid="stMainBlockContainer"]').inner_text().strip()
    assert _nav_titles(page) == [s.title for s in REGISTRY]
    # a reader's page, not a developer's: no Deploy button (.streamlit/config.toml)
    assert page.locator('[data-testid="stAppDeployButton"]').count() == 0


def test_navigation_reaches_every_page(desktop):
    page = desktop.open("/")
    desktop.touched()
    for spec in REGISTRY:
        link = menu_link(page, spec.title)
        assert link.count() == 1, f"no sidebar link to {spec.route}"
        page.evaluate(MARK_PAGE_JS)
        link.click()
        page.wait_for_url(desktop.url(spec.route) + "*")
        if spec is not REGISTRY[0]:  # the first link is the page already open
            page.wait_for_function(LEFT_PAGE_JS, timeout=RUN_TIMEOUT_MS)
        wait_for_app(page)
        assert urlsplit(page.url).path == spec.route
        # the menu marks the page shown (and only it); links are relative to the app
        assert [entry["current"] for entry in menu(page)] == [s is spec for s in REGISTRY]
        assert desktop.url("/" + (link.get_attribute("href") or "")) == desktop.url(spec.route)
        assert page.locator("h1").count() >= 1, f"{spec.route} has no title"
        assert _clean(desktop) == [], f"navigating to {spec.route}"


def test_the_as_of_date_goes_with_the_reader_from_page_to_page(desktop):
    """Each page draws its own sidebar: the date chosen on one page holds on the next, in
    the menu's links (open one in a new tab: same date) and in the URL it leads to."""
    page = desktop.open("/treaties", {"as_of": AS_OF})
    desktop.touched()
    target = next(spec for spec in REGISTRY if spec.name == "capabilities")
    link = menu_link(page, target.title)
    assert query_of(link.get_attribute("href") or "").get("as_of") == [AS_OF]
    page.evaluate(MARK_PAGE_JS)
    link.click()
    page.wait_for_function(LEFT_PAGE_JS, timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)
    assert urlsplit(page.url).path == target.route
    assert query_of(page.url).get("as_of") == [AS_OF]
    assert widget_state(page).get("as_of") == f"value:{AS_OF}"
    assert any("Time travel" in alert for alert in alerts(page))
    assert _clean(desktop) == []


#: first requests to a fresh server (each its own server): path, query, widgets it sets
FIRST_VISITS = [
    ("treaties", "", {}),
    ("capabilities", f"direction=to+Iran&as_of={AS_OF}", {"direction": "on:to Iran"}),
    ("exchange", "", {}),
]


@pytest.mark.parametrize(
    ("name", "query", "widgets"), FIRST_VISITS, ids=[v[0] for v in FIRST_VISITS]
)
def test_first_visit_by_deep_link_gets_the_whole_app(browser, name, query, widgets):
    """On a fresh server the first reader may arrive by a shared link to an inner page: it
    runs inside the frame (menu, data stamp, as-of date from the link) with its heading."""
    from briefing.store import load_dataset

    spec = next(spec for spec in REGISTRY if spec.name == name)
    data = load_dataset(ROOT / "data")
    with StreamlitServer() as server:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(f"{server.base}{spec.route}" + (f"?{query}" if query else ""))
            wait_for_app(page)
            assert exceptions(page) == []
            assert urlsplit(page.url).path == spec.route
            assert _nav_titles(page) == [s.title for s in REGISTRY]
            assert [entry["current"] for entry in menu(page)] == [s is spec for s in REGISTRY]
            sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
            checked, latest = reach(data)
            assert (
                f"Data version {data.version} · last checked {checked} · "
                f"latest event recorded: {latest}"
            ) in sidebar
            assert page.locator('[data-testid="stMainBlockContainer"] h1').first.inner_text()
            shown = widget_state(page)
            for key, value in widgets.items():
                assert shown.get(key) == value, (key, shown.get(key))
            day = AS_OF if "as_of=" in query else data.as_of.isoformat()
            assert shown.get("as_of") == f"value:{day}"
        finally:
            context.close()


def test_the_app_fetches_nothing_from_other_hosts(desktop):
    page = desktop.open("/")
    page.wait_for_timeout(1_000)
    desktop.touched()
    assert desktop.visit.external == []


# --------------------------------------------------------------------- deep links
@pytest.mark.parametrize("spec", known("deep_link"))
def test_deep_link_restores_the_filters(desktop, second_tab, spec):
    example = {**EXAMPLES.get(spec.name, {}), "as_of": AS_OF}
    default = widget_state(desktop.view(spec.route))
    page = desktop.open(spec.route, example)
    assert _clean(desktop) == []
    assert not [a for a in alerts(page) if "not understood" in a], alerts(page)
    shown = widget_state(page)
    kept = query_of(page.url)
    for key, value in example.items():
        values = value if isinstance(value, list) else [value]
        assert key in shown, f"no widget with key {key!r} on {spec.route}"
        for one in values:
            assert one in shown[key], f"{key}={one} not shown: {shown[key]}"
        assert shown[key] != default.get(key), f"{key} looks the same as without the link"
        assert sorted(kept.get(key, [])) == sorted(values), f"{key} dropped from the URL"
    # the URL the reader copies now reproduces the same view in another tab
    again = second_tab.open(urlsplit(page.url).path, raw_query=urlsplit(page.url).query)
    assert widget_state(again) == shown


# ------------------------------------------------------------------------- phone
@pytest.mark.parametrize("spec", known("phone"))
def test_page_is_usable_on_a_phone(phone, spec):
    page = phone.view(spec.route)
    screenshot(page, f"{spec.name}-{PHONE['width']}")
    assert _clean(phone) == []
    overflow = horizontal_overflow(page)
    assert overflow["document"] <= PHONE["width"] + 1, overflow
    assert overflow["main"][0] <= overflow["main"][1] + 1, overflow
    assert overflow["wide"] == [], overflow
    title = page.locator("h1").first.bounding_box()
    assert title is not None and 0 <= title["x"] and title["x"] + title["width"] <= PHONE["width"]
    # and nothing covers it: a reader arriving by a link sees the page, not the menu
    on_top = page.evaluate(
        "([x, y]) => !!document.elementFromPoint(x, y)?.closest('h1')",
        [title["x"] + min(title["width"], 40) / 2, title["y"] + title["height"] / 2],
    )
    assert on_top, "the page title is covered (is the sidebar open over the page?)"
    # the navigation is one tap away: the collapsed sidebar's button
    assert page.locator(SIDEBAR_BUTTON).count() >= 1 or page.locator(MENU).is_visible()


# --------------------------------------------------------------------- downloads
def _download_buttons(page, pattern: str | None = None):
    """The download buttons a reader can reach: expanders opened first, hidden ones left out."""
    closed = page.locator('[data-testid="stExpander"] details:not([open]) > summary')
    for _ in range(closed.count()):
        closed.first.click()
    page.wait_for_timeout(300)
    wait_for_app(page)  # "Cite this view" builds its content once opened (ui.cite)
    buttons = page.locator('[data-testid="stDownloadButton"] button').filter(visible=True)
    if pattern:
        buttons = buttons.filter(has_text=re.compile(pattern, re.IGNORECASE))
    return buttons


def _download(page, button):
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
        button.click()
    download = info.value
    path = download.path()
    return download.suggested_filename, path.read_bytes()


def _csv_rows(raw: bytes) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    return rows[0], rows[1:]


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u200b", "")).strip()


def _shown_as_table(header: list[str], rows: list[list[str]], shown: list[dict]) -> bool:
    """A dataframe on the page has as many rows, and its first row agrees with the CSV's."""
    for grid in shown:
        if grid["rowcount"] != len(rows):
            continue
        if not rows:
            return True
        first = dict(zip(header, rows[0], strict=False))
        pairs = zip(grid["header"], grid["rows"][0] if grid["rows"] else [], strict=False)
        if any(first.get(col) and _normal(first[col]) == _normal(cell) for col, cell in pairs):
            return True
    return False


def _rows_visible(rows: list[list[str]], page) -> bool:
    """Every exported row shows on the page: one of its text cells is in the visible text."""
    text = _normal(page.locator('[data-testid="stMain"]').inner_text())
    for row in rows:
        cells = [_normal(c) for c in row if len(c.strip()) >= 4 and not c.strip()[0].isdigit()]
        if not any(cell in text for cell in cells):
            return False
    return bool(rows)


CSV_PAGES = [spec for spec in REGISTRY if spec.offers("text/csv")]
PDF_PAGES = [s for s in REGISTRY if s.offers("application/pdf") or s.offers("pdf_button(")]


@pytest.mark.parametrize("spec", known("csv", CSV_PAGES))
def test_csv_downloads_hold_the_shown_rows(desktop, spec):
    page = desktop.view(spec.route)
    buttons = _download_buttons(page)
    shown = grids(page)
    checked = 0
    for index in range(buttons.count()):
        name, raw = _download(page, buttons.nth(index))
        if not name.endswith(".csv"):
            continue
        checked += 1
        header, rows = _csv_rows(raw)
        assert header and all(header), f"{name}: no header"
        data_file = ROOT / "data" / name
        if data_file.is_file() and raw == data_file.read_bytes():
            continue  # a data file offered as it is (Sources & method)
        for row in rows:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
        assert _shown_as_table(header, rows, shown) or _rows_visible(rows, page), (
            f"{name}: its {len(rows)} rows are neither a table on the page "
            f"(tables have {[g['rowcount'] for g in shown]} rows) nor all visible on it"
        )
    assert checked, f"{spec.route} offers no CSV download"
    assert _clean(desktop) == []


@pytest.mark.parametrize("spec", known("pdf", PDF_PAGES))
def test_pdf_downloads_are_valid_and_carry_the_facts(desktop, spec):
    from pypdf import PdfReader

    from briefing.store import load_dataset

    data = load_dataset(ROOT / "data")
    page = desktop.view(spec.route)
    buttons = _download_buttons(page, "pdf")
    assert buttons.count() >= 1, f"{spec.route} has no PDF button"
    for index in range(buttons.count()):
        name, raw = _download(page, buttons.nth(index))
        assert name.endswith(".pdf") and raw.startswith(b"%PDF-"), name
        reader = PdfReader(io.BytesIO(raw))
        text = _normal(" ".join(p.extract_text() or "" for p in reader.pages))
        assert len(reader.pages) >= 1
        assert data.version in text, f"{name}: no data version"
        as_of = data.as_of
        stamps = {as_of.isoformat(), f"{as_of.day} {as_of:%B %Y}"} if as_of else set()
        assert any(stamp in text for stamp in stamps), f"{name}: no as-of date"
        for fact in PDF_FACTS.get(spec.name, []):
            assert fact in text, f"{name}: {fact!r} missing"
    assert _clean(desktop) == []


# --------------------------------------------------------------------- fragments
def _pdf_text(page) -> str:
    from pypdf import PdfReader

    button = page.locator('[data-testid="stDownloadButton"] button', has_text="Download PDF")
    _name, raw = _download(page, button.first)
    return _normal(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(raw)).pages))


def test_a_filter_in_a_section_reruns_it_and_the_pdf_button_above_follows(desktop):
    """Treaties' clause text (quote or summary) reruns only the clause sections (a fragment),
    so the page's PDF button, drawn above them, is not redrawn: its PDF must still be the
    view the reader now sees, and the address must say so."""
    page = desktop.open("/treaties")
    radio = page.locator('[data-testid="stMain"] .st-key-text [role="radiogroup"] label')
    radio.filter(has_text="summary").click()
    wait_for_app(page)
    assert query_of(page.url).get("text") == ["summary"]
    text = _pdf_text(page)
    assert "[summary (our words)]" in text and "[quote (" not in text
    assert "text=summary" in text  # the PDF's "View online" link is this view
    assert _clean(desktop) == []


def test_the_timeline_sections_rerun_alone_and_the_pdf_keeps_both(desktop):
    """A theme chosen in the events section and an assessment in the claims section (two
    fragments): each section shows its filter, and the PDF under both carries both."""
    page = desktop.open("/timeline")
    page.locator('[data-testid="stMain"] .st-key-event_theme button').first.click()
    wait_for_app(page)
    page.locator('[data-testid="stMain"] .st-key-claim_assessment button').first.click()
    wait_for_app(page)
    query = query_of(page.url)
    assert query.get("event_theme") and query.get("claim_assessment"), query
    text = _pdf_text(page)
    for key in ("event_theme", "claim_assessment"):
        assert f"{key}=" in text, f"the PDF's link has no {key}"
    assert _clean(desktop) == []
