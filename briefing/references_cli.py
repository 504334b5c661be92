"""`python -m briefing cite --format bibtex|ris|csl-json`: references for a reference manager.

No --view or --source: the whole source register. --view URL: the view's own entry
first, then the sources it cites (as its PDF section lists them). --source ID ...: just
those sources. Written to stdout as UTF-8.

Exit codes: 0 written, 1 the data does not validate, 2 usage error (unknown format,
source id or view; a bad --accessed date; no such data folder). Never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "data"
FORMAT_NAMES = ("bibtex", "ris", "csl-json")


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "cite",
        help="write the sources as BibTeX, RIS or CSL-JSON",
        description="References for Zotero, EndNote, Mendeley and others: the whole "
        "register, one view's sources (with the view itself), or chosen sources.",
    )
    parser.add_argument("--format", required=True, choices=FORMAT_NAMES, dest="fmt")
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument(
        "--view", default=None, metavar="URL", help="a view's permalink (or its path and query)"
    )
    chosen.add_argument(
        "--source", action="extend", nargs="+", default=None, metavar="ID", help="source ids"
    )
    parser.add_argument(
        "--accessed",
        default=None,
        help="YYYY-MM-DD: the day the view was accessed (default: today; --view only)",
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="data folder (default: the app's data/)"
    )


def _error(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    from briefing import references
    from briefing.dates import parse_day
    from briefing.search.cli import write
    from briefing.store import load_dataset

    accessed = date.today()
    if args.accessed is not None:
        try:
            accessed = parse_day(args.accessed)
        except ValueError as exc:
            return _error(f"--accessed: {exc}", 2)
    if not Path(args.data).is_dir():
        return _error(f"--data {args.data}: no such data folder", 2)
    dataset = load_dataset(args.data)
    if not dataset.ok:
        return _error(
            f"{len(dataset.errors)} problem(s) in {args.data}; fix them (python -m briefing "
            "validate) before exporting references",
            1,
        )
    if args.source:
        unknown = references.unknown_sources(dataset, args.source)
        if unknown:
            shown = ", ".join(u[:40] for u in unknown[:10])
            return _error(f"not in sources.csv: {shown}", 2)
    if args.view is not None:
        try:
            cited = references.view_sources(dataset, args.view)
        except references.UnknownView as exc:
            return _error(f"--view: {exc}", 2)
        for notice in cited.notices:
            print(f"note: {notice}", file=sys.stderr)
    try:
        text = references.export(dataset, args.fmt, args.source, args.view, accessed)
    except references.UnknownView as exc:
        return _error(f"--view: {exc}", 2)
    write(text)
    return 0
