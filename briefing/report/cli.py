"""`python -m briefing pdf`: the whole briefing as a PDF, without Streamlit.

Exit codes follow the rest of the CLI: 0 written, 1 the data does not validate
(or the file cannot be written), 2 usage error (unknown section, bad date, bad path).
Messages, never tracebacks. Importing this module is cheap: Typst and the views load
only when a PDF is built.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "data"
MAX_TEXT = 120  # title and audience, as on the /briefing page


def add_parser(sub: argparse._SubParsersAction) -> None:
    from briefing.report.sections import KEYS

    parser = sub.add_parser(
        "pdf",
        help="build the briefing PDF",
        description="Build the whole briefing (or chosen sections) as one PDF.",
    )
    parser.add_argument("--out", required=True, type=Path, help="PDF file to write")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="data folder (default: the app's data/)"
    )
    parser.add_argument(
        "--sections",
        default=None,
        help=f"comma-separated, in any order (default: all available): {','.join(KEYS)}",
    )
    parser.add_argument(
        "--as-of", dest="as_of", default=None, help="YYYY-MM-DD (default: the data's as-of date)"
    )
    parser.add_argument(
        "--since",
        default=None,
        help="add 'What changed since DATE' (YYYY-MM-DD, or signing, in-force, "
        "last-90-days) after the overview",
    )
    parser.add_argument("--title", default="", help=f"document title (up to {MAX_TEXT} chars)")
    parser.add_argument(
        "--audience", default="", help=f"'prepared for' line (up to {MAX_TEXT} chars)"
    )
    parser.add_argument(
        "--base-url",
        default=None,
        help="the app's public address for the links on every page "
        "(default: $BRIEFING_PUBLIC_URL or http://localhost:8501)",
    )


def _error(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    from briefing.dates import parse_day
    from briefing.report import sections
    from briefing.text import safe_url

    keys, bad = sections.parse_keys(args.sections)
    if bad:
        ready = ", ".join(sections.available()) or "none"
        broken = sections.unavailable()
        why = "".join(f"; {name}: {broken[name]}" for name in bad if name in broken)
        return _error(
            f"unknown or unavailable section(s): {', '.join(bad)} (available: {ready}){why}", 2
        )
    if not keys:
        return _error("no sections are available to print", 2)
    day = None
    if args.as_of is not None:
        try:
            day = parse_day(args.as_of)
        except ValueError as exc:
            return _error(f"--as-of: {exc}", 2)
    since = None
    if args.since is not None:
        from briefing.changes.state import PRESET_KEYS

        since = args.since.strip().lower()
        if since not in PRESET_KEYS:
            try:
                since = parse_day(args.since)
            except ValueError as exc:
                return _error(f"--since: {exc}, or one of {', '.join(PRESET_KEYS)}", 2)
    for name, value in (("--title", args.title), ("--audience", args.audience)):
        if len(value) > MAX_TEXT:
            return _error(f"{name} is {len(value)} characters; the limit is {MAX_TEXT}", 2)
    base = None
    if args.base_url is not None:
        base = safe_url(args.base_url.strip().rstrip("/"))
        if not base:
            return _error(f"--base-url {args.base_url[:60]!r} is not an http(s) address", 2)
    out = Path(args.out)
    if out.is_dir():
        return _error(f"--out {out} is a folder; give a file name", 2)
    if not out.parent.is_dir():
        return _error(f"--out: folder {out.parent} does not exist", 2)
    if not Path(args.data).is_dir():
        return _error(f"--data {args.data}: no such data folder", 2)

    from briefing.asof import clamp
    from briefing.report.build import ReportError, briefing_pdf, briefing_url
    from briefing.store import load_dataset

    dataset = load_dataset(args.data)
    if not dataset.ok:
        for problem in dataset.errors[:50]:
            print(problem, file=sys.stderr)
        more = len(dataset.errors) - 50
        if more > 0:
            print(f"...and {more} more", file=sys.stderr)
        return _error(
            f"{len(dataset.errors)} problem(s) in {args.data}; fix them "
            "(python -m briefing validate) before printing",
            1,
        )
    if day is not None and dataset.as_of is not None and day > dataset.as_of:
        print(
            f"note: --as-of {day} is after the data's as-of date {dataset.as_of}; "
            f"printing as of {dataset.as_of}",
            file=sys.stderr,
        )
    day = clamp(day, dataset)
    if since is not None:
        from briefing.changes.state import parse_state

        window = parse_state(dataset, {"since": since, "as_of": day})
        for notice in window.notices:
            print(f"note: --since: {notice}", file=sys.stderr)
        since = window.since
    url = briefing_url(keys, day, args.title, args.audience, base, since=since)
    try:
        pdf = briefing_pdf(dataset, keys, day, args.title, args.audience, url, since=since)
    except ReportError as exc:
        return _error(str(exc), 1)
    try:
        out.write_bytes(pdf)
    except OSError as exc:
        return _error(f"cannot write {out} ({exc.strerror or exc})", 1)
    parts = ", ".join(keys) + (f", changes since {since}" if since else "")
    print(f"wrote {out} ({len(pdf) // 1024} KB; sections: {parts}; as of {day})")
    return 0
