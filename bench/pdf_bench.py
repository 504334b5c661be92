"""Benchmark: the whole-briefing PDF, cold (fresh process) and warm. Not a test.

    python bench/pdf_bench.py [--runs 5] [--data DIR] [--json out.json]

Cold: a fresh Python process imports the app, loads the data and builds the whole
briefing once (reported both as the process's wall time and as the build alone).
Warm: the same build repeated in one process (views and chart SVGs cached, one Typst
compiler per thread already made), plus a warm build with those caches cleared so the
cost of recomputing the views and charts shows. Targets: < 0.5 s warm, < 3 s cold.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLD = """
import json, sys, time
t0 = time.perf_counter()
from briefing.store import load_dataset
from briefing.report import build
t1 = time.perf_counter()
dataset = load_dataset(sys.argv[1])
t2 = time.perf_counter()
plan = build.plan_briefing(dataset)
t3 = time.perf_counter()
pdf = build.render(plan)
t4 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "plan": t3 - t2, "compile": t4 - t3,
                  "build": t4 - t2, "bytes": len(pdf)}))
"""


def cold(data: Path) -> dict[str, float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", COLD, str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process"] = time.perf_counter() - start
    return result


def warm(data: Path, runs: int) -> dict[str, object]:
    from briefing.report import build
    from briefing.store import load_dataset

    dataset = load_dataset(data)
    build.briefing_pdf(dataset)  # first build: fills the caches, makes the compiler
    cached, plans, compiles = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        plan = build.plan_briefing(dataset)
        middle = time.perf_counter()
        pdf = build.render(plan)
        end = time.perf_counter()
        cached.append(end - start)
        plans.append(middle - start)
        compiles.append(end - middle)
    uncached = []
    for _ in range(max(1, runs // 2)):
        build._SECTION_CACHE.clear()
        build._svg_cached.cache_clear()
        start = time.perf_counter()
        build.briefing_pdf(dataset)
        uncached.append(time.perf_counter() - start)
    reader_pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type/Page")
    return {
        "warm": statistics.median(cached),
        "warm_plan": statistics.median(plans),
        "warm_compile": statistics.median(compiles),
        "warm_views_recomputed": statistics.median(uncached),
        "bytes": len(pdf),
        "pages_hint": reader_pages,
        "sections": list(build.registry.available()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    args = parser.parse_args()

    colds = [cold(args.data) for _ in range(max(1, args.runs // 2))]
    hot = warm(args.data, args.runs)
    cold_process = statistics.median(c["process"] for c in colds)
    cold_build = statistics.median(c["build"] for c in colds)
    rows = [
        ("cold: fresh process, total", cold_process, 3.0),
        ("cold: build only (after imports)", cold_build, 3.0),
        ("  of which imports", statistics.median(c["import"] for c in colds), None),
        ("  of which data load", statistics.median(c["load"] for c in colds), None),
        ("  of which views + charts", statistics.median(c["plan"] for c in colds), None),
        ("  of which Typst compile", statistics.median(c["compile"] for c in colds), None),
        ("warm: whole briefing", hot["warm"], 0.5),
        ("  of which plan (cached views)", hot["warm_plan"], None),
        ("  of which Typst compile", hot["warm_compile"], None),
        ("warm, views and charts recomputed", hot["warm_views_recomputed"], None),
    ]
    print(f"Whole-briefing PDF ({', '.join(hot['sections'])}; {hot['bytes'] // 1024} KB)")
    print(f"machine: {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f}")
    for label, seconds, target in rows:
        verdict = "" if target is None else ("  ok" if seconds < target else f"  over {target} s")
        print(f"{label:<38} {seconds:7.3f} s{verdict}")
    if args.json:
        args.json.write_text(
            json.dumps({"cold": colds, "warm": hot, "load_average": os.getloadavg()}, indent=2)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
