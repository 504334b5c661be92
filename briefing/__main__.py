"""Command line: `python -m briefing validate|datapackage|pdf|changes|search|cite ...`.

Exit codes: 0 success, 1 the data (or the requested output) is not valid,
2 usage error. Whatever the input, the user gets a message, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "data"
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str):
    def register(function: Callable[[argparse.Namespace], int]):
        COMMANDS[name] = function
        return function

    return register


@command("validate")
def validate(args: argparse.Namespace) -> int:
    from briefing.store import load_dataset, summary

    if not Path(args.data_dir).is_dir():
        print(f"error: {args.data_dir}: no such data folder", file=sys.stderr)
        return 2
    dataset = load_dataset(args.data_dir)
    if args.warnings:
        for warning in dataset.warnings:
            print(f"warning: {warning}")
    if args.report:
        from briefing.register import quality_lines

        for line in quality_lines(dataset):
            print(line)
    if dataset.ok:
        print(summary(dataset))
        if dataset.warnings and not args.warnings:
            print(
                f"{len(dataset.warnings)} warning(s), which do not fail the check "
                "(--warnings lists them)",
                file=sys.stderr,
            )
        return 0
    for error in dataset.errors:
        print(error)
    print(f"{len(dataset.errors)} problem(s) in {args.data_dir}", file=sys.stderr)
    return 1


@command("datapackage")
def datapackage(args: argparse.Namespace) -> int:
    from briefing.datapackage import write_package

    if not Path(args.data_dir).is_dir():
        print(f"error: {args.data_dir} is not a folder", file=sys.stderr)
        return 2
    print(f"wrote {write_package(Path(args.data_dir))}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m briefing",
        description="Russia–Iran partnership briefing: check the data, build documents.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser("validate", help="check every table in a data folder")
    check.add_argument(
        "data_dir",
        nargs="?",
        type=Path,
        default=DEFAULT_DATA,
        help="data folder (default: the app's data/)",
    )
    check.add_argument(
        "--report",
        action="store_true",
        help="also print the source register's quality figures (dated share, state media...)",
    )
    check.add_argument(
        "--warnings", action="store_true", help="also list the warnings, one per line"
    )
    package = sub.add_parser("datapackage", help="regenerate datapackage.json from the models")
    package.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    for extra in EXTRA_PARSERS:
        extra(sub)
    return parser


#: other modules (e.g. the PDF report) add their sub-commands here
EXTRA_PARSERS: list[Callable[[argparse._SubParsersAction], None]] = []


def _register_pdf() -> None:
    # explicit, not on import of briefing.report.cli: under `python -m briefing` this
    # module runs as __main__, so the CLI module cannot import it to register itself
    from briefing.report import cli

    EXTRA_PARSERS.append(cli.add_parser)
    COMMANDS["pdf"] = cli.run


def _register_changes() -> None:
    from briefing.changes import cli

    EXTRA_PARSERS.append(cli.add_parser)
    COMMANDS["changes"] = cli.run


_register_pdf()
_register_changes()


def _register_search_and_cite() -> None:
    # as for the PDF: the sub-commands live beside what they run, registered here
    from briefing import references_cli
    from briefing.search import cli as search_cli

    EXTRA_PARSERS.append(search_cli.add_parser)
    COMMANDS["search"] = search_cli.run
    EXTRA_PARSERS.append(references_cli.add_parser)
    COMMANDS["cite"] = references_cli.run


_register_search_and_cite()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return 2 if exc.code not in (0, None) else 0
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence: a message, not a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
