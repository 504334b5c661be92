"""The /exchange page through Streamlit's AppTest: what a reader sees by default, with a
package set through the URL, with garbage in the URL, at an earlier as-of date, and with
hostile text in the data. The arithmetic itself is tested in test_exchange.py."""

from __future__ import annotations

import csv
import re

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.tables import table_with

APP = str(ROOT / "app.py")
PAGE = "pages/exchange.py"


def run(**params) -> AppTest:
    """The page as a link with these query parameters opens it."""
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def text_of(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.value for h in at.title] + [h.value for h in at.header]
    parts += [h.value for h in at.subheader] + [i.value for i in at.info]
    parts += [f"{m.label}={m.value}" for m in at.metric]
    # what the reader sees: Markdown backslash escapes removed
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def ledger(at: AppTest):
    return next(df.value for df in at.dataframe if "direction" in df.value.columns)


def test_default_view_is_tsitrins_package_and_why_it_fails():
    at = run()
    checked = {box.key for box in at.checkbox if box.value}
    assert checked == {"x-drones", "x-ballistic-missiles", "x-defence-pact"}
    assert [s.value for s in at.slider] == [5, 5, 5, 5]
    text = text_of(at)
    assert "✖ The package does not hold (score −4.0)" in text
    assert "Iran's balance=0.0" in text and "Russia's balance=+3.0" in text
    assert "Riskiest item: escalation=5/5" in text and "Hardest item: feasibility=1/5" in text
    assert "The riskiest item is a mutual-defence guarantee (escalation 5/5)" in text
    assert "A mutual-defence guarantee: not granted (since 17 January 2025)" in text
    assert "Sources: " in text and "Tsitrin" in text
    # the chart with its text alternative and its takeaway
    assert len(at.get("vega_lite_chart")) == 1
    assert "Scatter chart of the exchange items" in text
    assert "falls furthest below the line" in text
    # the method is on the page and says the scores are judgements
    assert "analytic judgements" in text and "5 counts a criterion as scored" in text
    scales = table_with(at, "criterion").set_index("criterion")
    assert list(scales.index) == ["value", "cost", "escalation", "feasibility"]
    assert "(0 = not at all, 5 = already given)" in scales.loc["feasibility", "score (0-5)"]
    # ledger: every item, with its status on the date and its confidence badge
    table = ledger(at)
    assert len(table) == 17
    package = next(df.value for df in at.dataframe if "part" in df.value.columns)
    assert list(package["part"]) == ["item"] * 3 + [
        "Iran's balance",
        "Russia's balance",
        "package",
        "verdict",
    ]
    pact = table[table["id"] == "x-defence-pact"].iloc[0]
    assert pact["status_on_date"] == "not granted" and pact["confidence"] == "✔ confirmed"
    # disputed rows show both sides; speculation against outcome shows Tsitrin's claims
    expanders = re.sub(r"\\(.)", r"\1", "\n".join(e.label for e in at.expander))
    assert "⚠ Disputed: S-400 and other air-defence systems, both sides" in expanders
    assert "**Speculated** (prediction)" in text and "**Outcome: not borne out**" in text
    assert "a thousand Iranian missiles" in text  # his words, quoted
    # an item's status is "on" the as-of date, never read as the day it happened
    day = re.search(r"status on (\d{4}-\d{2}-\d{2}): delivered", text)
    assert day, "item statuses under an outcome name the as-of date they hold on"
    assert not re.search(r": (delivered|disputed|not granted) on \d{4}-", text)
    labels = [b.label for b in at.get("download_button")]
    for label in ("Chart (SVG)", "Chart (PNG)", "Package (CSV)", "Ledger as shown (CSV)"):
        assert label in labels


