"""`python -m briefing search QUERY`: the search page's results on the command line.

Exit codes: 0 something was found, 1 nothing was, 2 usage error (no words to search
for, an unknown --kind, a bad --as-of date or --limit, no such data folder). Messages,
never tracebacks; data text is printed cleaned (no control or bidi characters).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "data"
MATCH_OPEN, MATCH_CLOSE = "«", "»"  # how a matched word is shown in plain text


def add_parser(sub: argparse._SubParsersAction) -> None:
    from briefing.search.index import KINDS

    parser = sub.add_parser(
        "search",
        help="search the briefing's rows (provisions, systems, events, sources...)",
        description="Full-text search across treaty provisions, treaties, systems, exchange "
        'items, events, claims, key judgements and sources. Words, "a phrase", word* '
        "(prefix); hardware names any way (S400, S-400, 's 400').",
    )
    parser.add_argument("query", nargs="+", help="what to search for (several words: all)")
    parser.add_argument(
        "--kind",
        action="append",
        default=None,
        metavar="K",
        help=f"only this kind (repeatable): {', '.join(KINDS)}",
    )
    parser.add_argument(
        "--as-of", dest="as_of", default=None, help="YYYY-MM-DD: mark rows dated after it"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--limit", type=int, default=20, help="results per kind (default 20)")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="data folder (default: the app's data/)"
    )


def _error(message: str, code: int = 2) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def write(text: str) -> None:
    """Text to stdout as UTF-8 whatever the terminal's encoding."""
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def _pieces(pieces) -> str:
    return "".join(f"{MATCH_OPEN}{text}{MATCH_CLOSE}" if hit else text for text, hit in pieces)


def lines(results) -> list[str]:
    """The results as the terminal shows them."""
    from briefing.text import clean

    out = [f"Searched for: {' '.join(results.terms)}"]
    if results.as_of:
        out[0] += f" (as of {results.as_of.isoformat()})"
    for group in results.groups:
        out.append("")
        shown = f"{len(group.results)} shown" if len(group.results) < group.count else ""
        out.append(f"{group.label} ({group.count}{', ' + shown if shown else ''})")
        for result in group.results:
            facts = [result.confidence, result.date]
            if result.later:
                facts.append("after the as-of date")
            head = " · ".join([_pieces(result.title_pieces), *[f for f in facts if f]])
            out.append(f"  {clean(head, break_long=False)}")
            if result.snippet:
                snippet = clean(_pieces(result.snippet), break_long=False)
                out.append(f"    {result.field_label}: {snippet}")
            out.append(f"    {result.link.href}")
    out.append("")
    count = results.total
    out.append(f"{count} result{'s' if count != 1 else ''}.")
    return out


def run(args: argparse.Namespace) -> int:
    from briefing.dates import parse_day
    from briefing.search import KINDS, build_index, search
    from briefing.store import load_dataset

    unknown = [k for k in (args.kind or []) if k.strip().lower() not in KINDS]
    if unknown:
        return _error(f"unknown --kind {', '.join(unknown)}; kinds: {', '.join(KINDS)}")
    day = None
    if args.as_of is not None:
        try:
            day = parse_day(args.as_of)
        except ValueError as exc:
            return _error(f"--as-of: {exc}")
    if not 1 <= args.limit <= 1000:
        return _error("--limit must be between 1 and 1000")
    if not Path(args.data).is_dir():
        return _error(f"--data {args.data}: no such data folder")
    dataset = load_dataset(args.data)
    if not dataset.ok:
        print(
            f"note: {len(dataset.errors)} problem(s) in the data (python -m briefing "
            "validate); searching the rows that loaded",
            file=sys.stderr,
        )
    results = search(build_index(dataset), " ".join(args.query), args.kind, day, args.limit)
    if results.empty_query:
        for notice in results.notices:
            print(f"note: {notice}", file=sys.stderr)
        return _error("give at least one word to search for")
    if args.json:
        write(json.dumps(results.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        for notice in results.notices:
            print(f"note: {notice}", file=sys.stderr)
        write("\n".join(lines(results)) + "\n")
    return 0 if results.found else 1
