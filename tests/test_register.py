"""The source register: date basis, copies, outlets and the confidence rule.

A curator who dates a source from its URL, marks a copy or labels a row 'confirmed'
gets told, with file, line and column, when the register does not bear it out.
"""

from __future__ import annotations

import csv
from pathlib import Path

from briefing.dates import PartialDate
from briefing.register import original, quality, rests_on
from briefing.store import load_dataset, url_shows_date
from tests.test_store import run_cli


def edit(folder: Path, table: str, row_id: str, **cells: str) -> int:
    """Set cells of the row with `row_id`; return its line number."""
    path = folder / f"{table}.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    line = None
    for index, row in enumerate(rows):
        if row["id"] == row_id:
            row.update(cells)
            line = index + 2
    assert line is not None, row_id
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return line


def add_outlet(folder: Path, outlet_id: str, name: str, kind: str, state: str = "") -> None:
    with (folder / "outlets.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            [outlet_id, name, state or "unknown", kind, state, "", "test", ""]
        )


def messages(folder: Path) -> list[str]:
    return [str(e) for e in load_dataset(folder).errors]


def first_source(folder: Path) -> str:
    with (folder / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return next(csv.DictReader(handle))["id"]


def test_url_dates_are_recognised_at_their_precision():
    day = PartialDate.parse("2025-04-08")
    assert url_shows_date("https://tass.com/20250408/x", day)
    assert url_shows_date("https://x.org/2025/04/08/story", day)
    assert url_shows_date("https://x.org/news/2025-04-08-story", day)
    assert not url_shows_date("https://x.org/news/2025/04/story", day)
    assert url_shows_date("https://x.org/news/2025/04/story", PartialDate.parse("2025-04"))
    assert not url_shows_date("https://x.org/news/story", PartialDate.parse("2025"))


def test_a_url_basis_the_url_does_not_show_is_an_error(data_copy):
    sid = first_source(data_copy)
    line = edit(
        data_copy,
        "sources",
        sid,
        published="2025-04-08",
        published_basis="url",
        url="https://example.org/news/story",
    )
    assert any(
        m.startswith(f"sources.csv:{line}: published:") and "url does not show 2025-04-08" in m
        for m in messages(data_copy)
    )


def test_an_inferred_date_needs_its_reasoning(data_copy):
    sid = first_source(data_copy)
    line = edit(data_copy, "sources", sid, published="2025-06", published_basis="inferred", note="")
    assert f"sources.csv:{line}: note: an inferred date needs its reasoning in the note" in (
        messages(data_copy)
    )


def test_a_basis_for_an_unknown_date_and_an_unknown_basis_are_errors(data_copy):
    sid = first_source(data_copy)
    line = edit(data_copy, "sources", sid, published="unknown", published_basis="stated")
    assert any(
        m.startswith(f"sources.csv:{line}: published_basis: a date basis is given")
        for m in messages(data_copy)
    )
    edit(data_copy, "sources", sid, published="2025", published_basis="guessed")
    assert any("published_basis" in m and "guessed" in m for m in messages(data_copy))


def test_copies_must_resolve_and_not_go_round(data_copy):
    with (data_copy / "sources.csv").open(encoding="utf-8", newline="") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)][:2]
    line = edit(data_copy, "sources", ids[0], copy_of="no-such-source")
    assert (
        f"sources.csv:{line}: copy_of: id 'no-such-source' is not in sources.csv "
        "(value: 'no-such-source')" in messages(data_copy)
    )
    edit(data_copy, "sources", ids[0], copy_of=ids[1])
    edit(data_copy, "sources", ids[1], copy_of=ids[0])
    assert any("copy_of goes round in a circle" in m for m in messages(data_copy))


def test_an_unknown_outlet_is_an_error(data_copy):
    sid = first_source(data_copy)
    line = edit(data_copy, "sources", sid, outlet_id="no-such-outlet")
    assert any(
        m.startswith(f"sources.csv:{line}: outlet_id: id 'no-such-outlet' is not in outlets.csv")
        for m in messages(data_copy)
    )


