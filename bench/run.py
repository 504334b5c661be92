"""Where the time goes: pages in AppTest and in Chromium, the PDF, and the data loader.

    python bench/run.py            # everything (a few minutes on two cores)
    python bench/run.py --quick    # fewer repeats, 1x and 10x data only
    python bench/run.py --only apptest,browser,pdf,data

Prints one table per part and writes everything to bench/results/bench-<time>.json.
Not part of the test suite: nothing here asserts, it measures. See bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SERVED = ROOT / "bench" / "served"  # sitecustomize.py: times each run of the served copy
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

import harness  # noqa: E402  (tests/browser/harness.py: server, Chromium, waiting)

TARGET_PAGE_RATIO = 1.5
TARGET_FILTER_RATIO = 1.5
TARGET_BROWSER_RATIO = 3.0
TARGET_PDF_WARM_S = 0.5


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def table(title: str, header: list[str], rows: list[list[object]]) -> None:
    cells = [[str(c) for c in header]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    print(f"\n{title}")
    for n, row in enumerate(cells):
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if n == 0:
            print("  " + "  ".join("-" * width for width in widths))


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if value < 100 else f"{value:.0f}"
    return str(value)


# ------------------------------------------------------------ (1) AppTest pages
EMPTY_PAGE = '''"""An empty page: the frame alone (menu, stamp, as-of date, footer)."""

import ui

with ui.frame("overview"):  # any registered key: the frame draws the same for every page
    pass
'''
EMPTY_FILE = "pages/bench_empty.py"


def _router_copy(folder: Path) -> Path:
    """A copy of the app's pages with one more page that draws nothing but the frame.

    Copies, not links: Streamlit finds pages beside the main script it runs, and a linked
    app.py would be followed back to the real folder. The copies import the real `ui` and
    `briefing` (the repository is on sys.path).
    """
    from briefing.site import PAGES

    (folder / "pages").mkdir()
    for page in PAGES:
        (folder / page.file).write_bytes((ROOT / page.file).read_bytes())
    (folder / EMPTY_FILE).write_text(EMPTY_PAGE, encoding="utf-8")
    return folder / "app.py"


def bench_apptest(repeats: int) -> dict:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    def timed(make) -> float:
        times = []
        for _ in range(repeats + 1):  # the first run fills the caches; not counted
            at = make()
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
            if at.exception:
                raise RuntimeError(at.exception[0].message)
        return median(times[1:])

    st.cache_data.clear()
    st.cache_resource.clear()
    bare = timed(lambda: AppTest.from_string("import streamlit as st\n", default_timeout=120))
    rows, out = [], {"bare_empty_script_s": bare, "pages": {}}
    with tempfile.TemporaryDirectory() as tmp:
        app = _router_copy(Path(tmp))

        def page(file: str):
            def make():
                at = AppTest.from_file(str(app), default_timeout=120)
                at.switch_page(file)
                return at

            return make

        router = timed(page(EMPTY_FILE))
        out["router_empty_page_s"] = router
        for spec in harness.page_registry():
            seconds = timed(page(spec.file))
            out["pages"][spec.name] = {
                "seconds": seconds,
                "ratio_to_empty_page_in_router": seconds / router,
                "ratio_to_bare_empty_script": seconds / bare,
            }
            rows.append([spec.name, seconds, seconds / router, seconds / bare])
        # (1b) one filter changed on a page already open: the rerun a reader waits for
        empty_rerun = _rerun_times(page(EMPTY_FILE), None, repeats)
        out["router_empty_page_rerun_s"] = empty_rerun
        filters = []
        for name, (label, change) in FILTER_CHANGES.items():
            seconds = _rerun_times(page(f"pages/{name}.py"), change, repeats)
            out.setdefault("filters", {})[name] = {
                "filter": label,
                "seconds": seconds,
                "ratio_to_empty_rerun": seconds / empty_rerun,
            }
            filters.append([name, label, seconds, seconds / empty_rerun])
        filters.append(["(empty page, rerun)", "-", empty_rerun, 1.0])
    rows.append(["(empty page in the frame)", router, 1.0, router / bare])
    rows.append(["(bare empty script)", bare, bare / router, 1.0])
    table(
        f"(1) AppTest run, median of {repeats} warm runs (target: page within "
        f"{TARGET_PAGE_RATIO}x of the empty page)",
        ["page", "seconds", "x empty page", "x bare script"],
        rows,
    )
    table(
        f"(1b) AppTest: one filter changed, median of {repeats} reruns (target: within "
        f"{TARGET_FILTER_RATIO}x of the empty page's rerun)",
        ["page", "filter", "seconds", "x empty rerun"],
        filters,
    )
    return out


def _flip(widget, first, second):
    """Set `widget` to whichever of two values it does not hold now."""
    return widget.set_value(second if widget.value == first else first)


#: page -> (what is changed, how): a filter a reader changes, flipped on every rerun
FILTER_CHANGES = {
    "treaties": ("clause text: quote/summary",
                 lambda at: _flip(at.radio(key="text"), "quote", "summary")),
    "capabilities": ("category pill: air defence",
                     lambda at: _flip(at.button_group(key="category"), [], ["air defence"])),
    "exchange": ("ledger direction pill",
                 lambda at: _flip(at.button_group(key="direction"), [], [at.button_group(
                     key="direction").options[0]])),
    "timeline": ("event theme pill",
                 lambda at: _flip(at.button_group(key="event_theme"), [], [at.button_group(
                     key="event_theme").options[0]])),
}  # fmt: skip


def _rerun_times(make, change, repeats: int) -> float:
    """Median seconds of a rerun after `change(at)` (None: a plain rerun) on an open page."""
    at = make()
    at.run()
    times = []
    for _ in range(repeats + 2):  # the first two (both states) fill the caches: not counted
        if change is not None:
            change(at)
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(at.exception[0].message)
    return median(times[2:])


# ------------------------------------------------------------ (2) Chromium render
HELLO = 'import streamlit as st\n\nst.write("Hello, world")\n'
#: The same hello world as a page of a two-page app, opened at its own address
#: (/hello). Streamlit's front end first looks for its server under the page's path
#: (/hello/_stcore/health), gets a 404, waits 100 ms and tries the root: every page but the
#: Overview pays that on a direct load (a shared link, a reload), however little it draws.
HELLO_PAGE = "pages/hello.py"
#: ms from navigation start until the run was over and the page still (see harness.IDLE_JS)
RENDERED_MS_JS = "() => window.__briefingIdleSince"


def _render_times(page, base: str, route: str, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats + 1):  # the first load warms the server's caches
        page.goto(f"{base}{route}", wait_until="domcontentloaded")
        harness.wait_for_app(page)
        times.append(page.evaluate(RENDERED_MS_JS) / 1000)
    return times[1:]


#: (2b) the empty page with one checkbox: the frame rerun a filter change is compared with.
#: The run counter makes every rerun change the page, as a filter's result does.
RERUN_PAGE = '''"""The frame and one checkbox: what a rerun of the frame alone costs."""

import streamlit as st

import ui

with ui.frame("overview"):
    st.checkbox("Rerun", key="bench_rerun")
    st.session_state["bench_runs"] = st.session_state.get("bench_runs", 0) + 1
    st.caption(f"run {st.session_state['bench_runs']}")
'''
RERUN_FILE = "pages/bench_rerun.py"

#: page -> (what a reader changes, the element clicked): flipped on every change
MAIN = '[data-testid="stMain"]'
BROWSER_FILTERS = {
    "treaties": ("clause text: quote/summary",
                 MAIN + ' .st-key-text [role="radiogroup"] label:has-text("{flip}")',
                 ("summary", "quote")),
    "capabilities": ("category pill: air defence",
                     MAIN + ' .st-key-category button:has-text("air defence")', None),
    "exchange": ("ledger direction pill",
                 '[data-testid="stMain"] .st-key-direction button', None),
    "timeline": ("event theme pill", MAIN + " .st-key-event_theme button", None),
    "bench_rerun": ("(empty page: a checkbox)",
                    '[data-testid="stMain"] .st-key-bench_rerun label', None),
}  # fmt: skip

#: a click (pointerdown) and the last change to the page after it, in page time (ms); also
#: the last change to what is painted: a data grid draws on a <canvas> and mirrors its cells
#: as hidden text inside it for screen readers, which it updates up to ~0.2 s after the
#: redraw. The target counts every change; the painted one says when the reader sees it.
WATCH_JS = """
() => {
  if (!window.__benchObserver) {
    window.__benchObserver = new MutationObserver((records) => {
      const now = performance.now();
      window.__benchLast = now;
      for (const record of records) {
        const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
        if (!node || !node.closest('canvas')) { window.__benchPainted = now; break; }
      }
    });
    window.__benchObserver.observe(document.body,
      {subtree: true, childList: true, attributes: true, characterData: true});
    document.addEventListener('pointerdown', () => { window.__benchClick = performance.now(); }, true);
  }
  window.__benchClick = null; window.__benchLast = 0; window.__benchPainted = 0;
  return true;
}
"""  # noqa: E501
#: the page changed after the click and has been still (and idle) for half a second
CHANGED_JS = """
() => window.__benchClick !== null && window.__benchLast > window.__benchClick
  && performance.now() - window.__benchLast > 500
