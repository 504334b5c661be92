"""`python -m briefing pdf`: exit codes and messages (never tracebacks), and the PDF."""

from __future__ import annotations

import subprocess
import sys

import pytest

from briefing.__main__ import main
from briefing.report import sections
from tests.conftest import ROOT
from tests.pdf_reading import content_text, pages_text

READY = list(sections.available())


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["pdf", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_builds_the_chosen_sections_as_of_a_date(tmp_path, capsys):
    target = tmp_path / "brief.pdf"
    code, out, err = run(
        capsys,
        "--out",
        str(target),
        "--sections",
        "treaties, overview",
        "--as-of",
        "2025-02-01",
        "--title",
        "Desk <b>#note</b>",
        "--audience",
        "Middle East desk",
        "--base-url",
        "https://briefing.example.org/",
    )
    assert code == 0, err
    assert f"wrote {target}" in out and "as of 2025-02-01" in out
    pdf = target.read_bytes()
    text = content_text(pdf)
    assert "Desk <b>#note</b>" in text  # literal, not markup
    assert "Prepared for: Middle East desk" in text
    assert "Overview" in text and "Treaty comparison" in text
    assert text.index("Overview") < text.index("Treaty comparison")  # briefing order
    assert "Military capabilities" not in text
    first = " ".join(pages_text(pdf)[0].split())
    assert "as of 1 February 2025" in first
    assert "View online: https://briefing.example.org/briefing?sections=overview" in first


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--sections", "treaties,nope"], "unknown or unavailable section(s): nope"),
        (["--as-of", "2025-13-40"], "--as-of: month 13 does not exist"),
        (["--as-of", "2025-02"], "is not a full day"),
        (["--as-of", "yesterday"], "is not a date"),
        (["--title", "x" * 121], "--title is 121 characters; the limit is 120"),
        (["--base-url", "javascript:alert(1)"], "is not an http(s) address"),
        (["--data", "/no/such/folder"], "no such data folder"),
    ],
)
def test_usage_errors_exit_2_with_a_message(tmp_path, capsys, argv, message):
    code, _out, err = run(capsys, "--out", str(tmp_path / "x.pdf"), *argv)
    assert code == 2
    assert message in err
    assert not (tmp_path / "x.pdf").exists()


def test_out_must_be_a_file_in_an_existing_folder(tmp_path, capsys):
    code, _out, err = run(capsys, "--out", str(tmp_path))
    assert code == 2 and "is a folder" in err
    code, _out, err = run(capsys, "--out", str(tmp_path / "missing" / "x.pdf"))
    assert code == 2 and "does not exist" in err


def test_missing_out_is_a_usage_error(capsys):
    assert main(["pdf"]) == 2
    assert "--out" in capsys.readouterr().err


def test_data_that_does_not_validate_exits_1(tmp_path, capsys, data_copy):
    path = data_copy / "treaties.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("ru-ir-2025", "RU IR", 1))
    code, _out, err = run(capsys, "--out", str(tmp_path / "x.pdf"), "--data", str(data_copy))
    assert code == 1
    assert "treaties.csv" in err and "problem(s)" in err
    assert not (tmp_path / "x.pdf").exists()


def test_as_of_after_the_data_is_clamped_with_a_note(tmp_path, capsys, dataset):
    target = tmp_path / "late.pdf"
    code, _out, err = run(
        capsys, "--out", str(target), "--sections", READY[0], "--as-of", "2099-01-01"
    )
    assert code == 0
    assert f"printing as of {dataset.as_of}" in err
    assert "Page 1 of" in pages_text(target.read_bytes())[0]


def test_python_dash_m_registers_the_command(tmp_path):
    """Under `python -m briefing` the module runs as __main__: pdf must still be there."""
    target = tmp_path / "m.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "pdf", "--out", str(target), "--sections", "zzz"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "unknown or unavailable section(s): zzz" in done.stderr
    assert "Traceback" not in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "pdf", "--out", str(target), "--sections", READY[0]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"%PDF-")
