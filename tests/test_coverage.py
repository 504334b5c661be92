"""The treaty record's coverage: what a reader is told the data holds of each treaty."""

from __future__ import annotations

import csv

from briefing.store import load_dataset
from briefing.treaties.coverage import article_number, briefed_coverage, coverage_text, ranges


def test_article_numbers_and_ranges():
    assert article_number("3(3)") == 3
    assert article_number("21") == 21
    assert article_number("preamble") is None
    assert article_number("unknown") is None
    assert article_number("II") is None
    assert ranges([1, 2, 3, 4, 6, 9, 10, 11, 12]) == "1–4, 6, 9–12"
    assert ranges([5]) == "5"
    assert ranges([]) == ""


def test_each_briefed_treaty_says_what_is_recorded_and_what_is_not(dataset):
    found = {c.treaty_id: c for c in briefed_coverage(dataset)}
    assert set(found) == {"ru-ir-2001", "ru-ir-2025", "dprk-ru-2024"}
    new = found["ru-ir-2025"]
    numbers = {
        int(p.article.split("(")[0])
        for p in dataset.provisions
        if p.treaty_id == "ru-ir-2025" and p.article[:1].isdigit()
    }
    assert set(new.recorded) == numbers
    assert len(new.recorded) + len(new.missing) == new.articles == 47
    assert 3 in new.recorded and 3 not in new.missing
    text = coverage_text(new)
    assert f"{len(numbers)} of its 47 articles are recorded here with their number" in text
    unnumbered = sum(
        1 for p in dataset.provisions if p.treaty_id == "ru-ir-2025" and p.article == "unknown"
    )
    assert f"{unnumbered} provisions are known only from reports" in text


def test_a_treaty_without_a_full_text_says_so(data_copy):
    path = data_copy / "sources.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    for row in rows:
        if row["kind"] == "treaty text":
            row["kind"] = "news report"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    dataset = load_dataset(data_copy)
    for coverage in briefed_coverage(dataset):
        assert coverage.full_text_ids == ()
        assert "No full text of it is in the source register." in coverage_text(coverage)
