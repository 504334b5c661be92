"""The loader and validator: real data loads clean; every kind of breakage is named exactly."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.schema import TABLES
from briefing.store import load_dataset
from tests.conftest import DATA, ROOT


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def rewrite_cell(folder: Path, table: str, row: int, column: str, value: str) -> int:
    """Set one cell (row 0 = first data row); return its line number in the file."""
    path = folder / f"{table}.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    rows[row][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return row + 2  # header is line 1; the curated files have no multi-line cells before


def test_real_data_loads_without_problems(dataset):
    assert dataset.errors == ()
    assert dataset.version != "unknown"
    assert dataset.as_of is not None
    for spec in TABLES:
        assert dataset.tables[spec.name], f"{spec.filename} has no rows"


def test_real_data_has_what_the_briefing_needs(dataset):
    assert {"ru-ir-2001", "ru-ir-2025", "dprk-ru-2024"} <= {t.id for t in dataset.treaties}
    assert len(dataset.events) >= 30
    names = {s.id for s in dataset.systems}
    assert {
        "f-4",
        "f-5",
        "f-14",
        "mig-29",
        "s-300",
        "s-400",
        "su-35",
        "shahed-136",
        "fath-360",
    } <= names


def test_cli_validate_real_data_prints_one_line_summary():
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and "treaties" in lines[0] and "as of" in lines[0]


def test_cli_usage_errors_exit_2():
    assert run_cli().returncode == 2
    assert run_cli("frobnicate").returncode == 2
    missing = run_cli("validate", "/no/such/folder")
    assert missing.returncode == 2 and "no such data folder" in missing.stderr
    assert "Traceback" not in missing.stderr


# ------------------------------------------------------------- broken copies
def _errors(folder: Path) -> list[str]:
    return [str(e) for e in load_dataset(folder).errors]


def test_missing_column_is_named(data_copy):
    path = data_copy / "systems.csv"
    text = path.read_text(encoding="utf-8").replace(",status_as_of", "", 1)
    path.write_text(text, encoding="utf-8")
    errors = _errors(data_copy)
    assert any(e.startswith("systems.csv:1: status_as_of: column is missing") for e in errors)


def test_bad_date_names_file_line_column_and_value(data_copy):
    line = rewrite_cell(data_copy, "events", 3, "date", "2024-02-30")
    errors = _errors(data_copy)
    assert f"events.csv:{line}: date: 2024-02 has no day 30 (value: '2024-02-30')" in errors


def test_bad_enum_lists_allowed_values(data_copy):
    line = rewrite_cell(data_copy, "systems", 0, "confidence", "pretty sure")
    errors = _errors(data_copy)
    hit = [e for e in errors if e.startswith(f"systems.csv:{line}: confidence:")]
    assert hit and "'confirmed'" in hit[0] and "pretty sure" in hit[0]


def test_duplicate_id_points_at_first_use(data_copy):
    first = list(csv.DictReader((data_copy / "events.csv").open(encoding="utf-8")))[0]["id"]
    line = rewrite_cell(data_copy, "events", 1, "id", first)
    errors = _errors(data_copy)
    assert f"events.csv:{line}: id: duplicate id; first used on line 2 (value: '{first}')" in errors


def test_dangling_source_id_is_reported(data_copy):
    line = rewrite_cell(data_copy, "provisions", 0, "source_ids", "no-such-source")
    errors = _errors(data_copy)
    assert (
        f"provisions.csv:{line}: source_ids: id 'no-such-source' is not in sources.csv "
        "(value: 'no-such-source')"
    ) in errors


def test_dangling_treaty_id_is_reported(data_copy):
    line = rewrite_cell(data_copy, "provisions", 0, "treaty_id", "ru-ir-1999")
    assert any(
        e.startswith(f"provisions.csv:{line}: treaty_id: id 'ru-ir-1999'")
        for e in _errors(data_copy)
    )


def test_all_problems_are_collected_not_just_the_first(data_copy):
    rewrite_cell(data_copy, "events", 0, "date", "yesterday")
    rewrite_cell(data_copy, "systems", 1, "status", "lost")
    (data_copy / "claims.csv").write_text("", encoding="utf-8")
    errors = _errors(data_copy)
    assert any(e.startswith("events.csv:2: date") for e in errors)
    assert any(e.startswith("systems.csv:3: status") for e in errors)
    assert any(e.startswith("claims.csv") and "empty" in e for e in errors)
    # the rest still loads
    assert len(load_dataset(data_copy).treaties) == len(load_dataset(DATA).treaties)


def test_empty_file(data_copy):
    (data_copy / "events.csv").write_bytes(b"")
    assert "events.csv: file is empty: it needs at least the header row" in _errors(data_copy)


def test_bom_and_crlf_are_accepted(data_copy):
    for spec in TABLES:
        path = data_copy / spec.filename
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    loaded = load_dataset(data_copy)
    assert loaded.errors == ()
    assert len(loaded.events) == len(load_dataset(DATA).events)


def test_garbage_bytes(data_copy):
    (data_copy / "systems.csv").write_bytes(b"id,name\n\x00\x01\xff\xfe garbage")
    errors = _errors(data_copy)
    assert any(e.startswith("systems.csv:2:") and "binary" in e for e in errors)


def test_wrong_encoding_names_the_line(data_copy):
    path = data_copy / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = lines[4].replace(",", ",caf\u00e9 ", 1)
    path.write_bytes("".join(lines).encode("latin-1", errors="replace"))
    errors = _errors(data_copy)
    assert any(e.startswith("events.csv:5:") and "UTF-8" in e for e in errors)


def test_unclosed_quote(data_copy):
    path = data_copy / "claims.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + 'cl-broken,"never closed\n', encoding="utf-8"
    )
    errors = _errors(data_copy)
    assert any(e.startswith("claims.csv:") and "never closed" in e for e in errors)


def test_huge_file_is_refused_with_a_message(data_copy):
    path = data_copy / "events.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    with path.open("w", encoding="utf-8") as handle:
        handle.write(header + "\n")
        filler = "x" * 1000 + "\n"
        for _ in range(50_000):
            handle.write(filler)
    errors = _errors(data_copy)
    assert any(e.startswith("events.csv:") and "MB" in e for e in errors)


def test_missing_datapackage_and_file(data_copy):
    (data_copy / "datapackage.json").unlink()
    (data_copy / "sources.csv").unlink()
    errors = _errors(data_copy)
    assert "sources.csv: file is missing from the data folder" in errors
    assert any(e.startswith("datapackage.json") for e in errors)


@pytest.mark.parametrize("breakage", ["column", "date", "garbage", "empty"])
def test_cli_names_file_and_line_and_exits_1(data_copy, breakage):
    if breakage == "column":
        path = data_copy / "treaties.csv"
        path.write_text(
            path.read_text(encoding="utf-8").replace("short_name", "shortname", 1), encoding="utf-8"
        )
        expected = "treaties.csv:1: short_name: column is missing"
    elif breakage == "date":
        line = rewrite_cell(data_copy, "treaties", 0, "signed", "12/03/2001")
        expected = f"treaties.csv:{line}: signed:"
    elif breakage == "garbage":
        (data_copy / "exchange.csv").write_bytes(bytes(range(256)) * 10)
        expected = "exchange.csv:"
    else:
        (data_copy / "statuses.csv").write_text("\n\n", encoding="utf-8")
        expected = "statuses.csv: file is empty"
    result = run_cli("validate", str(data_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert any(line.startswith(expected) for line in result.stdout.splitlines()), result.stdout


def test_frictionless_accepts_the_package():
    import frictionless

    report = frictionless.validate(str(DATA / "datapackage.json"))
    problems = [str(err) for task in report.tasks for err in task.errors][:10]
    assert report.valid, problems


def test_datapackage_matches_the_models():
    import json

    from briefing.datapackage import build_package

    committed = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert committed == build_package(), "run `python -m briefing datapackage` and commit"


def test_csv_headers_follow_the_documented_order():
    for spec in TABLES:
        header = next(csv.reader(io.StringIO((DATA / spec.filename).read_text("utf-8-sig"))))
        assert header == spec.columns, spec.filename


def test_loading_leaves_the_garbage_collector_as_it_found_it(data_copy):
    """Loading pauses the cyclic collector (it made validation cost grow with the data);
    the app's process must get it back, after good data and after broken data alike."""
    import gc

    assert gc.isenabled()
    load_dataset(ROOT / "data")
    assert gc.isenabled()
    (data_copy / "systems.csv").write_bytes(b"\x00\xff garbage")
    assert load_dataset(data_copy).errors
    assert gc.isenabled()
    gc.disable()
    try:
        load_dataset(ROOT / "data")
        assert not gc.isenabled(), "a caller that paused the collector keeps it paused"
    finally:
        gc.enable()


def test_the_record_says_how_far_it_reaches(data_copy):
    from briefing.store import reach_text

    dataset = load_dataset(data_copy)
    latest = max(
        (e.date for e in dataset.events if e.date.start <= dataset.as_of),
        key=lambda d: (d.start, d.end),
    )
    assert dataset.latest_event == latest
    text = reach_text(dataset)
    assert text.startswith(f"Data last checked {dataset.as_of.day} ")
    assert text.endswith(f"latest event recorded: {latest.human()}")
    # an event after the check date is not 'recorded' as reached
    path = data_copy / "events.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    rows[0]["date"] = "2099-01-01"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    assert load_dataset(data_copy).latest_event == latest
