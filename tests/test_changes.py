"""What changed between two days: the window, its boundaries, dates known only to the
month, status changes from → to, claim assessments, new sources, the digest, the state
parsed from a link (bad dates included), and hostile text."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from briefing import asof, changes
from briefing.changes import state as st
from briefing.changes.changes import AFTER_EDGE, BEFORE_EDGE, BEGAN_BEFORE, UNDER_WAY
from briefing.dates import PartialDate
from briefing.store import load_dataset
from briefing.text import BIDI_CONTROLS
from tests.conftest import DATA
from tests.hostile_data import make_hostile_copy

SIGNING = date(2025, 1, 17)
AS_OF = date(2025, 10, 3)


def view(dataset, since, as_of=AS_OF):
    return changes.build_view(dataset, {"since": since, "as_of": as_of})


def step(found, subject_id, status):
    return next(s for s in found.statuses if s.subject_id == subject_id and s.status == status)


def event_ids(found) -> set[str]:
    return {e.id for e in found.events}


def _edit(folder: Path, filename: str, edit) -> None:
    path = folder / filename
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    rows = edit(rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


# ------------------------------------------------------------------ the acceptance case
def test_since_the_signing_shows_the_ratifications_and_entry_into_force(dataset):
    found = view(dataset, "signing")
    assert found.state.since == SIGNING and found.state.until == AS_OF
    assert found.state.preset == "signing" and found.state.notices == ()
    ratified = step(found.changes, "ru-ir-2025", "ratified by Russia")
    both = step(found.changes, "ru-ir-2025", "ratified by both")
    in_force = step(found.changes, "ru-ir-2025", "in force")
    assert ratified.before == "approved by Federation Council"
    assert both.before == "ratified by Russia" and in_force.before == "ratified by both"
    assert "irna-85859181" in both.source_ids
    assert {"indiathisweek", "newsarenaindia"} <= set(in_force.source_ids)
    # the since day is not in the window: the signing is what the reader was briefed on
    assert not any(
        s.status == "signed" and s.subject_id == "ru-ir-2025" for s in found.changes.statuses
    )
    assert "ev-2025-01-17-ru-ir-2025-signed" not in event_ids(found.changes)
    assert {"ev-2025-05-21-majlis-ratifies", "ev-2025-10-02-ru-ir-2025-in-force"} <= event_ids(
        found.changes
    )
    first = found.digest[0]
    assert first.text.startswith("Between 17 January 2025 and 3 October 2025, the Russia–Iran 2025")
    for words in (
        "ratified by Russia on 21 April 2025",
        "ratified by both on 21 May 2025",
        "entered into force on 2 October 2025",
    ):
        assert words in first.text
    assert {"irna-85810091", "irna-85859181", "indiathisweek"} <= set(first.source_ids)
    assert "st-ru-ir-2025-6" in first.row_ids


def test_the_signing_preset_reads_the_treaty_row_not_a_constant(data_copy):
    def move(rows):
        for row in rows:
            if row["id"] == "ru-ir-2025":
                row["signed"] = "2025-01-18"
        return rows

    _edit(data_copy, "treaties.csv", move)
    moved = load_dataset(data_copy)
    preset = next(p for p in st.presets(moved, AS_OF) if p.key == "signing")
    assert preset.day == date(2025, 1, 18)
    assert "18 January 2025" in preset.basis
    assert changes.parse_state(moved, {"as_of": AS_OF}).since == date(2025, 1, 18)


def test_every_item_carries_sources_that_exist(dataset):
    found = view(dataset, "2001-01-01", dataset.as_of).changes
    items = [*found.events, *found.statuses, *found.claims, *found.sources]
    assert items
    for item in items:
        ids = getattr(item, "all_source_ids", None) or item.source_ids
        assert ids, item
        assert all(dataset.source(i) is not None for i in ids), item


# ------------------------------------------------------------------ boundaries
@pytest.mark.parametrize(
    ("since", "until", "inside"),
    [
        (date(2025, 4, 8), AS_OF, False),  # since is exclusive
        (date(2025, 4, 7), AS_OF, True),
        (date(2025, 1, 1), date(2025, 4, 8), True),  # until (the as-of date) is inclusive
        (date(2025, 1, 1), date(2025, 4, 7), False),
    ],
)
def test_the_since_day_is_out_and_the_as_of_day_is_in(dataset, since, until, inside):
    found = changes.changes_between(dataset, since, until)
    assert ("ev-2025-04-08-duma-ratifies" in event_ids(found)) is inside
    duma = [s for s in found.statuses if s.row_id == "st-ru-ir-2025-2"]
    assert bool(duma) is inside
    assert ("tass-1940345" in {s.id for s in found.sources}) is inside
    if inside:
        assert (
            found.events
            and not next(e for e in found.events if e.id == "ev-2025-04-08-duma-ratifies").edges
        )


def test_an_empty_or_reversed_window_lists_nothing(dataset):
    assert changes.changes_between(dataset, AS_OF, AS_OF).empty
    assert changes.changes_between(dataset, AS_OF, SIGNING).empty
    found = changes.changes_between(dataset, AS_OF, AS_OF)
    (sentence,) = changes.digest(dataset, found)
    assert "nothing in the data is dated" in sentence.text and sentence.source_ids == ()


# ------------------------------------------------------------------ dates known to the month
def test_a_month_dated_event_counts_when_its_month_overlaps_and_says_so(dataset):
    submitted = "ev-2025-03-treaty-submitted-to-duma"  # dated only March 2025
    found = changes.changes_between(dataset, date(2025, 3, 15), date(2025, 4, 30))
    event = next(e for e in found.events if e.id == submitted)
    assert event.edges == (BEFORE_EDGE,) and event.date_text == "March 2025"
    assert "dated only March 2025: may fall on or before 15 March 2025" in event.placement
    # the month over before the window opens: out
    assert submitted not in event_ids(changes.changes_between(dataset, date(2025, 3, 31), AS_OF))
    # the month still running on the as-of day: in, possibly after it
    late = changes.changes_between(dataset, date(2025, 2, 28), date(2025, 3, 15))
    event = next(e for e in late.events if e.id == submitted)
    assert event.edges == (AFTER_EDGE,)
    assert "may fall after the as-of date (15 March 2025)" in event.placement
    # inside a wider window it is surely in, and shown as the month, never as a day
    wide = next(
        e for e in changes.changes_between(dataset, SIGNING, AS_OF).events if e.id == submitted
    )
    assert wide.edges == () and wide.precision == "month" and wide.date_text == "March 2025"


def test_a_month_dated_status_step_and_source(dataset):
    found = changes.changes_between(dataset, date(2025, 3, 10), AS_OF)
    belarus = next(s for s in found.statuses if s.row_id == "st-ru-by-2024-4")
    assert belarus.date_text == "March 2025" and belarus.edges == (BEFORE_EDGE,)
    # a source dated only to a month, read from whatever the register holds
    month = next(
        s
        for s in dataset.sources
        if isinstance(s.published, PartialDate) and s.published.precision == "month"
    )
    inside = month.published.start + timedelta(days=9)
    until = month.published.end + timedelta(days=30)
    source = next(
        s for s in changes.changes_between(dataset, inside, until).sources if s.id == month.id
    )
    assert source.edges == (BEFORE_EDGE,)
    assert f"dated only {month.published.human()}" in source.placement
    after = changes.changes_between(dataset, month.published.end, until).sources
    assert month.id not in {s.id for s in after}


def test_an_event_spanning_days_is_marked_when_it_crosses_an_edge(dataset):
    war = "ev-2025-06-13-israel-iran-war"  # 13-24 June 2025
    begun = changes.changes_between(dataset, date(2025, 6, 15), AS_OF)
    assert next(e for e in begun.events if e.id == war).edges == (BEGAN_BEFORE,)
    running = changes.changes_between(dataset, date(2025, 6, 1), date(2025, 6, 20))
    event = next(e for e in running.events if e.id == war)
    assert event.edges == (UNDER_WAY,) and event.date_text == "13–24 June 2025"


# ------------------------------------------------------------------ status changes
def test_from_is_the_status_the_day_before_via_asof(dataset):
    found = changes.changes_between(dataset, SIGNING, AS_OF)
    for item in found.statuses:
        before = asof.status_on(dataset, item.subject_id, item.when.start - timedelta(days=1))
        assert item.before == before.status, item
    superseded = step(found, "ru-ir-2001", "superseded")
    assert superseded.before == "renewed" and superseded.changed
    assert "iranintl-old" in superseded.before_source_ids  # the old status's own sources


def test_a_first_recorded_status_shows_not_recorded(dataset):
    found = changes.changes_between(dataset, SIGNING, AS_OF)
    nahid = step(found, "sat-nahid-2", "launched")
    assert nahid.before is None and nahid.before_text == "(not recorded)"
    signed = step(
        changes.changes_between(dataset, date(2025, 1, 16), AS_OF), "ru-ir-2025", "signed"
    )
    assert signed.before_text == "(not recorded)"


def test_a_restated_status_is_listed_as_no_change(dataset):
    found = changes.changes_between(dataset, SIGNING, AS_OF)
    pact = next(s for s in found.statuses if s.row_id == "st-x-defence-pact-2")
    assert pact.before == pact.status == "not granted" and not pact.changed
    assert any(
        "restated as “not granted”" in s.text and "(no change)" in s.text
        for s in view(dataset, "signing").digest
    )


def test_statuses_as_of_a_row_are_not_changes(dataset):
    """A system's status_as_of says when a status was last known to hold, not when it began."""
    found = changes.changes_between(dataset, date(1900, 1, 1), dataset.as_of)
    rows = {s.id for s in dataset.statuses}
    treaties = {t.id for t in dataset.treaties}
    for item in found.statuses:
        assert item.row_id in rows or item.subject_id in treaties


