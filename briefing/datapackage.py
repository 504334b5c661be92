"""`data/datapackage.json`: the Frictionless Data Package that describes `data/`.

The Table Schemas are generated from the pydantic models in `briefing.schema`, so
the two descriptions of a table cannot drift apart; `frictionless validate` then
checks the CSV files against them independently of our own loader. Package-level
metadata (version, as-of date, licence, contributors) lives in `PACKAGE_META`, and
`python -m briefing datapackage` rewrites the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from briefing.dates import PATTERN as DATE_PATTERN
from briefing.schema import TABLES, TableSpec

PACKAGE_META: dict[str, Any] = {
    "name": "russia-iran-partnership-briefing",
    "title": "Russia–Iran strategic partnership: curated briefing data",
    "description": (
        "Treaties, treaty provisions, military systems, exchange items, events and "
        "checked claims on the Russia–Iran strategic partnership, each row with its "
        "sources, a locator and a confidence label."
    ),
    "version": "1.0.0",
    "as_of": "2026-12-01",
    "licenses": [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0",
        }
    ],
    "contributors": [{"title": "Russia–Iran briefing team", "role": "author"}],
}

ID_LIST_PATTERN = r"^\s*[a-z0-9][a-z0-9-]*(\s*;\s*[a-z0-9][a-z0-9-]*)*\s*;?\s*$"
DATE_OR_UNKNOWN = r"^(unknown|\d{4}(-\d{2}(-\d{2})?)?)$"


def _field(spec: TableSpec, name: str, schema: dict[str, Any], defs: dict[str, Any]) -> dict:
    prop = schema["properties"][name]
    options = prop.get("anyOf", [prop])
    nullable = any(option.get("type") == "null" for option in options)
    required = name in schema.get("required", []) and not nullable
    field: dict[str, Any] = {"name": name, "type": "string"}
    if prop.get("description"):
        field["description"] = prop["description"]
    constraints: dict[str, Any] = {}
    refs = [option["$ref"].rsplit("/", 1)[-1] for option in options if "$ref" in option]
    consts = [option["const"] for option in options if "const" in option]
    types = {option.get("type") for option in options}
    if "PartialDate" in refs:
        constraints["pattern"] = DATE_OR_UNKNOWN if consts else DATE_PATTERN
        field["format"] = "default"
    elif refs:
        constraints["enum"] = list(defs[refs[0]]["enum"])
    elif "enum" in prop:
        constraints["enum"] = list(prop["enum"])
    elif "array" in types:
        item = prop.get("items", {})
        if "pattern" in item:
            constraints["pattern"] = ID_LIST_PATTERN
    elif "integer" in types:
        field["type"] = "integer"
        if "ge" in prop or "minimum" in prop:
            constraints["minimum"] = prop.get("ge", prop.get("minimum"))
        if "le" in prop or "maximum" in prop:
            constraints["maximum"] = prop.get("le", prop.get("maximum"))
        if nullable:
            field["type"] = "string"  # 'unknown' is allowed besides digits
            constraints.pop("minimum", None)
            constraints["pattern"] = r"^(\d+|unknown)$"
    elif "pattern" in prop:
        constraints["pattern"] = prop["pattern"]
    if required:
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(spec: TableSpec) -> dict[str, Any]:
    schema = spec.model.model_json_schema(mode="validation")
    defs = schema.get("$defs", {})
    fields = [_field(spec, name, schema, defs) for name in spec.columns]
    result: dict[str, Any] = {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}
    foreign = [
        {"fields": column, "reference": {"resource": target, "fields": "id"}}
        for column, target in spec.references
        if not column.endswith("_ids")  # ';'-lists are checked by briefing.store
    ]
    if foreign:
        result["foreignKeys"] = foreign
    return result


def build_package() -> dict[str, Any]:
    resources = [
        {
            "name": spec.name,
            "path": spec.filename,
            "title": spec.title,
            "description": spec.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "profile": "tabular-data-resource",
            "schema": table_schema(spec),
        }
        for spec in TABLES
    ]
    return {**PACKAGE_META, "profile": "tabular-data-package", "resources": resources}


def write_package(data_dir: Path) -> Path:
    path = Path(data_dir) / "datapackage.json"
    path.write_text(
        json.dumps(build_package(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return path
