"""Which characters the committed fonts can draw, so the PDF never shows empty boxes.

The PDF is set in Noto Sans and Noto Sans Arabic only (`static/fonts`, loaded with
system fonts ignored, so every machine prints the same document). A character none
of them covers would print as an empty box ("tofu"). `printable` replaces such
characters with U+FFFD (�), which Noto Sans draws, so the reader sees that
something was there and the PDF's text layer says the same.

Only the cmap of each regular font is read (bold and italic cover the same
characters); the parser handles the two cmap formats Noto uses (4 and 12).
"""

from __future__ import annotations

import re
import struct
from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "static" / "fonts"
COVERAGE_FONTS = ("NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf")
REPLACEMENT = "\ufffd"
#: Typst's built-in fallback fonts draw most symbols below this point (arrows, maths,
#: dingbats); above it (CJK, emoji, pictographs) nothing we ship has glyphs.
FALLBACK_LIMIT = 0x2E80
#: format characters Persian and Arabic text needs (ZWNJ, ZWJ) and our own breaks (ZWSP)
KEEP = {"\u200b", "\u200c", "\u200d", "\n"}
#: tokens are split where Typst may break anyway: spaces, after hyphens, dashes, slashes
_PIECE = re.compile(r"(\s+|(?<=[-/–—]))")
_JOINED = re.compile(REPLACEMENT + "(?:\u200d?" + REPLACEMENT + ")+")


def _tables(data: bytes) -> dict[bytes, int]:
    (count,) = struct.unpack(">H", data[4:6])
    offsets = {}
    for i in range(count):
        tag, _checksum, offset, _length = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        offsets[tag] = offset
    return offsets


