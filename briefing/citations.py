"""Turn source ids into citations a reader can follow, and cite the app itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from briefing.dates import PartialDate
from briefing.register import voice
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
    #: whose voice it is, where that matters for trust: "state media, Russia",
    #: "government, Iran", "aggregator"; "" for independent outlets and the unknown
    marker: str = ""
    copy_of: str | None = None  # the original's id, for a copy or republication


def published_text(value: object, basis: object = None) -> str:
    """'8 April 2025'; 'c. June 2025' for an inferred date; 'date unknown'."""
    if isinstance(value, PartialDate):
        inferred = getattr(basis, "value", basis) == "inferred"
        return f"c. {value.human()}" if inferred else value.human()
    return "date unknown"


def source_date(source) -> str:
    return published_text(source.published, source.published_basis)


def cite(dataset: Dataset, source_id: str) -> Citation:
    source = dataset.source(source_id)
    if source is None:
        return Citation(source_id, f"{source_id} (not in sources)", "", None, "", known=False)
    label = f"{source.publisher}, {source_date(source)}"
    if source.author:
        label = f"{source.author} ({source.publisher}), {source_date(source)}"
    original = dataset.source(source.copy_of) if source.copy_of else None
    if original is not None:
        label += f" (copy of {original.publisher})"
    return Citation(
        source.id,
        label,
        source.title,
        safe_url(source.url),
        source.kind.value,
        marker=voice(dataset, source.id).marker,
        copy_of=original.id if original is not None else None,
    )


def cite_all(dataset: Dataset, source_ids: list[str] | tuple[str, ...]) -> list[Citation]:
    """Citations in the row's order, each copy preceded by the original it copies."""
    ordered: list[str] = []
    for source_id in dict.fromkeys(source_ids):
        source = dataset.source(source_id)
        if source is not None and source.copy_of and dataset.source(source.copy_of) is not None:
            if source.copy_of not in ordered:
                ordered.append(source.copy_of)
        if source_id not in ordered:
            ordered.append(source_id)
    return [cite(dataset, source_id) for source_id in ordered]


def cite_app(dataset: Dataset, url: str, accessed: date) -> str:
    """A ready-to-paste citation of the app view at `url`."""
    as_of = dataset.as_of.isoformat() if dataset.as_of else "unknown date"
    return (
        f"{APP_NAME}, data version {dataset.version} (as of {as_of}). "
        f"{url} (accessed {accessed.isoformat()})."
    )
