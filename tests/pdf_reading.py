"""Reading our PDFs back the way a reader (or a checker) would: text, links, word boxes.

Used by tests/test_pdf_*.py. pypdf gives the text and the link annotations; poppler's
`pdftotext -bbox` gives each word's box, to prove nothing runs off the page.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

A4_WIDTH = 595.2756
A4_HEIGHT = 841.8898
SIDE_MARGIN = 2.5 * 72 / 2.54  # the template's left and right margins
#: Typst lets punctuation hang a little into the margin; anything beyond is a bug
OVERHANG = 6.0
#: a bracketed citation: numbers and ranges ("[1–3, 24, 26–33]"), as the template prints them
CITATION = re.compile(r"\[(\d+(?:\s*[,–]\s*\d+)*)\]")
SOURCES_INTRO = "Numbered in order of first citation."
METHOD_INTRO = "This document is generated from"


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


RUNNING_HEADER = "RUSSIA–IRAN STRATEGIC PARTNERSHIP · BRIEFING"


def content_text(pdf: bytes) -> str:
    """The document's text without the running header and footer stamp of each page,
    so a paragraph that crosses a page break reads as one."""
    kept = []
    for text in pages_text(pdf):
        lines = text.split("\n")
        if lines and lines[0].startswith(RUNNING_HEADER):
            lines = lines[1:]
        for index in range(len(lines) - 1, -1, -1):
            if lines[index].startswith("Data version "):
                lines = lines[:index]
                break
        kept.append("\n".join(lines))
    return "\n".join(kept)


def squash(text: str) -> str:
    """Text without spaces, line breaks, hyphenation or invisible break points, for
    comparing what was put in with what a PDF reader extracts."""
    return re.sub(r"[\s\u200b\u00ad\-‐–]+", "", text)


def links(pdf: bytes) -> list[list[str]]:
    """The URI of every link annotation, page by page."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        uris = []
        for annot in page.get("/Annots", []) or []:
            action = annot.get_object().get("/A", {})
            if "/URI" in action:
                uris.append(str(action["/URI"]))
        found.append(uris)
    return found


def words(pdf: bytes) -> list[Word]:
    """Every word with its box in points (origin top left), from `pdftotext -bbox`."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        target = Path(folder) / "out.html"
        source.write_bytes(pdf)
        subprocess.run(["pdftotext", "-bbox", str(source), str(target)], check=True)
        html = target.read_text(encoding="utf-8", errors="replace")
    found = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for match in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            page,
        ):
            x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
            found.append(Word(number, match.group(5), x0, y0, x1, y1))
    return found


def off_page(pdf: bytes) -> list[Word]:
    """Words whose box leaves the text column (side margins) or the page."""
    left, right = SIDE_MARGIN - OVERHANG, A4_WIDTH - SIDE_MARGIN + OVERHANG
    return [w for w in words(pdf) if w.x0 < left or w.x1 > right or w.y0 < 0 or w.y1 > A4_HEIGHT]


def split_parts(text: str) -> tuple[str, str, str]:
    """(body, source list, method note) of a whole document's text."""
    start = text.rindex(SOURCES_INTRO)
    end = text.index(METHOD_INTRO, start)
    return text[:start], text[start + len(SOURCES_INTRO) : end], text[end:]


def citation_groups(text: str) -> list[list[int]]:
    """Each bracketed citation's numbers, ranges expanded, in printed order."""
    groups = []
    for group in CITATION.findall(text):
        numbers: list[int] = []
        for part in group.split(","):
            first, _, last = part.strip().partition("–")
            numbers.extend(range(int(first), int(last or first) + 1))
        groups.append(numbers)
    return groups


def cited_numbers(text: str) -> set[int]:
    return {n for group in citation_groups(text) for n in group}


def listed_numbers(source_list: str) -> list[int]:
    """Numbers of the source list entries, in order ('[n]' at the start of a line)."""
    return [int(n) for n in re.findall(r"(?m)^\[(\d+)\]", source_list)]
