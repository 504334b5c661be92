"""Sources & method: the source list, the two scales, and the data dictionary."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from briefing.citations import source_date
from briefing.register import voice
from briefing.schema import (
    CONFIDENCE_MEANING,
    OBLIGATION_LADDER,
    OBLIGATION_MEANING,
    TABLES,
    Obligation,
)
from briefing.store import Dataset
from briefing.text import safe_url

#: the columns of the 'source list as shown' download
SOURCE_LIST_COLUMNS = [
    "id",
    "publisher",
    "title",
    "title_en",
    "author",
    "published",
    "date_basis",
    "voice",
    "outlet_type",
    "country",
    "kind",
    "language",
    "url",
    "copy_of",
    "checked",
    "note",
]


def source_rows(dataset: Dataset) -> list[dict[str, object]]:
    """Every source, newest first, with how many rows cite it."""
    cited: Counter[str] = Counter()
    for name, rows in dataset.tables.items():
        if name == "sources":
            continue
        for row in rows:
            for column in ("source_ids", "evidence_source_ids"):
                cited.update(getattr(row, column, None) or [])
            if getattr(row, "claimed_by", None):
                cited[row.claimed_by] += 1
    rows = []
    for source in dataset.sources:
        outlet = dataset.outlet(source.outlet_id)
        speaker = voice(dataset, source.id)
        rows.append(
            {
                "id": source.id,
                "publisher": source.publisher,
                "title": source.title,
                "title_en": source.title_en or "",
                "author": source.author or "",
                "published": source_date(source),
                "date_basis": source.published_basis.value if source.published_basis else "",
                "outlet_type": outlet.type.value if outlet else "unknown",
                "country": outlet.country if outlet else "unknown",
                "voice": speaker.marker,
                "copy_of": source.copy_of or "",
                "language": source.language or "",
                "checked": str(source.checked) if source.checked else "",
                "sort_date": str(source.published) if source.published != "unknown" else "",
                "kind": source.kind.value,
                "url": safe_url(source.url) or "",
                "cited_by_rows": cited[source.id],
                "note": source.note or "",
            }
        )
    rows.sort(key=lambda r: (r["sort_date"], r["publisher"]), reverse=True)
    return rows


def confidence_scale() -> list[dict[str, str]]:
    return [
        {"label": level.value, "meaning": meaning} for level, meaning in CONFIDENCE_MEANING.items()
    ]


def obligation_scale() -> list[dict[str, object]]:
    """The ladder, weakest first, then the two codes that are off the ladder."""
    rows = [
        {"rank": rank, "obligation": code.value, "meaning": OBLIGATION_MEANING[code]}
        for rank, code in enumerate(OBLIGATION_LADDER, start=1)
    ]
    for code in (Obligation.NOT_APPLICABLE, Obligation.INCONCLUSIVE):
        rows.append({"rank": None, "obligation": code.value, "meaning": OBLIGATION_MEANING[code]})
    return rows


def data_dictionary(package_path: Path) -> tuple[list[dict[str, str]], list[str]]:
    """Rows describing every column of every table, read from datapackage.json.

    Returns (rows, problems); a missing or broken file gives no rows and a problem.
    """
    try:
        package = json.loads(Path(package_path).read_text(encoding="utf-8-sig"))
        resources = package["resources"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [], [f"datapackage.json could not be read ({exc.__class__.__name__})"]
    rows = []
    for resource in resources if isinstance(resources, list) else []:
        if not isinstance(resource, dict):
            continue
        for field in resource.get("schema", {}).get("fields", []):
            constraints = field.get("constraints", {})
            allowed = ""
            if "enum" in constraints:
                allowed = " | ".join(str(v) for v in constraints["enum"])
            elif "pattern" in constraints:
                allowed = f"pattern {constraints['pattern']}"
            rows.append(
                {
                    "file": str(resource.get("path", "")),
                    "column": str(field.get("name", "")),
                    "type": str(field.get("type", "")),
                    "required": "yes" if constraints.get("required") else "no",
                    "allowed values": allowed,
                    "description": str(field.get("description", "")),
                }
            )
    return rows, []


def table_files() -> list[tuple[str, str, str]]:
    """(file name, title, description) for each data file, in load order."""
    return [(spec.filename, spec.title, spec.description) for spec in TABLES]


def data_package_zip(folder: Path) -> bytes:
    """Every table and datapackage.json in one ZIP: the whole data set in one download."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ["datapackage.json", *(spec.filename for spec in TABLES)]:
            path = Path(folder) / name
            if path.is_file():
                archive.write(path, f"russia-iran-briefing-data/{name}")
    return buffer.getvalue()