# ------------------------------------------------------------------ claims
def test_the_data_dates_the_re_checked_assessments(dataset):
    # the 2026 re-check changed two assessments; statuses.csv dates both (issue 13)
    found = changes.changes_between(dataset, date(1900, 1, 1), dataset.as_of).claims
    steps = {(c.claim_id, c.assessment): c for c in found}
    no_shield = steps[("cl-tsitrin-russia-no-shield", "borne out")]
    assert no_shield.date_text == "5 March 2026" and "360-peskov-2026-03-05" in no_shield.source_ids
    su_35 = steps[("cl-etemad-su-35-imminent", "not borne out")]
    assert su_35.date_text == "19 February 2026" and "eurocom-2026-02-19-forbes" in su_35.source_ids
    claims = {c.id: c for c in dataset.claims}
    for item in found:  # a dated step ends on the assessment claims.csv carries today
        later = [c for c in found if c.claim_id == item.claim_id and c.when.start > item.when.start]
        if not later:
            assert claims[item.claim_id].assessment.value == item.assessment


def test_without_dated_assessments_the_section_says_what_would_date_them(data_copy):
    def drop(rows):
        claim_ids = {r["id"] for r in csv.DictReader((data_copy / "claims.csv").open())}
        return [r for r in rows if r["subject_id"] not in claim_ids]

    _edit(data_copy, "statuses.csv", drop)
    bare = load_dataset(data_copy)
    assert changes.changes_between(bare, date(1900, 1, 1), bare.as_of).claims == ()
    section = changes.report_section(bare, {"since": "signing", "as_of": AS_OF})
    texts = [getattr(b, "text", "") for b in section.blocks]
    assert any("0 such rows" in t and "status table naming the claim" in t for t in texts)


