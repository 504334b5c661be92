"""Fixtures for the real-browser tests: one Streamlit server per data folder, one Chromium.

What these tests cover (AppTest cannot): layout at desktop and phone widths, the URL bar
(deep links, navigation), downloads as a reader gets them, console errors, accessibility
(axe-core), hostile data in a real DOM, and many sessions at once.

Every test is parametrised over the app's page registry (briefing/site.py), so a page
registered later is covered without editing these tests. Servers and the browser live for
the whole session; a "tab" (one context + page) is reused between tests and reloaded for
each visit, which is what keeps the suite lean on two cores.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
for path in (HERE, HERE.parent, HERE.parent.parent):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import harness  # noqa: E402
from harness import DESKTOP, PHONE, StreamlitServer, Visit, launch_chromium  # noqa: E402

#: numbers worth reading in the CI log (peak RSS, ...), printed at the end of the run
METRICS: dict[str, object] = {}


class Tab:
    """One browser context and page, reused: `open()` reloads and waits for the run."""

    def __init__(self, browser, server: StreamlitServer, viewport: dict, name: str):
        self.server = server
        self.name = name
        self.context = browser.new_context(viewport=viewport, accept_downloads=True)
        self.context.set_default_timeout(harness.RUN_TIMEOUT_MS)
        self.page = self.context.new_page()
        self.visit = Visit().attach(self.page)
        self.loaded: str | None = None  # route shown untouched since its load, if any

    def url(self, route: str, query: dict | None = None) -> str:
        return harness.url(self.server.base, route, query)

    def open(self, route: str, query: dict | None = None, *, raw_query: str | None = None):
        """Load a page fresh (new Streamlit session) and wait until its script has run."""
        self.visit.clear()
        target = self.url(route, query)
        if raw_query is not None:
            target = f"{self.server.base}{route}?{raw_query}"
        self.loaded = None
        self.page.goto(target, wait_until="domcontentloaded")
        harness.wait_for_app(self.page)
        self.loaded = route if query is None and raw_query is None else None
        return self.page

    def view(self, route: str):
        """The page at `route` as first loaded: reused if this tab shows it untouched.

        For read-only checks (axe, charts, downloads built on click); tests are grouped by
        page (see pytest_collection_modifyitems) so one load serves several of them.
        """
        if self.loaded == route:
            return self.page
        return self.open(route)

    def touched(self) -> None:
        """The page was changed by interaction: the next view() reloads."""
        self.loaded = None

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="session")
def app_server():
    """The app on the real data."""
    with StreamlitServer() as server:
        yield server
        METRICS["app server RSS (current, peak) MB"] = [round(v / 2**20) for v in server.memory()]


@pytest.fixture(scope="session")
def hostile_copy(tmp_path_factory):
    from hostile_data import make_hostile_copy

    return make_hostile_copy(harness.ROOT / "data", tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="session")
def hostile_server(hostile_copy):
    """The app on a copy of the data whose every text field is an attack."""
    with StreamlitServer(data_dir=hostile_copy.folder) as server:
        yield server


@pytest.fixture(scope="session")
def playwright_sync():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_sync):
    """Chromium (harness.find_chromium); without one, every browser test fails in one line."""
    problem = None
    try:
        browser = launch_chromium(playwright_sync)
    except harness.NoBrowser as missing:
        problem = str(missing)
    except Exception as error:  # noqa: BLE001 - found, but it will not start
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        problem = (
            f"Chromium would not start ({first}): {harness.HOW_TO_GET_ONE} "
            "(Playwright's own Chromium may need: python -m playwright install-deps chromium)"
        )
    if problem:
        pytest.fail(problem, pytrace=False)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def desktop(browser, app_server):
    tab = Tab(browser, app_server, DESKTOP, "desktop")
    yield tab
    tab.close()


@pytest.fixture(scope="session")
def second_tab(browser, app_server):
    """Another desktop tab, for checks that a link opened elsewhere shows the same view."""
    tab = Tab(browser, app_server, DESKTOP, "second")
    yield tab
    tab.close()


@pytest.fixture(scope="session")
def phone(browser, app_server):
    tab = Tab(browser, app_server, PHONE, "phone")
    yield tab
    tab.close()


@pytest.fixture(scope="session")
def hostile(browser, hostile_server):
    tab = Tab(browser, hostile_server, DESKTOP, "hostile")
    yield tab
    tab.close()


@pytest.fixture(scope="session")
def metrics():
    return METRICS


def pytest_collection_modifyitems(items):
    """Run the browser tests last, grouped by page, so a tab serves one load to many checks.

    Last: the quick unit and AppTest suites report first (and `-x` stops early).
    Grouped: tests parametrised by page run page by page; unparametrised browser tests
    keep their place ahead of them; the load test runs at the very end.
    """
    ours = [item for item in items if Path(str(item.fspath)).is_relative_to(HERE)]
    if not ours:
        return
    others = [item for item in items if not Path(str(item.fspath)).is_relative_to(HERE)]
    order = {spec.name: n for n, spec in enumerate(harness.page_registry())}
    position = {id(item): n for n, item in enumerate(ours)}

    def key(item):
        spec = getattr(getattr(item, "callspec", None), "params", {}).get("spec")
        last = Path(str(item.fspath)).name == "test_browser_load.py"
        return (
            last,
            spec is not None,
            order.get(getattr(spec, "name", ""), -1),
            position[id(item)],
        )

    items[:] = others + sorted(ours, key=key)


def pytest_terminal_summary(terminalreporter):
    if not METRICS:
        return
    terminalreporter.section("browser metrics")
    for key, value in METRICS.items():
        terminalreporter.write_line(f"{key}: {value}")
    harness.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (harness.ARTIFACTS / "browser-metrics.json").write_text(
        json.dumps(METRICS, indent=2, default=str), encoding="utf-8"
    )
