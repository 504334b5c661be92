"""'Status of X on day D': boundaries (day before / day of), month and year precision,
dates before the data starts and after it ends, and the as-of date read from a link."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType

import pytest

from briefing import asof
from briefing.asof import (
    AFTER_STATE,
    EARLIEST,
    HAPPENED_STATE,
    MAYBE_STATE,
    UNDER_WAY_STATE,
    clamp,
    parse_url_day,
    period_state,
    resolve_as_of,
    status_on,
    treaty_status_on,
)
from briefing.dates import PartialDate
from briefing.schema import TABLE_BY_NAME, TABLES
from briefing.store import Dataset

AS_OF = date(2026, 1, 31)
PROVENANCE = {"source_ids": "src-a", "locator": "para. 1", "confidence": "confirmed"}


def treaty(id_: str, signed: str, *, in_force: str = "", ended: str = "", status: str = "signed"):
    return {
        "id": id_,
        "short_name": id_,
        "title": f"Treaty {id_}",
        "parties": "russia;iran",
        "role": "subject",
        "signed": signed,
        "entered_into_force": in_force,
        "ended": ended,
        "articles": "",
        "mutual_defence": "no",
        "status": status,
        **PROVENANCE,
    }


def change(id_: str, subject: str, when: str, status: str) -> dict:
    return {"id": id_, "subject_id": subject, "date": when, "status": status, **PROVENANCE}


def system(id_: str, status: str, status_as_of: str) -> dict:
    return {
        "id": id_,
        "name": id_,
        "category": "air defence",
        "role": "air defence",
        "origin": "Russia",
        "holder": "Iran",
        "direction": "to Iran",
        "first_delivery": "",
        "quantity_low": "",
        "quantity_high": "",
        "status": status,
        "status_as_of": status_as_of,
        **PROVENANCE,
    }


def event(id_: str, when: str, end: str = "") -> dict:
    return {
        "id": id_,
        "date": when,
        "end_date": end,
        "title": id_,
        "actors": "iran",
        "theme": "conflict",
        "significance": "why it matters",
        **PROVENANCE,
    }


def make_dataset(as_of: date | None = AS_OF, **rows: list[dict]) -> Dataset:
    """A Dataset built from hand-written rows (validated by the real row models)."""
    tables = {}
    for spec in TABLES:
        tables[spec.name] = tuple(
            TABLE_BY_NAME[spec.name].model.model_validate(row) for row in rows.get(spec.name, [])
        )
    index = {name: {row.id: row for row in table} for name, table in tables.items()}
    return Dataset(Path("."), MappingProxyType(tables), "test", as_of, (), MappingProxyType(index))


@pytest.fixture
def hand():
    return make_dataset(
        treaties=[
            treaty("t-main", "2025-01-17", in_force="2025-10-02", status="in force"),
            treaty("t-old", "2001-03-12", ended="2025-10-02", status="superseded"),
            treaty("t-year", "1949"),
            treaty("t-cols", "1960-01-19", in_force="1960-06-23", status="in force"),
        ],
        statuses=[
            change("s1", "t-main", "2025-01-17", "signed"),
            change("s2", "t-main", "2025-04-21", "ratified by Russia"),
            change("s3", "t-main", "2025-05-21", "ratified by both"),
            change("s4", "t-main", "2025-10-02", "in force"),
            change("s5", "t-cols", "1960-01-19", "signed"),
            change("m1", "t-month", "2025-02-26", "approved by Federation Council"),
            change("m2", "t-month", "2025-03", "ratified by Belarus"),
            change("d1", "sam", "2016-04-11", "delivered"),
            change("d2", "sam", "2016-08", "delivered"),
            change("d3", "sam", "2016-10-13", "delivered"),
            change("o1", "overlap", "2025-03", "ratified"),
            change("o2", "overlap", "2025-03-05", "approved"),
        ],
        systems=[system("sam", "delivered", "2016-10-13"), system("bare", "ordered", "2023-11-28")],
        events=[event("war", "2025-06-13", "2025-06-24"), event("crash", "2024-05-19")],
        provisions=[
            {
                "id": "t-main-art-1",
                "treaty_id": "t-main",
                "article": "1",
                "theme": "principles",
                "summary": "a summary",
                "obligation": "not applicable",
                **PROVENANCE,
            }
        ],
    )


def test_the_day_before_and_the_day_of_each_step(hand):
    steps = [
        (date(2025, 1, 16), "not yet"),
        (date(2025, 1, 17), "signed"),
        (date(2025, 4, 20), "signed"),
        (date(2025, 4, 21), "ratified by Russia"),
        (date(2025, 5, 20), "ratified by Russia"),
        (date(2025, 5, 21), "ratified by both"),
        (date(2025, 10, 1), "ratified by both"),
        (date(2025, 10, 2), "in force"),
    ]
    for day, expected in steps:
        assert status_on(hand, "t-main", day).label == expected, day


def test_what_comes_next_is_named_and_never_counted_as_happened(hand):
    before = status_on(hand, "t-main", date(2025, 10, 1))
    assert before.status == "ratified by both"
    assert before.since == PartialDate(2025, 5, 21)
    assert before.next_text == "in force on 2 October 2025"
    assert status_on(hand, "t-main", date(2025, 10, 2)).next is None


def test_before_the_data_starts_nothing_has_happened(hand):
    for day in (date(2000, 12, 31), EARLIEST, date(1900, 1, 1)):
        result = status_on(hand, "t-old", day)
        assert result.status is None and result.recorded
        assert result.label == "not yet"
        assert result.next_text == "signed on 12 March 2001"


def test_after_the_data_ends_the_last_status_holds(hand):
    late = status_on(hand, "t-main", date(2030, 1, 1))
    assert late.label == "in force" and late.next is None


def test_month_precision_is_uncertain_inside_the_month_only(hand):
    feb = status_on(hand, "t-month", date(2025, 2, 28))
    assert feb.label == "approved by Federation Council"
    assert feb.next_text == "ratified by Belarus in March 2025"
    first = status_on(hand, "t-month", date(2025, 3, 1))
    assert first.status == "approved by Federation Council"
    assert first.label == (
        "approved by Federation Council (possibly ratified by Belarus: dated only March 2025)"
    )
    assert status_on(hand, "t-month", date(2025, 3, 30)).pending is not None
    last = status_on(hand, "t-month", date(2025, 3, 31))
    assert last.label == "ratified by Belarus" and last.pending is None
    assert last.since_text == "March 2025"


def test_year_precision_is_uncertain_all_year(hand):
    assert status_on(hand, "t-year", date(1948, 12, 31)).label == "not yet"
    mid = status_on(hand, "t-year", date(1949, 6, 1))
    assert mid.status is None
    assert mid.label == "not yet (possibly signed: dated only 1949)"
    assert status_on(hand, "t-year", date(1949, 12, 31)).label == "signed"


def test_a_month_dated_step_overlapping_a_later_known_day_stays_pending(hand):
    # 'ratified' (March 2025) may come after 'approved' (5 March): on 10 March both are possible
    result = status_on(hand, "overlap", date(2025, 3, 10))
    assert result.status == "approved"
    assert result.pending is not None and result.pending.status == "ratified"
    assert "possibly ratified" in result.label


def test_a_pending_step_with_the_same_status_changes_nothing(hand):
    result = status_on(hand, "sam", date(2016, 8, 15))
    assert result.label == "delivered"
    assert result.pending is None  # 'possibly delivered' would add nothing
    assert status_on(hand, "sam", date(2016, 4, 10)).label == "not yet"
    assert status_on(hand, "sam", date(2016, 4, 11)).label == "delivered"


def test_treaty_dates_fill_in_what_statuses_do_not_name(hand):
    # statuses.csv has only the signature; the treaty row has the entry into force
    assert treaty_status_on(hand, hand.get("treaties", "t-cols"), date(1960, 6, 22)).label == (
        "signed"
    )
    assert status_on(hand, "t-cols", date(1960, 6, 23)).label == "in force"
    # no statuses rows at all: signed, then superseded on the end date
    assert status_on(hand, "t-old", date(2001, 3, 12)).label == "signed"
    assert status_on(hand, "t-old", date(2025, 10, 1)).label == "signed"
    assert status_on(hand, "t-old", date(2025, 10, 2)).label == "superseded"


def test_a_row_known_only_by_its_status_as_of_is_unknown_before_it(hand):
    before = status_on(hand, "bare", date(2023, 11, 27))
    assert before.status is None
    assert before.label == "no status recorded yet"  # not "not yet": we do not know
    assert status_on(hand, "bare", date(2023, 11, 28)).label == "ordered"


def test_events_spanning_days(hand):
    assert status_on(hand, "war", date(2025, 6, 12)).label == "not yet"
    assert status_on(hand, "war", date(2025, 6, 13)).label == "under way"
    assert status_on(hand, "war", date(2025, 6, 23)).label == "under way"
    assert status_on(hand, "war", date(2025, 6, 24)).label == "happened"
    assert status_on(hand, "crash", date(2024, 5, 18)).label == "not yet"
    assert status_on(hand, "crash", date(2024, 5, 19)).label == "happened"


def test_a_provision_has_its_treatys_status(hand):
    assert status_on(hand, "t-main-art-1", date(2024, 10, 10)).label == "not yet"
    assert status_on(hand, "t-main-art-1", date(2025, 10, 3)).label == "in force"


def test_unknown_subject_says_nothing_is_recorded(hand):
    result = status_on(hand, "no-such-id", date(2025, 1, 1))
    assert not result.recorded
    assert result.label == "no dated status recorded"


@pytest.mark.parametrize(
    ("start", "end", "day", "expected"),
    [
        ("2024-10-11", None, date(2024, 10, 10), AFTER_STATE),
        ("2024-10-11", None, date(2024, 10, 11), HAPPENED_STATE),
        ("2024-10", None, date(2024, 9, 30), AFTER_STATE),
        ("2024-10", None, date(2024, 10, 1), MAYBE_STATE),
        ("2024-10", None, date(2024, 10, 30), MAYBE_STATE),
        ("2024-10", None, date(2024, 10, 31), HAPPENED_STATE),
        ("2024-02", None, date(2024, 2, 29), HAPPENED_STATE),  # leap year month end
        ("2024", None, date(2024, 12, 30), MAYBE_STATE),
        ("2024", None, date(2024, 12, 31), HAPPENED_STATE),
        ("2025-06-13", "2025-06-24", date(2025, 6, 12), AFTER_STATE),
        ("2025-06-13", "2025-06-24", date(2025, 6, 13), UNDER_WAY_STATE),
        ("2025-06-13", "2025-06-24", date(2025, 6, 24), HAPPENED_STATE),
        ("2025-06", "2025-07-10", date(2025, 6, 20), MAYBE_STATE),
        ("2025-06-13", "2025-06-13", date(2025, 6, 13), HAPPENED_STATE),
    ],
)
def test_period_state(start, end, day, expected):
    end_date = PartialDate.parse(end) if end else None
    assert period_state(PartialDate.parse(start), end_date, day) == expected


# ---------------------------------------------------------------- link parsing
def test_link_dates_are_read_like_the_date_widget_reads_them():
    from streamlit.elements.widgets.time_widgets import DateInputSerde

    corpus = [
        "2024-10-10",
        "2024/10/10",
        "2024-1-5",
        "2024-02-29",
        "2023-02-29",
        "2024-13-01",
        "20241010",
        "10/10/2024",
        " 2024-10-10",
        "2024-10-10T00:00",
        "garbage",
        "",
        "<script>",
        "١٢٣٤-١٠-١٠",
        "0001-01-01",
        "9999-12-31",
    ]
    for text in corpus:
        try:
            widget = DateInputSerde._parse_date(text)
        except ValueError:
            widget = None
        assert parse_url_day(text) == widget, text


@pytest.fixture
def empty():
    return make_dataset()


def test_no_date_in_the_link_means_the_datas_own_date(empty):
    for values in ([], [""]):
        choice = resolve_as_of(values, empty)
        assert choice.day == AS_OF and choice.notice is None and choice.is_latest


@pytest.mark.parametrize("text", ["2024-10-10", "2024/10/10", "2024-10-1"])
def test_a_valid_day_is_used_without_a_notice(empty, text):
    choice = resolve_as_of([text], empty)
    assert choice.day == parse_url_day(text)
    assert choice.notice is None and not choice.is_latest


def test_boundaries_of_the_offered_range(empty):
    assert resolve_as_of([EARLIEST.isoformat()], empty).day == EARLIEST
    assert resolve_as_of([AS_OF.isoformat()], empty).notice is None
    before = resolve_as_of([(EARLIEST - timedelta(days=1)).isoformat()], empty)
    assert before.day == AS_OF and "before 1990-01-01" in before.notice
    after = resolve_as_of([(AS_OF + timedelta(days=1)).isoformat()], empty)
    assert after.day == AS_OF and "after the data's own as-of date (2026-01-31)" in after.notice


def test_a_date_before_2001_inside_the_range_is_accepted(empty):
    choice = resolve_as_of(["1995-06-01"], empty)
    assert choice.day == date(1995, 6, 1) and choice.notice is None


@pytest.mark.parametrize("text", ["garbage", "2024-02-30", "<b>x</b>", "x" * 5000, "2024-10-10x"])
def test_garbage_gives_the_latest_data_and_a_short_notice(empty, text):
    choice = resolve_as_of([text], empty)
    assert choice.day == AS_OF
    assert "is not a date" in choice.notice
    assert text[:40] in choice.notice and len(choice.notice) < 200


def test_several_dates_in_the_link(empty):
    first = resolve_as_of(["2024-10-10", "2025-01-01"], empty)
    assert first.day == date(2024, 10, 10) and "several" in first.notice
    same = resolve_as_of(["2024-10-10", "2024-10-10"], empty)
    assert same.day == date(2024, 10, 10) and same.notice is None
    mixed = resolve_as_of(["2024-10-10", "nonsense"], empty)
    assert mixed.day == AS_OF and "nonsense" in mixed.notice


def test_a_dataset_without_an_as_of_date_uses_today():
    undated = make_dataset(as_of=None)
    assert resolve_as_of([], undated).day == date.today()
    assert clamp(None, undated) == date.today()


def test_clamp(empty):
    assert clamp(None, empty) == AS_OF
    assert clamp(AS_OF + timedelta(days=1), empty) == AS_OF
    assert clamp(date(2024, 10, 10), empty) == date(2024, 10, 10)


def test_dates_in_words_never_claim_more_precision_than_they_have():
    assert asof.on(PartialDate.parse("2025-10-02")) == "on 2 October 2025"
    assert asof.on(PartialDate.parse("2025-03")) == "in March 2025"
    assert asof.on(PartialDate.parse("1979")) == "in 1979"
    assert asof.as_of_text(date(2024, 10, 10)) == "10 October 2024"


# ------------------------------------------------------------------ real data
def test_real_data_the_two_dates_of_the_issue(dataset):
    ru_ir_2025 = dataset.get("treaties", "ru-ir-2025")
    on_eve = treaty_status_on(dataset, ru_ir_2025, date(2024, 10, 10))
    assert on_eve.status is None and on_eve.next_text == "signed on 17 January 2025"
    assert treaty_status_on(dataset, ru_ir_2025, date(2025, 10, 3)).status == "in force"
    assert status_on(dataset, "ru-ir-2001", date(2024, 10, 10)).status not in (None, "superseded")
    assert status_on(dataset, "ru-ir-2001", date(2025, 10, 3)).status == "superseded"
    assert status_on(dataset, "dprk-ru-2024", date(2024, 10, 10)).status == "signed"


@pytest.mark.parametrize(
    ("subject", "day_of", "status"),
    [
        ("ru-ir-2025", date(2025, 1, 17), "signed"),
        ("ru-ir-2025", date(2025, 5, 21), "ratified by both"),
        ("ru-ir-2025", date(2025, 10, 2), "in force"),
        ("dprk-ru-2024", date(2024, 12, 4), "in force"),
        ("ru-ir-2001", date(2025, 10, 2), "superseded"),
    ],
)
def test_real_data_day_before_and_day_of(dataset, subject, day_of, status):
    assert status_on(dataset, subject, day_of).status == status
    assert status_on(dataset, subject, day_of - timedelta(days=1)).status != status


def test_real_data_every_subject_answers_for_any_day(dataset):
    """No subject and no day (pre-2001, boundaries, after the data) raises or invents."""
    days = [date(1990, 1, 1), date(2000, 12, 31), date(2024, 10, 10), date(2025, 10, 3)]
    days.append(asof.latest(dataset) + timedelta(days=365))
    tables = ("treaties", "provisions", "systems", "exchange", "events")
    for name in tables:
        for row in dataset.tables[name]:
            for day in days:
                result = status_on(dataset, row.id, day)
                assert isinstance(result.label, str) and result.label
                if result.since is not None:
                    assert result.since.end <= day  # never counts an unfinished period