def test_a_statuses_row_for_a_claim_dates_its_assessment(data_copy):
    def add(rows):
        base = {key: "" for key in rows[0]}
        return rows + [
            {
                **base,
                "id": "st-claim-test-1",
                "subject_id": "cl-jalali-treaty-in-force-july-2025",
                "date": "2025-07-18",
                "status": "open",
                "source_ids": "intellinews",
                "locator": "test row",
                "confidence": "reported",
            },
            {
                **base,
                "id": "st-claim-test-2",
                "subject_id": "cl-jalali-treaty-in-force-july-2025",
                "date": "2025-10",
                "status": "contradicted",
                "note": "test: the formal date came later",
                "source_ids": "indiathisweek",
                "locator": "test row",
                "confidence": "confirmed",
            },
        ]

    _edit(data_copy, "statuses.csv", add)
    edited = load_dataset(data_copy)
    assert edited.ok, edited.errors[:3]
    found = changes.changes_between(edited, SIGNING, date(2025, 10, 31))
    first, second = [c for c in found.claims if c.claim_id == "cl-jalali-treaty-in-force-july-2025"]
    assert (first.before_text, first.assessment) == ("(not recorded)", "open")
    assert (second.before, second.assessment) == ("open", "contradicted")
    assert second.date_text == "October 2025" and second.all_source_ids == (
        "indiathisweek",
        "intellinews",
    )
    assert not [s for s in found.statuses if s.subject_kind == "claim"]
    phrase = (
        "was first recorded as “open” on 18 July 2025 (reported), "
        "then “contradicted” in October 2025"
    )
    sentence = next(s for s in changes.digest(edited, found) if phrase in s.text)
    assert "indiathisweek" in sentence.source_ids and "st-claim-test-2" in sentence.row_ids


