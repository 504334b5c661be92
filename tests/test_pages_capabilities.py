"""The /capabilities page through Streamlit's AppTest: what a reader sees for a given URL."""

from __future__ import annotations

import csv
import json
import re

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")
PAGE = "pages/capabilities.py"


def open_page(**params) -> AppTest:
    """The page as a link with these query parameters opens it (lists = repeated keys)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest):
    return at.dataframe[0].value


def text(at: AppTest) -> str:
    """The page's text as a reader sees it (Markdown escapes removed)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.value for h in at.header] + [s.value for s in at.subheader]
    parts += [i.value for i in at.info] + [t.value for t in at.title]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def chart_specs(at: AppTest) -> list[tuple[dict, list[dict]]]:
    """(spec, data rows) of each chart: Streamlit ships the data apart, as Arrow."""
    out = []
    for chart in at.get("vega_lite_chart"):
        proto = chart.proto
        rows = []
        if proto.data.data:
            rows = pa.ipc.open_stream(proto.data.data).read_all().to_pylist()
        out.append((json.loads(proto.spec), rows))
    return out


def test_default_view_lists_every_system_with_status_and_quantity():
    at = open_page()
    shown = table(at)
    assert len(shown) == 18  # 17 before the 2026 update added the Verba order (FT report)
    rows = shown.set_index("id")
    assert rows.loc["s-400", "status"] == "wish list"
    assert rows.loc["su-35", "quantity"] == "unknown"
    assert rows.loc["f-4", "quantity"] == "209–225"
    assert rows.loc["s-400", "doubt"].startswith("⚠")
    assert rows.loc["s-400", "confidence"] == "⚠ disputed"
    body = text(at)
    assert "Military capabilities" in body
    assert "Supplied by Moscow" in body and "Sent by Iran to Russia" in body
    assert "Where sources disagree" in body


def test_both_sides_of_a_dispute_are_shown_with_sources():
    at = open_page()
    body = text(at)
    assert "Other reporting" in body
    assert "Claimed by:" in body and "Evidence:" in body
    assert "Borna News" in body  # Jalali's denial of an S-400 request is cited


def test_filters_from_the_url():
    at = open_page(category=["air defence", "fighter"], direction="to Iran")
    names = list(table(at)["id"])
    assert "s-300" in names and "s-400" in names and "su-35" in names
    assert not {"shahed-136", "fath-360", "yak-130", "sat-khayyam"} & set(names)
    at = open_page(status="wish list")
    assert list(table(at)["id"]) == ["s-400"]
    at = open_page(direction="Iran to Russia")
    assert set(table(at)["id"]) == {"shahed-136", "fath-360"}


def test_charts_show_the_filtered_systems_with_alt_text_and_takeaway():
    at = open_page(category="air defence")
    (timeline, timeline_rows), (gap, gap_rows) = chart_specs(at)
    # a wish is not a delivery: the S-400 stays off the timeline; the Verba order reported
    # by the FT in 2026 is on it as an order, and in the gap as not confirmed
    assert {r["system"] for r in timeline_rows} == {"S-300", "Verba"}
    assert {(r["area"], r["stage"], r["system"]) for r in gap_rows} == {
        ("air defence", "delivered to or launched for Iran", "S-300"),
        ("air defence", "wanted, not supplied", "S-400"),
        ("air defence", "ordered or reported, not confirmed", "Verba"),
    }
    assert "Acquisitions and transfers" in json.dumps(timeline["title"])
    assert gap["description"].startswith("Grid chart")
    body = text(at)
    assert "Takeaway." in body
    assert "Timeline chart" in body and "Grid chart" in body  # alt text as captions


def test_as_of_date_before_the_s300_delivery():
    at = open_page(as_of="2016-03-01")
    rows = table(at).set_index("id")
    assert rows.loc["s-300", "status"] != "delivered"
    assert "shahed-136" not in rows.index
    assert "enter the record after 2016-03-01" in text(at)
    at = open_page(as_of="2016-11-01")
    assert table(at).set_index("id").loc["s-300", "status"] == "delivered"