def test_a_package_set_through_the_url():
    at = run(
        **{
            "x-defence-pact": "false",
            "x-yak-130": "true",
            "x-satellite-launches": "true",
            "w_escalation": "2",
        }
    )
    checked = {box.key for box in at.checkbox if box.value}
    assert checked == {"x-drones", "x-ballistic-missiles", "x-yak-130", "x-satellite-launches"}
    assert at.slider(key="w_escalation").value == 2
    text = text_of(at)
    # Iran: gets 2 + 3, gives 2 + 3 -> 0; escalation 4 x 2/5 -> -0.6; feasibility 3 -> +0.5
    assert "◐ The package is on the edge (score −0.1)" in text
    assert "weights are yours (value 5, cost 5, escalation 2, feasibility 5)" in text
    assert "Link to this exact view:" in text and "w_escalation=2" in text


def test_ticking_a_box_changes_the_verdict():
    at = run()
    at.checkbox(key="x-defence-pact").uncheck()
    for key in ("x-yak-130", "x-satellite-launches", "x-brics-support"):
        at.checkbox(key=key).check()
    at.run()
    assert not at.exception
    # Iran gets 2 + 3 + 2 for 2 + 3: +2; Russia +6; escalation 4: -1.5; feasibility 3: +0.5
    assert "✔ The package holds together (score +1.0)" in text_of(at)
    at.checkbox(key="x-drones").uncheck()
    at.checkbox(key="x-ballistic-missiles").uncheck()
    at.run()
    assert "One-sided: only Russia gives" in text_of(at)
    for key in ("x-yak-130", "x-satellite-launches", "x-brics-support"):
        at.checkbox(key=key).uncheck()
    at.run()
    assert "No package chosen" in text_of(at)
    assert "No items are chosen" in text_of(at)


def test_garbage_in_the_url_gives_a_notice_and_the_defaults():
    at = run(
        **{
            "x-drones": "banana",
            "w_value": "99",
            "w_cost": "abc",
            "x-made-up": "true",
            "direction": "nowhere",
        }
    )
    notice = text_of(at)
    assert "Some settings in the link were not understood and were ignored" in notice
    for part in ("x-drones=banana", "w_value=99", "w_cost=abc", "x-made-up=true"):
        assert part in notice
    checked = {box.key for box in at.checkbox if box.value}
    assert checked == {"x-drones", "x-ballistic-missiles", "x-defence-pact"}
    assert "does not hold (score −4.0)" in notice
    assert len(ledger(at)) == 17


def test_direction_filter_from_the_url():
    at = run(direction="Iran offers Russia")
    table = ledger(at)
    assert set(table["direction"]) == {"Iran offers Russia"} and len(table) == 4
    assert "4 of 17 items" in text_of(at)


def test_as_of_the_eve_of_ashgabat():
    at = run(as_of="2024-10-10")
    table = ledger(at)
    pact = table[table["id"] == "x-defence-pact"].iloc[0]
    assert pact["status_on_date"] == "not yet on record"
    assert pact["status_detail"] == "first on record: not granted, 17 January 2025"
    text = text_of(at)
    assert "What happened, as of 10 October 2024" in text
    assert "the claims table does not date its evidence" in text


def test_hostile_text_renders_literally(data_copy, monkeypatch):
    hostile = "<b>bold</b> **x** [link](javascript:alert(1)) $x^2$ \u202eevil " + "W" * 5000
    path = data_copy / "exchange.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        if row["id"] in ("x-drones", "x-defence-pact"):
            row["item"] = '=HYPERLINK("http://x") ' + hostile
            row["cost_or_risk_to_giver"] = hostile
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(data_copy))
    at = run()
    shown = "\n".join(m.value for m in at.markdown) + "\n".join(b.label for b in at.checkbox)
    # Markdown specials arrive escaped, so they show as typed; bidi overrides are gone
    assert "\\<b\\>bold\\</b\\>" in shown and "\\[link\\]\\(javascript" in shown
    assert "<b>bold</b>" not in shown and "\u202e" not in shown
    assert "\\$x^2\\$" in shown or "\\$x\\^2\\$" in shown
    table = ledger(at)
    assert table["item"].str.contains("<b>bold</b>", regex=False).any()  # literal in the table
