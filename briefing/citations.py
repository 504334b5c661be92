"""Turn source ids into citations a reader can follow, and cite the app itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from briefing.dates import PartialDate
from briefing.store import Dataset
from briefing.text import safe_url

APP_NAME = "Russia–Iran Strategic Partnership Briefing"


@dataclass(frozen=True)
class Citation:
    id: str
    label: str  # "TASS, 8 April 2025"
    title: str
    url: str | None
    kind: str
    known: bool = True  # False when the id is not in sources.csv


def published_text(value: object) -> str:
    if isinstance(value, PartialDate):
        return value.human()
    return "date unknown"


def cite(dataset: Dataset, source_id: str) -> Citation:
    source = dataset.source(source_id)
    if source is None:
        return Citation(source_id, f"{source_id} (not in sources)", "", None, "", known=False)
    label = f"{source.publisher}, {published_text(source.published)}"
    if source.author:
        label = f"{source.author} ({source.publisher}), {published_text(source.published)}"
    return Citation(source.id, label, source.title, safe_url(source.url), source.kind.value)


def cite_all(dataset: Dataset, source_ids: list[str] | tuple[str, ...]) -> list[Citation]:
    return [cite(dataset, source_id) for source_id in dict.fromkeys(source_ids)]


def cite_app(dataset: Dataset, url: str, accessed: date) -> str:
    """A ready-to-paste citation of the app view at `url`."""
    as_of = dataset.as_of.isoformat() if dataset.as_of else "unknown date"
    return (
        f"{APP_NAME}, data version {dataset.version} (as of {as_of}). "
        f"{url} (accessed {accessed.isoformat()})."
    )
