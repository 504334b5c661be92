"""What a reader trusts: quotes are verbatim, corrected facts stay corrected, disputes stay shown.

The quote check needs the source texts in ../shared (present for the team and in CI,
absent on a user's machine, where it is skipped with that reason).
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from briefing.asof import status_on
from briefing.dates import PartialDate
from briefing.schema import Assessment, Confidence, Obligation
from tests.conftest import ARTICLES, FACTS

ARTICLE_FILES = {"tsitrin-2024": "tsitrin-2024.txt", "mishra-kumar-2025": "mishra-kumar-2025.txt"}
needs_shared = pytest.mark.skipif(
    not (ARTICLES.is_dir() and FACTS.is_file()),
    reason="../shared/articles and ../shared/reference/facts.md are not on this machine",
)


def _quotes(dataset):
    for provision in dataset.provisions:
        if provision.quote:
            yield "provisions", provision.id, provision.source_ids[0], provision.quote
    for claim in dataset.claims:
        if claim.quote:
            yield "claims", claim.id, claim.claimed_by, claim.quote


#: the sentences a curator read on a source's page, verbatim, for the quote check of
#: sources that are neither one of the two articles nor quoted in facts.md
EVIDENCE = Path(__file__).resolve().parent / "evidence" / "quotes.csv"


def _evidence() -> dict[str, str]:
    found: dict[str, list[str]] = {}
    with EVIDENCE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found.setdefault(row["source_id"], []).append(row["excerpt"])
    return {sid: "\n".join(parts) for sid, parts in found.items()}


def test_every_evidence_excerpt_names_a_real_source(dataset):
    with EVIDENCE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        assert dataset.source(row["source_id"]) is not None, row["source_id"]
        assert row["excerpt"].strip() and len(row["excerpt"]) <= 600, row["source_id"]


@needs_shared
def test_every_quote_is_verbatim_in_its_source(dataset):
    articles = {
        sid: (ARTICLES / name).read_text(encoding="utf-8") for sid, name in ARTICLE_FILES.items()
    }
    facts = FACTS.read_text(encoding="utf-8").replace("**", "")
    evidence = _evidence()
    checked, wrong = 0, []
    for table, row_id, source_id, quote in _quotes(dataset):
        haystack = articles.get(source_id) or (evidence.get(source_id, "") + "\n" + facts)
        checked += 1
        if quote not in haystack:
            wrong.append(f"{table}/{row_id} ({source_id}): {quote[:80]!r}")
    assert checked >= 30
    assert not wrong, "quotes not found verbatim:\n" + "\n".join(wrong)


@needs_shared
def test_every_article_quote_is_attributed_to_its_article(dataset):
    """A quote from one of the two articles must name that article as its source."""
    articles = {
        sid: (ARTICLES / name).read_text(encoding="utf-8") for sid, name in ARTICLE_FILES.items()
    }
    for claim in dataset.claims:
        if claim.quote and claim.claimed_by in articles:
            assert claim.quote in articles[claim.claimed_by], claim.id


def test_2001_treaty_keeps_its_correct_title_and_term(dataset):
    old = dataset.get("treaties", "ru-ir-2001")
    assert old.title.startswith("Treaty on the Basis for Mutual Relations")
    assert "Comprehensive Strategic Partnership" not in old.title
    assert old.articles == 21
    assert old.signed == PartialDate(2001, 3, 12)
    assert "10 years" in old.term and "5-year" in old.term


def test_2025_treaty_facts(dataset):
    new = dataset.get("treaties", "ru-ir-2025")
    assert new.articles == 47
    assert new.signed == PartialDate(2025, 1, 17)
    assert new.entered_into_force == PartialDate(2025, 10, 2)
    assert new.mutual_defence == "no"
    assert "20 years" in new.term


def test_defence_pledges_are_coded_as_the_texts_say(dataset):
    def strongest(treaty_id):
        from briefing.overview import strongest_pledge

        return strongest_pledge(dataset, treaty_id).obligation

    assert strongest("dprk-ru-2024") == Obligation.IMMEDIATE
    assert strongest("cn-kp-1961") == Obligation.IMMEDIATE
    assert strongest("ru-ir-2025") in {Obligation.NON_ASSISTANCE, Obligation.CONSULTATION}
    assert strongest("ru-ir-2001") == Obligation.NON_ASSISTANCE
    assert strongest("nato-1949") == Obligation.AS_DEEMED_NECESSARY
    assert strongest("us-jp-1960") == Obligation.CONSTITUTIONAL


def test_overview_and_treaties_page_name_the_same_strongest_clause(dataset):
    """A reader comparing the Overview's pledge figure with the Treaties page's card must
    see the same article and rung for every treaty, including when two clauses share a
    rung."""
    from briefing.overview import strongest_pledge
    from briefing.treaties import article_label, at_a_glance

    cards = at_a_glance(dataset, [t.id for t in dataset.treaties])
    assert len(cards) == len(dataset.treaties)
    for card in cards:
        pledge = strongest_pledge(dataset, card.treaty_id)
        if pledge is None:
            assert "No defence pledge" in card.pledge, card.treaty_id
        else:
            assert f"({article_label(pledge.article)}, rung" in card.pledge, card.treaty_id
            assert pledge.obligation.value in card.pledge, card.treaty_id


def test_known_errors_in_the_articles_are_recorded_as_claims(dataset):
    by_id = {claim.id: claim for claim in dataset.claims}
    assert by_id["cl-tsitrin-181-missiles"].assessment == Assessment.DISPUTED
    assert by_id["cl-mk-2001-treaty-title"].assessment == Assessment.CONTRADICTED
    assert by_id["cl-mk-jalali-remark-timing"].assessment == Assessment.CONTRADICTED
    assert by_id["cl-mk-no-collateral-damage"].assessment == Assessment.CONTRADICTED
    assert by_id["cl-mk-netanyahu-video-dating"].assessment == Assessment.CONTRADICTED
    assert by_id["cl-mk-s-400-su-35-keenness"].assessment == Assessment.DISPUTED


def test_contested_systems_are_not_shown_as_settled(dataset):
    assert dataset.get("systems", "s-400").confidence == Confidence.DISPUTED
    assert dataset.get("systems", "fath-360").confidence == Confidence.DISPUTED
    su35 = dataset.get("systems", "su-35")
    assert su35.status.value != "delivered"


def test_unknown_quantities_stay_unknown(dataset):
    for system in dataset.systems:
        if system.quantity_low is None and system.quantity_high is None:
            continue
        if system.quantity_low is not None and system.quantity_high is not None:
            assert system.quantity_low <= system.quantity_high, system.id
        assert system.quantity_note, f"{system.id}: a quantity needs a note saying what it counts"


def test_every_row_names_where_in_the_source(dataset):
    for name, rows in dataset.tables.items():
        for row in rows:
            if hasattr(row, "locator"):
                assert len(row.locator) >= 3, f"{name}/{row.id}"


def test_2001_treaty_status_follows_its_renewals(dataset):
    """2011 and 2016 renewals are dated only to the year; the 2021 row and the end still win."""

    def at(year, month, day):
        return status_on(dataset, "ru-ir-2001", date(year, month, day))

    before = at(2010, 1, 1)
    assert before.status == "signed" and before.next_text == "renewed in 2011"
    # inside the renewal year the day is not known: say so, do not guess
    inside = at(2011, 6, 1)
    assert inside.status == "signed" and "possibly renewed: dated only 2011" in inside.label
    first = at(2013, 6, 1)
    assert first.status == "renewed" and first.since == PartialDate(2011)
    assert "iranintl-old" in first.source_ids
    assert at(2018, 1, 1).since == PartialDate(2016)
    assert at(2022, 1, 1).since == PartialDate(2021, 3, 12)
    assert at(2025, 10, 2).status == "superseded"
    renewals = [
        change
        for change in dataset.statuses
        if change.subject_id == "ru-ir-2001" and change.date.precision == "year"
    ]
    assert [str(change.date) for change in renewals] == ["2011", "2016"]
    for change in renewals:
        assert change.confidence == Confidence.REPORTED
        assert "only the year" in change.note


def test_fath_360_transfer_stays_disputed_on_every_status_row(dataset):
    """Iran's denial has no named source in the fact base, so no denial row exists; the
    transfer itself must never read as settled."""
    rows = [c for c in dataset.statuses if c.subject_id in ("fath-360", "x-ballistic-missiles")]
    assert rows
    for change in rows:
        assert change.confidence == Confidence.DISPUTED, change.id
        assert "Iran denies" in change.note, change.id
