"""Benchmark: the whole-briefing PDF, cold (fresh process) and warm. Not a test.

    python bench/pdf_bench.py [--runs 5] [--data DIR] [--json out.json]

Cold: a fresh Python process imports the app, loads the data and builds the whole
briefing once (reported both as the process's wall time and as the build alone).
Warm: the same build repeated in one process with a new generation stamp each time
(views and chart SVGs cached, this thread's Typst compiler made, and Typst reusing its
layout since only the stamp file changed), plus a warm build with those caches cleared
so the cost of recomputing the views and charts shows, and a warm build for another
as-of date (new data: views, charts and every page redone). Targets: < 0.5 s warm,
< 3 s cold.
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
t0, c0 = time.perf_counter(), time.process_time()
from briefing.store import load_dataset
from briefing.report import build
t1, c1 = time.perf_counter(), time.process_time()
dataset = load_dataset(sys.argv[1])
t2, c2 = time.perf_counter(), time.process_time()
plan = build.plan_briefing(dataset)
t3, c3 = time.perf_counter(), time.process_time()
pdf = build.render(plan)
t4, c4 = time.perf_counter(), time.process_time()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "plan": t3 - t2, "compile": t4 - t3,
                  "build": t4 - t2, "bytes": len(pdf),
                  "cpu": {"import": c1 - c0, "load": c2 - c1, "plan": c3 - c2,
                          "compile": c4 - c3, "build": c4 - c2}}))
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
    from datetime import UTC, datetime, timedelta

    from briefing.report import build, sections
    from briefing.report import plan as report_plan
    from briefing.store import load_dataset

    dataset = load_dataset(data)
    build.briefing_pdf(dataset)  # first build: fills the caches, makes the compiler
    start_time = datetime(2030, 1, 1, tzinfo=UTC)
    walls, plans, compiles, cpus = [], [], [], []
    for index in range(runs):
        # a new generation stamp each time, as each real download has; the stamp reaches
        # Typst as a file beside the template, so the rest of the layout is reused
        generated = start_time + timedelta(minutes=index)
        start, cpu = time.perf_counter(), time.process_time()
        plan = build.plan_briefing(dataset, generated=generated)
        middle = time.perf_counter()
        pdf = build.render(plan, generated)
        end = time.perf_counter()
        cpus.append(time.process_time() - cpu)
        walls.append(end - start)
        plans.append(middle - start)
        compiles.append(end - middle)
    identical = []
    for _ in range(runs):
        start = time.perf_counter()
        build.render(plan, generated)  # identical input: served from the PDF cache
        identical.append(time.perf_counter() - start)
    uncached = []
    for index in range(max(1, runs // 2)):
        report_plan._SECTION_CACHE.clear()
        build.clear_chart_cache()
        generated = start_time + timedelta(hours=1, minutes=index)
        start = time.perf_counter()
        build.render(build.plan_briefing(dataset, generated=generated), generated)
        uncached.append(time.perf_counter() - start)
    changed = []
    for index in range(max(1, runs // 2)):
        # what a reader who changes something gets: another as-of date is new data for
        # every section, so the views are rebuilt and Typst lays every page out again
        day = dataset.as_of - timedelta(days=30 * (index + 1))
        generated = start_time + timedelta(hours=2, minutes=index)
        start = time.perf_counter()
        build.render(build.plan_briefing(dataset, as_of=day, generated=generated), generated)
        changed.append(time.perf_counter() - start)
    return {
        "warm": statistics.median(walls),
        "warm_new_as_of": statistics.median(changed),
        "warm_cpu": statistics.median(cpus),
        "warm_plan": statistics.median(plans),
        "warm_compile": statistics.median(compiles),
        "warm_identical": statistics.median(identical),
        "warm_views_recomputed": statistics.median(uncached),
        "bytes": len(pdf),
        "pages": pdf.count(b"/Type/Page") - pdf.count(b"/Type/Pages"),
        "sections": list(sections.available()),
    }


CALIBRATION = """
#let d = json(bytes(sys.inputs.data))
#set text(font: "Noto Sans", size: 9.5pt, lang: "en", hyphenate: true)
#set par(justify: true)
#set page(footer: context [#d.stamp #counter(page).display() / #counter(page).final().first()])
#for i in range(600) [#lorem(40) \\ ]
"""


def calibration(runs: int) -> float:
    """Seconds to compile a plain 35-page Typst text document whose footer changes:
    this machine's baseline for any Typst document of that length."""
    import tempfile

    import typst

    from briefing.report.fonts import FONT_DIR

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "calibration.typ"
        path.write_text(CALIBRATION, encoding="utf-8")
        compiler = typst.Compiler(str(path), font_paths=[str(FONT_DIR)], ignore_system_fonts=True)
        compiler.compile(sys_inputs={"data": json.dumps({"stamp": "warm-up"})})
        times = []
        for index in range(runs):
            start = time.perf_counter()
            compiler.compile(sys_inputs={"data": json.dumps({"stamp": f"run {index}"})})
            times.append(time.perf_counter() - start)
    return statistics.median(times)


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

    def cpu(phase: str) -> float:
        return statistics.median(c["cpu"][phase] for c in colds)

    rows = [
        ("cold: fresh process, total", cold_process, 3.0),
        ("cold: build only (after imports)", cold_build, 3.0),
        ("  of which imports", statistics.median(c["import"] for c in colds), None),
        ("  of which data load", statistics.median(c["load"] for c in colds), None),
        ("  of which views + charts", statistics.median(c["plan"] for c in colds), None),
        ("  of which Typst compile", statistics.median(c["compile"] for c in colds), None),
        ("warm: whole briefing", hot["warm"], 0.5),
        ("  same input again (cached PDF)", hot["warm_identical"], None),
        ("  of which plan (cached views)", hot["warm_plan"], None),
        ("  of which Typst compile", hot["warm_compile"], None),
        ("warm, views and charts recomputed", hot["warm_views_recomputed"], None),
        ("warm, another as-of date (all new)", hot["warm_new_as_of"], None),
    ]
    baseline = calibration(args.runs)
    print(
        f"Whole-briefing PDF ({', '.join(hot['sections'])}; {hot['pages']} pages, "
        f"{hot['bytes'] // 1024} KB)"
    )
    print(f"machine: {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f}")
    print(
        "CPU time (less sensitive to other load; Typst compiles on several threads, "
        "so its CPU time can exceed wall time):"
    )
    for label, seconds in (
        ("cold: build only, CPU", cpu("build")),
        ("  of which views + charts, CPU", cpu("plan")),
        ("  of which Typst compile, CPU", cpu("compile")),
        ("warm: whole briefing, CPU", hot["warm_cpu"]),
    ):
        print(f"{label:<38} {seconds:7.3f} s")
    print("Wall time:")
    for label, seconds, target in rows:
        verdict = "" if target is None else ("  ok" if seconds < target else f"  over {target} s")
        print(f"{label:<38} {seconds:7.3f} s{verdict}")
    print(f"{'baseline: plain 35-page Typst document':<38} {baseline:7.3f} s  (machine speed)")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "cold": colds,
                    "warm": hot,
                    "baseline": baseline,
                    "load_average": os.getloadavg(),
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
