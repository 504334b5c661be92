"""Read back what a page shows as a table: data grids (`st.dataframe`) and the static
tables drawn as one Markdown element each (`ui.table`, `briefing.text.markdown_table`)."""

from __future__ import annotations

import re

import pandas as pd

_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_ESCAPE = re.compile(r"\\(.)")
WJ = "\u2060"


def unescape(cell: str) -> str:
    """The text a reader sees in a literal cell (the escaper's backslashes and word
    joiners removed)."""
    return _ESCAPE.sub(r"\1", cell.replace(WJ, "")).strip()


def parse_markdown_table(text: str) -> pd.DataFrame | None:
    """The table in one Markdown element, or None if it is not a table."""
    lines = text.strip().split("\n")
    if len(lines) < 2 or not lines[0].startswith("| ") or not lines[1].startswith("|---"):
        return None

    def cells(line: str) -> list[str]:
        return [unescape(c) for c in _CELL_SPLIT.split(line.strip())[1:-1]]

    header = cells(lines[0])
    return pd.DataFrame([cells(line) for line in lines[2:]], columns=header)


def markdown_tables(root) -> list[pd.DataFrame]:
    """Every static (Markdown) table under `root` (an AppTest or one of its blocks)."""
    found = (parse_markdown_table(element.value) for element in root.markdown)
    return [table for table in found if table is not None]


def all_tables(root) -> list[pd.DataFrame]:
    """Data grids and static tables under `root`, grids first."""
    return [frame.value for frame in root.dataframe] + markdown_tables(root)


def table_with(root, column: str) -> pd.DataFrame:
    """The first table (grid or static) with `column`."""
    for table in all_tables(root):
        if column in table.columns:
            return table
    raise AssertionError(f"no table with a {column!r} column on the page")
