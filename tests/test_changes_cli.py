"""`python -m briefing changes` and `pdf --since`: exit codes, notices on stderr (never
tracebacks), the acceptance case as text and JSON, and hostile data printed clean."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from briefing.__main__ import main
from briefing.text import BIDI_CONTROLS
from tests.conftest import DATA, ROOT
from tests.hostile_data import make_hostile_copy
from tests.pdf_reading import content_text, squash

ACCEPTANCE = ["--since", "2025-01-17", "--as-of", "2025-10-03"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_the_acceptance_case_prints_the_digest_and_the_lists(capsys):
    code, out, err = run(capsys, "changes", *ACCEPTANCE)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "What changed since 17 January 2025"
    assert lines[1].startswith("After 17 January 2025, up to and including 3 October 2025")
    digest = out[out.index("Digest") : out.index("Status changes (")]
    assert "ratified by both on 21 May 2025 and entered into force on 2 October 2025" in digest
    assert "irna-85859181" in digest and "indiathisweek" in digest
    assert re.search(
        r"2025-05-21\s+Russia–Iran 2025 treaty \(treaty\): ratified by Russia → ratified by both",
        out,
    )
    assert re.search(
        r"2025-10-02\s+Russia–Iran 2025 treaty \(treaty\): ratified by both → in force", out
    )
    assert "(not recorded) → launched" in out
    assert "Claims whose assessment changed (0)" in out
    assert "2025-01-17" not in out.split("Events (")[1].split("Claims")[0]  # since is exclusive


def test_json_carries_the_same_window_and_sources(capsys):
    code, out, _err = run(capsys, "changes", *ACCEPTANCE, "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["since"], data["until"], data["preset"]) == ("2025-01-17", "2025-10-03", "signing")
    assert data["since_is_exclusive"] is True and data["notices"] == []
    first = data["digest"][0]
    assert "entered into force on 2 October 2025" in first["text"]
    assert "irna-85859181" in first["source_ids"]
    in_force = next(s for s in data["status_changes"] if s["row_id"] == "st-ru-ir-2025-6")
    assert (in_force["before_text"], in_force["status"], in_force["when"]) == (
        "ratified by both",
        "in force",
        "2025-10-02",
    )
    month = next(e for e in data["events"] if e["id"] == "ev-2025-03-treaty-submitted-to-duma")
    assert month["when"] == "2025-03" and month["precision"] == "month"
    assert data["counts"]["sources"] == len(data["sources"])


def test_a_preset_name_works_as_since(capsys):
    code, out, _err = run(capsys, "changes", "--since", "signing", "--as-of", "2025-10-03")
    assert code == 0 and out.startswith("What changed since 17 January 2025")
    code, out, _err = run(capsys, "changes", "--as-of", "2025-10-03")  # the default
    assert code == 0 and out.startswith("What changed since 17 January 2025")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--since", "yesterday"], "--since: 'yesterday' is not a date"),
        (["--since", "2025-02-30"], "--since: 2025-02 has no day 30"),
        (["--since", "2025-01"], "--since: '2025-01' is not a full day"),
        (["--as-of", "2025-13-01"], "--as-of: month 13 does not exist"),
        (["--data", "/nonexistent/folder"], "no such data folder"),
    ],
)
def test_usage_errors_exit_2_with_a_message(capsys, argv, message):
    code, _out, err = run(capsys, "changes", *argv)
    assert code == 2 and message in err


def test_an_unknown_option_exits_2(capsys):
    code, _out, err = run(capsys, "changes", "--sinse", "2025-01-01")
    assert code == 2 and "unrecognized arguments" in err


@pytest.mark.parametrize(
    ("argv", "notice", "heading"),
    [
        (
            ["--since", "2025-12-01", "--as-of", "2025-10-03"],
            "is not before the as-of date 2025-10-03",
            "What changed since 17 January 2025",
        ),
        (["--since", "1900-01-01", "--as-of", "2025-10-03"], "before the data begins", None),
        (
            ["--since", "2025-01-17", "--as-of", "2099-01-01"],
            "after the data's own as-of date",
            "What changed since 17 January 2025",
        ),
    ],
)
def test_readable_but_out_of_range_dates_give_a_notice_and_exit_0(capsys, argv, notice, heading):
    code, out, err = run(capsys, "changes", *argv)
    assert code == 0
    assert err.startswith("note: ") and notice in err
    if heading:
        assert out.startswith(heading)


def test_the_module_runs_as_a_program():
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "changes", *ACCEPTANCE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "entered into force on 2 October 2025" in done.stdout


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-cli") / "data"
    make_hostile_copy(DATA, folder)
    return folder


def test_hostile_data_prints_clean_text_and_valid_json(capsys, hostile):
    code, out, err = run(capsys, "changes", *ACCEPTANCE, "--data", str(hostile))
    assert code == 0, err
    assert not set(out) & BIDI_CONTROLS
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", out)
    assert "HOSTILE-CONTROL" in out and "<b>HOSTILE-BOLD</b>" in out  # literal text
    code, out, _err = run(capsys, "changes", *ACCEPTANCE, "--data", str(hostile), "--json")
    assert code == 0
    data = json.loads(out)
    assert out.isascii()  # control and bidi characters travel escaped
    assert any("<script>" in e["title"] for e in data["events"])


# ------------------------------------------------------------------ pdf --since
def test_pdf_since_adds_the_section(tmp_path, capsys):
    target = tmp_path / "brief.pdf"
    code, out, err = run(capsys, "pdf", "--out", str(target), "--sections", "overview", *ACCEPTANCE)
    assert code == 0, err
    assert "changes since 2025-01-17" in out
    text = content_text(target.read_bytes())
    assert "What changed since 17 January 2025" in text
    assert squash(
        "ratified by both on 21 May 2025 and entered into force on 2 October 2025"
    ) in squash(text)


def test_pdf_since_bad_dates(tmp_path, capsys):
    target = tmp_path / "brief.pdf"
    code, _out, err = run(capsys, "pdf", "--out", str(target), "--since", "soon")
    assert code == 2 and "--since: 'soon' is not a date" in err and not target.exists()
    code, _out, err = run(
        capsys,
        "pdf",
        "--out",
        str(target),
        "--sections",
        "overview",
        "--since",
        "2025-12-01",
        "--as-of",
        "2025-10-03",
    )
    assert code == 0 and "note: --since: The since date 2025-12-01 is not before" in err
    assert "What changed since 17 January 2025" in content_text(target.read_bytes())
