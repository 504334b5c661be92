"""Text as the PDF template prints it: cleaned, capped at each field's length (a visible
'…'), printable in the shipped fonts, and breakable where a token is too wide for its
column. Also the page geometry those widths come from."""

from __future__ import annotations

from datetime import date

from briefing.dates import PartialDate
from briefing.report.fonts import fit, printable, safe_characters
from briefing.schema import Confidence
from briefing.text import ELLIPSIS, shorten

# Length caps (characters) for each kind of field; longer text ends in '…'.
CAP = {
    "title": 120,
    "audience": 120,
    "heading": 160,
    "summary": 600,
    "paragraph": 2500,
    "judgement_title": 160,
    "judgement_text": 1200,
    "quote": 1500,
    "attribution": 200,
    "figure_value": 24,
    "figure_label": 160,
    "caption": 300,
    "column": 60,
    "cell": 900,
    "alt": 600,
    "takeaway": 300,
    "source_label": 200,
    "source_title": 300,
    "url_display": 95,
    "short": 50,
    "meta": 40,
}
# Page geometry the template uses (A4, 2.5 cm side margins), in points, and the font
# sizes it sets each kind of text in: long tokens get break points sized to fit.
PT_PER_CM = 28.3465
TEXT_WIDTH_PT = 453.5
MAX_CHART_HEIGHT_PT = 540.0
CONFIDENCE_COLUMN_PT = 2.4 * PT_PER_CM
SOURCES_COLUMN_PT = 1.7 * PT_PER_CM
CELL_INSET_PT = 8.0
#: (room in points, font size in points, bold) for each kind of text
FIT = {
    "body": (TEXT_WIDTH_PT - 40, 9.5, False),
    "heading": (TEXT_WIDTH_PT - 40, 17.0, True),
    "title": (TEXT_WIDTH_PT, 24.0, True),
    "subtitle": (TEXT_WIDTH_PT, 11.5, False),
    "small": (TEXT_WIDTH_PT - 40, 8.5, False),
    "figure_value": (80.0, 18.0, True),
    "figure_label": (80.0, 8.0, False),
    "source": (TEXT_WIDTH_PT - 30, 8.3, True),
    "footer": (TEXT_WIDTH_PT - 60, 6.8, False),
    "stamp": (150.0, 8.0, False),
}
TABLE_SIZE = 7.8
TABLE_LEADING = 1.25  # line height / font size in table cells
#: rows estimated taller than this may split across pages; shorter ones never do
MAX_UNBROKEN_ROW_PT = 360.0
CONFIDENCE_LEVELS = {level.value for level in Confidence}


# ------------------------------------------------------------------ text
def _text(value: object, cap: str) -> str:
    """Cleaned, capped (visible '…'), printable in the shipped fonts."""
    if value is None:
        return ""
    limit = CAP[cap]
    if isinstance(value, str) and safe_characters().issuperset(value):
        # nothing to clean (the common case): only the cap, as `shorten` applies it
        return value if len(value) <= limit else value[: limit - 1].rstrip() + ELLIPSIS
    return printable(shorten(value, limit))


def _fit(value: object, cap: str, kind: str = "body") -> str:
    """Cleaned, capped, printable, and breakable wherever a token is too wide to fit."""
    room, size, bold = FIT[kind]
    return fit(_text(value, cap), room, size, bold=bold)


def _cell(value: object, cap: str, room_pt: float, *, bold: bool = False) -> str:
    return fit(_text(value, cap), room_pt - CELL_INSET_PT, TABLE_SIZE, bold=bold)


def _confidence(value: object) -> str | None:
    if value is None:
        return None
    text = _text(value, "meta").strip().lower()
    return text or None


def _date_text(day: date | None) -> str:
    if day is None:
        return "unknown"
    return PartialDate(day.year, day.month, day.day).human()
