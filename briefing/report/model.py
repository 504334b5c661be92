"""The document model every view hands to the PDF: a `Section` of plain blocks.

Each topic module (`briefing.overview`, `briefing.treaties`, ...) offers
`report_section(dataset, state) -> Section`, built from the same functions its
page shows. The PDF builder only lays blocks out; it never recomputes a view.
Blocks cite sources by id; the builder numbers them into one source list.
Text in blocks is raw data text: the builder cleans and caps it, and passes it to
Typst as data, never as markup.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2
    kind: str = "heading"


@dataclass(frozen=True)
class Paragraph:
    text: str
    source_ids: tuple[str, ...] = ()
    kind: str = "paragraph"


@dataclass(frozen=True)
class Judgement:
    """A key judgement: a short bold title, a sentence or two, its confidence and sources."""

    title: str
    text: str
    confidence: str
    source_ids: tuple[str, ...] = ()
    kind: str = "judgement"


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str
    source_ids: tuple[str, ...] = ()
    kind: str = "quote"


@dataclass(frozen=True)
class Figure:
    """A headline number with its label, e.g. ('47', 'articles in the 2025 treaty')."""

    value: str
    label: str
    source_ids: tuple[str, ...] = ()
    kind: str = "figure"


@dataclass(frozen=True)
class Table:
    """Rows of text cells. `confidence[i]` and `source_ids[i]` describe row i."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    confidence: tuple[str | None, ...] = ()
    source_ids: tuple[tuple[str, ...], ...] = ()
    #: relative column widths (same length as columns), or () for equal widths
    widths: tuple[float, ...] = ()
    kind: str = "table"


@dataclass(frozen=True)
class Chart:
    """A Vega-Lite spec (the same dict the screen shows) with its text alternative."""

    spec: dict[str, Any]
    alt: str
    takeaway: str
    source_ids: tuple[str, ...] = ()
    kind: str = "chart"


Block = Heading | Paragraph | Judgement | Quote | Figure | Table | Chart


@dataclass(frozen=True)
class Section:
    """One view as a document part. `url_path` + `query` rebuild the on-screen view."""

    key: str
    title: str
    url_path: str
    blocks: tuple[Block, ...]
    query: dict[str, str] = field(default_factory=dict)
    summary: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def source_ids(self) -> list[str]:
        """Every source id cited in the section, in order of first citation."""
        seen: dict[str, None] = {}
        for block in self.blocks:
            ids = getattr(block, "source_ids", ())
            if isinstance(block, Table):
                ids = [source for row in block.source_ids for source in row]
            for source_id in ids:
                seen.setdefault(source_id, None)
        return list(seen)
