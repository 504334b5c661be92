"""`python -m briefing search` and `cite`: exit codes, messages (never tracebacks), output."""

from __future__ import annotations

import json
import subprocess
import sys

import bibtexparser
import pytest
import rispy

from briefing.__main__ import main
from tests.conftest import DATA, ROOT
from tests.hostile_data import make_hostile_copy


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# ------------------------------------------------------------------ search
@pytest.mark.parametrize("typed", [["S400"], ["s", "400"], ["Shahed 136"], ["sanction*"]])
def test_search_finds_and_exits_0(capsys, typed):
    code, out, err = run(capsys, "search", *typed)
    assert code == 0, err
    assert "result" in out.splitlines()[-1]
    assert "«" in out and "»" in out  # matched words are marked


def test_search_shows_groups_snippets_and_links(capsys):
    code, out, _err = run(capsys, "search", "S-400")
    assert code == 0
    assert "Military systems (1)" in out
    assert "«S-400»" in out
    assert "/capabilities?system=s-400" in out


def test_search_russian_word(capsys):
    code, out, _err = run(capsys, "search", "продлеваться", "--kind", "provisions")
    assert code == 0
    assert "Treaty provisions (1)" in out and "«продлеваться»" in out


def test_nothing_found_exits_1(capsys):
    code, out, _err = run(capsys, "search", "zzqqxx")
    assert code == 1
    assert "0 results." in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search", "S400", "--kind", "bogus"], "unknown --kind bogus"),
        (["search", "S400", "--as-of", "2025-13-01"], "--as-of"),
        (["search", "S400", "--as-of", "yesterday"], "--as-of"),
        (["search", "S400", "--limit", "0"], "--limit"),
        (["search", "*"], "give at least one word"),
        (["search", "   "], "give at least one word"),
        (["search", "S400", "--data", "/no/such/folder"], "no such data folder"),
        (["search"], ""),
    ],
)
def test_search_usage_errors_exit_2(capsys, argv, message):
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert message in err


def test_search_notices_go_to_stderr(capsys):
    code, out, err = run(capsys, "search", "NEAR(S400")
    assert code == 0
    assert "note: 'NEAR(' was read as a word." in err
    assert "NEAR" not in out.split("\n", 1)[1]


def test_search_json(capsys):
    code, out, _err = run(capsys, "search", "S400", "--json", "--as-of", "2010-01-01")
    assert code == 0
    data = json.loads(out)
    assert data["terms"] == ['"s 400"'] and data["as_of"] == "2010-01-01"
    systems = next(g for g in data["groups"] if g["kind"] == "systems")
    hit = systems["results"][0]
    assert hit["id"] == "s-400" and hit["later"] is True
    assert ["S-400", True] in hit["title_pieces"]
    assert hit["href"] == "/capabilities?system=s-400&as_of=2010-01-01"
    assert data["counts"]["systems"] == 1


def test_search_json_nothing_found(capsys):
    code, out, _err = run(capsys, "search", "zzqqxx", "--json")
    assert code == 1
    assert json.loads(out)["total"] == 0


def test_search_on_hostile_data_prints_no_control_characters(capsys, tmp_path):
    copy = make_hostile_copy(DATA, tmp_path / "data")
    code, out, _err = run(capsys, "search", "HOSTILE-BIDI", "--data", str(copy.folder))
    assert code == 0
    assert "HOSTILE-CONTROL" in out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out


# ------------------------------------------------------------------ cite
def test_cite_the_whole_register_in_three_formats(capsys, dataset):
    ids = [s.id for s in dataset.sources]
    code, out, _err = run(capsys, "cite", "--format", "bibtex")
    assert code == 0
    assert [e.key for e in bibtexparser.parse_string(out).entries] == ids
    code, out, _err = run(capsys, "cite", "--format", "ris")
    assert code == 0 and [e["id"] for e in rispy.loads(out)] == ids
    code, out, _err = run(capsys, "cite", "--format", "csl-json")
    assert code == 0 and [e["id"] for e in json.loads(out)] == ids


def test_cite_chosen_sources(capsys):
    code, out, _err = run(
        capsys, "cite", "--format", "ris", "--source", "tsitrin-2024", "lawmix-23001"
    )
    assert code == 0
    assert [e["id"] for e in rispy.loads(out)] == ["tsitrin-2024", "lawmix-23001"]


def test_cite_a_view_with_its_sources(capsys):
    url = "https://briefing.example.org/capabilities?system=s-400"
    code, out, _err = run(
        capsys, "cite", "--format", "csl-json", "--view", url, "--accessed", "2026-12-01"
    )
    assert code == 0
    entries = json.loads(out)
    assert entries[0]["type"] == "webpage" and entries[0]["URL"] == url
    assert entries[0]["accessed"] == {"date-parts": [[2026, 12, 1]]}
    assert len(entries) > 1 and all(e["type"] != "webpage" for e in entries[1:])


def test_cite_a_view_with_a_bad_as_of_says_so(capsys):
    code, _out, err = run(capsys, "cite", "--format", "ris", "--view", "/timeline?as_of=soon")
    assert code == 0
    assert "note:" in err and "not a date" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["cite", "--format", "xml"], "invalid choice"),
        (["cite"], "--format"),
        (["cite", "--format", "ris", "--source", "no-such-source"], "not in sources.csv"),
        (["cite", "--format", "ris", "--view", "/admin"], "is not a view of this app"),
        (["cite", "--format", "ris", "--view", "javascript:alert(1)"], "--view"),
        (["cite", "--format", "ris", "--view", "/", "--source", "x"], "not allowed with"),
        (["cite", "--format", "ris", "--accessed", "2026-02-30"], "--accessed"),
        (["cite", "--format", "ris", "--data", "/no/such/folder"], "no such data folder"),
    ],
)
def test_cite_usage_errors_exit_2(capsys, argv, message):
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert message in err


def test_cite_refuses_data_that_does_not_validate(capsys, data_copy):
    (data_copy / "sources.csv").write_text("id,title\nbroken,\n", encoding="utf-8")
    code, out, err = run(capsys, "cite", "--format", "ris", "--data", str(data_copy))
    assert code == 1 and not out
    assert "problem(s)" in err


def test_the_module_runs_as_a_program():
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "search", "Fath", "360"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={"PYTHONIOENCODING": "ascii", "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    assert "Fath-360" in done.stdout and "Traceback" not in done.stderr
