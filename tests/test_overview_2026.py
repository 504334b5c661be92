"""The 2026 war in the briefing: the Overview's test passage, the record's reach, and the
judgements that rest on it."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest

from briefing import overview
from briefing.register import rests_on
from briefing.schema import Confidence
from briefing.store import load_dataset
from briefing.war import OPENING, SENTENCES, _sources

WAR_JUDGEMENTS = ("j-2026-war-test", "j-article-3-3-tested")


def test_each_sentence_carries_the_sources_of_the_rows_it_rests_on(dataset):
    war = overview.war_test(dataset)
    assert len(war.sentences) == len(SENTENCES) and war.note == ""
    for sentence in war.sentences:
        rows = [dataset.find(row_id)[1] for row_id in sentence.row_ids]
        expected = {sid for row in rows for sid in _sources(row)}
        assert set(sentence.source_ids) == expected
        order = list(Confidence)  # best attested first
        weakest = max((row.confidence for row in rows), key=order.index)
        assert sentence.confidence == weakest.value
    first = war.sentences[0].text
    assert dataset.get("events", OPENING).date.human() in first  # the date comes from the row
    assert any("unnamed" in s.text and s.confidence != "confirmed" for s in war.sentences)


def test_the_passage_rewinds_with_the_as_of_date(dataset):
    opening = dataset.get("events", OPENING).date.start
    before = overview.war_test(dataset, opening - timedelta(days=1))
    assert before.sentences == () and "no war on Iran had yet tested" in before.note
    early = overview.war_test(dataset, date(2026, 3, 5))
    assert 0 < len(early.sentences) < len(SENTENCES)
    assert "left out at this date" in early.note
    for sentence in early.sentences:
        for row_id in sentence.row_ids:
            row = dataset.find(row_id)[1]
            when = getattr(row, "date", None) or getattr(row, "claim_date", None)
            assert when is None or when.start <= date(2026, 3, 5)


def test_a_missing_row_costs_its_sentence_not_the_page(data_copy):
    path = data_copy / "events.csv"
    rows = [r for r in csv.DictReader(path.open(encoding="utf-8", newline=""))]
    kept = [r for r in rows if r["id"] != "ev-2026-04-07-hormuz-veto"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
    war = overview.war_test(load_dataset(data_copy))
    assert len(war.sentences) == len(SENTENCES) - 1
    assert all("Hormuz" not in s.text for s in war.sentences)


def test_the_record_says_plainly_where_it_stops(dataset):
    latest = dataset.latest_event
    notice = overview.reach_notice(dataset)
    assert notice.startswith(f"Latest event recorded: {latest.human()}. Nothing has been")
    assert dataset.as_of.strftime("%-d %B %Y") in notice
    assert overview.reach_notice(dataset, latest.start - timedelta(days=1)) == ""


@pytest.mark.parametrize("judgement_id", WAR_JUDGEMENTS)
def test_the_2026_judgements_rest_on_recorded_rows(dataset, judgement_id):
    judgement = dataset.get("judgements", judgement_id)
    assert judgement is not None
    rows = [dataset.find(row_id) for row_id in judgement.basis_ids]
    assert all(rows), [b for b, r in zip(judgement.basis_ids, rows, strict=True) if not r]
    events_2026 = [
        row for _table, row in rows if getattr(row, "date", None) and row.date.year == 2026
    ]
    assert events_2026, "a judgement about the 2026 war must rest on 2026 events"
    for event in events_2026:
        assert set(event.source_ids) & set(judgement.source_ids), event.id
    if judgement.confidence.value == "confirmed":
        assert rests_on(dataset, judgement.source_ids).can_confirm


def test_the_key_judgements_speak_of_2026(dataset):
    texts = " ".join(j.text for j in dataset.judgements)
    assert "2026" in texts and "Article 3(3)" in " ".join(j.title for j in dataset.judgements)