# ------------------------------------------------------------------ the digest
def test_the_digest_only_restates_rows_and_cites_them(dataset):
    result = view(dataset, "2024-01-01", dataset.as_of)
    found = result.changes
    cited = {
        i
        for item in (*found.events, *found.statuses, *found.claims, *found.sources)
        for i in (getattr(item, "all_source_ids", None) or item.source_ids)
    }
    assert 2 <= len(result.digest) <= 10
    for sentence in result.digest:
        assert sentence.source_ids and set(sentence.source_ids) <= cited, sentence.text
        assert sentence.row_ids
        assert sentence.text.endswith(".")
    # every event is either a treaty step or counted by theme
    events_text = next(s for s in result.digest if "by theme" in s.text)
    untied = [e for e in found.events if not e.treaty_id]
    assert events_text.text.split(",")[0].endswith(f"{len(untied)} other events are recorded")
    assert view(dataset, "2024-01-01", dataset.as_of).digest == result.digest  # deterministic


def test_treaty_steps_make_one_sentence_per_treaty(dataset):
    result = view(dataset, "signing")
    belarus = [s for s in result.digest if "Russia–Belarus 2024 treaty went from" in s.text]
    assert len(belarus) == 1
    assert "was ratified by Belarus in March 2025" in belarus[0].text
    assert (
        sum("the russia–iran 2025 treaty went from" in s.text.lower() for s in result.digest) == 1
    )


# ------------------------------------------------------------------ state
def test_no_since_is_the_signing_preset(dataset):
    parsed = changes.parse_state(dataset, {"as_of": AS_OF})
    assert (parsed.since, parsed.preset, parsed.notices) == (SIGNING, "signing", ())
    assert changes.parse_state(dataset, {}).until == dataset.as_of


def test_presets_come_from_the_data(dataset):
    by_key = {p.key: p for p in st.presets(dataset, AS_OF)}
    treaty = dataset.get("treaties", "ru-ir-2025")
    assert by_key["signing"].day == treaty.signed.end
    assert by_key["in-force"].day == treaty.entered_into_force.end == date(2025, 10, 2)
    # 90 days before the latest event recorded by the as-of date (2 October 2025)
    assert by_key["last-90-days"].day == date(2025, 10, 2) - timedelta(days=90)
    latest = dataset.latest_event
    recent = {p.key: p for p in st.presets(dataset, dataset.as_of)}["last-90-days"]
    assert recent.day == latest.end - timedelta(days=90)
    assert all(p.available for p in by_key.values())


def test_a_preset_the_as_of_date_does_not_allow_falls_back_with_a_notice(dataset):
    parsed = changes.parse_state(dataset, {"since": "in-force", "as_of": date(2025, 6, 1)})
    assert parsed.since == SIGNING and parsed.preset == "signing"
    (notice,) = parsed.notices
    assert "'since entry into force' cannot be used" in notice and "2 October 2025" in notice
    early = changes.parse_state(dataset, {"as_of": date(2024, 6, 1)})
    assert early.preset == "last-90-days" and early.since < date(2024, 6, 1)


@pytest.mark.parametrize(
    "garbage", ["yesterday", "2025-13-01", "<script>", "x" * 500, "2025-02-30"]
)
def test_garbage_gives_the_default_and_a_notice(dataset, garbage):
    parsed = changes.parse_state(dataset, {"since": garbage, "as_of": AS_OF})
    assert parsed.since == SIGNING and parsed.preset == "signing"
    (notice,) = parsed.notices
    assert "is not a date" in notice and "since the 2025 signing" in notice
    assert len(notice) < 300
    assert not changes.accepts_since(garbage)


def test_a_since_after_the_as_of_date_is_not_swapped(dataset):
    for since in ("2025-12-01", "2025-10-03"):
        parsed = changes.parse_state(dataset, {"since": since, "as_of": AS_OF})
        assert (parsed.since, parsed.until) == (SIGNING, AS_OF)
        (notice,) = parsed.notices
        assert f"The since date {since} is not before the as-of date 2025-10-03" in notice


def test_a_since_before_the_data_is_clamped_and_everything_counts(dataset):
    parsed = changes.parse_state(dataset, {"since": "1800-01-01", "as_of": AS_OF})
    begins = st.data_begins(dataset)
    assert parsed.since == begins.start - timedelta(days=1)
    (notice,) = parsed.notices
    assert "before the data begins" in notice and begins.human() in notice
    found = changes.changes_between(dataset, parsed.since, parsed.until)
    assert len(found.events) == sum(1 for e in dataset.events if e.date.start <= AS_OF)