def cmap(data: bytes) -> dict[int, int]:
    """code point -> glyph id, from the font's cmap (format 12 preferred, else 4)."""
    table = _tables(data)[b"cmap"]
    (subtables,) = struct.unpack(">H", data[table + 2 : table + 4])
    chosen: tuple[int, int] | None = None
    for i in range(subtables):
        _platform, _encoding, sub = struct.unpack(
            ">HHI", data[table + 4 + 8 * i : table + 12 + 8 * i]
        )
        (fmt,) = struct.unpack(">H", data[table + sub : table + sub + 2])
        if fmt == 12:
            chosen = (12, table + sub)
        elif fmt == 4 and chosen is None:
            chosen = (4, table + sub)
    if chosen is None:
        return {}
    fmt, start = chosen
    glyphs: dict[int, int] = {}
    if fmt == 12:
        (groups,) = struct.unpack(">I", data[start + 12 : start + 16])
        for g in range(groups):
            first, last, glyph = struct.unpack(
                ">III", data[start + 16 + 12 * g : start + 28 + 12 * g]
            )
            for offset, code in enumerate(range(first, last + 1)):
                glyphs[code] = glyph + offset
        return glyphs
    (seg_x2,) = struct.unpack(">H", data[start + 6 : start + 8])
    segments = seg_x2 // 2
    ends = struct.unpack(f">{segments}H", data[start + 14 : start + 14 + seg_x2])
    starts = struct.unpack(f">{segments}H", data[start + 16 + seg_x2 : start + 16 + 2 * seg_x2])
    deltas = struct.unpack(f">{segments}h", data[start + 16 + 2 * seg_x2 : start + 16 + 3 * seg_x2])
    range_at = start + 16 + 3 * seg_x2
    ranges = struct.unpack(f">{segments}H", data[range_at : range_at + seg_x2])
    for i in range(segments):
        for code in range(starts[i], ends[i] + 1):
            if code == 0xFFFF:
                continue
            if ranges[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                at = range_at + 2 * i + ranges[i] + 2 * (code - starts[i])
                (glyph,) = struct.unpack(">H", data[at : at + 2])
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                glyphs[code] = glyph
    return glyphs


def advances(data: bytes) -> dict[int, float]:
    """code point -> advance width in em, from cmap, hhea, hmtx and head."""
    tables = _tables(data)
    (units,) = struct.unpack(">H", data[tables[b"head"] + 18 : tables[b"head"] + 20])
    (metrics,) = struct.unpack(">H", data[tables[b"hhea"] + 34 : tables[b"hhea"] + 36])
    hmtx = tables[b"hmtx"]
    widths = struct.unpack(f">{metrics * 2}H", data[hmtx : hmtx + 4 * metrics])[0::2]
    last = widths[-1] if widths else units
    return {
        code: (widths[glyph] if glyph < metrics else last) / units
        for code, glyph in cmap(data).items()
    }


def cmap_codepoints(path: Path) -> frozenset[int]:
    """Every code point the font at `path` maps to a glyph."""
    return frozenset(cmap(path.read_bytes()))


@lru_cache(maxsize=2)
def _widths(bold: bool) -> dict[int, float]:
    """Advance widths (em) of every character the shipped fonts draw; Latin font first."""
    names = ("NotoSans-Bold.ttf", "NotoSansArabic-Bold.ttf") if bold else COVERAGE_FONTS
    found: dict[int, float] = {}
    for name in reversed(names):
        path = FONT_DIR / name
        if path.is_file():
            found.update(advances(path.read_bytes()))
    return found


@lru_cache(maxsize=1)
def covered() -> frozenset[int]:
    """Code points the committed fonts draw (empty if the fonts are missing)."""
    return frozenset(_widths(False))


#: width assumed for a character the fonts do not measure (a fallback glyph): 1 em
UNMEASURED = 1.0
#: margin for kerning, shaping and bold synthesis
SAFETY = 1.12


def width(text: str, size: float, *, bold: bool = False) -> float:
    """Width in points of `text` set on one line at `size` points (a safe overestimate)."""
    if not text:
        return 0.0
    return sum(_em(token, bold) for token in _SPACES.split(text)) * size * SAFETY


@lru_cache(maxsize=65536)
def _em(token: str, bold: bool) -> float:
    """Width in em of a short run of text (cached: the same words recur everywhere)."""
    table = _widths(bold)
    return sum(table.get(ord(char), UNMEASURED) for char in token)


_SPACES = re.compile(r"(?<= )|(?= )")  # cut at spaces, keeping them (cache-friendly pieces)


#: a real word up to this many times the room is left to Typst's hyphenation
WORD_STRETCH = 2.0


def _is_word(token: str) -> bool:
    core = token.strip(".,;:!?()[]\"'“”‘’-–—")
    return core.isalpha() and len(core) <= 24


@lru_cache(maxsize=1)
def _widest_ascii() -> float:
    table = _widths(True)
    return max(table.get(code, UNMEASURED) for code in range(32, 127))


def fit(text: str, room: float, size: float, *, bold: bool = False) -> str:
    """`text` with zero-width breaks inside every token wider than `room` points, placed
    so each piece fits. Tokens that fit, and real words up to twice the room (which
    Typst hyphenates), are left whole."""
    scale = size * SAFETY
    room = max(room, 2 * size)
    text = text.replace("\u200b", "")
    if text.isascii():  # fast path: no token could be too wide
        longest = max((len(token) for token in text.split()), default=0)
        if longest * _widest_ascii() * scale <= room:
            return text
    table = _widths(bold)
    out: list[str] = []
    for token in _PIECE.split(text):
        wide = _em(token, bold) * scale if token and not token.isspace() else 0.0
        if wide <= room or (wide <= WORD_STRETCH * room and _is_word(token)):
            out.append(token)  # fits, or a word Typst can hyphenate
            continue
        line = 0.0
        for char in token:
            advance = table.get(ord(char), UNMEASURED) * scale
            if line and line + advance > room:
                out.append("\u200b")
                line = 0.0
            out.append(char)
            line += advance
    return "".join(out)


@lru_cache(maxsize=1)
def safe_characters() -> frozenset[str]:
    """Characters that need no cleaning at all: drawn by the shipped fonts, not control,
    bidi, surrogate, private-use or unassigned (so `briefing.text.clean` keeps them)."""
    import unicodedata

    from briefing.text import BIDI_CONTROLS

    keep = set()
    for code in covered():
        char = chr(code)
        if char in BIDI_CONTROLS or char == "\t":
            continue
        if unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"} and char != "\n":
            continue
        keep.add(char)
    return frozenset(keep)


def _fallback_draws(char: str) -> bool:
    """Whether Typst's fallback fonts draw `char` (one the shipped fonts lack): symbols
    and the punctuation blocks from U+2000 yes; letters, marks, digits and punctuation of
    scripts we ship no font for (Devanagari, Hebrew, ...) no - they would print as empty
    boxes and leave stray codes in the PDF's text layer."""
    import unicodedata

    return ord(char) >= 0x2000 or unicodedata.category(char)[0] == "S"


def printable(text: str) -> str:
    """`text` with characters no shipped font can draw replaced by '�' (runs collapsed)."""
    if text.isascii():
        return text
    points = covered()
    if not points or all(ord(char) in points or char in KEEP for char in text):
        return text
    out: list[str] = []
    for char in text:
        code = ord(char)
        if char in KEEP or code in points:
            out.append(char)
        elif 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF:
            continue  # variation selectors and skin-tone modifiers belong to the previous char
        elif code < FALLBACK_LIMIT and _fallback_draws(char):
            out.append(char)  # a symbol Typst's fallback fonts draw
        elif not out or out[-1] != REPLACEMENT:
            out.append(REPLACEMENT)
    return _JOINED.sub(REPLACEMENT, "".join(out))
