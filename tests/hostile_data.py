"""A hostile copy of the data folder: every text field carries attacks, and it still loads.

`make_hostile_copy(source, target)` copies `source` (normally `data/`) to `target` and
rewrites every cell that the schema accepts as free text so that it

- starts with a spreadsheet formula (`=HYPERLINK(...)`),
- carries HTML that would run script if it were ever interpreted (`<script>`,
  `<img onerror>`, `<svg onload>`), HTML formatting (`<b>`), Markdown links and
  images to `javascript:`, a Markdown heading marker and LaTeX,
- carries control characters (BEL, ESC) and a bidi override (U+202E),
- and, in every fourth row, a 5,000-character word.

Every payload that could run script sets `window.__briefingPwned` (or opens a dialog), so
a browser test can tell whether anything ran. URL cells get a suffix that tries to break
out of a Markdown link. Ids, dates, enums and references are left alone, so the copy
validates: each candidate value is checked against the row's model first, and any column
the cross-checks then reject is put back as it was. `datapackage.json` gets a hostile
version string. The copy is deterministic.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from briefing.schema import TABLES, TableSpec
from briefing.store import PACKAGE_FILE, load_dataset

FLAG = "__briefingPwned"
FORMULA = '=HYPERLINK("http://evil.invalid/","click")'
SCRIPT = f"<script>window.{FLAG}='script'</script>"
IMG = f"<img src=x onerror=\"window.{FLAG}='img'\">"
SVG = f"<svg onload=\"window.{FLAG}='svg'\"></svg>"
BOLD = "<b>HOSTILE-BOLD</b>"
MD_LINK = f"[HOSTILE-LINK](javascript:window.{FLAG}='link')"
MD_IMAGE = "![HOSTILE-IMAGE](javascript:alert(1))"
MD_HEADING = "\n# HOSTILE-HEADING"
LATEX = "$\\frac{1}{0}$"
BIDI = "\u202eHOSTILE-BIDI\u202c"
CONTROL = "\x07\x1b[31mHOSTILE-CONTROL\x1b[0m"
LONG_WORD = "W" * 5000
URL_SUFFIX = f"?q=1)](javascript:window.{FLAG}='url')"
VERSION = "<img src=x onerror=alert(1)>1.0"

#: pieces that must reach the page as literal text
VISIBLE_MARKERS = ("HOSTILE-BOLD", "HOSTILE-LINK", "HOSTILE-BIDI", "HOSTILE-CONTROL")
LONG_WORD_EVERY = 4


@dataclass
class HostileCopy:
    """Where the copy is and which cells were made hostile."""

    folder: Path
    injected: dict[str, set[str]] = field(default_factory=dict)  # table -> columns
    cells: int = 0
    reverted: dict[str, set[str]] = field(default_factory=dict)  # table -> columns put back


def _candidates(original: str, long_word: bool) -> list[str]:
    body = f"{original} {SCRIPT} {IMG} {SVG} {BOLD} {MD_LINK} {MD_IMAGE} {LATEX} {BIDI} {CONTROL}"
    full = f"{FORMULA} {body}{MD_HEADING}"
    candidates = []
    if long_word:
        candidates.append(f"{full} {LONG_WORD}")
    candidates += [
        full,
        f"{FORMULA} {original} {IMG} {BOLD}",  # short: names in a ';' list (200 chars each)
        f"=1+2 {original} <b>x</b>",
        f"{original}{URL_SUFFIX}",  # addresses
    ]
    return candidates


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _accepts(spec: TableSpec, row: dict[str, str], column: str, value: str) -> bool:
    try:
        spec.model.model_validate({**row, column: value})
    except ValidationError:
        return False
    return True


def _poison_table(spec: TableSpec, rows: list[dict[str, str]], copy: HostileCopy) -> list[dict]:
    poisoned = []
    for index, row in enumerate(rows):
        new = dict(row)
        for column in spec.columns:
            if column == "id" or column not in row:
                continue
            for candidate in _candidates(row[column], index % LONG_WORD_EVERY == 0):
                if _accepts(spec, new, column, candidate):
                    new[column] = candidate
                    copy.injected.setdefault(spec.name, set()).add(column)
                    copy.cells += 1
                    break
        poisoned.append(new)
    return poisoned


def make_hostile_copy(source: Path, target: Path) -> HostileCopy:
    """Copy `source` to `target` (replaced) with hostile text in every free-text cell."""
    source, target = Path(source), Path(target)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    copy = HostileCopy(target)
    originals: dict[str, tuple[list[str], list[dict[str, str]]]] = {}
    for spec in TABLES:
        path = target / spec.filename
        if not path.is_file():
            continue
        header, rows = _read(path)
        originals[spec.name] = (header, rows)
        _write(path, header, _poison_table(spec, rows, copy))

    package = target / PACKAGE_FILE
    if package.is_file():
        meta = json.loads(package.read_text(encoding="utf-8-sig"))
        meta["version"] = VERSION
        package.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")

    # References between tables live in some free-text columns (e.g. `supersedes`):
    # put back any column the cross-checks reject, until the copy loads cleanly.
    for _ in range(5):
        errors = [e for e in load_dataset(target).errors if e.file != PACKAGE_FILE]
        if not errors:
            break
        by_table = {spec.filename: spec for spec in TABLES}
        for error in errors:
            spec = by_table.get(error.file)
            if spec is None or spec.name not in originals:
                continue
            header, rows = originals[spec.name]
            current_header, current = _read(target / spec.filename)
            columns = {error.column} if error.column else set(header)
            for row, original in zip(current, rows, strict=True):
                for column in columns:
                    row[column] = original[column]
            _write(target / spec.filename, current_header, current)
            copy.reverted.setdefault(spec.name, set()).update(columns)
            for column in columns:
                copy.injected.get(spec.name, set()).discard(column)
    return copy


def free_text_columns(spec: TableSpec, sample: dict[str, str]) -> list[str]:
    """Columns of `spec` whose model takes arbitrary text, probed on a valid `sample` row."""
    probe = "free text <with> [markup](here)"
    return [c for c in spec.columns if c != "id" and _accepts(spec, sample, c, probe)]


def read_table(folder: Path, spec: TableSpec) -> list[dict[str, str]]:
    return _read(Path(folder) / spec.filename)[1]