def test_an_as_of_after_the_data_is_clamped_with_a_notice(dataset):
    parsed = changes.parse_state(dataset, {"since": "2025-01-17", "as_of": date(2099, 1, 1)})
    assert parsed.until == dataset.as_of
    assert any("after the data's own as-of date" in n for n in parsed.notices)
    text = changes.parse_state(dataset, {"since": "2025-01-17", "as_of": "2099-01-01"})
    assert text.until == dataset.as_of and text.notices


def test_a_since_after_every_dated_row_says_the_window_is_empty(data_copy):
    import json

    package = data_copy / "datapackage.json"
    meta = json.loads(package.read_text(encoding="utf-8"))
    dataset = load_dataset(data_copy)
    ends = st.data_ends(dataset)
    since = ends.end + timedelta(days=1)
    meta["as_of"] = (since + timedelta(days=30)).isoformat()  # data checked after its end
    package.write_text(json.dumps(meta), encoding="utf-8")
    dataset = load_dataset(data_copy)
    parsed = changes.parse_state(dataset, {"since": since.isoformat()})
    assert parsed.since == since
    assert any("Nothing in the data is dated after" in n for n in parsed.notices)
    assert changes.changes_between(dataset, parsed.since, parsed.until).empty


def test_link_values_lists_and_query(dataset):
    parsed = changes.parse_state(dataset, {"since": ["2025-04-01", "2025-05-01"], "as_of": AS_OF})
    assert parsed.since == date(2025, 4, 1) and "several since values" in parsed.notices[0]
    assert changes.parse_state(dataset, {"since": "2025/04/01", "as_of": AS_OF}).since == date(
        2025, 4, 1
    )
    assert changes.parse_state(dataset, {"since": date(2025, 4, 1), "as_of": AS_OF}).notices == ()
    assert changes.parse_state(dataset, {"since": " SIGNING ", "as_of": AS_OF}).preset == "signing"
    assert changes.view_query(parsed, dataset) == {"since": "2025-04-01", "as_of": "2025-10-03"}
    latest = changes.parse_state(dataset, {"since": "last-90-days"})
    assert changes.view_query(latest, dataset) == {"since": latest.since.isoformat()}
    assert changes.accepts_since("2025-01-17") and changes.accepts_since("last-90-days")


# ------------------------------------------------------------------ hostile text
@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-changes") / "data"
    make_hostile_copy(DATA, folder)
    dataset = load_dataset(folder)
    assert dataset.ok, [str(e) for e in dataset.errors[:3]]
    return dataset


def test_hostile_text_stays_plain_text_in_the_digest(hostile):
    result = view(hostile, "signing")
    assert result.digest and result.changes.events
    for sentence in result.digest:
        assert not set(sentence.text) & BIDI_CONTROLS
        assert not any(ch in sentence.text for ch in "\x07\x1b\x00")
        assert len(sentence.text) < 3000
    # the rows keep their text as it was (the page escapes it; the PDF cleans it)
    assert any("<script>" in e.title for e in result.changes.events)
    section = changes.report_section(hostile, {"since": "signing", "as_of": AS_OF})
    assert section.title == "What changed since 17 January 2025"


def test_a_status_the_day_before_that_is_only_possible_says_so(dataset):
    """S-400: 'wish list' dated only 2025, again on 23 November 2025. The day before the
    second, the first may or may not have happened: neither 'not recorded' nor certain."""
    result = view(dataset, "signing", dataset.as_of)
    second = next(s for s in result.changes.statuses if s.row_id == "st-s-400-2")
    assert second.before is None and second.before_pending == "wish list"
    assert second.before_text == "(not recorded) (possibly wish list, dated only 2025)"
    # the digest names the subject once: the year-dated step comes first in the data's order
    assert any(
        "system “S-400” was first recorded as “wish list” in 2025 (possibly before the "
        "window; article-only), restated as “wish list” on 23 November 2025 "
        "(no change; disputed)" in s.text
        for s in result.digest
    )


def test_the_digest_labels_rows_that_are_not_confirmed(dataset):
    """Reported and disputed rows are labelled wherever they show, the digest included."""
    result = view(dataset, "2024-01-01", date(2025, 1, 1))
    text = " ".join(s.text for s in result.digest)
    assert "went from “ordered” to “supplied to Russia” in September 2024 (disputed)" in text
    assert "(confirmed)" not in text  # the default needs no label
