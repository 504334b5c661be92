"""A crowd: 10, 25 and 50 readers at once against one server, in real Chromium tabs.

    python bench/crowd.py                 # 10, 25 and 50 readers (about five minutes)
    python bench/crowd.py --readers 10 50 --json out.json

Each reader is a tab (its own Streamlit session, its own websocket) in one shared browser.
They arrive together, each on a different page of the registry (`briefing/site.py`), and
each: loads its page, changes one filter there (the first pill, checkbox or toggle in the
page's main area, where it has one), goes to the next page through the sidebar, and every
third reader downloads that page's PDF (or its first page's). Before each crowd one tab
visits every page, so what is measured is a warm server (the cold start is bench/run.py's).
A fresh server per crowd size, so the memory figures do not carry over.

Per crowd: errors (exceptions on screen, page errors, failed downloads: must be 0), load to
render (navigation start or click until the page is drawn and still, `IDLE_JS`, the half
second of stillness not counted) at p50 and p95, the filter change's p50/p95, the server's
peak RSS, and memory per added reader (the peak above the warm server's RSS, per reader).
Not a test: it measures and prints; the suite's ten-reader test
(tests/browser/test_browser_load.py) is the strict one. See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

import harness  # noqa: E402
from test_browser_load import _go, _has_pdf, _pdf, _warm_up, _watch  # noqa: E402

REGISTRY = harness.page_registry()
STILL_S = 0.5  # IDLE_JS's "still" window: waited for, not counted
#: what a reader changes on a page: the first of these in the main area
FILTERS = (
    '[data-testid="stMain"] [data-testid="stButtonGroup"] button',
    '[data-testid="stMain"] [data-testid="stCheckbox"] label',
    '[data-testid="stMain"] [data-testid="stToggle"] label',
)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def _settled(page, stop_at: float) -> None:
    await page.wait_for_function("() => { window.__briefingIdleSince = null; return true; }")
    left_ms = max(1_000, (stop_at - time.monotonic()) * 1000)
    await page.wait_for_function(harness.IDLE_JS, timeout=left_ms, polling=100)


async def _change_filter(page, stop_at: float) -> float | None:
    """Click the page's first filter; seconds until the page is drawn again (None: none)."""
    for selector in FILTERS:
        target = page.locator(selector).filter(visible=True)
        if await target.count():
            began = time.monotonic()
            await target.first.click()
            await page.wait_for_timeout(50)  # let the rerun start before waiting for idle
            await _settled(page, stop_at)
            return time.monotonic() - began - STILL_S
    return None


async def _reader(context, base: str, number: int, stop_at: float) -> dict:
    page = await context.new_page()
    problems: list[str] = []
    _watch(page, problems)
    first = REGISTRY[number % len(REGISTRY)]
    second = REGISTRY[(number + 1) % len(REGISTRY)]
    loads: list[float] = []
    filters: list[float] = []
    pdfs = 0
    try:
        began = time.monotonic()
        await page.goto(f"{base}{first.route}", wait_until="domcontentloaded")
        await _settled(page, stop_at)
        loads.append(time.monotonic() - began - STILL_S)
        changed = await _change_filter(page, stop_at)
        if changed is not None:
            filters.append(changed)
        began = time.monotonic()
        await _go(page, base, second.route, stop_at)
        loads.append(time.monotonic() - began - STILL_S)
        for shown in await page.locator('[data-testid="stException"]').all():
            problems.append(f"exception on {second.route}: {(await shown.inner_text())[:300]}")
        if number % 3 == 0 and (_has_pdf(second) or _has_pdf(first)):
            if not await _pdf(page, second.route, problems, stop_at):
                await _go(page, base, first.route, stop_at)
                pdfs += await _pdf(page, first.route, problems, stop_at)
            else:
                pdfs += 1
    except Exception as error:  # noqa: BLE001 - counted as this reader's error
        problems.append(f"{type(error).__name__}: {str(error)[:300]}")
    finally:
        await page.close()
    return {"reader": number, "loads": loads, "filters": filters, "pdfs": pdfs,
            "problems": problems}  # fmt: skip