def test_garbage_in_the_url_gives_a_notice_not_an_error():
    at = open_page(
        category=["<script>alert(1)</script>", "fighter"],
        status="=1+1",
        direction="sideways",
        system="no-such-system",
        as_of="yesterday",
    )
    notices = " ".join(i.value for i in at.info)
    assert "not understood" in notices
    for key in ("category", "status", "direction", "system"):
        assert key in notices
    assert len(table(at)) >= 1
    assert "Choose a system" in text(at)


def test_detail_panel_for_a_system_from_the_url():
    at = open_page(system="s-400")
    body = text(at)
    assert "Every source, with its locator" in body
    assert "Related events" in body and "Exchange items" in body
    frames = [frame.value for frame in at.dataframe]
    sources = next(v for v in frames if "cited for (locator)" in v.columns)
    assert "borna-2559" in set(sources["id"])
    assert sources["id"].is_unique
    jalali = sources.set_index("id").loc["borna-2559", "cited for (locator)"]
    assert "the systems row (Borna News interview with Amb. Jalali" in jalali
    events = next(v for v in frames if "why related" in v.columns)
    assert any("jalali" in e for e in events["id"])
    exchange = next(v for v in frames if "rationale (analytic judgement)" in v.columns)
    assert "x-s-400" in set(exchange["id"])


def test_csv_download_is_the_filtered_table(tmp_path):
    from briefing import capabilities as cap
    from briefing.store import load_dataset
    from tests.conftest import DATA

    at = open_page(direction="Iran to Russia")
    data = load_dataset(DATA)
    view = cap.system_rows(data, data.as_of, cap.Filters(directions=("Iran to Russia",)))
    rows = list(csv.DictReader(cap.table_csv(view.rows).splitlines()))
    assert {r["id"] for r in rows} == set(table(at)["id"])
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Table as shown (CSV)" in labels and "SVG" in labels and "PNG" in labels


def test_hostile_text_renders_literally(data_copy, monkeypatch):
    path = data_copy / "systems.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        columns = list(rows[0])
    hostile = "<b>bold</b> **x** [link](javascript:alert(1)) $x^2$ \u202eevil " + "W" * 5000
    for row in rows:
        if row["id"] == "s-400":
            row["name"] = '=HYPERLINK("http://x")' + hostile
            row["note"] = hostile
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(data_copy))
    at = open_page(system="s-400")
    markdown = "\n".join(m.value for m in at.markdown) + "\n".join(s.value for s in at.subheader)
    assert "<b>" not in markdown and "](javascript" not in markdown
    assert "\u202e" not in markdown
    assert r"\<b\>bold\</b\>" in markdown
    names = list(table(at)["name"])
    assert any(name.startswith('=HYPERLINK("http://x")<b>bold</b>') for name in names)


def test_broken_or_missing_tables_leave_a_working_page(data_copy, monkeypatch):
    (data_copy / "systems.csv").write_bytes(b"\x00\x01garbage")
    (data_copy / "claims.csv").unlink()
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(data_copy))
    at = open_page(category="fighter", system="s-400")
    assert len(table(at)) == 0
    body = text(at)
    assert "Showing 0 of 0 systems" in body
    assert "not understood" in body  # s-400 is no longer a system id
    assert len(at.get("vega_lite_chart")) == 2


def test_a_checked_claim_shows_both_sides_once_the_reader_opens_it():
    at = open_page()
    heading = next(m for m in at.markdown if m.value.startswith("**Other claims about"))
    count = int(re.search(r"\((\d+)\)", heading.value).group(1))
    boxes = [e for e in at.expander if e.key and e.key.startswith("claim-")]
    assert len(boxes) == count > 0  # one expander per checked claim, drawn closed
    assert all(not box.markdown for box in boxes)  # built only once opened (bench/)
    key = boxes[0].key
    at.session_state[key] = True
    at.run()
    assert not at.exception
    box = next(e for e in at.expander if e.key == key)
    sides = re.sub(r"\\(.)", r"\1", "\n".join(m.value for m in box.markdown))
    assert "Summary:" in sides and "Claimed by" in sides  # the claim, with its source
    assert "Other reporting" in sides and "Evidence" in sides  # and what others said
    others = [e for e in at.expander if e.key and e.key.startswith("claim-") and e.key != key]
    assert all(not other.markdown for other in others)  # the others stay closed
