"""The /timeline page through AppTest: what a reader sees for a link (filters, as-of date,
garbage, hostile data). The logic itself is covered by test_timeline.py."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from briefing import timeline as tl
from briefing.store import load_dataset
from tests.conftest import DATA, ROOT

APP = str(ROOT / "app.py")
PAGE = "pages/timeline.py"


@pytest.fixture(autouse=True)
def fresh_caches():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def open_page(**params) -> AppTest:
    """Open the page as a link with these query parameters (lists = repeated keys)."""
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()  # the frame reads the as-of date from the link
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def events_frame(at: AppTest):
    return next(df.value for df in at.dataframe if "event" in df.value.columns)


def claims_frame(at: AppTest):
    return next(df.value for df in at.dataframe if "evidence" in df.value.columns)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def chart_spec(at: AppTest) -> dict:
    return json.loads(at.get("vega_lite_chart")[0].proto.spec)


def notices(at: AppTest) -> str:
    return " ".join(i.value for i in at.info)


@pytest.fixture(scope="module")
def data():
    return load_dataset(DATA)


def test_default_view_shows_every_event_and_claim(data):
    at = open_page()
    assert at.title[0].value == "Timeline and claims tracker"
    assert metric(at, "Events shown") == str(len(data.events))
    assert metric(at, "After the as-of date") == "0"
    assert len(events_frame(at)) == len(data.events)
    assert len(claims_frame(at)) == len(data.claims)
    assert chart_spec(at)["title"]["text"].startswith("Events by theme, as of")
    assert any(c.value.startswith("Timeline of") for c in at.caption)  # the alt text
    assert any(m.value.startswith("**Takeaway:**") for m in at.markdown)
    labels = {b.label for b in at.get("download_button")}
    assert {"Chart (SVG)", "Chart (PNG)", "Events as shown (CSV)"} <= labels
    assert "Claims as shown (CSV)" in labels


def test_on_the_eve_of_ashgabat_later_events_are_marked_not_dropped(data):
    at = open_page(as_of="2024-10-10")
    assert "As of **10 October 2024**" in notices(at)
    rows = events_frame(at).set_index("id")
    assert len(rows) == len(data.events)
    assert rows.loc["ev-2024-10-11-ashgabat-putin-pezeshkian", "as_of"] == (
        "after the as-of date (10 October 2024)"
    )
    assert rows.loc["ev-2025-01-17-ru-ir-2025-signed", "as_of"].startswith("after")
    assert rows.loc["ev-2024-10-01-iran-missile-attack-on-israel", "as_of"] == (
        "happened by 10 October 2024"
    )
    expected = tl.build_view(data, {"as_of": date(2024, 10, 10)}).events
    assert metric(at, "After the as-of date") == str(sum(r.after for r in expected))
    spec = json.dumps(chart_spec(at), ensure_ascii=False)
    assert "as of 10 Oct 2024 · hollow grey marks came later" in spec


def label_of(data, event_id: str) -> str:
    rows = tl.build_view(data, {}).events
    return tl.event_label(next(row for row in rows if row.id == event_id))


def test_on_3_october_2025_the_treaty_is_in_force(data):
    at = open_page(as_of="2025-10-03", event=label_of(data, "ev-2025-10-02-ru-ir-2025-in-force"))
    rows = events_frame(at).set_index("id")
    assert rows.loc["ev-2025-10-02-ru-ir-2025-in-force", "as_of"] == "happened by 3 October 2025"
    text = " ".join(m.value for m in at.markdown)
    assert "treaty stood at\\: in force \\(on 2 October 2025\\)" in text


def test_filters_come_from_the_link():
    at = open_page(event_theme="treaty", event_actor=["Russia"], lanes="actor")
    rows = events_frame(at)
    assert len(rows) > 5
    assert set(rows["theme"]) == {"treaty"}
    assert all("Russia" in actors for actors in rows["actors"])
    assert chart_spec(at)["title"]["text"].startswith("Events by actor")
    assert at.multiselect(key="event_actor").value == ["Russia"]


def test_date_range_from_the_link():
    at = open_page(events_from="2024-10-01", events_to="2024-12-31")
    rows = events_frame(at)
    assert "11 October 2024" in set(rows["when"])
    assert not any(when.endswith("2023") or when.endswith("2025") for when in rows["when"])


def test_hiding_later_events_is_the_readers_choice_and_is_counted(data):
    at = open_page(as_of="2024-10-10", only_known="true")
    rows = events_frame(at)
    assert not any(value.startswith("after") for value in rows["as_of"])
    hidden = sum(r.after for r in tl.build_view(data, {"as_of": "2024-10-10"}).events)
    assert metric(at, "After the as-of date") == f"{hidden} hidden"


def test_claims_tracker_filters(data):
    at = open_page(claim_assessment="disputed", claimant="Lev Tsitrin (New English Review)")
    claims = claims_frame(at)
    assert len(claims) >= 1
    assert set(claims["assessment"]) == {"⚠ disputed"}
    assert set(claims["claimed_by"]) == {"Lev Tsitrin (New English Review)"}
    assert any("181" in quote for quote in claims["quote"])
    assert any(m.value.startswith(f"{len(claims)} claim") for m in at.markdown)


def test_event_details_show_sources_and_both_sides(data):
    at = open_page(event=label_of(data, "ev-2024-10-01-iran-missile-attack-on-israel"))
    assert at.subheader[0].value == "Iran fires ballistic missiles at Israel"
    text = " ".join(m.value for m in at.markdown)
    assert "Sources: " in text and "**Why it matters** (our summary)" in text
    assert "181" in text and "disputed" in text  # the claim about it, with its evidence
    assert any("Claim and evidence:" in c.value for c in at.caption)


def test_garbage_in_the_link_gives_a_notice_not_an_error(data):
    at = open_page(
        event_theme=["<script>alert(1)</script>", "treaty"],
        event_actor="Atlantis",
        events_from="yesterday",
        lanes="sideways",
        only_known="maybe",
        event="no such event",
        claim_assessment="=1+1",
        claimant="nobody",
        as_of="not-a-date",
    )
    text = notices(at)
    assert "not understood" in text
    for key in ("event\\_theme", "event\\_actor", "events\\_from", "lanes", "only\\_known",
                "event\\=no such event", "claim\\_assessment", "claimant"):  # fmt: skip
        assert key in text, key
    assert set(events_frame(at)["theme"]) == {"treaty"}  # the valid part still applies
    assert len(claims_frame(at)) == len(data.claims)


def test_hostile_text_in_the_data_renders_literally(data_copy, monkeypatch):
    hostile = "<script>alert(1)</script> [click](javascript:alert(1)) **bold** \u202eevil"
    path = data_copy / "events.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    row = dict(rows[0])
    row.update(id="ev-hostile", date="2024-10", title=hostile, significance="=cmd|' /C calc'!A0",
               note="x" * 5000)  # fmt: skip
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=header).writerow(row)
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(data_copy))
    label = tl.event_label(
        next(r for r in tl.build_view(load_dataset(data_copy), {}).events if r.id == "ev-hostile")
    )
    at = open_page(event=label)
    assert "ev-hostile" in set(events_frame(at)["id"])
    shown = at.subheader[0].value
    assert "\\<script\\>" in shown and "\\[click\\]" in shown and "\u202e" not in shown
    for element in (*at.markdown, *at.caption, *at.subheader):
        assert "<script>" not in element.value
        assert "](javascript" not in element.value
