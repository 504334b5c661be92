"""Drive the real app in a real browser: the Streamlit server, Chromium, and waiting for a run.

Used by the browser tests (`tests/browser/`) and by the benchmark (`bench/run.py`), so both
start the app and judge "the page has finished" the same way. No pytest in here.

- `page_registry()` reads the app's one page registry (`briefing.site.PAGES`, plain data),
  so a page added there is covered by every browser test without editing the tests.
- `StreamlitServer` runs `streamlit run app.py` on a free loopback port (optionally against
  another data folder through BRIEFING_DATA_DIR), waits for `/_stcore/health`, reports the
  server's resident memory from /proc, and stops it.
- `launch_chromium()` starts Chromium headless (no sandbox, no background networking).
  `find_chromium()` picks it: `$BRIEFING_CHROMIUM`, then `chromium` or `chromium-browser`
  on PATH, then `/usr/bin/chromium`, else Playwright's own Chromium, installed with
  `python -m playwright install chromium` when missing (and the network allows). When
  none can be had it raises `NoBrowser` with one line that says how to get one.
- `wait_for_app()` waits until the script run is over and the page has been still for a
  moment; `Visit` collects console errors, page errors and dialogs while a page is open.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM_ENV = "BRIEFING_CHROMIUM"
#: tried in this order after $BRIEFING_CHROMIUM (names on PATH, then a path)
SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "/usr/bin/chromium")
PLAYWRIGHT_INSTALL = [sys.executable, "-m", "playwright", "install", "chromium"]
PLAYWRIGHT_INSTALL_S = 600
HOW_TO_GET_ONE = (
    "install Chromium (Debian/Ubuntu: sudo apt-get install chromium), set "
    f"{CHROMIUM_ENV} to a Chromium executable, or run: python -m playwright install chromium"
)
#: headless, no sandbox (root in a container), and nothing that phones home
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
#: generous: CI has two cores shared by the server, Chromium and pytest
RUN_TIMEOUT_MS = 120_000
SERVER_START_S = 90


# ------------------------------------------------------------------------- pages
@dataclass(frozen=True)
class PageSpec:
    """One page of the app's registry (`briefing.site.PAGES`)."""

    file: str  # relative to the app's folder: "app.py" or "pages/<url_path>.py"
    title: str
    url_path: str
    icon: str
    default: bool

    @property
    def source(self) -> Path:
        return ROOT / self.file

    @property
    def route(self) -> str:
        """The path a reader types: '/' for the home page, '/<url_path>' otherwise."""
        return "/" if self.default else f"/{self.url_path}"

    @property
    def name(self) -> str:
        """A short name for test ids and file names."""
        return self.url_path or "home"

    def offers(self, mime: str) -> bool:
        """Does the page's source offer a download of this MIME type?"""
        try:
            text = self.source.read_text(encoding="utf-8")
        except OSError:
            return False
        return mime in text


def page_registry() -> list[PageSpec]:
    """The pages the app registers, in menu order (the first is the home page)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from briefing.site import PAGES  # plain data: no Streamlit, nothing run

    return [
        PageSpec(page.file, page.title, page.path, page.icon, default=page.home) for page in PAGES
    ]


def url(base: str, route: str, query: dict[str, str | list[str]] | None = None) -> str:
    suffix = f"?{urlencode(query, doseq=True)}" if query else ""
    return f"{base}{route}{suffix}"


# ------------------------------------------------------------------------ server
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_bytes(pid: int) -> tuple[int, int]:
    """(current, peak) resident memory of a process, from /proc/<pid>/status."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


