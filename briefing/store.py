"""Load the curated tables, check every row, and report every problem at once.

`load_dataset(folder)` never raises for anything a curator can do to a file. It
returns a `Dataset` holding every row that passed, plus a list of `DataError`s
(file, line, column, offending value, plain-English message) for everything that
did not, so a view can still show the valid rows next to an error panel.
"""

from __future__ import annotations

import csv
import gc
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from briefing.dates import PartialDate
from briefing.schema import (
    TABLES,
    Claim,
    Event,
    ExchangeItem,
    KeyJudgement,
    Outlet,
    Provision,
    Row,
    Source,
    StatusChange,
    System,
    TableSpec,
    Treaty,
)

MAX_FILE_BYTES = 25 * 1024 * 1024
PACKAGE_FILE = "datapackage.json"
#: tables whose ids a claim's subject_ids or a status change's subject_id may name
SUBJECT_TABLES = ("treaties", "provisions", "systems", "exchange", "events", "claims")

csv.field_size_limit(MAX_FILE_BYTES)


@dataclass(frozen=True)
class DataError:
    """One problem in the data, located as precisely as the input allows."""

    file: str
    message: str
    line: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        column = f" {self.column}:" if self.column else ""
        shown = ""
        if self.value is not None:
            value = self.value if len(self.value) <= 60 else self.value[:57] + "..."
            shown = f" (value: {value!r})"
        return f"{where}:{column} {self.message}{shown}"


