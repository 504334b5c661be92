"""briefing.capabilities: status on a day, filters, disputes, detail, charts, CSV, PDF section.

Hand-made datasets (written to a temporary folder and loaded by the real loader)
pin the logic at its boundaries; the real data checks what a reader relies on.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest

from briefing import capabilities as cap
from briefing.report.model import Chart, Quote, Section, Table
from briefing.schema import TABLE_BY_NAME
from briefing.store import load_dataset

# ------------------------------------------------------------------ hand-made data
SYSTEM = {
    "id": "sam-x",
    "name": "SAM-X (variant per unofficial reports)",
    "category": "air defence",
    "role": "surface-to-air missile system",
    "origin": "Russia (maker)",
    "holder": "Iran",
    "direction": "to Iran",
    "first_delivery": "2016-04",
    "quantity_low": "4",
    "quantity_high": "4",
    "quantity_note": "four systems, unofficial",
    "status": "delivered",
    "status_as_of": "2016-10-13",
    "note": "",
    "source_ids": "src-a",
    "locator": "para. 3 of src-a",
    "confidence": "confirmed",
}
SOURCES = [
    {
        "id": "src-a",
        "title": "Report A",
        "publisher": "Agency A",
        "published": "2016-04-19",
        "kind": "news report",
        "url": "https://example.org/a",
    },
    {
        "id": "src-b",
        "title": "Statement B",
        "publisher": "Ministry B",
        "published": "2025-11",
        "kind": "official statement",
    },
]


def _status(sid: str, subject: str, when: str, status: str, **extra) -> dict:
    return {
        "id": sid,
        "subject_id": subject,
        "date": when,
        "status": status,
        "source_ids": "src-a",
        "locator": f"locator of {sid}",
        "confidence": "confirmed",
        **extra,
    }


def _claim(cid: str, subjects: str, assessment: str, **extra) -> dict:
    return {
        "id": cid,
        "claim": f"claim text {cid}",
        "claimed_by": "src-b",
        "claim_date": "2025-11-23",
        "kind": "statement of fact",
        "locator": "interview",
        "assessment": assessment,
        "evidence": f"evidence text {cid}",
        "evidence_source_ids": "src-a",
        "subject_ids": subjects,
        "confidence": "reported",
        **extra,
    }


def _event(eid: str, when: str, title: str, **extra) -> dict:
    return {
        "id": eid,
        "date": when,
        "title": title,
        "actors": "Russia;Iran",
        "theme": "arms transfers",
        "significance": "why it matters",
        "source_ids": "src-a",
        "locator": f"locator of {eid}",
        "confidence": "confirmed",
        **extra,
    }


def _item(xid: str, systems: str) -> dict:
    return {
        "id": xid,
        "direction": "Iran wants from Russia",
        "item": "Air defence",
        "category": "arms",
        "value_to_receiver": "v",
        "cost_or_risk_to_giver": "c",
        "value_score": "4",
        "cost_score": "2",
        "escalation_score": "2",
        "feasibility_score": "5",
        "status": "delivered",
        "status_as_of": "2016-10-13",
        "rationale": "scores are judgements",
        "system_ids": systems,
        "source_ids": "src-a",
        "locator": "exchange locator",
        "confidence": "confirmed",
    }


def write_dataset(folder: Path, **tables: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    tables.setdefault("sources", SOURCES)
    for name in ("sources", "systems", "statuses", "claims", "events", "exchange"):
        spec = TABLE_BY_NAME[name]
        with (folder / spec.filename).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=spec.columns)
            writer.writeheader()
            for row in tables.get(name, []):
                writer.writerow({column: row.get(column, "") for column in spec.columns})
    (folder / "datapackage.json").write_text(
        json.dumps({"version": "test", "as_of": "2026-01-01"}), encoding="utf-8"
    )
    return folder


@pytest.fixture
def made(tmp_path):
    def build(**tables):
        return load_dataset(write_dataset(tmp_path / "data", **tables))

    return build


@pytest.fixture
def sam_history(made):
    """A system ordered in 2015 (year only), first delivered 11 April 2016 (month known)."""
    return made(
        systems=[SYSTEM],
        statuses=[
            _status("st-1", "sam-x", "2015", "ordered"),
            _status("st-2", "sam-x", "2016-04-11", "delivered"),
        ],
    )


def row_on(ds, day, system_id="sam-x"):
    return cap.system_row(ds, ds.get("systems", system_id), day)


# ------------------------------------------------------------------ quantity
@pytest.mark.parametrize(
    ("low", "high", "shown"),
    [
        ("209", "225", "209–225"),
        ("169", "169", "169"),
        ("2", "", "at least 2"),
        ("", "50", "up to 50"),
        ("", "", "unknown"),
        ("unknown", "unknown", "unknown"),
        ("8060", "8060", "8,060"),
    ],
)
def test_quantity_is_a_range_a_bound_or_unknown(made, low, high, shown):
    ds = made(systems=[{**SYSTEM, "quantity_low": low, "quantity_high": high}])
    assert row_on(ds, date(2020, 1, 1)).quantity == shown


# ------------------------------------------------------------------ status on a day
def test_nothing_on_record_before_the_first_dated_change(sam_history):
    row = row_on(sam_history, date(2014, 6, 1))
    assert row.status is None
    assert row.status_label == cap.NOT_YET
    view = cap.system_rows(sam_history, date(2014, 6, 1))
    assert view.rows == ()
    assert [r.id for r in view.later] == ["sam-x"]


def test_year_only_change_is_possible_inside_its_year(sam_history):
    row = row_on(sam_history, date(2015, 6, 1))
    assert row.status is None
    assert row.status_label == "not yet on record (possibly ordered: dated only 2015)"
    # "possibly" counts as on record: the reader sees the row with the doubt spelled out
    assert [r.id for r in cap.system_rows(sam_history, date(2015, 6, 1)).rows] == ["sam-x"]


def test_day_before_and_day_of_the_first_delivery(sam_history):
    before = row_on(sam_history, date(2016, 4, 10))
    assert before.status == "ordered"
    assert before.status_since == "2015"
    assert "delivered" not in before.status_label
    on_the_day = row_on(sam_history, date(2016, 4, 11))
    assert on_the_day.status == "delivered"
    assert on_the_day.status_since == "11 April 2016"
    assert on_the_day.status_basis == "status change st-2"


def test_row_status_counts_only_from_its_status_as_of(sam_history):
    day_before = row_on(sam_history, date(2016, 10, 12))
    assert day_before.status_basis == "status change st-2"
    after = row_on(sam_history, date(2016, 10, 13))
    assert after.status == "delivered"
    assert after.status_basis == "systems row"
    assert after.status_since == "13 October 2016"


def test_row_status_alone_before_and_after_status_as_of(made):
    ds = made(
        systems=[
            {**SYSTEM, "first_delivery": "", "status": "wish list", "status_as_of": "2020-05-01"}
        ]
    )
    assert row_on(ds, date(2020, 4, 30)).status is None
    on_day = row_on(ds, date(2020, 5, 1))
    assert (on_day.status, on_day.status_basis) == ("wish list", "systems row")


def test_a_later_dated_change_beats_an_older_row_status(made):
    ds = made(
        systems=[
            {**SYSTEM, "first_delivery": "", "status": "wish list", "status_as_of": "2020-05-01"}
        ],
        statuses=[_status("st-1", "sam-x", "2021-03-02", "ordered")],
    )
    assert row_on(ds, date(2022, 1, 1)).status == "ordered"


def test_never_delivered_before_the_first_delivery(made):
    # a dated change says 'delivered' before the recorded first delivery: not shown as delivered
    ds = made(
        systems=[{**SYSTEM, "first_delivery": "2016-06-20"}],
        statuses=[
            _status("st-1", "sam-x", "2015-01-10", "ordered"),
            _status("st-2", "sam-x", "2016-03-01", "delivered"),
        ],
    )
    early = row_on(ds, date(2016, 3, 15))
    assert early.status == "ordered"
    assert "delivered" not in early.status_label
    assert row_on(ds, date(2016, 6, 20)).status == "delivered"


def test_month_only_delivery_is_possible_not_certain_inside_the_month(made):
    ds = made(
        systems=[SYSTEM],
        statuses=[
            _status("st-1", "sam-x", "2015-01-10", "ordered"),
            _status("st-2", "sam-x", "2016-04", "delivered"),
        ],
    )
    row = row_on(ds, date(2016, 4, 10))
    assert row.status == "ordered"
    assert row.status_label == "ordered (possibly delivered: dated only April 2016)"
    assert row_on(ds, date(2016, 4, 30)).status == "delivered"


def test_a_delivery_dated_before_the_first_delivery_period_is_held_back(made):
    ds = made(
        systems=[SYSTEM],
        statuses=[
            _status("st-1", "sam-x", "2015-01-10", "ordered"),
            _status("st-2", "sam-x", "2016-03-20", "delivered"),
        ],
    )
    row = row_on(ds, date(2016, 4, 10))
    assert row.status == "ordered"
    assert row.status_label == "ordered (possibly delivered: dated only April 2016)"


# ------------------------------------------------------------------ filters
def _three(made):
    return made(
        systems=[
            SYSTEM,
            {
                **SYSTEM,
                "id": "jet-y",
                "name": "Jet-Y",
                "category": "fighter",
                "status": "wish list",
                "first_delivery": "",
                "status_as_of": "2020-01-01",
            },
            {
                **SYSTEM,
                "id": "uav-z",
                "name": "UAV-Z",
                "category": "drone",
                "origin": "Iran",
                "holder": "Russia",
                "direction": "Iran to Russia",
                "first_delivery": "2022-08",
                "status": "supplied to Russia",
                "status_as_of": "2022-09-13",
            },
        ]
    )


def test_filters_by_category_status_and_direction(made):
    ds = _three(made)
    day = date(2025, 1, 1)

    def ids(**state):
        return [r.id for r in cap.system_rows(ds, day, cap.Filters.from_state(state)).rows]

    assert ids() == ["sam-x", "jet-y", "uav-z"]
    assert ids(category=["fighter", "drone"]) == ["jet-y", "uav-z"]
    assert ids(status="wish list") == ["jet-y"]
    assert ids(direction="Iran to Russia") == ["uav-z"]
    assert ids(direction="to Iran", category="air defence") == ["sam-x"]
    assert ids(status=["delivered"], direction=["Iran to Russia"]) == []


def test_status_filter_uses_the_status_on_the_day(made):
    ds = _three(made)
    filters = cap.Filters(statuses=("delivered",))
    assert [r.id for r in cap.system_rows(ds, date(2016, 11, 1), filters).rows] == ["sam-x"]
    assert cap.system_rows(ds, date(2016, 4, 1), filters).rows == ()


def test_garbage_filter_values_are_dropped():
    filters = cap.Filters.from_state(
        {"category": ["fighter", "<script>", 7], "status": "=1+1", "direction": ["sideways"]}
    )
    assert filters == cap.Filters(categories=("fighter",))
    assert filters.query() == {"category": "fighter"}
    assert cap.Filters(("fighter", "drone")).query() == {"category": ["fighter", "drone"]}
    assert cap.Filters.from_state({}).describe() == "all systems"


# ------------------------------------------------------------------ disputes
def test_disputed_row_shows_both_sides(made):
    ds = made(
        systems=[SYSTEM],
        claims=[
            _claim("cl-1", "sam-x", "disputed", quote="we never asked"),
            _claim("cl-2", "other", "borne out"),
        ],
    )
    row = row_on(ds, date(2026, 1, 1))
    assert row.doubt == "⚠ named in 1 disputed claim"
    assert row.contested
    (dispute,) = row.disputes
    assert dispute.claim == "claim text cl-1" and dispute.claimed_by == "src-b"
    assert dispute.quote == "we never asked"
    assert dispute.evidence == "evidence text cl-1"
    assert dispute.evidence_source_ids == ("src-a",)
    assert dispute.claim_date == "23 November 2025"


def test_checked_claims_and_disputed_confidence(made):
    ds = made(
        systems=[
            SYSTEM,
            {**SYSTEM, "id": "jet-y", "name": "Jet-Y", "confidence": "disputed",
             "note": "A says delivered; B denies it"},
            {**SYSTEM, "id": "uav-z", "name": "UAV-Z (Geran)"},
        ],
        claims=[
            _claim("cl-1", "sam-x", "borne out"),
            _claim("cl-2", "jet-y;uav-z", "contradicted"),
            _claim("cl-3", "jet-y", "open"),
        ],
    )  # fmt: skip
    day = date(2026, 1, 1)
    assert row_on(ds, day).doubt == "1 claim checked"
    assert row_on(ds, day, "jet-y").doubt == "⚠ disputed; 2 claims checked"
    assert row_on(ds, day, "uav-z").doubt == "⚠ named in 1 disputed claim"
    view = cap.system_rows(ds, day)
    assert [r.id for r in view.contested] == ["jet-y", "uav-z"]
    assert [r.id for r in view.disputed] == ["jet-y"]
    claims = view.claims()
    # each claim once, disputed first, naming every system in the view it is about
    assert [c.dispute.claim_id for c in claims] == ["cl-2", "cl-1", "cl-3"]
    assert claims[0].systems == ("Jet-Y", "UAV-Z")
    assert claims[0].heading == "Claimed (23 November 2025, statement of fact; about Jet-Y, UAV-Z):"
    filtered = cap.system_rows(ds, day, cap.Filters.from_state({"status": "ordered"}))
    assert filtered.claims() == []


# ------------------------------------------------------------------ detail
def test_detail_has_record_history_sources_events_and_exchange_items(made):
    ds = made(
        systems=[SYSTEM],
        statuses=[_status("st-1", "sam-x", "2015", "ordered")],
        claims=[_claim("cl-1", "sam-x;ev-linked", "disputed")],
        events=[
            _event("ev-linked", "2025-11-23", "An interview"),
            _event("ev-named", "2016-04-11", "First SAM-X shipment arrives"),
            _event("ev-other", "2016-04-11", "SAM-XL talks and something unrelated"),
            _event("ev-later", "2027-01-01", "SAM-X upgrade", note="future"),
        ],
        exchange=[_item("x-air", "sam-x"), _item("x-none", "")],
    )
    found = cap.detail(ds, "sam-x", date(2026, 1, 1))
    assert found is not None
    record = dict(found.record)
    assert record["quantity"] == "4"
    assert record["what the quantity counts"] == "four systems, unofficial"
    assert record["locator"] == "para. 3 of src-a"
    assert [s.id for s in found.history] == ["st-1"]
    links = {e.id: e.link for e in found.events}
    assert links["ev-linked"] == "named with it in claim cl-1"
    assert links["ev-named"] == "mentions 'SAM-X'"
    assert "ev-other" not in links  # 'SAM-XL' is another name
    assert {e.id: e.after_as_of for e in found.events}["ev-later"] is True
    assert [i.id for i in found.exchange_items] == ["x-air"]
    cited = {(s.source_id, s.cited_for, s.locator) for s in found.sources}
    assert ("src-a", "the systems row", "para. 3 of src-a") in cited
    assert ("src-a", "status change st-1", "locator of st-1") in cited
    assert ("src-b", "claim cl-1", "interview") in cited
    assert ("src-a", "event ev-named", "locator of ev-named") in cited
    assert ("src-a", "exchange item x-air", "exchange locator") in cited
    tables = cap.detail_tables(found)
    assert {"record", "history", "sources", "events", "exchange"} <= set(tables)
    by_source = {row["id"]: row for row in tables["sources"]}
    assert set(by_source) == {"src-a", "src-b"}  # one row per source
    assert by_source["src-a"]["link"] == "https://example.org/a"
    assert "the systems row (para. 3 of src-a)" in by_source["src-a"]["cited for (locator)"]
    assert "claim cl-1 (interview)" in by_source["src-b"]["cited for (locator)"]
    assert cap.detail(ds, "no-such-system", date(2026, 1, 1)) is None


# ------------------------------------------------------------------ CSV
def test_csv_is_formula_safe_and_keeps_unknown(made):
    ds = made(
        systems=[
            {**SYSTEM, "name": '=HYPERLINK("http://x")', "quantity_low": "", "quantity_high": ""}
        ]
    )
    text = cap.table_csv(cap.system_rows(ds, date(2026, 1, 1)).rows)
    rows = list(csv.DictReader(text.splitlines()))
    assert rows[0]["name"].startswith("'=HYPERLINK")
    assert rows[0]["quantity"] == "unknown"
    assert rows[0]["as_of"] == "2026-01-01"
    assert rows[0]["sources"] == "Agency A, 19 April 2016"
    assert rows[0]["locator"] == "para. 3 of src-a"


# ------------------------------------------------------------------ real data
@pytest.fixture(scope="module")
def real():
    from tests.conftest import DATA

    return load_dataset(DATA)


def _by_id(rows):
    return {row.id: row for row in rows}


def test_real_disputed_rows_are_flagged(real):
    rows = _by_id(cap.system_rows(real, real.as_of).rows)
    for system_id in ("s-400", "su-35", "fath-360"):
        assert rows[system_id].contested, system_id
    assert any(d.disagreeing for d in rows["s-400"].disputes)


def test_real_quantities_are_never_invented(real):
    for system in real.systems:
        shown = cap.quantity_text(system)
        if system.quantity_low is None and system.quantity_high is None:
            assert shown == "unknown"
        for bound in (system.quantity_low, system.quantity_high):
            if bound is not None:
                assert f"{bound:,}" in shown


def test_real_s300_before_and_after_first_delivery(real):
    assert _by_id(cap.system_rows(real, date(2016, 3, 1)).rows)["s-300"].status != "delivered"
    assert _by_id(cap.system_rows(real, date(2016, 11, 1)).rows)["s-300"].status == "delivered"
    before_yak = cap.system_rows(real, date(2023, 8, 1))
    assert "yak-130" not in {r.id for r in before_yak.rows if r.status == "delivered"}


def test_real_ledger_answers_the_issue(real):
    book = cap.ledger(cap.system_rows(real, real.as_of).rows)
    met = {e.id for e in book.met}
    assert {"s-300", "yak-130"} <= met
    assert "s-400" in {e.id for e in book.unmet}
    assert "su-35" in {e.id for e in book.unconfirmed}
    assert {"shahed-136", "fath-360"} <= {e.id for e in book.given}
    assert "f-14" not in met  # US aircraft are not wishes met by Moscow
    launches = next(e for e in book.met if "satellite launches" in e.name)
    assert launches.name.startswith(f"{len(launches.id.split(';'))} satellite launches (Khayyam")
    assert "sat-pars-1" in launches.id.split(";")


# ------------------------------------------------------------------ charts
def _values(chart):
    spec = chart.to_dict()
    return spec, spec["data"]["values"] if "values" in spec.get("data", {}) else [
        v for d in spec.get("datasets", {}).values() for v in d
    ]


def test_timeline_chart_shows_acquisitions_and_transfers(real):
    rows = cap.system_rows(real, real.as_of).rows
    spec, values = _values(cap.timeline_chart(rows))
    systems = {v["system"] for v in values}
    for name in ("F-14A", "F-4", "MiG-29", "S-300", "Shahed-136", "Fath-360", "Yak-130"):
        assert name in systems, name
    assert any("Khayyam" in name for name in systems)
    assert "S-400" not in systems  # a wish is not an acquisition
    yak = next(v for v in values if v["system"] == "Yak-130")
    assert (yak["start"], yak["end"], yak["precision"]) == (
        "2023-09-01",
        "2023-09-30",
        cap.PRECISION_MONTH,
    )
    f14 = next(v for v in values if v["system"] == "F-14A")
    assert f14["precision"] == cap.PRECISION_STATUS  # no delivery date: said so, not guessed
    suppliers = {v["supplier"] for v in values}
    assert {"United States", "Soviet Union", "Russia", "Iran"} <= suppliers
    assert spec["description"] == cap.TIMELINE_ALT
    assert "Source:" in json.dumps(spec["title"])


def test_timeline_respects_the_as_of_date(real):
    rows = cap.system_rows(real, date(2020, 1, 1)).rows
    _, values = _values(cap.timeline_chart(rows))
    systems = {v["system"] for v in values}
    assert "S-300" in systems
    assert not systems & {"Shahed-136", "Fath-360", "Yak-130", "Su-35"}
    # before the 2016 delivery the S-300 is on the timeline as the 2015 order (after the
    # 2010 suspension), not the 2007 contract, and not as a delivery
    rows = cap.system_rows(real, date(2016, 3, 1)).rows
    _, values = _values(cap.timeline_chart(rows))
    s300 = next(v for v in values if v["system"] == "S-300")
    assert s300["stage"] == cap.UNCONFIRMED
    assert s300["label"] == "ordered 2015, no delivery confirmed"
    assert s300["precision"] == cap.PRECISION_YEAR


def test_gap_chart_shows_the_gap_by_area(real):
    rows = cap.system_rows(real, real.as_of).rows
    spec, values = _values(cap.gap_chart(rows))
    cells = cap.gap_cells(values)
    assert cells[("air defence", cap.WANTED)] == ["S-400"]
    assert "S-300" in cells[("air defence", cap.HAS)]
    assert "Su-35" in cells[("air superiority", cap.UNCONFIRMED)]
    assert {"Shahed-136", "Fath-360"} <= set(cells[("strike", cap.SENT)])
    assert "Khayyam" in cells[("space", cap.HAS)]
    for v in values:
        assert v["label"].endswith(f"({v['stage']})")
    # the stage is written as the column header and drawn as a shape, not only a colour
    layers = spec["layer"]
    header = layers[0]["encoding"]["x"]["axis"]["labelExpr"]
    for stage, lines in cap.STAGE_HEADERS.items():
        assert stage in header and all(line in header for line in lines)
    assert layers[0]["encoding"]["shape"]["field"] == "stage"
    takeaway = cap.gap_takeaway(values)
    # the air-defence gap names the S-400 (and, since the FT's 2026 report, the Verba
    # MANPADS said to be ordered); the test asks for the S-400 within that group
    assert re.search(r"air defence \([^)]*S-400", takeaway) and "Su-35" in takeaway


def test_gap_chart_as_of_before_the_wish(real):
    rows = cap.system_rows(real, date(2020, 1, 1)).rows
    _, values = _values(cap.gap_chart(rows))
    names = {v["system"] for v in values}
    assert "S-300" in names
    assert not names & {"S-400", "Su-35", "Shahed-136"}
    assert cap.gap_takeaway(values).startswith("For the systems shown, no open wish")


def test_chart_shapes_and_colours_are_colour_blind_safe(real):
    from briefing.charts import OKABE_ITO

    assert set(cap.STAGE_COLOURS.values()) <= set(OKABE_ITO)
    assert len(set(cap.STAGE_SHAPES.values())) == len(cap.STAGES)


def test_timeline_chart_shows_the_stage_by_shape_not_colour_alone(real):
    spec, values = _values(cap.timeline_chart(cap.system_rows(real, real.as_of).rows))
    points = next(layer for layer in spec["layer"] if "shape" in layer["encoding"])
    shape = points["encoding"]["shape"]
    assert shape["field"] == "stage"
    assert dict(zip(shape["scale"]["domain"], shape["scale"]["range"], strict=True)) == (
        cap.STAGE_SHAPES
    )
    # the row label still says what happened and how precisely it is dated
    s300 = next(v for v in values if v["system"] == "S-300")
    assert s300["lane"] == "Russia: S-300 · first delivery April 2016"


# ------------------------------------------------------------------ PDF section
def test_report_section_matches_the_view(real):
    state = {
        "category": ["air defence"],
        "direction": "to Iran",
        "as_of": "2024-10-10",
        "system": "s-400",
        "status": ["nonsense"],
    }
    section = cap.report_section(real, state)
    assert isinstance(section, Section)
    assert section.key == "capabilities" and section.url_path == "capabilities"
    assert section.query == {
        "category": "air defence",
        "direction": "to Iran",
        "as_of": "2024-10-10",
        "system": "s-400",
    }
    table = next(b for b in section.blocks if isinstance(b, Table))
    view = cap.system_rows(
        real, date(2024, 10, 10), cap.Filters(("air defence",), (), ("to Iran",))
    )
    assert [r[0] for r in table.rows] == [r.name for r in view.rows]
    assert len(table.confidence) == len(table.rows) == len(table.source_ids)
    assert any(isinstance(b, Chart) for b in section.blocks)
    assert section.source_ids()


def test_report_section_with_garbage_state_uses_the_latest_data(real):
    section = cap.report_section(real, {"as_of": "not a date", "category": 5})
    assert section.query["as_of"] == real.as_of.isoformat()
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert len(table.rows) == len(real.systems)
    text = " ".join(getattr(b, "text", "") for b in section.blocks)
    # both sides of the S-400 dispute, each with its own sources
    assert "Other reporting (assessment: disputed)" in text
    claimed = next(b for b in section.blocks if getattr(b, "text", "").startswith("Claimed ("))
    assert claimed.source_ids
    assert any(isinstance(b, Quote) for b in section.blocks)
    assert "Fath-360 (disputed), our summary" in text


def test_the_pdf_of_this_view_carries_the_facts_and_both_sides(real):
    import io

    from pypdf import PdfReader

    from briefing.report.build import section_pdf

    state = {"category": ["air defence"], "as_of": date(2025, 12, 1)}
    pdf = section_pdf(real, "capabilities", state, "http://example.org/capabilities")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Military capabilities" in text
    assert "S-300" in text and "S-400" in text
    assert "Where sources disagree" in text
    assert "Other reporting" in text


def test_chart_text_is_cleaned_and_capped(real):
    """Chart labels are drawn by Vega, not escaped HTML: hostile names must arrive clean."""
    import dataclasses

    rows = cap.system_rows(real, real.as_of).rows
    s300 = next(r for r in rows if r.short_name == "S-300")
    evil = "S\u202e-300\x07 " + "W" * 5000
    hostile = [
        dataclasses.replace(s300, name=evil, short_name=evil) if r is s300 else r for r in rows
    ]
    for records in (cap.timeline_records(hostile), cap.gap_records(hostile)):
        text = json.dumps(records, ensure_ascii=False)
        assert "\u202e" not in text and "\x07" not in text
        # visible length (zero-width break points do not count)
        values = [str(v) for r in records for v in r.values()]
        assert all(len(v.replace("\u200b", "")) <= 120 for v in values)
        assert any("S-300 W" in v and v.endswith("…") for v in values)