class StreamlitServer:
    """`streamlit run app.py` on a free loopback port; a context manager."""

    def __init__(self, data_dir: Path | None = None, app: Path = APP, log: Path | None = None):
        self.app = app
        self.data_dir = data_dir
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log or (ARTIFACTS / "logs" / f"streamlit-{self.port}.log")
        self.process: subprocess.Popen | None = None

    def start(self) -> StreamlitServer:
        env = dict(os.environ)
        env.pop("BRIEFING_DATA_DIR", None)
        if self.data_dir is not None:
            env["BRIEFING_DATA_DIR"] = str(self.data_dir)
        env["PYTHONUNBUFFERED"] = "1"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        command = [
            sys.executable, "-m", "streamlit", "run", str(self.app),
            "--server.headless", "true",
            "--server.address", "127.0.0.1",
            "--server.port", str(self.port),
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
            "--server.runOnSave", "false",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=self.app.parent, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + SERVER_START_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited ({self.process.returncode}): {self.log()}")
            try:
                with urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        return self
            except OSError:
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"streamlit did not answer /_stcore/health: {self.log()}")

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def memory(self) -> tuple[int, int]:
        """(current, peak) RSS of the server process in bytes."""
        return rss_bytes(self.pid)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)

    def __enter__(self) -> StreamlitServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# ----------------------------------------------------------------------- browser
class NoBrowser(RuntimeError):
    """No Chromium could be found or installed; the message says how to get one."""


def _runnable(candidate: str) -> str | None:
    found = shutil.which(candidate)
    return found if found and os.access(found, os.X_OK) else None


def _playwright_chromium(playwright) -> str | None:
    try:
        path = playwright.chromium.executable_path
    except Exception:  # noqa: BLE001 - a Playwright that cannot say
        return None
    return path if path and Path(path).is_file() else None


_FOUND: dict[str, str | None] = {}


def find_chromium(playwright) -> str | None:
    """The Chromium to drive: a system one's path, or None for Playwright's own.

    `$BRIEFING_CHROMIUM` first (it must then work: a wrong setting is not skipped over),
    then `chromium` and `chromium-browser` on PATH, then `/usr/bin/chromium`; else
    Playwright's own Chromium, installed with `python -m playwright install chromium` if it
    is missing. Raises `NoBrowser` when none can be had. Decided once per process.
    """
    if "path" in _FOUND:
        return _FOUND["path"]
    configured = os.environ.get(CHROMIUM_ENV, "").strip()
    if configured:
        found = _runnable(configured)
        if not found:
            raise NoBrowser(f"{CHROMIUM_ENV}={configured} is not an executable: {HOW_TO_GET_ONE}")
        _FOUND["path"] = found
        return found
    for candidate in SYSTEM_CHROMIUMS:
        found = _runnable(candidate)
        if found:
            _FOUND["path"] = found
            return found
    if not _playwright_chromium(playwright):
        try:
            subprocess.run(
                PLAYWRIGHT_INSTALL, capture_output=True, timeout=PLAYWRIGHT_INSTALL_S, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            pass
        if not _playwright_chromium(playwright):
            raise NoBrowser(f"no Chromium for the browser tests: {HOW_TO_GET_ONE}")
    _FOUND["path"] = None
    return None


def launch_chromium(playwright, **kwargs):
    """Chromium through Playwright (sync or async API alike), found by `find_chromium`."""
    return playwright.chromium.launch(
        executable_path=find_chromium(playwright), args=CHROMIUM_ARGS, **kwargs
    )


#: the frame's sidebar menu (ui/frame.py: one st.page_link per registered page)
MENU = '[data-testid="stSidebar"] .st-key-menu'
MENU_LINKS = f'{MENU} a[data-testid="stPageLink-NavLink"]'
#: the menu's link titles, and which link is drawn as the current page (Streamlit marks it
#: with a background, not with aria-current)
MENU_JS = """
() => Array.from(document.querySelectorAll('[data-testid="stSidebar"] .st-key-menu a')).map(a => {
  const lines = a.innerText.split('\\n').map(s => s.trim()).filter(Boolean);
  const bg = getComputedStyle(a).backgroundColor;
  const clear = bg === 'transparent' || /rgba\\(.*,\\s*0\\)$/.test(bg);
  return {title: lines[lines.length - 1] || '', href: a.getAttribute('href'), current: !clear};
})
"""  # noqa: E501


def menu(page) -> list[dict]:
    """Each menu link: its title, its href (relative to the app) and whether it is current."""
    return page.evaluate(MENU_JS)


def menu_link(page, title: str):
    """The menu's link to the page titled `title` (a Playwright locator)."""
    titles = [link["title"] for link in menu(page)]
    if title not in titles:
        raise AssertionError(f"no menu link {title!r} in {titles}")
    return page.locator(MENU_LINKS).nth(titles.index(title))


#: true once the script has stopped, nothing is stale or loading, and the app is connected
IDLE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const idle = !!app
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')
    && !document.querySelector('[data-testid="stStatusWidgetRunningManIcon"]')
    && !document.querySelector('[data-stale="true"]')
    && !document.querySelector('[data-testid="stSkeleton"]');
  const now = performance.now();
  if (!idle) { window.__briefingIdleSince = null; return false; }
  if (!window.__briefingIdleSince) window.__briefingIdleSince = now;
  return now - window.__briefingIdleSince > 500;
}
"""  # noqa: E501


#: A sidebar click changes the address at once, but the old page stays on screen, looking
#: idle, until the server has run the new page: on a loaded server that takes longer than
#: IDLE_JS's half second (and a loaded tab may batch the script-state flip away), so a
#: navigation notes the title it leaves (MARK_PAGE_JS) and waits for another (LEFT_PAGE_JS)
#: before waiting for idle. Every page has its own h1.
MARK_PAGE_JS = """
() => {
  const title = document.querySelector('[data-testid="stMainBlockContainer"] h1');
  window.__briefingLeft = title ? title.innerText : '';
  return true;
}
"""
LEFT_PAGE_JS = """
() => {
  const title = document.querySelector('[data-testid="stMainBlockContainer"] h1');
  return !!title && title.innerText !== window.__briefingLeft;
}
"""


def wait_for_app(page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Wait for the script run to finish and the page to stay still for half a second."""
    page.wait_for_function("() => { window.__briefingIdleSince = null; return true; }")
    page.wait_for_function(IDLE_JS, timeout=timeout_ms, polling=100)