@dataclass(frozen=True)
class Dataset:
    """Every valid row of every table, the package metadata, and what went wrong."""

    folder: Path
    tables: Mapping[str, tuple[Row, ...]]
    version: str
    as_of: date | None
    errors: tuple[DataError, ...] = ()
    _index: Mapping[str, Mapping[str, Row]] = field(default_factory=dict, repr=False)
    #: problems that do not make the data invalid (an undated source, a 'confirmed'
    #: row resting on one outlet): `python -m briefing validate` prints them
    warnings: tuple[DataError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def outlets(self) -> tuple[Outlet, ...]:
        return self.tables["outlets"]  # type: ignore[return-value]

    def outlet(self, outlet_id: str | None) -> Outlet | None:
        return self.get("outlets", outlet_id) if outlet_id else None  # type: ignore[return-value]

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.tables["sources"]  # type: ignore[return-value]

    @property
    def treaties(self) -> tuple[Treaty, ...]:
        return self.tables["treaties"]  # type: ignore[return-value]

    @property
    def provisions(self) -> tuple[Provision, ...]:
        return self.tables["provisions"]  # type: ignore[return-value]

    @property
    def systems(self) -> tuple[System, ...]:
        return self.tables["systems"]  # type: ignore[return-value]

    @property
    def exchange_items(self) -> tuple[ExchangeItem, ...]:
        return self.tables["exchange"]  # type: ignore[return-value]

    @property
    def events(self) -> tuple[Event, ...]:
        return self.tables["events"]  # type: ignore[return-value]

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self.tables["claims"]  # type: ignore[return-value]

    @property
    def judgements(self) -> tuple[KeyJudgement, ...]:
        return tuple(sorted(self.tables["judgements"], key=lambda j: j.rank))  # type: ignore

    @property
    def statuses(self) -> tuple[StatusChange, ...]:
        return self.tables["statuses"]  # type: ignore[return-value]

    @property
    def latest_event(self) -> PartialDate | None:
        """The latest event recorded (its start, at its precision): how far the record reaches.

        Not the curation date: data checked on 1 December may record nothing after June.
        """
        dates = [event.date for event in self.events]
        if self.as_of is not None:
            dates = [d for d in dates if d.start <= self.as_of]
        return max(dates, key=lambda d: (d.start, d.end)) if dates else None

    def get(self, table: str, row_id: str) -> Row | None:
        """The row of `table` with id `row_id`, or None."""
        return self._index.get(table, {}).get(row_id)

    def source(self, source_id: str) -> Source | None:
        return self.get("sources", source_id)  # type: ignore[return-value]

    def find(self, row_id: str) -> tuple[str, Row] | None:
        """(table, row) for an id in any subject table, or None."""
        for table in SUBJECT_TABLES:
            row = self.get(table, row_id)
            if row is not None:
                return table, row
        return None


# ---------------------------------------------------------------- reading files
def _line_of_offset(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _read_text(path: Path, errors: list[DataError]) -> str | None:
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        errors.append(DataError(name, f"cannot read the file ({exc.strerror or exc})"))
        return None
    if size > MAX_FILE_BYTES:
        errors.append(
            DataError(
                name,
                f"file is {size / 1e6:.1f} MB, over the {MAX_FILE_BYTES / 1e6:.0f} MB limit "
                "for a curated table; is this the right file?",
            )
        )
        return None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        errors.append(DataError(name, f"cannot read the file ({exc.strerror or exc})"))
        return None
    if b"\x00" in raw:
        errors.append(
            DataError(
                name,
                "file contains NUL bytes: it is binary, not a CSV text file",
                line=_line_of_offset(raw, raw.index(b"\x00")),
            )
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        errors.append(
            DataError(
                name,
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
                line=_line_of_offset(raw, exc.start),
            )
        )
        return None
    if not text.strip():
        errors.append(DataError(name, "file is empty: it needs at least the header row"))
        return None
    return text


def _records(text: str) -> Iterable[tuple[int, list[str] | None, str | None]]:
    """Yield (first line, cells, parse error) for each CSV record."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            message = str(exc)
            if "EOF" in message or "end of data" in message:
                message = 'a quoted cell is never closed (unbalanced " quote)'
            yield start, None, f"CSV syntax error: {message}"
            return
        yield start, cells, None


def _model_errors(name: str, line: int, exc: ValidationError, raw: dict[str, str]):
    for item in exc.errors(include_url=False):
        column = str(item["loc"][0]) if item["loc"] else None
        message = item["msg"]
        for prefix in ("Value error, ", "Assertion failed, "):
            message = message.removeprefix(prefix)
        if item["type"] == "enum" or item["type"] == "literal_error":
            expected = item.get("ctx", {}).get("expected", "")
            message = f"not an allowed value; expected {expected}"
        elif item["type"] == "string_pattern_mismatch" and column:
            message = (
                "ids are lower-case letters, digits and '-' (e.g. ru-ir-2025)"
                if "id" in column
                else message
            )
        elif item["type"] == "missing":
            message = "required value is missing"
        elif item["type"] == "string_too_short":
            message = "required value is empty"
        elif item["type"] == "too_short":
            message = "needs at least one id"
        value = raw.get(column) if column else None
        yield DataError(name, message, line, column, value)


def _load_table(folder: Path, spec: TableSpec, errors: list[DataError]) -> list[tuple[int, Row]]:
    path = folder / spec.filename
    if not path.is_file():
        errors.append(DataError(spec.filename, "file is missing from the data folder"))
        return []
    text = _read_text(path, errors)
    if text is None:
        return []
    rows: list[tuple[int, Row]] = []
    header: list[str] | None = None
    for line, cells, problem in _records(text):
        if problem:
            errors.append(DataError(spec.filename, problem, line))
            break
        if header is None:
            header = [cell.strip() for cell in cells]
            expected = spec.columns
            missing = [c for c in expected if c not in header]
            unknown = [c for c in header if c not in expected]
            for column in missing:
                errors.append(
                    DataError(spec.filename, "column is missing from the header", line, column)
                )
            for column in unknown:
                shown = column or "(empty)"
                errors.append(
                    DataError(
                        spec.filename,
                        f"unknown column {shown!r}; expected columns: {', '.join(expected)}",
                        line,
                        column or None,
                    )
                )
            if len(set(header)) != len(header):
                errors.append(DataError(spec.filename, "the header repeats a column name", line))
            if missing or unknown or len(set(header)) != len(header):
                return []
            continue
        if not any(cell.strip() for cell in cells):
            continue  # blank line
        if len(cells) != len(header):
            errors.append(
                DataError(
                    spec.filename,
                    f"row has {len(cells)} cells but the header has {len(header)}",
                    line,
                )
            )
            continue
        raw = dict(zip(header, cells, strict=True))
        try:
            rows.append((line, spec.model.model_validate(raw)))
        except ValidationError as exc:
            errors.extend(_model_errors(spec.filename, line, exc, raw))
    if header is None:
        errors.append(DataError(spec.filename, "file is empty: it needs at least the header row"))
    return rows


def _read_package(folder: Path, errors: list[DataError]) -> tuple[str, date | None]:
    path = folder / PACKAGE_FILE
    if not path.is_file():
        errors.append(DataError(PACKAGE_FILE, "file is missing: version and as-of date unknown"))
        return "unknown", None
    try:
        meta = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        errors.append(DataError(PACKAGE_FILE, f"not valid JSON ({exc})", line))
        return "unknown", None
    if not isinstance(meta, dict):
        errors.append(DataError(PACKAGE_FILE, "top level must be a JSON object"))
        return "unknown", None
    version = str(meta.get("version") or "unknown")
    as_of = None
    try:
        parsed = PartialDate.parse(str(meta.get("as_of", "")))
        as_of = parsed.end
        if parsed.precision != "day":
            raise ValueError("as_of must be a full day")
    except ValueError as exc:
        errors.append(
            DataError(PACKAGE_FILE, f"as_of: {exc}", column="as_of", value=str(meta.get("as_of")))
        )
    return version[:40], as_of


# ----------------------------------------------------------------- cross-checks
def _references(value: Any) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _cross_check(loaded: dict[str, list[tuple[int, Row]]], errors: list[DataError]) -> None:
    ids: dict[str, set[str]] = {}
    for spec in TABLES:
        seen: dict[str, int] = {}
        for line, row in loaded[spec.name]:
            if row.id in seen:
                errors.append(
                    DataError(
                        spec.filename,
                        f"duplicate id; first used on line {seen[row.id]}",
                        line,
                        "id",
                        row.id,
                    )
                )
            else:
                seen[row.id] = line
        ids[spec.name] = set(seen)
    subject_ids = set().union(*(ids[name] for name in SUBJECT_TABLES))
    for spec in TABLES:
        checks = list(spec.references)
        if spec.name == "claims":
            checks.append(("subject_ids", "*"))
        if spec.name == "statuses":
            checks.append(("subject_id", "*"))
        if spec.name == "judgements":
            checks.append(("basis_ids", "*"))
        if spec.name == "treaties":
            checks.append(("supersedes", "treaties"))
        for line, row in loaded[spec.name]:
            for column, target in checks:
                known = subject_ids if target == "*" else ids[target]
                where = (
                    "a treaty, provision, system, exchange item, event or claim"
                    if target == "*"
                    else f"{target}.csv"
                )
                for ref in _references(getattr(row, column)):
                    if ref not in known:
                        errors.append(
                            DataError(
                                spec.filename, f"id {ref!r} is not in {where}", line, column, ref
                            )
                        )


_URL_DATE_SEPARATORS = ("", "-", "/", "_", ".")


def url_shows_date(url: str, day: PartialDate) -> bool:
    """Does `url` carry `day` at its precision (20250408, 2025/04/08, 2025-04...)?"""
    year = f"{day.year:04d}"
    if day.precision == "year":
        return year in url
    parts = [year, f"{day.month:02d}"] + ([f"{day.day:02d}"] if day.precision == "day" else [])
    return any(sep.join(parts) in url for sep in _URL_DATE_SEPARATORS)


def _check_sources(rows: list[tuple[int, Row]], errors: list[DataError]) -> list[DataError]:
    """Rules of the source register the row model alone cannot express; returns warnings."""
    warnings: list[DataError] = []
    name = "sources.csv"
    copies = {source.id: source.copy_of for _, source in rows if source.copy_of}
    for line, source in rows:
        if source.copy_of and source.copy_of != source.id:
            seen, current = {source.id}, source.copy_of
            while current in copies:
                if current in seen:
                    errors.append(
                        DataError(
                            name,
                            "copy_of goes round in a circle",
                            line,
                            "copy_of",
                            source.copy_of,
                        )
                    )
                    break
                seen.add(current)
                current = copies[current]
        dated = isinstance(source.published, PartialDate)
        basis = source.published_basis
        if not dated and basis is not None:
            errors.append(
                DataError(
                    name,
                    "a date basis is given but the date is unknown: empty the basis or give "
                    "the date",
                    line,
                    "published_basis",
                    basis.value,
                )
            )
        if dated and basis is None:
            warnings.append(
                DataError(
                    name,
                    "dated source without a basis: say whether the date is stated, read "
                    "from the url or inferred",
                    line,
                    "published_basis",
                )
            )
        if not dated:
            warnings.append(
                DataError(
                    name,
                    "undated source: give the date at the precision the page shows, or say "
                    "in the note why it cannot be dated",
                    line,
                    "published",
                )
            )
        if basis is not None and basis.value == "inferred" and not source.note:
            errors.append(
                DataError(name, "an inferred date needs its reasoning in the note", line, "note")
            )
        if dated and basis is not None and basis.value == "url":
            if not source.url or not url_shows_date(source.url, source.published):
                errors.append(
                    DataError(
                        name,
                        f"date basis is 'url' but the url does not show {source.published} "
                        "at that precision",
                        line,
                        "published",
                        str(source.published),
                    )
                )
        if source.checked is not None and source.checked.precision != "day":
            errors.append(
                DataError(
                    name,
                    "checked must be a full day (YYYY-MM-DD)",
                    line,
                    "checked",
                    str(source.checked),
                )
            )
        if source.copy_of == source.id:
            errors.append(DataError(name, "a source cannot be a copy of itself", line, "copy_of"))
        if source.outlet_id is None:
            warnings.append(
                DataError(name, "no outlet: name it in outlet_id (outlets.csv)", line, "outlet_id")
            )
    return warnings


def load_dataset(folder: str | Path) -> Dataset:
    """Read, validate and cross-check every table in `folder`. Never raises for bad data."""
    folder = Path(folder)
    errors: list[DataError] = []
    if not folder.is_dir():
        errors.append(DataError(str(folder), "data folder does not exist or is not a folder"))
        empty = MappingProxyType({spec.name: () for spec in TABLES})
        return Dataset(folder, empty, "unknown", None, tuple(errors))
    version, as_of = _read_package(folder, errors)
    # Validating makes many small objects and no reference cycles; with the cyclic
    # collector running, its full passes over the growing heap made the per-row cost
    # grow with the data (1.6-2x at 100x the curated rows; flat with it paused).
    collecting = gc.isenabled()
    gc.disable()
    try:
        loaded = {spec.name: _load_table(folder, spec, errors) for spec in TABLES}
        _cross_check(loaded, errors)
        warnings = _check_sources(loaded["sources"], errors)
    finally:
        if collecting:
            gc.enable()
    tables = MappingProxyType(
        {name: tuple(row for _, row in rows) for name, rows in loaded.items()}
    )
    index = MappingProxyType(
        {name: MappingProxyType({row.id: row for row in rows}) for name, rows in tables.items()}
    )
    dataset = Dataset(folder, tables, version, as_of, tuple(errors), index)
    from briefing.register import confidence_warnings  # the rule needs the whole dataset

    return replace(dataset, warnings=tuple(warnings) + tuple(confidence_warnings(dataset)))


def reach(dataset: Dataset) -> tuple[str, str]:
    """(when the data was last checked, the latest event it records), for every stamp."""
    checked = dataset.as_of.strftime("%-d %B %Y") if dataset.as_of else "unknown"
    latest = dataset.latest_event
    return checked, latest.human() if latest else "none"


def reach_text(dataset: Dataset) -> str:
    """'Data last checked 1 December 2026 · latest event recorded: 18 June 2026'."""
    checked, latest = reach(dataset)
    return f"Data last checked {checked} · latest event recorded: {latest}"


def summary(dataset: Dataset) -> str:
    """One line: what loaded."""
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in dataset.tables.items())
    as_of = dataset.as_of.isoformat() if dataset.as_of else "unknown"
    latest = dataset.latest_event
    return f"data {dataset.version} as of {as_of} (latest event {latest or 'none'}): {counts}"
