"""The exchange view's logic: ledger, status on a day, the deal builder's arithmetic,
the plain-language reading, speculation against outcome, exports and the PDF section.

Scoring is tested on hand-made packages (whose numbers are worked out by hand here) and
on the real data (the default package, every item at once)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from pypdf import PdfReader

from briefing import exchange as ex
from briefing.charts import to_svg
from briefing.report.model import Chart, Judgement, Section, Table
from briefing.schema import ExchangeItem
from briefing.store import load_dataset

BASE = {
    "category": "test",
    "value_to_receiver": "why the receiver wants it",
    "cost_or_risk_to_giver": "what it costs the giver",
    "status": "speculative",
    "status_as_of": "2024-10",
    "rationale": "hand-made for a test",
    "source_ids": "tsitrin-2024",
    "locator": "para. 1",
    "confidence": "article-only",
}


def item(item_id, giver, value, cost, escalation, feasibility, **extra) -> ExchangeItem:
    direction = "Iran offers Russia" if giver == "Iran" else "Iran wants from Russia"
    row = {
        **BASE,
        "id": item_id,
        "direction": direction,
        "item": extra.pop("name", f"Item {item_id}"),
        "value_score": str(value),
        "cost_score": str(cost),
        "escalation_score": str(escalation),
        "feasibility_score": str(feasibility),
        **extra,
    }
    return ExchangeItem.model_validate(row)


# Hand-made package: Iran gives a (v4 c2 e3 f5) and b (v2 c1 e1 f4); Russia gives r (v5 c3 e2 f2).
A = item("x-a", "Iran", 4, 2, 3, 5)
B = item("x-b", "Iran", 2, 1, 1, 4)
R = item("x-r", "Russia", 5, 3, 2, 2)


# ------------------------------------------------------------------ the arithmetic
def test_empty_package_has_no_score_and_says_so(dataset):
    package = ex.score_package([])
    assert package.empty and package.score is None and package.verdict == ex.EMPTY
    assert all(b.gets == b.gives == 0 for b in package.balances.values())
    assert ex.headline(package) == "No package chosen"
    sentences = ex.reading(dataset, package, date(2025, 1, 1))
    assert len(sentences) == 1 and "No items are chosen" in sentences[0].text
    assert [m.label for m in ex.metrics(package)] == ["Iran's balance", "Russia's balance"]


def test_hand_made_package_is_worked_out_by_hand():
    package = ex.score_package([A, B, R])
    iran, russia = package.balances["Iran"], package.balances["Russia"]
    # Iran receives r (value 5), gives a and b (cost 2 + 1)
    assert (iran.gets, iran.gives, iran.net) == (5, 3, 2)
    # Russia receives a and b (value 4 + 2), gives r (cost 3)
    assert (russia.gets, russia.gives, russia.net) == (6, 3, 3)
    assert package.riskiest == ("x-a",) and package.escalation == 3
    assert package.hardest == ("x-r",) and package.feasibility == 2
    # weaker balance 2, escalation -(3 - 2.5), feasibility +(2 - 2.5)
    assert package.score == pytest.approx(2 - 0.5 - 0.5)
    assert package.verdict == ex.HOLDS
    assert [t.key for t in package.obstacles] == ["escalation", "feasibility"]
    assert [t.key for t in package.supports] == ["balance-Iran"]


def test_one_sided_package_is_a_transfer_not_a_trade(dataset):
    package = ex.score_package([A, B])
    assert package.verdict == ex.ONE_SIDED
    assert package.givers == ("Iran",)
    assert package.balances["Iran"].net == -3  # gives a and b, gets nothing
    assert package.balances["Russia"].net == 6
    assert ex.headline(package) == "One-sided: only Iran gives"
    text = ex.verdict_sentence(package, {i.id: i for i in (A, B)})
    assert "Only Iran gives anything: this is a transfer, not a trade" in text
    only_russia = ex.score_package([R])
    assert only_russia.verdict == ex.ONE_SIDED and only_russia.givers == ("Russia",)


def test_duplicates_count_once():
    assert ex.score_package([A, A, R]).score == ex.score_package([A, R]).score


def test_weights_at_their_extremes():
    zero = ex.score_package([A, B, R], ex.Weights(0, 0, 0, 0))
    assert zero.verdict == ex.UNWEIGHTED and zero.score == 0
    assert "every weight is zero" in ex.headline(zero)
    double = ex.score_package([A, B, R], ex.Weights(10, 10, 10, 10))
    single = ex.score_package([A, B, R])
    assert double.score == pytest.approx(2 * single.score)  # the score is linear in the weights
    value_only = ex.score_package([A, B, R], ex.Weights(10, 0, 0, 0))
    # only value counts: Iran gets 2 x 5, Russia 2 x 6; the weaker side sets the score
    assert value_only.score == pytest.approx(10) and value_only.verdict == ex.HOLDS
    cost_only = ex.score_package([A, B, R], ex.Weights(0, 10, 0, 0))
    # only cost counts: Russia gives up 2 x 3, Iran 2 x 3; nobody gains anything
    assert cost_only.score == pytest.approx(-6) and cost_only.verdict == ex.FAILS
    escalation_only = ex.score_package([A, B, R], ex.Weights(0, 0, 10, 0))
    assert escalation_only.score == pytest.approx(-2 * (3 - 2.5))
    feasibility_only = ex.score_package([A, B, R], ex.Weights(0, 0, 0, 10))
    assert feasibility_only.score == pytest.approx(2 * (2 - 2.5))


def test_weights_refuse_values_outside_the_scale_and_read_the_url():
    with pytest.raises(ValueError):
        ex.Weights(value=11)
    with pytest.raises(ValueError):
        ex.Weights(cost=-1)
    assert ex.Weights.from_state({}) == ex.Weights()
    weights = ex.Weights.from_state(
        {"w_value": "7", "w_cost": ["3", "9"], "w_escalation": "banana", "w_feasibility": "11"}
    )
    assert weights == ex.Weights(7, 9, 5, 5)
    assert weights.query() == {"w_value": "7", "w_cost": "9"}
    assert ex.Weights.from_state({"w_value": 0, "w_cost": True}) == ex.Weights(0, 5, 5, 5)
    assert [ex.is_weight(v) for v in ("0", "10", "11", "-1", "5.5", "", "x")] == [
        True,
        True,
        False,
        False,
        False,
        False,
        False,
    ]


def test_all_items_on_the_real_data(dataset):
    items = list(dataset.exchange_items)
    package = ex.score_package(items)
    for party in ex.PARTIES:
        received = [i for i in items if ex.receiver(i) == party]
        given = [i for i in items if ex.giver(i) == party]
        assert package.balances[party].gets == sum(i.value_score for i in received)
        assert package.balances[party].gives == sum(i.cost_score for i in given)
    assert package.escalation == max(i.escalation_score for i in items)
    assert package.feasibility == min(i.feasibility_score for i in items)
    weaker = min(b.net for b in package.balances.values())
    expected = weaker - (package.escalation - 2.5) + (package.feasibility - 2.5)
    assert package.score == pytest.approx(expected)
    assert package.verdict in (ex.HOLDS, ex.BORDERLINE, ex.FAILS)


# ------------------------------------------------------------------ the default package
def test_default_package_is_tsitrins_missiles_and_drones_for_a_pact(dataset):
    view = ex.build_view(dataset, None)
    assert set(view.chosen) == {"x-drones", "x-ballistic-missiles", "x-defence-pact"}
    package = view.package
    assert package.balances["Iran"].given == ("x-drones", "x-ballistic-missiles")
    assert package.balances["Russia"].given == ("x-defence-pact",)
    assert package.balances["Iran"].net == 0  # gets 5 for the pact, gives 2 + 3
    assert package.balances["Russia"].net == 3  # gets 5 + 3, gives 5
    assert package.riskiest == ("x-defence-pact",) and package.hardest == ("x-defence-pact",)
    assert package.score == pytest.approx(-4.0)
    assert package.verdict == ex.FAILS
    assert ex.headline(package) == "✖ The package does not hold (score −4.0)"


def test_default_reading_explains_why_and_what_happened(dataset):
    view = ex.build_view(dataset, None)
    text = "\n".join(s.text for s in view.reading)
    assert "Iran gives attack drones (cost 2/5) and short-range ballistic missiles" in text
    assert "it receives a mutual-defence guarantee (value 5/5)" in text
    assert "The riskiest item is a mutual-defence guarantee (escalation 5/5)" in text
    assert "bogged down in Ukraine" in text  # the giver's risk, in the sources' words
    assert "does not hold (score −4.0)" in text
    assert "What weighs against it: escalation risk of a mutual-defence guarantee" in text
    assert "A mutual-defence guarantee: not granted (since 17 January 2025)" in text
    assert "analytic judgements" in text
    # every finding cites sources that exist; the riskiest item cites Tsitrin himself
    known = {s.id for s in dataset.sources}
    for sentence in view.reading:
        if sentence.kind in ("finding", "outcome"):
            assert sentence.source_ids and set(sentence.source_ids) <= known
    assert "tsitrin-2024" in view.reading[2].source_ids


def test_default_package_as_of_the_ashgabat_eve(dataset):
    view = ex.build_view(dataset, date(2024, 10, 10))
    outcome = next(s for s in view.reading if s.kind == "outcome").text
    assert outcome.startswith("What happened, as of 10 October 2024")
    assert "A mutual-defence guarantee: not yet on record" in outcome
    assert "first on record: not granted, 17 January 2025" in outcome
    assert "Attack drones: delivered (since August 2022)" in outcome


# ------------------------------------------------------------------ status on a day
def status(dataset, item_id, day):
    return ex.status_at(dataset, dataset.get("exchange", item_id), day)


def test_status_at_the_boundaries_of_a_dated_change(dataset):
    assert status(dataset, "x-defence-pact", date(2025, 1, 16)).status is None
    assert status(dataset, "x-defence-pact", date(2025, 1, 17)).status == "not granted"
    # a month-only date: inside the month it is 'possibly', after it is certain
    inside = status(dataset, "x-drones", date(2022, 8, 15))
    assert inside.status is None and inside.label == (
        "not yet on record (possibly delivered: dated only August 2022)"
    )
    assert status(dataset, "x-drones", date(2022, 9, 1)).label == "delivered"
    # the same status repeated keeps the day it began
    latest = status(dataset, "x-defence-pact", dataset.as_of)
    assert latest.detail == "since 17 January 2025"


def test_status_from_the_row_alone_waits_for_its_date(data_copy):
    path = data_copy / "statuses.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    kept = [r for r in rows if r["subject_id"] != "x-yak-130"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(kept)
    ds = load_dataset(data_copy)
    row = ds.get("exchange", "x-yak-130")
    before = ex.status_at(ds, row, date(2023, 11, 27))
    assert before.status is None and before.label == ex.NOT_YET
    assert before.detail == "first on record: delivered, 28 November 2023"
    assert ex.status_at(ds, row, date(2023, 11, 28)).status == "delivered"


# ------------------------------------------------------------------ ledger and disputes
def test_ledger_lists_every_item_grouped_by_direction(dataset):
    rows = ex.ledger(dataset, dataset.as_of)
    assert len(rows) == len(dataset.exchange_items) == 17
    directions = [r.direction for r in rows]
    assert directions == sorted(directions, key=ex.DIRECTIONS.index)
    offers = ex.filter_rows(rows, ["Iran offers Russia"])
    assert {r.id for r in offers} == {"x-drones", "x-ballistic-missiles", "x-mideast-foothold",
                                       "x-instc"}  # fmt: skip
    assert ex.filter_rows(rows, []) == rows


def test_disputed_rows_carry_both_sides(dataset):
    rows = {r.id: r for r in ex.ledger(dataset, dataset.as_of)}
    s400 = rows["x-s-400"]
    assert s400.contested
    claims = {d.claim_id: d for d in s400.disputes}
    assert "cl-mk-s-400-su-35-keenness" in claims  # reached through the system id s-400
    keen = claims["cl-mk-s-400-su-35-keenness"]
    assert keen.claimed_by == "mishra-kumar-2025" and keen.assessment == "disputed"
    assert "no request for the S-400" in keen.evidence and keen.evidence_source_ids
    assert rows["x-ballistic-missiles"].contested and rows["x-ballistic-missiles"].disputes


# ------------------------------------------------------------------ speculation vs outcome
def test_speculation_sets_tsitrins_claims_against_outcomes(dataset):
    outcomes, later = ex.speculation(dataset, dataset.as_of)
    assert later == 0
    expected = [c for c in dataset.claims if c.claimed_by == "tsitrin-2024"]
    assert len(outcomes) == len(expected) > 0
    kinds = [o.kind for o in outcomes]
    assert kinds[0] == "prediction" and kinds == sorted(kinds, key=lambda k: k != "prediction")
    pact = next(o for o in outcomes if o.claim_id == "cl-tsitrin-defence-pact-for-missiles")
    assert pact.assessment == "not borne out"
    assert pact.quote and "a thousand Iranian missiles" in pact.quote
    assert "tsitrin-2024" in pact.source_ids and "tass-1940345" in pact.source_ids
    drones = next(o for o in outcomes if o.claim_id == "cl-tsitrin-thousands-of-drones")
    assert ("x-drones", "Attack drones", "delivered") in drones.items


def test_speculation_respects_the_as_of_date(dataset):
    # claims dated only 'October 2024' may have been made by 10 October: shown
    outcomes, later = ex.speculation(dataset, date(2024, 10, 10))
    assert outcomes and later == 0
    drones = next(o for o in outcomes if o.claim_id == "cl-tsitrin-thousands-of-drones")
    assert drones.items[0][2] == "delivered"
    # before October 2024 none had been made
    none, hidden = ex.speculation(dataset, date(2024, 9, 30))
    assert none == [] and hidden == len(
        [c for c in dataset.claims if c.claimed_by == "tsitrin-2024"]
    )


# ------------------------------------------------------------------ URL state
def test_chosen_items_from_url_state(dataset):
    assert set(ex.chosen_ids(dataset, {})) == set(ex.DEFAULT_PACKAGE)
    state = {"x-defence-pact": "false", "x-yak-130": "true", "x-s-400": "banana", "x-nope": "true"}
    assert set(ex.chosen_ids(dataset, state)) == {"x-drones", "x-ballistic-missiles", "x-yak-130"}
    assert ex.chosen_ids(dataset, {"x-drones": False, "x-ballistic-missiles": False,
                                   "x-defence-pact": False}) == ()  # fmt: skip
    for chosen in [(), ("x-yak-130",), tuple(i.id for i in dataset.exchange_items)]:
        query = ex.package_query(dataset, chosen)
        assert set(ex.chosen_ids(dataset, query)) == set(chosen)


def test_url_checks_accept_what_the_widgets_accept(dataset):
    checks = ex.url_checks(dataset, ["x-drones", "x-unknown", "as_of"])
    assert checks["x-drones"]("true") and checks["x-drones"]("FALSE")
    assert not checks["x-drones"]("yes")
    assert not checks["x-unknown"]("true")  # no such item: the link gets a notice
    assert checks["w_cost"]("0") and not checks["w_cost"]("11")
    assert checks["direction"]("Russia offers Iran") and not checks["direction"]("north")
    assert "as_of" not in checks  # the sidebar checks its own parameter


# ------------------------------------------------------------------ chart and exports
def test_chart_marks_the_package_and_describes_itself(dataset):
    view = ex.build_view(dataset, None)
    records = ex.chart_records(view.all_rows, view.chosen, view.package.weights)
    chosen = [r for r in records if r["chosen"]]
    assert {r["id"] for r in chosen} == set(ex.DEFAULT_PACKAGE)
    pact = next(r for r in records if r["id"] == "x-defence-pact")
    assert (pact["value"], pact["burden"]) == (5, 10)  # value 5; cost 5 + escalation 5
    assert all(r["label"] for r in chosen) and not any(
        r["label"] for r in records if not r["chosen"]
    )
    spec = ex.package_chart(view.all_rows, view.chosen, view.package.weights, "test").to_dict()
    assert spec["description"] == ex.CHART_ALT
    assert len(spec["layer"]) == 5  # diagonal, other items, chosen items, two label layers
    takeaway = ex.chart_takeaway(records)
    assert takeaway == (
        "On your weights 1 of the 3 chosen items is worth at least as much to the receiver "
        "as they cost and risk the giver; a mutual-defence guarantee falls furthest below "
        "the line."
    )
    svg = to_svg(spec)
    assert svg.startswith("<svg") and "mutual-defence guarantee" in svg
    assert ex.chart_takeaway([]) == (
        "No items are chosen; the grey points show every item on offer."
    )


def test_labels_never_print_over_each_other(dataset):
    rows = ex.ledger(dataset, dataset.as_of)
    records = ex.chart_records(rows, [r.id for r in rows], ex.Weights())
    labelled = [r for r in records if r["label"]]
    # items with the same scores share one point and one label
    assert len(labelled) == len({(r["burden"], r["value"]) for r in records})
    assert any(r["label"].endswith("(+2 more)") for r in labelled)
    top = ex.chart_top(records)
    boxes = []
    for r in labelled:
        width = len(r["label"]) * 6.2
        px = r["burden"] * ex.CHART_WIDTH / top
        left = px + 9 if r["label_side"] == "right" else px - 9 - width
        py = (top - r["label_y"]) * ex.CHART_HEIGHT / top
        boxes.append((left, py - 7, left + width, py + 7))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            # (half a pixel of slack: labels on adjacent lines touch)
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5)


def test_weights_move_the_points(dataset):
    rows = ex.ledger(dataset, dataset.as_of)
    records = ex.chart_records(rows, [], ex.Weights(10, 0, 10, 5))
    pact = next(r for r in records if r["id"] == "x-defence-pact")
    assert (pact["value"], pact["burden"]) == (10, 10)


def test_csv_exports_are_formula_safe(data_copy):
    path = data_copy / "exchange.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["item"] = '=HYPERLINK("http://evil.invalid","x") <b>bold</b> \u202eevil'
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    ds = load_dataset(data_copy)
    assert ds.ok, ds.errors[:3]
    view = ex.build_view(ds, None)
    for text in (ex.ledger_csv(ds, view.all_rows, view.day), ex.package_csv(view)):
        table = list(csv.DictReader(io.StringIO(text)))
        cell = next(r["item"] for r in table if "HYPERLINK" in r["item"])
        assert cell.startswith("'=")
        assert "\u202e" not in text
    ledger = list(csv.DictReader(io.StringIO(ex.ledger_csv(ds, view.all_rows, view.day))))
    assert len(ledger) == 17 and ledger[0]["as_of"] == ds.as_of.isoformat()
    package = list(csv.DictReader(io.StringIO(ex.package_csv(view))))
    assert [r["part"] for r in package] == ["item"] * 3 + [
        "Iran's balance",
        "Russia's balance",
        "package",
        "verdict",
    ]
    assert package[3]["item"] == "gets 5.0, gives up 5.0: balance 0.0"
    assert package[-1]["item"].startswith("The package does not hold (score −4.0); weights")
    speculation = list(csv.DictReader(io.StringIO(ex.speculation_csv(view.outcomes, view.day))))
    assert len(speculation) == len(view.outcomes)


def test_hostile_item_names_are_cleaned_and_capped():
    hostile = item("x-h", "Iran", 1, 1, 1, 1, name="\u202eevil " + "W" * 5000)
    name = ex.short_name(hostile)
    assert "\u202e" not in name and len(name.replace("\u200b", "")) <= 60
    assert ex.in_sentence("Su-35 fighters") == "Su-35 fighters"
    assert ex.in_sentence("S-400 and other systems") == "S-400 and other systems"
    assert ex.in_sentence("A mutual-defence guarantee") == "a mutual-defence guarantee"
    assert ex.in_sentence("Short-range missiles") == "short-range missiles"


# ------------------------------------------------------------------ the PDF section
def test_report_section_matches_the_page(dataset):
    section = ex.report_section(dataset, {"as_of": dataset.as_of})
    assert isinstance(section, Section)
    assert (section.key, section.url_path, section.query) == ("exchange", "exchange", {})
    assert section.summary == "The package does not hold (score −4.0)"
    tables = [b for b in section.blocks if isinstance(b, Table)]
    assert len(tables[0].rows) == 17 and len(tables[0].confidence) == 17
    assert len(tables[1].rows) == 3  # the package
    assert [b for b in section.blocks if isinstance(b, Chart)]
    judgement = next(b for b in section.blocks if isinstance(b, Judgement))
    assert "does not hold" in judgement.text
    known = {s.id for s in dataset.sources}
    assert section.source_ids() and set(section.source_ids()) <= known


def test_report_section_takes_the_url_state(dataset):
    state = {"x-defence-pact": "false", "x-yak-130": "true", "w_escalation": "2",
             "direction": ["Iran offers Russia"], "as_of": "2024-10-10"}  # fmt: skip
    section = ex.report_section(dataset, state)
    assert section.query == {"x-defence-pact": "false", "x-yak-130": "true",
                             "w_escalation": "2", "direction": ["Iran offers Russia"],
                             "as_of": "2024-10-10"}  # fmt: skip
    tables = [b for b in section.blocks if isinstance(b, Table)]
    assert len(tables[0].rows) == 4  # the direction filter
    assert "Status on 2024-10-10" in tables[0].columns
    # garbage never raises; it falls back to the defaults
    garbage = ex.report_section(dataset, {"w_value": "99", "as_of": "yesterday", "x-a": "1"})
    assert garbage.query == {}
    assert ex.report_section(dataset, {}).summary == garbage.summary


def test_the_section_prints(dataset):
    """The PDF builder lays the section out; its key facts come back out as text."""
    from briefing.report.build import section_pdf

    pdf = section_pdf(dataset, "exchange", {"as_of": date(2024, 10, 10), "x-yak-130": "true"})
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "The exchange" in text and "Ledger of exchange items" in text
    assert "Speculation against outcome" in text
    assert "As of 10 October 2024" in text
    assert "not yet on record" in text  # the pact, on the eve of Ashgabat
    assert "x-yak-130=true" in text  # the link back reproduces the package


def test_the_outcome_line_says_what_russia_gave_and_did_not_give_in_2026(dataset):
    from briefing.war import EXCHANGE_OUTCOME, _sources

    view = ex.build_view(dataset, None)  # the default package holds the defence pact
    outcome = [s for s in view.reading if s.kind == "outcome"]
    texts = " ".join(s.text for s in outcome)
    assert "In the 2026 war Russia gave political backing" in texts
    assert "It did not give a defence guarantee" in texts
    assert "abstained" in texts and "Military help is not on the record" in texts
    for sentence in outcome[1:]:
        spec = next(
            (ids for text, ids in EXCHANGE_OUTCOME if sentence.text.startswith(text[:40])), None
        )
        if spec is None:
            continue
        expected = {sid for row_id in spec for sid in _sources(dataset.find(row_id)[1])}
        assert set(sentence.source_ids) == expected
    before = ex.build_view(dataset, date(2025, 10, 3))
    assert "2026 war" not in " ".join(s.text for s in before.reading)