#: console errors that are Streamlit's own probing, not a fault of the app: the frontend
#: first looks for its server under the page's path (/treaties/_stcore/health) and falls
#: back to the root, logging a 404 for the probe.
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
BENIGN_CONSOLE = (re.compile(r"/[^/]+/_stcore/(health|host-config)$"),)


@dataclass
class Visit:
    """What happened in the browser while a page was open."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    #: requests to hosts other than this machine (a favicon from a CDN, say)
    external: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return self.console_errors + self.page_errors

    def attach(self, page) -> Visit:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(f"page error: {error}"))
        page.on("dialog", self._on_dialog)
        page.on("request", self._on_request)
        return self

    def _on_request(self, request) -> None:
        host = urlsplit(request.url).hostname or ""
        if request.url.startswith(("http:", "https:")) and host not in LOOPBACK:
            self.external.append(request.url)

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        where = (message.location or {}).get("url", "")
        if any(pattern.search(urlsplit(where).path) for pattern in BENIGN_CONSOLE):
            return
        if where.startswith("http") and (urlsplit(where).hostname or "") not in LOOPBACK:
            return  # another host, unreachable here: see `external` and its own test
        self.console_errors.append(f"console error: {message.text} (at {where})")

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        try:
            dialog.dismiss()
        except Exception:  # noqa: BLE001 - already closed
            pass

    def clear(self) -> None:
        self.console_errors.clear()
        self.page_errors.clear()
        self.dialogs.clear()
        self.external.clear()


# --------------------------------------------------------------- reading the page
def exceptions(page) -> list[str]:
    """Texts of Streamlit exception boxes (a traceback shown to the reader)."""
    return page.locator('[data-testid="stException"]').all_inner_texts()


def alerts(page) -> list[str]:
    return page.locator('[data-testid="stAlert"]').all_inner_texts()


#: the state a reader sees in every keyed widget: values, checked and selected options
WIDGET_STATE_JS = """
() => {
  const out = {};
  for (const el of document.querySelectorAll('[class*="st-key-"]')) {
    const key = Array.from(el.classList).find(c => c.startsWith('st-key-')).slice(7);
    if (el.querySelector('[data-testid="stDownloadButton"]')) continue;
    const parts = [];
    for (const input of el.querySelectorAll('input, textarea')) {
      if (input.type === 'checkbox' || input.type === 'radio') {
        if (input.checked) parts.push('checked:' + (input.closest('label')?.innerText || input.value));
      } else if (input.type !== 'hidden') {
        parts.push('value:' + input.value);
      }
    }
    for (const sel of el.querySelectorAll('[aria-pressed="true"], [aria-checked="true"], [aria-selected="true"]')) {
      parts.push('on:' + sel.innerText.trim());
    }
    for (const tag of el.querySelectorAll('[data-tag]')) {
      parts.push('tag:' + (tag.getAttribute('aria-label') || tag.innerText.trim()));
    }
    for (const slider of el.querySelectorAll('[role="slider"]')) {
      parts.push('slider:' + slider.getAttribute('aria-valuenow'));
    }
    if (parts.length) out[key] = parts.sort().join(' | ');
  }
  return out;
}
"""  # noqa: E501


def widget_state(page) -> dict[str, str]:
    return page.evaluate(WIDGET_STATE_JS)


def query_of(page_url: str) -> dict[str, list[str]]:
    from urllib.parse import parse_qs

    return parse_qs(urlsplit(page_url).query, keep_blank_values=True)


HORIZONTAL_OVERFLOW_JS = """
() => {
  const doc = document.documentElement;
  const main = document.querySelector('[data-testid="stMain"]')
    || document.querySelector('section.main');
  const block = document.querySelector('[data-testid="stMainBlockContainer"]');
  const wide = [];
  if (block) {
    const limit = block.getBoundingClientRect().right + 1;
    for (const el of block.querySelectorAll('[data-testid="stElementContainer"]')) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > limit) wide.push((el.getAttribute('data-testid') || '') + ' ' + (el.innerText || '').slice(0, 60));
    }
  }
  return {
    viewport: window.innerWidth,
    document: doc.scrollWidth,
    main: main ? [main.scrollWidth, main.clientWidth] : null,
    wide: wide.slice(0, 5),
  };
}
"""  # noqa: E501


def horizontal_overflow(page) -> dict:
    return page.evaluate(HORIZONTAL_OVERFLOW_JS)


#: each rendered dataframe: its column headers, row count, and the cells it has drawn
GRIDS_JS = """
() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"] table[role="grid"]')).map(t => {
  const rows = Array.from(t.querySelectorAll('tr'));
  const cells = rows.map(r => Array.from(r.querySelectorAll('th, td')).map(c => c.innerText.trim()));
  return {
    rowcount: parseInt(t.getAttribute('aria-rowcount') || '0', 10) - 1,
    header: cells.length ? cells[0] : [],
    rows: cells.slice(1),
  };
})
"""  # noqa: E501


def grids(page) -> list[dict]:
    """Every st.dataframe's header, row count and drawn rows (scrolled into view first)."""
    frames = page.locator('[data-testid="stDataFrame"]')
    for index in range(frames.count()):
        try:
            frames.nth(index).scroll_into_view_if_needed(timeout=5_000)
        except Exception:  # noqa: BLE001 - a frame that re-rendered meanwhile
            pass
    page.wait_for_timeout(300)
    return page.evaluate(GRIDS_JS)


def screenshot(page, name: str, full_page: bool = True) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
