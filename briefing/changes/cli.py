"""`python -m briefing changes --since DATE [--as-of DATE] [--json]`: what changed, as text.

Exit codes as in the rest of the CLI: 0 printed, 1 the data does not validate, 2 usage
error (a --since or --as-of that is not a date, a missing data folder). A date that is
a date but out of range (a since after the as-of date, before the data begins; an
as-of after the data's own) is read the way the page reads it, with the notice on
stderr, and exits 0. Data text is printed cleaned: no control or bidi characters.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "data"
TITLE_CAP = 160
WIDTH = 10  # the date column


def add_parser(sub: argparse._SubParsersAction) -> None:
    from briefing.changes.state import PRESET_KEYS

    parser = sub.add_parser(
        "changes",
        help="what changed between a date and the as-of date",
        description="The digest and the lists of what the data dates after --since, up to "
        "and including --as-of: events, status changes, claim assessments, new sources.",
    )
    parser.add_argument(
        "--since",
        default=None,
        help="YYYY-MM-DD, not itself included, or a preset: "
        f"{', '.join(PRESET_KEYS)} (default: the first preset the as-of date allows)",
    )
    parser.add_argument(
        "--as-of",
        dest="as_of",
        default=None,
        help="YYYY-MM-DD, the last day counted (default: the data's as-of date)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="data folder (default: the app's data/)"
    )


def _error(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def _line(text: object, cap: int | None = None) -> str:
    from briefing.text import clean, shorten

    value = shorten(text, cap) if cap else clean(text, break_long=False)
    return value.replace("\u200b", "").replace("\n", " ")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _ids(ids) -> str:
    return f"[{', '.join(_line(i) for i in ids)}]" if ids else "[no sources]"


def text_report(dataset, view) -> list[str]:
    """The view as lines of plain text (what the command prints)."""
    from briefing.changes.report import claims_gap_text, title
    from briefing.changes.state import PRESET_LABELS
    from briefing.store import reach_text

    state, found = view.state, view.changes
    preset = f" · preset: {PRESET_LABELS[state.preset]}" if state.preset else ""
    lines = [
        title(state.since),
        f"{_capital(state.window_text)} (the as-of date){preset}",
        _line(f"Data version {dataset.version} · {reach_text(dataset)}"),
        found.counts_text(),
        "",
        "Digest",
    ]
    for sentence in view.digest:
        lines.append(f"  * {_line(sentence.text)}")
        lines.append(f"    sources: {_ids(sentence.source_ids)}")
    lines += ["", f"Status changes ({len(found.statuses)})"]
    for s in found.statuses:
        to = s.after_text
        where = f" ({_line(s.placement)})" if s.placement else ""
        lines.append(
            f"  {str(s.when):<{WIDTH}}  {_line(s.subject_name, TITLE_CAP)} ({s.subject_kind}): "
            f"{_line(s.before_text)} → {_line(to)}{where}  {_ids(s.all_source_ids)}"
        )
    if not found.statuses:
        lines.append("  none dated in the window")
    lines += ["", f"Events ({len(found.events)})"]
    for e in found.events:
        when = f"{e.when}/{e.last}" if e.last else str(e.when)
        where = f" ({_line(e.placement)})" if e.placement else ""
        lines.append(
            f"  {when:<{WIDTH}}  {_line(e.title, TITLE_CAP)} [{e.theme}]{where}  "
            f"{_ids(e.source_ids)}"
        )
    if not found.events:
        lines.append("  none dated in the window")
    lines += ["", f"Claims whose assessment changed ({len(found.claims)})"]
    for c in found.claims:
        where = f" ({_line(c.placement)})" if c.placement else ""
        lines.append(
            f"  {str(c.when):<{WIDTH}}  {_line(c.claim, TITLE_CAP)}: {_line(c.before_text)} → "
            f"{_line(c.assessment)}{where}  {_ids(c.all_source_ids)}"
        )
    if not found.claims:
        lines.append(f"  {claims_gap_text(dataset)}")
    lines += ["", f"Sources published in the window ({len(found.sources)})"]
    for s in found.sources:
        where = f" ({_line(s.placement)})" if s.placement else ""
        lines.append(
            f"  {str(s.published):<{WIDTH}}  {_line(s.id)}  {_line(s.publisher, 80)}: "
            f"{_line(s.title, TITLE_CAP)}{where}"
        )
    if not found.sources:
        lines.append("  none dated in the window")
    if found.undated_sources:
        lines.append(
            f"  ({found.undated_sources} sources in the register have no known publication "
            "date and cannot be placed in any window.)"
        )
    return lines


def run(args: argparse.Namespace) -> int:
    from briefing.changes.state import PRESET_KEYS
    from briefing.dates import parse_day

    since = args.since
    if since is not None and since.strip().lower() not in PRESET_KEYS:
        try:
            since = parse_day(since)
        except ValueError as exc:
            return _error(f"--since: {exc}, or one of {', '.join(PRESET_KEYS)}", 2)
    as_of = None
    if args.as_of is not None:
        try:
            as_of = parse_day(args.as_of)
        except ValueError as exc:
            return _error(f"--as-of: {exc}", 2)
    if not Path(args.data).is_dir():
        return _error(f"--data {args.data}: no such data folder", 2)

    from briefing.changes.view import as_dict, build_view
    from briefing.store import load_dataset

    dataset = load_dataset(args.data)
    if not dataset.ok:
        for problem in dataset.errors[:50]:
            print(problem, file=sys.stderr)
        return _error(
            f"{len(dataset.errors)} problem(s) in {args.data}; fix them "
            "(python -m briefing validate) first",
            1,
        )
    view = build_view(dataset, {"since": since, "as_of": as_of})
    for notice in view.state.notices:
        print(f"note: {_line(notice)}", file=sys.stderr)
    if args.json:
        print(json.dumps(as_dict(view), indent=2, ensure_ascii=True))
    else:
        print("\n".join(text_report(dataset, view)))
    return 0
