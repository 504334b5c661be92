"""How much of each briefed treaty the record holds, said out loud.

The full treaty texts available to the curators show only their openings, so most
articles cannot be read in them. `treaty_coverage` counts, for one treaty, the articles
recorded with a known number, lists the numbers that are not recorded, counts the
provisions known only from reports without an article number, and names the sources
where the full text can be read. The Treaties view and the PDF print `coverage_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.schema import SourceKind, TreatyRole
from briefing.store import Dataset

_NUMBER = re.compile(r"^\s*(\d+)")


def article_number(article: str) -> int | None:
    """The article's number: '3(3)' -> 3, '21' -> 21; 'preamble', 'unknown', 'II' -> None."""
    match = _NUMBER.match(article or "")
    return int(match.group(1)) if match else None


def ranges(numbers: list[int]) -> str:
    """'1–4, 6, 9–12' for [1, 2, 3, 4, 6, 9, 10, 11, 12]."""
    parts: list[str] = []
    numbers = sorted(set(numbers))
    start = previous = None
    for number in numbers + [None]:
        if start is not None and (number is None or number != previous + 1):
            parts.append(str(start) if start == previous else f"{start}–{previous}")
            start = None
        if number is not None and start is None:
            start = number
        previous = number
    return ", ".join(parts)


@dataclass(frozen=True)
class Coverage:
    treaty_id: str
    short_name: str
    articles: int | None  # the treaty's article count, None when not known
    recorded: tuple[int, ...]  # article numbers with at least one provision
    missing: tuple[int, ...]  # 1..articles not recorded (empty when the count is unknown)
    unnumbered: int  # provisions whose article number no source gives
    other: tuple[str, ...]  # recorded parts that are not numbered articles (preamble)
    full_text_ids: tuple[str, ...]  # treaty-text sources for this treaty


def treaty_coverage(dataset: Dataset, treaty_id: str) -> Coverage | None:
    treaty = dataset.get("treaties", treaty_id)
    if treaty is None:
        return None
    provisions = [p for p in dataset.provisions if p.treaty_id == treaty_id]
    numbers = sorted({n for p in provisions if (n := article_number(p.article)) is not None})
    unnumbered = sum(1 for p in provisions if p.article.strip().lower() == "unknown")
    other = tuple(
        dict.fromkeys(
            p.article
            for p in provisions
            if article_number(p.article) is None and p.article.strip().lower() != "unknown"
        )
    )
    total = treaty.articles
    missing = tuple(n for n in range(1, total + 1) if n not in numbers) if total else ()
    cited = list(treaty.source_ids) + [sid for p in provisions for sid in p.source_ids]
    texts = tuple(
        sid
        for sid in dict.fromkeys(cited)
        if (source := dataset.source(sid)) is not None and source.kind is SourceKind.TREATY_TEXT
    )
    return Coverage(
        treaty.id, treaty.short_name, total, tuple(numbers), missing, unnumbered, other, texts
    )


def briefed_coverage(dataset: Dataset) -> list[Coverage]:
    """Coverage of every treaty the briefing is about (not the comparators)."""
    found = (
        treaty_coverage(dataset, t.id) for t in dataset.treaties if t.role is TreatyRole.SUBJECT
    )
    return [c for c in found if c is not None]


def coverage_text(coverage: Coverage) -> str:
    """One paragraph a reader can take in: what is recorded, what is not."""
    recorded = len(coverage.recorded)
    if coverage.articles:
        head = (
            f"{coverage.short_name}: {recorded} of its {coverage.articles} articles are "
            "recorded here with their number"
        )
        head += f" ({ranges(list(coverage.recorded))})" if recorded else ""
        if coverage.missing:
            head += f"; not recorded: {ranges(list(coverage.missing))}"
    else:
        head = (
            f"{coverage.short_name}: {recorded} articles are recorded here with their "
            "number; the treaty's article count is not known"
        )
    parts = [head + "."]
    if coverage.other:
        parts.append(f"Also recorded: {', '.join(coverage.other)}.")
    if coverage.unnumbered:
        many = coverage.unnumbered != 1
        parts.append(
            f"{coverage.unnumbered} provision{'s are' if many else ' is'} known only from "
            "reports that give no article number."
        )
    if not coverage.full_text_ids:
        parts.append("No full text of it is in the source register.")
    return " ".join(parts)