"""


def _router_app(folder: Path) -> Path:
    """A served copy of the app with the bench's extra pages (and its config and static
    files, which Streamlit reads from the folder it starts in)."""
    folder.mkdir()
    app = _router_copy(folder)
    (folder / RERUN_FILE).write_text(RERUN_PAGE, encoding="utf-8")
    shutil.copytree(ROOT / ".streamlit", folder / ".streamlit")
    shutil.copytree(ROOT / "static", folder / "static")
    return app


def _filter_times(page, base: str, name: str, repeats: int) -> list[tuple[float, float]]:
    """Seconds from the click on a page's filter until the page was drawn again and still
    (the half-second "still" window not counted), for `repeats` changes on an open page:
    (every change, what is painted) for each (see WATCH_JS)."""
    _label, selector, flips = BROWSER_FILTERS[name]
    page.goto(f"{base}/{name}", wait_until="domcontentloaded")
    harness.wait_for_app(page)
    times = []
    for n in range(repeats + 2):  # the first two (both states) warm the caches: not counted
        page.evaluate(WATCH_JS)
        target = selector.format(flip=flips[n % 2]) if flips else selector
        page.locator(target).first.click()
        page.wait_for_function(CHANGED_JS, timeout=harness.RUN_TIMEOUT_MS, polling=100)
        harness.wait_for_app(page)
        ms = page.evaluate(
            "() => [window.__benchLast - window.__benchClick,"
            " window.__benchPainted - window.__benchClick]"
        )
        times.append((ms[0] / 1000, ms[1] / 1000))
        if page.locator('[data-testid="stException"]').count():
            raise RuntimeError(f"an exception on {name} after a filter change")
    return times[2:]


def bench_browser(repeats: int) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {"pages": {}}
    rows, filter_rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        hello_app = Path(tmp) / "hello.py"
        hello_app.write_text(HELLO, encoding="utf-8")
        paged_app = Path(tmp) / "paged" / "app.py"
        (paged_app.parent / "pages").mkdir(parents=True)
        paged_app.write_text(HELLO, encoding="utf-8")
        (paged_app.parent / HELLO_PAGE).write_text(HELLO, encoding="utf-8")
        with (
            harness.StreamlitServer(app=hello_app) as hello,
            harness.StreamlitServer(app=paged_app) as paged,
            harness.StreamlitServer() as app,
            sync_playwright() as playwright,
        ):
            browser = harness.launch_chromium(playwright)
            page = browser.new_page(viewport=harness.DESKTOP)
            baseline = median(_render_times(page, hello.base, "/", repeats))
            out["hello_world_s"] = baseline
            sub = median(_render_times(page, paged.base, "/hello", repeats))
            out["hello_world_at_a_page_address_s"] = sub
            for spec in harness.page_registry():
                seconds = median(_render_times(page, app.base, spec.route, repeats))
                floor = baseline if spec.default else sub  # the Overview is at the root
                out["pages"][spec.name] = {
                    "seconds": seconds, "ratio": seconds / baseline,
                    "ratio_to_hello_at_same_kind_of_address": seconds / floor,
                }  # fmt: skip
                rows.append([spec.name, seconds, seconds / baseline, seconds / floor])
            out["server_rss_mb"] = [round(v / 2**20) for v in app.memory()]
            # (2b) one filter changed on an open page, in a served copy with the rerun page;
            # (2c) the server's own time for each run there (bench/served/sitecustomize.py)
            runs = Path(tmp) / "runs.log"
            os.environ["BENCH_RUN_LOG"] = str(runs)
            os.environ["PYTHONPATH"] = os.pathsep.join(
                [str(ROOT), str(SERVED), *filter(None, [os.environ.get("PYTHONPATH")])]
            )
            with harness.StreamlitServer(app=_router_app(Path(tmp) / "copy")) as copy:
                served = out["served_run_s"] = {}
                for spec in harness.page_registry():
                    mark = _runs(runs)
                    _render_times(page, copy.base, spec.route, repeats)
                    served[spec.name] = median([t for t, _ in _runs(runs)[len(mark) :]][1:])
                out["filters"] = {}
                for name, (label, _selector, _flips) in BROWSER_FILTERS.items():
                    mark = _runs(runs)
                    changes = _filter_times(page, copy.base, name, repeats)
                    seconds = median([every for every, _ in changes])
                    after = _runs(runs)[len(mark) :][3:]  # the load and two warming changes
                    out["filters"][name] = {
                        "filter": label, "seconds": seconds,
                        "painted_s": median([painted for _, painted in changes]),
                        "server_s": median([t for t, _ in after]),
                        "fragment_runs": sum(f for _, f in after), "runs": len(after),
                    }  # fmt: skip
            empty = out["filters"]["bench_rerun"]["seconds"]
            for name, found in out["filters"].items():
                found["ratio_to_empty_rerun"] = found["seconds"] / empty
                kind = f"{found['fragment_runs']}/{found['runs']} fragment"
                row = [found["filter"], found["seconds"], found["seconds"] / empty,
                       found["painted_s"], found["server_s"], kind]  # fmt: skip
                filter_rows.append([name if name != "bench_rerun" else "(empty page)", *row])
            browser.close()
    rows.append(["(hello world)", baseline, 1.0, 1.0])
    rows.append(["(hello world at /hello)", sub, sub / baseline, 1.0])
    table(
        f"(2) Chromium: load to finished render, median of {repeats} warm loads (target: "
        f"within {TARGET_BROWSER_RATIO}x hello world); last column: against a hello world at "
        "the same kind of address (a page's own path pays Streamlit's 100 ms path probe)",
        ["page", "seconds", "x hello world", "x hello, same address kind"],
        rows,
    )
    table(
        f"(2b) Chromium: one filter changed, click to finished render, median of {repeats} "
        f"(target: within {TARGET_FILTER_RATIO}x of the empty page's rerun); the server's "
        "own time for those runs, and how many were fragment runs; 'painted': the last "
        "change to what is drawn (a grid's hidden accessible copy of its cells not counted)",
        ["page", "filter", "seconds", "x empty rerun", "painted s", "server s", "runs"],
        filter_rows,
    )
    table(
        "(2c) The server's own time for one warm page load (script run, median): what the "
        "browser waits for before it can draw",
        ["page", "server s"],
        [[name, seconds] for name, seconds in out["served_run_s"].items()],
    )
    return out


def _runs(log: Path) -> list[tuple[float, int]]:
    """(seconds, 1 if a fragment run) per script run the served copy has logged so far."""
    if not log.is_file():
        return []
    found = []
    for line in log.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1] in ("0", "1"):
            found.append((float(parts[0]), int(parts[1])))
    return found


# ------------------------------------------------------------------- (3) the PDF
PDF_PROBE = textwrap.dedent(
    """
    import json, statistics, sys, time
    start = time.perf_counter()
    from briefing.report.build import briefing_pdf
    from briefing.store import load_dataset
    data = load_dataset(sys.argv[1])
    ready = time.perf_counter()
    pdf = briefing_pdf(data)
    cold = time.perf_counter() - ready
    from datetime import timedelta
    warm, changed = [], []
    for index in range(int(sys.argv[2])):
        t = time.perf_counter()
        briefing_pdf(data)  # the same briefing again: only the generation time is new
        warm.append(time.perf_counter() - t)
        t = time.perf_counter()
        briefing_pdf(data, as_of=data.as_of - timedelta(days=30 * (index + 1)))
        changed.append(time.perf_counter() - t)
    print(json.dumps({"import_and_load_s": ready - start, "cold_s": cold,
                      "warm_s": statistics.median(warm),
                      "warm_new_as_of_s": statistics.median(changed), "bytes": len(pdf)}))
    """
)


def bench_pdf(repeats: int) -> dict:
    try:
        from briefing.report import build
    except ImportError:
        build = None
    if build is None or not hasattr(build, "briefing_pdf"):
        helper = ROOT / "bench" / "pdf_bench.py"
        if helper.is_file():
            done = subprocess.run(
                [sys.executable, str(helper)], cwd=ROOT, capture_output=True, text=True
            )
            print("\n(3) Whole-briefing PDF (bench/pdf_bench.py)\n" + done.stdout)
            return {"pdf_bench_output": done.stdout}
        print("\n(3) Whole-briefing PDF: not available yet")
        return {"status": "not available yet"}
    done = subprocess.run(
        [sys.executable, "-c", PDF_PROBE, str(ROOT / "data"), str(repeats)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if done.returncode != 0:
        print("\n(3) Whole-briefing PDF: failed\n" + done.stderr[-2000:])
        return {"status": "failed", "stderr": done.stderr[-2000:]}
    out = json.loads(done.stdout.strip().splitlines()[-1])
    table(
        f"(3) Whole-briefing PDF in a fresh process (target: warm under {TARGET_PDF_WARM_S} s)",
        ["step", "seconds"],
        [
            ["import + data load", out["import_and_load_s"]],
            ["first build (cold)", out["cold_s"]],
            [f"same briefing again (warm, median of {repeats})", out["warm_s"]],
            ["another as-of date (warm, all new data)", out["warm_new_as_of_s"]],
            ["size (bytes)", out["bytes"]],
        ],
    )
    return out


# ---------------------------------------------------- (4) data load + validation
def scaled_copy(source: Path, target: Path, factor: int) -> dict[str, int]:
    """`factor` copies of every row, each copy with a unique id; references unchanged."""
    from briefing.schema import TABLES

    shutil.copytree(source, target)
    counts = {}
    for spec in TABLES:
        path = target / spec.filename
        if not path.is_file():
            continue
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header, rows = list(reader.fieldnames or []), list(reader)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for copy in range(factor):
            for row in rows:
                writer.writerow(row if copy == 0 else {**row, "id": f"{row['id']}-x{copy}"})
        path.write_text(buffer.getvalue(), encoding="utf-8")
        counts[spec.name] = len(rows) * factor
    return counts


def bench_data(factors: list[int], repeats: int) -> dict:
    from briefing.store import load_dataset

    out, rows = {}, []
    with tempfile.TemporaryDirectory() as tmp:
        for factor in factors:
            folder = Path(tmp) / f"x{factor}"
            counts = scaled_copy(ROOT / "data", folder, factor)
            total = sum(counts.values())
            times, errors = [], 0
            for _ in range(repeats if factor < 100 else max(1, repeats // 2)):
                start = time.perf_counter()
                data = load_dataset(folder)
                times.append(time.perf_counter() - start)
                errors = len(data.errors)
            seconds = median(times)
            out[f"x{factor}"] = {
                "rows": total,
                "seconds": seconds,
                "us_per_row": seconds / total * 1e6,
                "errors": errors,
            }
            rows.append([f"{factor}x", total, seconds, seconds / total * 1e6, errors])
    base = out[f"x{factors[0]}"]["us_per_row"]
    for row, key in zip(rows, out, strict=True):
        out[key]["per_row_vs_1x"] = out[key]["us_per_row"] / base
        row.append(out[key]["per_row_vs_1x"])
    table(
        "(4) Data load + validation (linear if the per-row cost stays flat)",
        ["size", "rows", "seconds", "us/row", "errors", "per-row vs 1x"],
        rows,
    )
    return out


# --------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, data up to 10x")
    parser.add_argument("--only", default="apptest,browser,pdf,data")
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    repeats = 2 if args.quick else 5
    factors = [1, 10] if args.quick else [1, 10, 100]

    result: dict = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_average": os.getloadavg(),
        },
        "pages": [spec.name for spec in harness.page_registry()],
        "repeats": repeats,
    }
    try:
        result["git"] = subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        pass
    if "apptest" in parts:
        result["apptest"] = bench_apptest(repeats)
    if "browser" in parts:
        result["browser"] = bench_browser(repeats)
    if "pdf" in parts:
        result["pdf"] = bench_pdf(repeats)
    if "data" in parts:
        result["data"] = bench_data(factors, repeats)

    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"bench-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    path.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    print(f"\nwritten: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
