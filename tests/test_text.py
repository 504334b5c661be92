"""Hostile text through every sanitiser: what the screen, exports and PDF rely on."""

from __future__ import annotations

import csv
import io
import re

from briefing.text import (
    ELLIPSIS,
    ZWSP,
    clean,
    csv_safe,
    escape_markdown,
    markdown_link,
    markdown_table,
    safe_url,
    shorten,
    to_csv,
)

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTAB",
    "\rCR",
    "evil\u202eevil",
    "ctrl\x00\x07\x1bchars",
    "lone \ud800 surrogate",
    "emoji 🚀🇮🇷",
    "W" * 5000,
    "$x^2$ :red[danger] **bold** # heading",
]


def test_clean_drops_controls_bidi_and_surrogates():
    assert clean("evil\u202elive") == "evillive"
    assert "\x07" not in clean("a\x07b") and "\x1b" not in clean("a\x1bb")
    assert clean("lone \ud800 x") == "lone \ufffd x"
    assert clean("keeps\nnewlines") == "keeps\nnewlines"
    assert clean("فارسی и русский") == "فارسی и русский"


def test_long_words_become_breakable_without_losing_text():
    word = "W" * 5000
    cleaned = clean(word)
    assert cleaned.replace(ZWSP, "") == word
    assert max(len(part) for part in cleaned.split(ZWSP)) <= 40


def test_shorten_caps_with_visible_ellipsis():
    text = shorten("a" * 500, 100)
    assert text.replace(ZWSP, "").endswith(ELLIPSIS)
    assert len(text.replace(ZWSP, "")) == 100
    assert shorten("short", 100) == "short"


def test_escape_markdown_neutralises_links_html_latex_and_directives():
    for hostile in HOSTILE:
        escaped = escape_markdown(hostile)
        # every character Markdown/HTML would act on is backslash-escaped
        assert re.search(r"(?<!\\)[<>\[\]()$`*_:]", escaped) is None, escaped
    assert escape_markdown("$x$") == r"\$x\$"
    assert escape_markdown(":red[x]") == r"\:red\[x\]"


def test_safe_url_accepts_only_http():
    assert safe_url("https://tass.com/politics/1940345") == "https://tass.com/politics/1940345"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None
    assert safe_url("http://") is None
    assert safe_url("https://x.org/a b") is None
    assert safe_url(None) is None
    assert "(" not in safe_url("https://en.wikipedia.org/wiki/A_(b)")
    assert markdown_link("x", "javascript:alert(1)") == "x"


def test_csv_cells_that_start_a_formula_are_neutralised():
    for sign in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_safe(sign + "1+1").startswith("'")
    assert csv_safe("plain") == "plain"
    text = to_csv([{"a": h, "b": ["x", "y"]} for h in HOSTILE], ["a", "b"])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["a", "b"]
    for row in rows[1:]:
        assert not row[0].startswith(("=", "+", "-", "@", "\t", "\r"))
        assert row[1] == "x; y"
    assert len(rows) == len(HOSTILE) + 1


def test_clean_applies_one_rule_to_every_character():
    """`clean` has a fast path for printable text; whatever the path, each character is
    kept or dropped by the same rule (controls, bidi overrides, surrogates, private use
    and unassigned go; NUL shows as the replacement character; tab becomes a space)."""
    from briefing.text import _keep

    points = [*range(0, 0x3100), *range(0xD7F0, 0xE010), 0xFEFF, 0xFFFD, 0xFFFF, 0x1F600, 0xE0001]
    for point in points:
        char = chr(point)
        if 0xD800 <= point <= 0xDFFF:
            expected = "\ufffd"
        elif char == "\x00":
            expected = "\ufffd"
        elif char == "\t":
            expected = " "
        else:
            expected = char if _keep(char) else ""
        for text in (char, f"a{char}b"):
            want = expected if text == char else f"a{expected}b"
            assert clean(text, break_long=False) == want, hex(point)


def test_a_markdown_table_keeps_one_row_per_row_and_every_cell_literal():
    from tests.tables import parse_markdown_table

    rows = [{"text": h, "n": i} for i, h in enumerate([*HOSTILE, "a | b\nc", "x" * 5000])]
    rows.append({"text": None, "n": float("nan")})
    link = markdown_link("TASS | 8 April", "https://tass.ru/a?b=1")
    rows.append({"text": "linked", "n": 1, "sources": link})
    table_md = markdown_table(rows, ["text", "n", "sources"], {"n": "row"}, ["sources"])
    lines = table_md.split("\n")
    assert len(lines) == len(rows) + 2  # header, rule, then one line per row: no row breaks
    shown = parse_markdown_table(table_md)
    assert list(shown.columns) == ["text", "row", "sources"]
    # every hostile cell reads back as its own text (control characters dropped, line
    # breaks as spaces, long words breakable), in its own cell: a pipe ends no cell
    for hostile, cell in zip(HOSTILE, shown["text"], strict=False):
        assert cell == clean(hostile).replace(ZWSP, "").replace("\n", " ").strip()
    assert shown["text"].iloc[len(HOSTILE)] == "a | b c"
    assert list(shown.iloc[-2][["text", "row"]]) == ["", ""]  # None and NaN are blank
    # the caller's Markdown cell stays a link, with the pipe in its label escaped
    assert "[TASS \\| 8 April](https://tass.ru/a?b=1)" in lines[-1]
    for line in lines[2:-1]:
        assert "](" not in line and "<" not in line.replace("\\<", "")