def test_a_copy_is_cited_through_its_original(data_copy):
    with (data_copy / "sources.csv").open(encoding="utf-8", newline="") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)][:2]
    edit(data_copy, "sources", ids[1], copy_of=ids[0])
    dataset = load_dataset(data_copy)
    assert dataset.ok
    assert original(dataset, ids[1]) == ids[0]
    # the copy and its original are one source, not two
    assert len(rests_on(dataset, [ids[0], ids[1]]).voices) == 1


def test_confirmed_needs_two_outlets_and_not_one_states_media(data_copy):
    add_outlet(data_copy, "ru-agency", "A Russian agency", "state media", "Russia")
    add_outlet(data_copy, "ru-ministry", "A Russian ministry", "government", "Russia")
    add_outlet(data_copy, "ir-agency", "An Iranian agency", "state media", "Iran")
    with (data_copy / "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["kind"] == "news report"][:3]
    a, b, c = (r["id"] for r in rows)
    edit(data_copy, "sources", a, outlet_id="ru-agency")
    edit(data_copy, "sources", b, outlet_id="ru-ministry")
    edit(data_copy, "sources", c, outlet_id="ir-agency")
    with (data_copy / "events.csv").open(encoding="utf-8", newline="") as handle:
        event = next(csv.DictReader(handle))["id"]

    def warned() -> list[str]:
        dataset = load_dataset(data_copy)
        assert dataset.ok  # the rule warns; it does not make the data invalid
        return [str(w) for w in dataset.warnings if w.value == event]

    edit(data_copy, "events", event, source_ids=a, confidence="confirmed")
    assert any("rests on one outlet (A Russian agency)" in w for w in warned())
    edit(data_copy, "events", event, source_ids=f"{a};{b}")
    assert any("state media or government of Russia" in w for w in warned())
    edit(data_copy, "events", event, source_ids=f"{a};{c}")
    assert warned() == []
    edit(data_copy, "events", event, source_ids=a, confidence="reported")
    assert warned() == []


def test_undated_sources_warn_without_failing(data_copy):
    sid = first_source(data_copy)
    line = edit(data_copy, "sources", sid, published="unknown", published_basis="")
    dataset = load_dataset(data_copy)
    assert dataset.ok
    assert any(
        str(w).startswith(f"sources.csv:{line}: published: undated source")
        for w in dataset.warnings
    )


def test_quality_figures_count_the_register(dataset):
    figures = quality(dataset)
    assert figures["sources"] == len(dataset.sources)
    dated = sum(1 for s in dataset.sources if isinstance(s.published, PartialDate))
    assert figures["dated"] == dated
    assert sum(figures["by_kind"].values()) == len(dataset.sources)


def test_validate_report_prints_the_register_figures():
    result = run_cli("validate", "--report")
    assert result.returncode == 0, result.stderr
    assert "dated:" in result.stdout and "state media:" in result.stdout
    assert "resting on one source:" in result.stdout
    assert "copies of another source:" in result.stdout


def test_sources_lines_put_the_original_first_and_mark_state_media(data_copy):
    from briefing.citations import cite_all, published_text

    add_outlet(data_copy, "ru-agency", "A Russian agency", "state media", "Russia")
    with (data_copy / "sources.csv").open(encoding="utf-8", newline="") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)][:2]
    edit(data_copy, "sources", ids[0], outlet_id="ru-agency")
    edit(data_copy, "sources", ids[1], copy_of=ids[0])
    dataset = load_dataset(data_copy)
    cited = cite_all(dataset, [ids[1]])
    assert [c.id for c in cited] == [ids[0], ids[1]]
    assert cited[0].marker == "state media, Russia"
    assert "(copy of " in cited[1].label
    assert published_text(PartialDate.parse("2025-06"), "inferred") == "c. June 2025"
    assert published_text(PartialDate.parse("2025-06-02"), "stated") == "2 June 2025"
    assert published_text("unknown") == "date unknown"
