"""Timeline and claims tracker logic: honest dates, the as-of date, filters, the chart spec,
the claims tracker and the PDF section, on hand-made rows and on the real data."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from briefing import timeline as tl
from briefing.asof import AFTER_STATE, HAPPENED_STATE, MAYBE_STATE, UNDER_WAY_STATE
from briefing.charts import OKABE_ITO, to_svg
from briefing.dates import PartialDate
from briefing.report.model import Chart, Section, Table
from briefing.text import to_csv
from briefing.timeline.chart import _lane_order
from tests.test_asof import PROVENANCE, make_dataset, treaty

DAY = date(2024, 10, 10)


def event(id_, when, *, end="", actors="russia;iran", theme="diplomacy", title=None, **extra):
    return {
        "id": id_,
        "date": when,
        "end_date": end,
        "title": title or f"Event {id_}",
        "actors": actors,
        "theme": theme,
        "significance": f"why {id_} matters",
        **PROVENANCE,
        **extra,
    }


def source(id_, published="2024-10-01", author="", publisher=None):
    return {
        "id": id_,
        "title": f"[{id_}]",
        "author": author,
        "publisher": publisher or f"{id_}.example",
        "published": published,
        "kind": "news report",
    }


def claim(id_, by, when, assessment, *, kind="prediction", evidence=("src-a",), subjects=()):
    return {
        "id": id_,
        "claim": f"claim {id_}",
        "quote": f"quoted {id_}",
        "claimed_by": by,
        "claim_date": when,
        "kind": kind,
        "locator": "para. 2",
        "assessment": assessment,
        "evidence": f"evidence for {id_}",
        "evidence_source_ids": ";".join(evidence),
        "subject_ids": ";".join(subjects),
        "confidence": "confirmed",
    }


@pytest.fixture
def hand():
    return make_dataset(
        sources=[
            source("src-a", "2024-10-01"),
            source("src-b", "2025-02-01"),
            source("src-c", "unknown"),
            source("oped", "2024-10", author="A. Writer", publisher="Review"),
            source("paper", "2025", publisher="Journal"),
        ],
        treaties=[treaty("t-main", "2025-01-17", in_force="2025-10-02", status="in force")],
        events=[
            event("e-1990", "1990", actors="iran;soviet-union", theme="arms transfers"),
            event("e-launch", "2022-08", theme="space"),
            event("e-meet", "2024-10-11", actors="russia;iran;turkmenistan"),
            event("e-attack", "2024-10-01", actors="iran;israel", theme="conflict"),
            event("e-oct", "2024-10", actors="iran", theme="conflict"),
            event("e-sign", "2025-01-17", theme="treaty", treaty_id="t-main"),
            event(
                "e-war",
                "2025-06-13",
                end="2025-06-24",
                actors="israel;iran;united-states",
                theme="conflict",
            ),  # fmt: skip
            event(
                "e-un",
                "2025-09-26",
                actors="un-security-council;iran",
                theme="sanctions and economy",
            ),  # fmt: skip
        ],
        claims=[
            claim(
                "c-181",
                "oped",
                "2024-10",
                "disputed",
                kind="figure",
                subjects=("e-attack",),
                evidence=("src-a", "src-b", "src-c"),
            ),  # fmt: skip
            claim(
                "c-pact",
                "oped",
                "2024-10",
                "not borne out",
                subjects=("e-sign",),
                evidence=("src-b",),
            ),  # fmt: skip
            claim("c-title", "paper", "2025", "contradicted", kind="statement of fact"),
            claim("c-undated", "src-c", "unknown", "open", kind="dating", evidence=("src-c",)),
        ],
    )


def view(dataset, **state):
    state.setdefault("as_of", DAY)
    return tl.build_view(dataset, state)


def by_id(rows):
    return {row.id: row for row in rows}


# ------------------------------------------------------------- honest dates
@pytest.mark.parametrize(
    ("when", "until", "text"),
    [
        ("2024-10-11", None, "11 October 2024"),
        ("2022-08", None, "August 2022"),
        ("2001", None, "2001"),
        ("2025-06-13", "2025-06-24", "13–24 June 2025"),
        ("2025-06-28", "2025-07-02", "28 June – 2 July 2025"),
        ("2024-12-30", "2025-01-02", "30 December 2024 – 2 January 2025"),
        ("2025-06", "2025-07-10", "June 2025 – 10 July 2025"),
        ("2025-06-13", "2025-06-13", "13 June 2025"),
    ],
)
def test_dates_are_written_as_precisely_as_known(when, until, text):
    end = PartialDate.parse(until) if until else None
    assert tl.date_text(PartialDate.parse(when), end) == text


def test_a_month_only_event_is_drawn_across_its_month_with_its_own_mark(hand):
    events = view(hand).events
    records = {r["event"]: r for r in tl.chart_records(events, "theme", DAY)}
    month = records["Event e-launch"]
    assert (month["start"], month["end"]) == ("2022-08-01", "2022-09-01")  # the whole month
    assert month["precision"] == "month only" and month["shape"] == "square"
    assert month["spans"] and month["when"] == "August 2022"
    assert month["mark"] not in ("2022-08-01", "2022-08-31")  # not pinned to a day
    year = records["Event e-1990"]
    assert (year["start"], year["end"], year["shape"]) == ("1990-01-01", "1991-01-01", "diamond")
    day = records["Event e-meet"]
    assert day["shape"] == "circle" and day["mark"] == "2024-10-11" and not day["spans"]
    war = records["Event e-war"]
    assert (war["start"], war["end"], war["shape"]) == ("2025-06-13", "2025-06-25", "circle")
    assert war["spans"] and war["when"] == "13–24 June 2025"


# ----------------------------------------------------------------- as-of
def test_later_events_are_marked_not_dropped(hand):
    rows = by_id(view(hand).events)
    assert len(rows) == 8
    assert rows["e-attack"].state == HAPPENED_STATE
    assert rows["e-meet"].state == AFTER_STATE and rows["e-meet"].after
    assert rows["e-oct"].state == MAYBE_STATE  # October 2024 contains 10 October
    assert rows["e-launch"].state == HAPPENED_STATE
    assert by_id(view(hand, as_of=date(2025, 6, 20)).events)["e-war"].state == UNDER_WAY_STATE
    table = {row["id"]: row for row in tl.events_table(hand, view(hand).events, DAY)}
    assert table["e-meet"]["as_of"] == "after the as-of date (10 October 2024)"
    assert table["e-attack"]["as_of"] == "happened by 10 October 2024"
    assert "may have happened" in table["e-oct"]["as_of"]


def test_day_before_and_day_of(hand):
    assert by_id(view(hand, as_of=date(2024, 10, 10)).events)["e-meet"].after
    assert not by_id(view(hand, as_of=date(2024, 10, 11)).events)["e-meet"].after
    october = by_id(view(hand, as_of=date(2024, 9, 30)).events)["e-oct"]
    assert october.state == AFTER_STATE
    assert by_id(view(hand, as_of=date(2024, 10, 31)).events)["e-oct"].state == HAPPENED_STATE


def test_only_known_hides_later_events_when_the_reader_asks_and_counts_them(hand):
    shown = view(hand, only_known=True)
    assert {row.id for row in shown.events} == {"e-1990", "e-launch", "e-attack", "e-oct"}
    assert shown.hidden == 4
    assert view(hand).hidden == 0
    assert view(hand, only_known="true").filters.only_known


def test_before_2001_and_after_the_data(hand):
    early = view(hand, as_of=date(1995, 1, 1))
    assert sum(not row.after for row in early.events) == 1  # only the 1990 purchase
    late = view(hand, as_of=date(2030, 1, 1))
    assert late.filters.as_of == date(2026, 1, 31)  # clamped to the data's as-of
    assert not any(row.after for row in late.events)


# ----------------------------------------------------------------- filters
def test_filters_by_actor_theme_and_dates(hand):
    assert {r.id for r in view(hand, event_actor=["Israel"]).events} == {"e-attack", "e-war"}
    # slugs and names both work; names are what the page shows
    assert {r.id for r in view(hand, event_actor="united-states").events} == {"e-war"}
    assert {r.id for r in view(hand, event_actor=["UN Security Council"]).events} == {"e-un"}
    assert {r.id for r in view(hand, event_theme=["space", "treaty"]).events} == {
        "e-launch",
        "e-sign",
    }
    ranged = view(hand, events_from="2022-08-31", events_to="2024-10-05").events
    # a month-only event overlapping the range is kept (it may fall inside it)
    assert {r.id for r in ranged} == {"e-launch", "e-attack", "e-oct"}
    assert {r.id for r in view(hand, events_from=date(2025, 6, 24)).events} == {"e-war", "e-un"}


def test_bad_filter_values_are_ignored_and_named(hand):
    result = view(
        hand,
        event_actor=["Atlantis", "Iran"],
        event_theme=["<script>", "space"],
        events_from="yesterday",
        lanes="sideways",
        claim_assessment=["=1+1"],
        claim_kind="gossip",
        claimant="nobody",
    )
    filters = result.filters
    assert filters.actors == ("Iran",) and filters.themes == ("space",)
    assert filters.start is None and filters.lanes == "theme"
    assert filters.assessments == () and filters.kinds == () and filters.claimants == ()
    ignored = " ".join(filters.ignored)
    for key in ("event_actor=Atlantis", "event_theme=<script>", "events_from=yesterday",
                "lanes=sideways", "claim_assessment==1+1", "claim_kind=gossip",
                "claimant=nobody"):  # fmt: skip
        assert key in ignored


def test_from_after_to_is_swapped_and_said(hand):
    result = view(hand, events_from="2025-01-01", events_to="2024-01-01")
    assert (result.filters.start, result.filters.end) == (date(2024, 1, 1), date(2025, 1, 1))
    assert any("after events_to" in note for note in result.filters.ignored)


def test_no_state_at_all(hand):
    result = tl.build_view(hand, None)
    assert result.filters.as_of == date(2026, 1, 31)
    assert len(result.events) == 8 and len(result.claims) == 4


# ------------------------------------------------------------------- chart
def test_chart_lanes_by_actor_repeat_an_event_in_each_of_its_actors_lanes(hand):
    events = view(hand).events
    records = tl.chart_records(events, "actor", DAY)
    meet = [r["lane"] for r in records if r["event"] == "Event e-meet"]
    assert meet == ["Russia", "Iran", "Turkmenistan"]
    assert _lane_order(events, "actor")[0] == "Iran"  # the busiest actor first


def fields(channel) -> set[str]:
    """Every field a Vega-Lite channel definition reads (conditions included)."""
    if isinstance(channel, dict):
        found = {channel["field"]} if "field" in channel else set()
        return found.union(*(fields(value) for value in channel.values()))
    if isinstance(channel, list):
        return set().union(*(fields(item) for item in channel))
    return set()


def test_chart_spec_is_colour_blind_safe_and_says_what_is_after(hand):
    events = view(hand).events
    spec = tl.timeline_chart(events, "theme", DAY).to_dict()
    points = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    encoding = points["encoding"]
    colour = encoding["color"]
    assert colour["condition"]["value"] == tl.AFTER_GREY  # later events are grey...
    assert encoding["fillOpacity"]["field"] == "fill_opacity"  # ...and hollow
    assert set(colour["scale"]["range"]) <= set(OKABE_ITO)
    # the colour repeats the lane: theme is on the y axis too, never colour alone
    assert fields(colour) == fields(encoding["fill"]) == {"theme"}
    assert fields(encoding["y"]) == {"theme"}
    shape = encoding["shape"]["scale"]
    assert shape["domain"] == ["exact day", "month only", "year only"]
    assert len(set(shape["range"])) == 3  # precision is shown by shape
    text = json.dumps(spec, ensure_ascii=False)
    assert "as of 10 Oct 2024 · hollow grey marks came later" in text
    assert spec["description"] == tl.chart_alt_text(events, "theme", DAY)
    by_actor = tl.timeline_chart(events, "actor", DAY).to_dict()
    actor_points = next(layer for layer in by_actor["layer"] if layer["mark"]["type"] == "point")
    assert fields(actor_points["encoding"]["color"]) == set()  # no meaning by colour alone


def test_a_long_range_opens_on_recent_years_with_a_strip_of_the_whole(hand):
    events = view(hand).events
    span = tl.chart_range(events, DAY)
    assert span.with_strip and span.start.year == 2021 and span.full_start.year == 1989
    drawn = tl.timeline_chart(events, "theme", DAY, span=span).to_dict()
    lanes = set(pd.DataFrame(next(iter(drawn["datasets"].values())))["theme"])
    assert "arms transfers" not in lanes  # the 1990 purchase sits outside the period drawn
    assert "the 1 earlier event is in the strip below it" in drawn["description"]
    strip = tl.overview_strip(events, DAY, span).to_dict()
    assert (
        "the shaded band, 2021 to 2025, is the period the timeline above draws"
        in (strip["description"])
    )
    assert tl.strip_takeaway(events, span) == (
        "7 of the 8 events fall in 2021–2025, the period drawn above."
    )


def test_from_and_to_choose_the_period_drawn(hand):
    chosen = view(hand, events_from="1989-06-01")
    span = tl.chart_range(chosen.events, DAY, chosen.filters)
    assert not span.with_strip and span.start.year == 1989  # the reader's period, all of it
    short = view(hand, events_from="2024-09-01").events
    span = tl.chart_range(short, DAY)
    assert span.start <= DAY <= span.end and not span.with_strip


def test_chart_alt_text_and_takeaway(hand):
    events = view(hand).events
    alt_text = tl.chart_alt_text(events, "theme", DAY)
    assert "8 events from 1990 to 26 September 2025" in alt_text
    assert "4 events after it are drawn hollow and grey" in alt_text
    assert "1 event dated only to a month or year" in alt_text
    takeaway = tl.chart_takeaway(events, DAY)
    assert takeaway.startswith("By 10 October 2024, 3 of the 8 events shown had happened")
    assert tl.chart_alt_text([], "theme", DAY).startswith("An empty timeline")
    assert tl.chart_takeaway([], DAY) == "No events match the filters."


def test_an_empty_chart_still_renders(hand):
    svg = to_svg(tl.timeline_chart([], "theme", DAY))
    assert svg.startswith("<svg")


# ------------------------------------------------------------------ claims
def test_claims_say_who_when_and_what_the_evidence_was(hand):
    rows = by_id(view(hand).claims)
    figure = rows["c-181"]
    assert figure.claimant == "A. Writer (Review)" and figure.date_text == "October 2024"
    assert figure.assessment_text == "⚠ disputed"
    assert figure.quote == "quoted c-181" and figure.claim == "claim c-181"
    assert figure.made == MAYBE_STATE  # October 2024 contains the as-of day
    assert figure.evidence_by_then == (
        "1 of 2 dated evidence sources published by 10 October 2024 (1 more undated)"
    )
    assert figure.source_ids == ("oped", "src-a", "src-b", "src-c")
    assert rows["c-title"].made == AFTER_STATE
    assert rows["c-undated"].date_text == "date unknown"
    assert rows["c-undated"].evidence_by_then.startswith("evidence sources undated")
    table = {row["id"]: row for row in tl.claims_table(hand, list(rows.values()), DAY)}
    assert table["c-title"]["as_of"].startswith("made after the as-of date (10 October 2024)")
    assert table["c-undated"]["as_of"].startswith("date of the claim unknown")
    assert table["c-181"]["about"] == "Event e-attack"


def test_claims_filters(hand):
    assert [r.id for r in view(hand, claim_assessment=["disputed"]).claims] == ["c-181"]
    kinds = view(hand, claim_kind=["figure", "dating"]).claims
    assert {r.id for r in kinds} == {"c-181", "c-undated"}
    by_label = view(hand, claimant=["A. Writer (Review)"]).claims
    by_source = view(hand, claimant="oped").claims
    assert [r.id for r in by_label] == [r.id for r in by_source] == ["c-181", "c-pact"]
    assert [r.id for r in view(hand, only_known=True).claims] == ["c-181", "c-pact", "c-undated"]


def test_claims_are_oldest_first_with_undated_last(hand):
    assert [r.id for r in view(hand).claims] == ["c-181", "c-pact", "c-title", "c-undated"]


def test_scorecard_and_summary(hand):
    claims = view(hand).claims
    card = {row["claimed_by"]: row for row in tl.scorecard(claims)}
    writer = card["A. Writer (Review)"]
    assert writer["claims"] == 2
    assert writer["⚠ disputed"] == 1 and writer["✘ not borne out"] == 1
    assert writer["✔ borne out"] == 0
    assert tl.claims_summary(claims) == (
        "4 claims: 1 not borne out, 1 contradicted, 1 disputed, 1 open."
    )
    assert tl.claims_summary([]) == "No claims match the filters."


def test_events_carry_the_claims_about_them(hand):
    table = {row["id"]: row for row in tl.events_table(hand, view(hand).events, DAY)}
    assert table["e-attack"]["claims"] == "1 claim (1 disputed, contradicted or not borne out)"
    assert table["e-meet"]["claims"] == ""
    assert table["e-attack"]["sources"] == "src-a.example, 1 October 2024"


def test_event_detail_shows_the_treaty_on_the_as_of_day_and_both_sides(hand):
    rows = by_id(view(hand).events)
    detail = tl.event_detail(hand, rows["e-sign"], DAY)
    assert detail.treaty_text == "On 10 October 2024 the t-main treaty stood at: not yet."
    assert [c.id for c in detail.claims] == ["c-pact"]
    later = tl.event_detail(hand, rows["e-sign"], date(2025, 10, 3))
    assert later.treaty_text == (
        "On 3 October 2025 the t-main treaty stood at: in force (on 2 October 2025)."
    )


# ---------------------------------------------------------- hostile text
def test_hostile_text_is_capped_in_the_chart_and_defused_in_the_csv():
    hostile = '=HYPERLINK("http://x")<script>alert(1)</script>\u202e' + "W" * 5000
    dataset = make_dataset(events=[event("e-x", "2024-10", title=hostile)])
    events = tl.build_view(dataset, {"as_of": DAY}).events
    record = tl.chart_records(events, "theme", DAY)[0]
    assert len(record["event"]) <= 120 and "\u202e" not in record["event"]
    csv_text = to_csv(tl.events_table(dataset, events, DAY), tl.EVENT_COLUMNS)
    assert "'=HYPERLINK" in csv_text
    assert len(tl.event_label(events[0])) < 120
    to_svg(tl.timeline_chart(events, "theme", DAY))  # renders


# ----------------------------------------------------------------- report
def test_report_section_is_built_from_the_same_rows(hand):
    state = {"as_of": "2024-10-10", "event_theme": ["conflict"], "claim_assessment": "disputed"}
    section = tl.report_section(hand, state)
    assert isinstance(section, Section)
    assert (section.key, section.url_path) == ("timeline", "timeline")
    assert section.query == {
        "as_of": "2024-10-10",
        "event_theme": ["conflict"],
        "claim_assessment": ["disputed"],
    }
    charts = [b for b in section.blocks if isinstance(b, Chart)]
    tables = [b for b in section.blocks if isinstance(b, Table)]
    assert len(charts) == 1 and "hollow and grey" in charts[0].alt  # short range: no strip
    events, claims = tables
    assert [row[0] for row in events.rows] == ["1 October 2024", "October 2024", "13–24 June 2025"]
    assert events.rows[0][-1] == "happened by 10 October 2024"
    assert events.confidence == ("confirmed",) * 3
    assert [row[3] for row in claims.rows] == ["⚠ disputed"]
    assert claims.source_ids == (("oped", "src-a", "src-b", "src-c"),)
    assert set(section.source_ids()) >= {"src-a", "oped"}
    json.dumps(section.to_dict())  # plain data, as the PDF builder needs it


def test_report_section_with_only_an_as_of_date_and_with_nothing(hand):
    section = tl.report_section(hand, {"as_of": date(2025, 10, 3)})
    assert section.query == {"as_of": "2025-10-03"}
    assert "8 events and 4 claims, as of 3 October 2025" in section.summary
    nothing = {"event_theme": "treaty", "events_from": "1991-01-01", "events_to": "1991-02-01"}
    empty = tl.report_section(hand, nothing)
    assert not [b for b in empty.blocks if isinstance(b, Chart)]
    assert empty.query.get("as_of") is None  # the data's own date needs no parameter


# -------------------------------------------------------------- real data
def test_real_data_on_the_eve_of_ashgabat(dataset):
    rows = by_id(tl.build_view(dataset, {"as_of": "2024-10-10"}).events)
    assert rows["ev-2024-10-11-ashgabat-putin-pezeshkian"].after
    assert rows["ev-2024-10-01-iran-missile-attack-on-israel"].state == HAPPENED_STATE
    assert rows["ev-2025-01-17-ru-ir-2025-signed"].after
    assert rows["ev-2001-03-12-ru-ir-treaty-signed"].state == HAPPENED_STATE
    later = by_id(tl.build_view(dataset, {"as_of": "2025-10-03"}).events)
    assert not later["ev-2025-10-02-ru-ir-2025-in-force"].after
    detail = tl.event_detail(dataset, later["ev-2025-10-02-ru-ir-2025-in-force"], date(2025, 10, 3))
    assert "stood at: in force (on 2 October 2025)" in detail.treaty_text


def test_real_data_month_dates_stay_months(dataset):
    rows = by_id(tl.build_view(dataset, {}).events)
    khayyam = rows["ev-2022-08-khayyam-launch"]
    assert khayyam.date_text == "August 2022" and khayyam.precision == "month only"
    inside = by_id(tl.build_view(dataset, {"as_of": "2022-08-15"}).events)
    assert inside["ev-2022-08-khayyam-launch"].state == MAYBE_STATE


def test_real_data_every_event_and_claim_has_resolvable_sources(dataset):
    for row in tl.build_view(dataset, {}).events:
        assert row.source_ids and all(dataset.source(s) for s in row.source_ids), row.id
    for row in tl.build_view(dataset, {}).claims:
        assert dataset.source(row.claimant_id), row.id
        assert row.evidence_source_ids and all(dataset.source(s) for s in row.evidence_source_ids)


def test_real_data_the_disputes_the_issue_names(dataset):
    rows = by_id(tl.build_view(dataset, {}).claims)
    missiles = rows["cl-tsitrin-181-missiles"]
    assert missiles.assessment == "disputed" and "181" in missiles.quote
    assert missiles.claimant.startswith("Lev Tsitrin")
    assert rows["cl-mk-2001-treaty-title"].assessment == "contradicted"
    assert rows["cl-mk-jalali-remark-timing"].kind == "dating"
    assert rows["cl-mk-s-400-su-35-keenness"].assessment == "disputed"
    disputed = tl.build_view(dataset, {"claim_assessment": "disputed"}).claims
    assert disputed and all(row.assessment == "disputed" for row in disputed)


def test_real_data_chart_renders(dataset):
    events = tl.build_view(dataset, {"as_of": "2024-10-10", "lanes": "actor"}).events
    assert to_svg(tl.timeline_chart(events, "actor", DAY)).startswith("<svg")
