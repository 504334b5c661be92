"""Make curated text safe for every output: the screen, CSV exports and the PDF.

Data is text typed by people (or pasted from the web), so it may hold HTML,
Markdown, spreadsheet formulas, control or bidi-override characters, lone
surrogates and absurdly long words. Nothing here trusts it:

- `clean` drops invisible troublemakers and breaks over-long tokens;
- `shorten` caps a field with a visible ellipsis;
- `escape_markdown` makes text render literally in Streamlit's Markdown;
- `safe_url` lets only http(s) addresses through;
- `markdown_table` draws rows as one literal Markdown table (one element on screen);
- `csv_safe` / `to_csv` neutralise cells a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from urllib.parse import quote, urlsplit

#: bidi embeddings/overrides/isolates can make "evil" render as "live"
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
LONG_TOKEN = 40
ELLIPSIS = "…"
ZWSP = "\u200b"
_SURROGATE = re.compile("[\ud800-\udfff]")
_LONG = re.compile(r"\S{" + str(LONG_TOKEN + 1) + ",}")


def _keep(char: str) -> bool:
    if char in "\n\t":
        return True
    if char in BIDI_CONTROLS:
        return False
    category = unicodedata.category(char)
    # Cc: control, Cs: surrogate, Co: private use, Cn: unassigned
    return category not in {"Cc", "Cs", "Co", "Cn"}


def clean(text: object, *, break_long: bool = True) -> str:
    """Printable text: no control, bidi-override or surrogate characters; long tokens breakable.

    Over-long tokens get zero-width spaces every LONG_TOKEN characters so that a
    renderer can wrap them; the visible text is unchanged.
    """
    if text is None:
        return ""
    value = _SURROGATE.sub("\ufffd", str(text))
    if not value.isprintable():  # printable text has no control, format or private chars
        value = "".join(
            char if _keep(char) else ("\ufffd" if char in "\x00" else "") for char in value
        )
        value = value.replace("\t", " ")
    if break_long:
        value = _LONG.sub(_break_token, value)
    return value


def _break_token(match: re.Match[str]) -> str:
    token = match.group(0)
    return ZWSP.join(token[i : i + LONG_TOKEN] for i in range(0, len(token), LONG_TOKEN))


def shorten(text: object, limit: int) -> str:
    """`clean(text)` capped at `limit` visible characters, ending in '…' if it was cut."""
    value = clean(text, break_long=False)
    if len(value) > limit:
        value = value[: max(limit - 1, 0)].rstrip() + ELLIPSIS
    return _LONG.sub(_break_token, value)


WJ = "\u2060"  # word joiner: invisible, stops autolink detection
_AUTOLINK = re.compile(r"(?i)(?<=https)(?=\\:)|(?<=http)(?=\\:)|(?<=www)(?=\\\.)|(?=@)")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:^=&])")


def escape_markdown(text: object, limit: int | None = None) -> str:
    """Text that Streamlit's Markdown shows literally: no links, HTML, LaTeX or directives."""
    value = shorten(text, limit) if limit else clean(text)
    value = value.replace(ZWSP, "")  # Markdown wraps long words itself
    value = _MD_SPECIAL.sub(r"\\\1", value)
    # GFM turns bare addresses into links even when escaped: a word joiner breaks them
    value = _AUTOLINK.sub(WJ, value)
    return value.replace("\n", "  \n")


def safe_url(url: object) -> str | None:
    """The address if it is a plain http(s) URL, percent-encoding what Markdown would choke on."""
    if not isinstance(url, str):
        return None
    return _safe_url(url)


@lru_cache(maxsize=8192)
def _safe_url(url: str) -> str | None:
    # remembered: a page cites the same few hundred addresses on every run, and the check
    # reads each address character by character (a tenth of the treaties page's script)
    candidate = url.strip()
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    if any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in candidate):
        return None
    return quote(candidate, safe=":/?#@!$&'*+,;=%~-._[]")


def markdown_link(label: object, url: object) -> str:
    """`[label](url)` when the URL is safe, otherwise the escaped label alone."""
    target = safe_url(url)
    text = escape_markdown(label)
    return f"[{text}]({target})" if target else text


_RAW_PIPE = re.compile(r"(?<!\\)\|")  # a pipe the Markdown has not escaped ends a cell


def _cell(value: object, limit: int | None) -> str:
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    # a table row is one line: the escaper's line breaks ("  \n") become spaces
    return escape_markdown(value, limit).replace("  \n", " ").replace("\n", " ")


def markdown_table(
    rows: Iterable[Mapping[str, object]],
    columns: Sequence[str],
    headers: Mapping[str, str] | None = None,
    markdown_columns: Iterable[str] = (),
    limit: int | None = None,
) -> str:
    """One GitHub-flavoured Markdown table of `rows` restricted to `columns`: every cell
    literal (escaped, pipes included, one line), except the `markdown_columns`, whose cells
    the caller has built as Markdown already (source links). `headers` renames columns on
    screen; `limit` caps each cell (with a visible ellipsis).

    A static table where a scrolling grid adds nothing: one Markdown element costs the
    browser far less than a data grid (bench/README.md), and it is a real HTML table for
    screen readers. Empty `rows` give a header and no body rows."""
    headers = dict(headers or {})
    built = set(markdown_columns)
    lines = [
        "| " + " | ".join(_cell(headers.get(c, c), None) for c in columns) + " |",
        "|" + "---|" * len(columns),
    ]
    for row in rows:
        cells = []
        for column in columns:
            value = row.get(column)
            if column in built and isinstance(value, str):
                cells.append(_RAW_PIPE.sub(r"\\|", value.replace("\n", " ")))
            else:
                cells.append(_cell(value, limit) or " ")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """A cell a spreadsheet will not execute: text starting with a formula sign gets a quote."""
    if isinstance(value, str):
        if value.startswith(FORMULA_START):
            return "'" + value
        return value
    return value


def to_csv(rows: Iterable[Mapping[str, object]], columns: Sequence[str]) -> str:
    """CSV text (UTF-8, with header) of `rows` restricted to `columns`, formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_safe(clean(column, break_long=False)) for column in columns])
    for row in rows:
        cells = []
        for column in columns:
            value = row.get(column)
            if value is None:
                value = ""
            elif isinstance(value, list | tuple):
                value = "; ".join(str(item) for item in value)
            cells.append(csv_safe(clean(value, break_long=False)))
        writer.writerow(cells)
    return buffer.getvalue()