async def _crowd(base: str, readers: int, budget_s: float, started: list) -> list[dict]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await harness.launch_chromium(playwright)
        try:
            context = await browser.new_context(
                accept_downloads=True, viewport={"width": 1200, "height": 900},
                reduced_motion="reduce",
            )  # fmt: skip
            # the tabs share the server's two cores: a first load may take longer than
            # Playwright's 30 s default there, which is the bench's own browser, not the server
            context.set_default_timeout(budget_s * 1000)
            context.set_default_navigation_timeout(budget_s * 1000)
            await _warm_up(context, base)
            started.append(time.monotonic())
            stop_at = started[0] + budget_s
            return await asyncio.gather(
                *(_reader(context, base, n, stop_at) for n in range(readers))
            )
        finally:
            await browser.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used (Linux /proc)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def crowd(readers: int, budget_s: float) -> dict:
    with harness.StreamlitServer() as server:
        results: list[dict] = []
        started: list[float] = []
        samples: list[int] = []
        done = threading.Event()
        warm_rss = [0]
        cpu = [0.0]

        def sample() -> None:
            while not done.wait(0.2):
                rss = server.memory()[0]
                if not started:
                    warm_rss[0] = rss  # the warm server, just before the crowd arrives
                    cpu[0] = cpu_seconds(server.pid)
                else:
                    samples.append(rss)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        runner = threading.Thread(
            target=lambda: results.extend(asyncio.run(_crowd(server.base, readers, budget_s,
                                                             started)))
        )  # fmt: skip
        runner.start()
        runner.join(timeout=240 + budget_s + 60)
        done.set()
        sampler.join()
        wall = time.monotonic() - started[0] if started else float("nan")
        peak = max(samples, default=0)
        server_cpu = cpu_seconds(server.pid) - cpu[0]
    loads = [t for r in results for t in r["loads"]]
    filters = [t for r in results for t in r["filters"]]
    errors = [f"reader {r['reader']}: {p}" for r in results for p in r["problems"]]
    return {
        "readers": readers,
        "finished": len(results),
        "errors": len(errors) + (readers - len(results)),
        "error_lines": errors[:20],
        "page_loads": len(loads),
        "load_p50_s": round(percentile(loads, 0.5), 2),
        "load_p95_s": round(percentile(loads, 0.95), 2),
        "filter_changes": len(filters),
        "filter_p50_s": round(percentile(filters, 0.5), 2),
        "filter_p95_s": round(percentile(filters, 0.95), 2),
        "pdfs": sum(r["pdfs"] for r in results),
        "crowd_s": round(wall, 1),
        # the server's share of the machine: the rest went to the readers' Chromium tabs
        "server_cpu_s": round(server_cpu, 1),
        "server_cpu_s_per_load": round(server_cpu / max(1, len(loads) + len(filters)), 2),
        "warm_rss_mb": round(warm_rss[0] / 2**20),
        "peak_rss_mb": round(peak / 2**20),
        "mb_per_reader": round((peak - warm_rss[0]) / 2**20 / readers, 1),
        "median_load_s": round(statistics.median(loads), 2) if loads else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readers", type=int, nargs="+", default=[10, 25, 50])
    parser.add_argument("--budget", type=float, default=300, help="seconds per crowd")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    rows = []
    for count in args.readers:
        figures = crowd(count, args.budget)
        rows.append(figures)
        print(json.dumps({k: v for k, v in figures.items() if k != "error_lines"}), flush=True)
        for line in figures["error_lines"]:
            print("   ", line)
    header = ("readers", "errors", "page_loads", "load_p50_s", "load_p95_s", "filter_p50_s",
              "filter_p95_s", "pdfs", "peak_rss_mb", "mb_per_reader", "crowd_s",
              "server_cpu_s")  # fmt: skip
    print("\n" + "  ".join(header))
    for row in rows:
        print("  ".join(str(row[h]).ljust(len(h)) for h in header))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
