"""Search and reference exports: how long they take on the real data.

    python bench/search_bench.py            # 20 index builds, 200 runs of each query
    python bench/search_bench.py --quick    # 5 and 30

Not part of the test suite (nothing here asserts). Times are time.perf_counter medians
(and the slowest run) in milliseconds; the first build, which pays for importing the
view modules whose picker labels the links use, is shown apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = (
    "S400",
    "s 400",
    "Shahed 136",
    "sanction*",
    "продлеваться",
    '"strategic partnership"',
    "mutual defence",
    "treaty",
    "NEAR( x" * 30,
)


def timed(function, repeats: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), max(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    builds, queries = (5, 30) if args.quick else (20, 200)

    from briefing import references
    from briefing.search import build_index, search
    from briefing.store import load_dataset

    data = load_dataset(ROOT / "data")
    start = time.perf_counter()
    index = build_index(data)
    first = (time.perf_counter() - start) * 1000
    print(f"rows indexed: {len(index.docs)}")
    print(f"index build, first in the process: {first:.1f} ms")
    median, worst = timed(lambda: build_index(data), builds)
    print(f"index build, warm: median {median:.1f} ms, max {worst:.1f} ms ({builds} runs)")
    print(f"\n{'query':34} {'results':>7} {'median ms':>10} {'max ms':>8}")
    for query in QUERIES:
        found = search(index, query)
        median, worst = timed(lambda q=query: search(index, q), queries)
        print(f"{query[:34]!s:34} {found.total:>7} {median:>10.2f} {worst:>8.2f}")
    print()
    for fmt in references.FORMATS:
        median, worst = timed(lambda f=fmt: references.export(data, f), max(3, builds // 2))
        print(f"export register as {fmt:9}: median {median:.1f} ms, max {worst:.1f} ms")
    url = "/treaties?treaty=Russia%E2%80%93Iran+2001&theme=duration"
    median, worst = timed(lambda: references.cite_view(data, url, date.today()), builds)
    print(f"cite_view: median {median:.1f} ms, max {worst:.1f} ms")
    median, worst = timed(lambda: references.export(data, "ris", view=url), max(3, builds // 2))
    print(f"export one view (its sources via its PDF section, cached): median {median:.1f} ms")


if __name__ == "__main__":
    main()
