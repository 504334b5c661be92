"""Treaty comparison logic (briefing.treaties): on the real data and on hand-made cases."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path
from types import MappingProxyType

import pytest

from briefing import treaties as T
from briefing.report.model import Chart, Paragraph, Quote, Section, Table
from briefing.schema import TABLES, Provision, Source, StatusChange, Theme, Treaty
from briefing.store import Dataset

UNESCAPED_BOLD = re.compile(r"(?<!\\)\*\*")
UNESCAPED_STRIKE = re.compile(r"(?<!\\)~~")


# ------------------------------------------------------------ hand-made data
def _treaty(id_, **extra) -> Treaty:
    row = {
        "id": id_,
        "short_name": extra.pop("short_name", id_.upper()),
        "title": "A treaty",
        "parties": "russia;iran",
        "role": extra.pop("role", "subject"),
        "signed": extra.pop("signed", "2001-03-12"),
        "entered_into_force": extra.pop("entered_into_force", "unknown"),
        "articles": "",
        "mutual_defence": extra.pop("mutual_defence", "no"),
        "status": "signed",
        "source_ids": "src-a",
        "locator": "Art. 1",
        "confidence": "confirmed",
    }
    row.update(extra)
    return Treaty.model_validate(row)


def _provision(id_, treaty_id, theme, **extra) -> Provision:
    row = {
        "id": id_,
        "treaty_id": treaty_id,
        "article": extra.pop("article", "3"),
        "theme": theme,
        "summary": extra.pop("summary", "A summary."),
        "obligation": extra.pop("obligation", "non-assistance to aggressor"),
        "source_ids": extra.pop("source_ids", "src-a"),
        "locator": extra.pop("locator", "Art. 3"),
        "confidence": "confirmed",
    }
    row.update(extra)
    return Provision.model_validate(row)


def _source(id_, publisher) -> Source:
    return Source.model_validate(
        {
            "id": id_,
            "title": "T",
            "publisher": publisher,
            "published": "2025-01-17",
            "kind": "news report",
        }
    )


def make_dataset(treaties, provisions, sources=(), statuses=()) -> Dataset:
    tables = {spec.name: () for spec in TABLES}
    tables["treaties"] = tuple(treaties)
    tables["provisions"] = tuple(provisions)
    tables["sources"] = tuple(sources) or (_source("src-a", "Agency A"),)
    tables["statuses"] = tuple(statuses)
    index = {name: MappingProxyType({row.id: row for row in rows}) for name, rows in tables.items()}
    return Dataset(Path("."), MappingProxyType(tables), "test", date(2026, 1, 1), (), index)


def pair(
    old_quote,
    new_quote,
    *,
    old_lang="en",
    new_lang="en",
    old_src="src-a",
    new_src="src-a",
    relation=None,
    theme="non-assistance to an aggressor",
):
    """A two-treaty succession with one clause each on `theme` (None: no clause)."""
    provisions = []
    if old_quote is not None:
        provisions.append(
            _provision(
                "old-3", "old", theme, quote=old_quote, quote_language=old_lang, source_ids=old_src
            )
        )
    if new_quote is not None:
        provisions.append(
            _provision(
                "new-3",
                "new",
                theme,
                quote=new_quote,
                quote_language=new_lang,
                source_ids=new_src,
                relation=relation or "",
            )
        )
    return make_dataset(
        [
            _treaty("old", short_name="Old 2001"),
            _treaty("new", short_name="New 2025", signed="2025-01-17", supersedes="old"),
        ],
        provisions,
        sources=[_source("src-a", "Agency A"), _source("src-b", "Agency B")],
    )


def diffs_for(dataset, mode="quote", themes=(Theme.NON_ASSISTANCE,)):
    rows = T.align(dataset, ["old", "new"], themes, mode)
    return T.theme_diffs(dataset, rows, mode)


def rebuild(segments, side):
    keep = {"old": {"equal", "delete"}, "new": {"equal", "insert"}}[side]
    return " ".join(s.text for s in segments if s.op in keep)


# ------------------------------------------------------------------ word diff
def test_identical_texts_are_one_equal_run_and_read_word_for_word():
    text = "the other party shall not provide any military assistance"
    [diff] = diffs_for(pair(text, text))
    assert [s.op for s in diff.segments] == ["equal"]
    assert diff.segments[0].text == text
    assert "keeps the Old 2001 wording word for word" in diff.reading
    assert "different" not in diff.reading


def test_small_change_is_marked_and_read_almost_word_for_word():
    old = "if one party is subject to aggression the other shall not help the aggressor at all"
    new = "if one party is subject to aggression the other shall not assist the aggressor at all"
    [diff] = diffs_for(pair(old, new))
    ops = [(s.op, s.text) for s in diff.segments]
    assert ("delete", "help") in ops and ("insert", "assist") in ops
    assert rebuild(diff.segments, "old") == old and rebuild(diff.segments, "new") == new
    assert "almost word for word" in diff.reading


def test_segments_rebuild_both_texts_exactly():
    old = "cooperate in promoting the process of disarmament and the reduction of WMD"
    new = "cooperate closely on arms control, disarmament, non-proliferation, and security"
    segments = T.word_diff(old, new)
    assert rebuild(segments, "old") == old
    assert rebuild(segments, "new") == new
    assert {s.op for s in segments} == {"equal", "delete", "insert"}


def test_empty_texts_give_no_segments():
    assert T.word_diff("", "") == []
    assert T.word_diff(None, "new words") == [T.Segment("insert", "new words")]


def test_one_side_missing_says_new_or_not_recorded():
    [new_only] = diffs_for(pair(None, "consult on threats"))
    assert new_only.segments == () and new_only.text_kind == "none"
    assert new_only.reading.startswith("New in New 2025: no Old 2001 clause")
    assert new_only.relation.relation == "new"
    [old_only] = diffs_for(pair("consult on threats", None))
    assert old_only.reading.startswith("No New 2025 clause on non-assistance")
    assert old_only.relation.relation == "absent"


def test_html_and_markdown_in_texts_are_escaped_and_markers_stay_ours():
    old = "<script>alert(1)</script> **not bold** [link](javascript:alert(1)) ~~x~~ keep"
    new = "<img src=x onerror=alert(1)> **not bold** # heading `code` $x$ keep"
    [diff] = diffs_for(pair(old, new))
    markdown = T.diff_markdown(diff.segments)
    assert not re.search(r"(?<!\\)<", markdown)  # every '<' is escaped
    assert r"\<script\>" in markdown and r"\<img" in markdown
    assert "](javascript" not in markdown
    # only our own markers are live Markdown: one pair per inserted / deleted run
    inserts = sum(s.op == "insert" for s in diff.segments)
    deletes = sum(s.op == "delete" for s in diff.segments)
    assert len(UNESCAPED_BOLD.findall(markdown)) == 2 * inserts
    assert len(UNESCAPED_STRIKE.findall(markdown)) == 2 * deletes
    assert r"\*\*not bold\*\*" in markdown
    # the plain (print) form keeps the data text as it is, inside plain-text markers
    plain = T.diff_plain(diff.segments)
    assert "[-<script>alert(1)</script>" in plain


def test_token_ending_in_backslash_cannot_break_a_marker():
    markdown = T.diff_markdown([T.Segment("delete", "path\\"), T.Segment("insert", "x\\")])
    assert markdown == "~~path\\\\~~ **x\\\\**"


def test_different_languages_are_flagged_so_word_changes_are_not_over_read():
    [diff] = diffs_for(
        pair(
            "l'autre partie ne doit pas apporter l'aide",
            "the other shall not provide assistance",
            old_lang="fr",
            new_lang="en",
            old_src="src-a",
            new_src="src-b",
            relation="continuity",
        )
    )
    assert "different languages or translations" in diff.reading
    assert "French, from Agency A, 17 January 2025" in diff.reading
    assert "English, from Agency B" in diff.reading
    assert "translation, not the treaty" in diff.reading
    assert "both are coded 'non-assistance to aggressor'" in diff.reading
    assert diff.relation.text == "continuity (recorded)"
    assert diff.segments  # the diff of the texts as recorded is still given


def test_same_language_from_different_sources_is_flagged():
    text_a = "the other shall not provide any military assistance to the aggressor"
    text_b = "the other shall not give any military assistance to the aggressor"
    [diff] = diffs_for(pair(text_a, text_b, old_src="src-a", new_src="src-b"))
    assert "come from different sources (Agency A" in diff.reading
    assert "may be different translations" in diff.reading


def test_missing_quote_falls_back_to_summaries_and_says_so():
    dataset = pair("a verbatim clause", None)
    extra = _provision("new-4", "new", "non-assistance to an aggressor", summary="Our words.")
    dataset = make_dataset(dataset.treaties, [*dataset.provisions, extra], dataset.sources)
    [diff] = diffs_for(dataset)
    assert diff.text_kind == "summary" and diff.texts == "summaries"
    assert "No verbatim text is recorded for New 2025" in diff.reading
    assert "our summaries, not treaty wording" in diff.reading
    [summary] = diffs_for(dataset, mode="summary")
    assert summary.reading.startswith("This compares our summaries")


def test_similarity_ignores_case_and_punctuation():
    assert T.similarity("The Parties, agree.", "the parties agree") == 1.0
    assert T.similarity("alpha beta", "gamma delta") == 0.0


# ----------------------------------------------------------- relation labels
@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("consultation", "consultation", "continuity"),
        ("non-assistance to aggressor", "consultation", "expanded"),
        ("immediate military assistance", "consultation", "narrowed"),
        ("not applicable", "not applicable", "not assessed"),
    ],
)
def test_relation_is_derived_from_obligation_codes_when_not_recorded(old, new, expected):
    dataset = make_dataset(
        [_treaty("old"), _treaty("new", supersedes="old")],
        [
            _provision("o", "old", "consultation", obligation=old),
            _provision("n", "new", "consultation", obligation=new),
        ],
    )
    [row] = T.align(dataset, ["old", "new"], [Theme.CONSULTATION], "quote")
    [label] = row.relations
    assert label.relation == expected
    assert label.basis != "recorded"


def test_recorded_relation_wins_and_no_succession_means_no_label():
    dataset = pair("x", "y", relation="departure")
    [row] = T.align(dataset, ["old", "new"], [Theme.NON_ASSISTANCE], "quote")
    assert row.relations[0].text == "departure (recorded)"
    [row] = T.align(dataset, ["new"], [Theme.NON_ASSISTANCE], "quote")
    assert row.relations == ()


# ------------------------------------------------------------------ choosing
def test_url_values_resolve_by_label_or_id_and_garbage_is_reported(dataset):
    ids, ignored = T.resolve_treaties(dataset, ["Russia–Iran 2025", "nato-1949", "<b>x</b>"])
    assert ids == ["ru-ir-2025", "nato-1949"] and ignored == ["<b>x</b>"]
    assert T.resolve_treaties(dataset, None)[0] == ["ru-ir-2001", "ru-ir-2025", "dprk-ru-2024"]
    ids, ignored = T.resolve_treaties(dataset, T.treaty_options(dataset))
    assert len(ids) == T.MAX_TREATIES and len(ignored) == len(dataset.treaties) - 3
    themes, ignored = T.resolve_themes(["consultation", "mutual defence", "zzz"])
    assert themes == [Theme.MUTUAL_DEFENCE, Theme.CONSULTATION] and ignored == ["zzz"]
    assert T.resolve_mode("bogus") == ("quote", ["bogus"])
    assert T.resolve_mode("summary") == ("summary", [])


def test_duplicate_short_names_get_distinct_labels():
    dataset = make_dataset([_treaty("a", short_name="Same"), _treaty("b", short_name="Same")], [])
    assert T.treaty_labels(dataset) == {"a": "Same (a)", "b": "Same (b)"}


# ------------------------------------------------------------ real data: facts
def view(dataset, treaty_ids=T.DEFAULT_TREATIES, themes=T.DEFAULT_THEMES, mode="quote", day=None):
    return T.comparison(dataset, list(treaty_ids), themes, mode, day or dataset.as_of)


def test_headline_answers_the_mutual_defence_question(dataset):
    comparison = view(dataset)
    rows = {row[T.FACT]: row for row in T.headline_rows(comparison.headline)}
    assert rows["Mutual-defence clause"]["Russia–Iran 2025"] == "no"
    assert rows["Mutual-defence clause"]["Russia–Iran 2001"] == "no"
    assert rows["Mutual-defence clause"]["DPRK–Russia 2024"] == "yes"
    assert rows["Articles"]["Russia–Iran 2025"] == "47"
    assert rows["Articles"]["Russia–Iran 2001"] == "21"
    assert rows["Signed"]["Russia–Iran 2025"] == "17 January 2025"
    assert rows["Status"]["Russia–Iran 2025"].startswith("in force (since 2 October 2025)")
    assert rows["Status"]["Russia–Iran 2001"].startswith("superseded")
    assert "[tass-1940345]" in rows["Sources"]["Russia–Iran 2025"]
    glance = {g.treaty_id: g for g in comparison.glance}
    assert glance["ru-ir-2025"].answer == "No" and glance["dprk-ru-2024"].answer == "Yes"
    assert "immediate military assistance (Art. 4" in glance["dprk-ru-2024"].pledge
    assert "consultation (Art. 5(4)" in glance["ru-ir-2025"].pledge


def test_headline_status_follows_the_as_of_date(dataset):
    before = view(dataset, day=date(2010, 1, 1))
    rows = {row[T.FACT]: row for row in T.headline_rows(before.headline)}
    assert rows["Status"]["Russia–Iran 2025"] == "not yet signed (as of 2010-01-01)"
    assert rows["Signed"]["DPRK–Russia 2024"] == "not yet signed on 2010-01-01"
    assert rows["Status"]["Russia–Iran 2001"].startswith("signed (since 12 March 2001)")
    assert set(before.not_signed) == {"Russia–Iran 2025", "DPRK–Russia 2024"}
    between = view(dataset, day=date(2025, 5, 1))
    rows = {row[T.FACT]: row for row in T.headline_rows(between.headline)}
    assert rows["In force"]["Russia–Iran 2025"] == "not yet in force on 2025-05-01"
    assert "in force" not in rows["Status"]["Russia–Iran 2025"].split("(")[0]
    assert rows["Status"]["Russia–Iran 2001"].startswith("renewed")
    # the renewal is disputed in the data, and the table says so
    assert "status: disputed" in rows["Confidence"]["Russia–Iran 2001"]


def test_alignment_on_real_data(dataset):
    comparison = view(dataset)
    rows = {row.theme: row for row in comparison.rows}
    non_assistance = rows["non-assistance to an aggressor"]
    assert [c.article for c in non_assistance.cells["ru-ir-2025"]] == ["3(3)"]
    assert non_assistance.cells["ru-ir-2001"][0].language == "fr"
    assert non_assistance.cells["dprk-ru-2024"] == ()
    assert non_assistance.relations[0].text == "continuity (recorded)"
    mutual = rows["mutual defence"]
    assert mutual.cells["ru-ir-2025"] == () and mutual.cells["ru-ir-2001"] == ()
    assert mutual.relations[0].relation == "absent"
    assert rows["consultation"].relations[0].relation == "new"
    table = {r["theme"]: r for r in T.alignment_rows(dataset, comparison.rows, T.DEFAULT_TREATIES)}
    assert table["mutual defence"]["Russia–Iran 2025"] == T.NOTHING
    assert table["mutual defence"]["DPRK–Russia 2024"].startswith("Art. 4 · quote (English)")
    assert "immediate military assistance" in table["mutual defence"]["DPRK–Russia 2024"]
    assert (
        "· source: TASS, 14 October 2024 (+4 more)" in table["mutual defence"]["DPRK–Russia 2024"]
    )
    summary_view = view(dataset, mode="summary")
    cell = summary_view.rows[1].cells["ru-ir-2025"][0]
    assert cell.text_kind == "summary" and cell.label == "summary (our words)"


def test_what_changed_on_real_data_is_honest_about_translations(dataset):
    diffs = {d.theme: d for d in view(dataset).diffs}
    non_assistance = diffs["non-assistance to an aggressor"]
    assert "French" in non_assistance.reading and "English" in non_assistance.reading
    assert "translation, not the treaty" in non_assistance.reading
    arms = diffs["arms control and WMD"]
    assert arms.text_kind == "quote" and "% alike" in arms.reading
    assert arms.relation.text == "departure (recorded)"
    assert rebuild(arms.segments, "new") == arms.later.text
    assert "mutual defence" not in diffs  # nothing on either side: no diff to show
    assert diffs["consultation"].reading.startswith("New in Russia–Iran 2025")


def test_ladder_places_treaties_and_reference_clauses(dataset):
    comparison = view(dataset)
    best = {p.treaty_id: p for p in comparison.points if p.strongest}
    assert best["ru-ir-2001"].rank == 1
    assert best["ru-ir-2025"].rank == 2 and best["ru-ir-2025"].article == "Art. 5(4)"
    assert best["dprk-ru-2024"].rank == 7
    references = {tid for tid, p in best.items() if p.role == "reference"}
    assert references == {"nato-1949", "cn-kp-1961", "us-jp-1960", "csto-1992", "ru-by-2024"}
    # only clauses about an attack or threat count; general cooperation is not placed
    assert all(p.theme in {t.value for t in T.DEFENCE_THEMES} for p in comparison.points)
    spec = json.dumps(
        T.ladder_chart(comparison.points, comparison.day).to_dict(), ensure_ascii=False
    )
    for name in (
        "Russia–Iran 2025",
        "Russia–Iran 2001",
        "DPRK–Russia 2024",
        "NATO 1949",
        "China–DPRK 1961",
        "US–Japan 1960",
        "CSTO 1992",
        "Russia–Belarus 2024",
    ):
        assert name in spec
    for colour in ("#0072B2", "#E69F00"):
        assert colour in spec
    assert "diamond" in spec and "circle" in spec  # shape as well as colour
    takeaway = T.ladder_takeaway(comparison.points)
    assert "Russia–Iran 2025 rung 2 (consultation)" in takeaway
    assert "below every reference clause" in takeaway
    alt_text = T.ladder_alt_text(comparison.points)
    assert "NATO 1949 (reference): assistance as deemed necessary, rung 5" in alt_text


def test_chart_exports_to_svg(dataset):
    from briefing import charts

    comparison = view(dataset)
    svg = charts.to_svg(T.ladder_chart(comparison.points, comparison.day))
    assert svg.lstrip().startswith("<svg") and "NATO 1949" in svg


def test_aligned_csv_has_sources_and_is_formula_safe(dataset):
    comparison = view(dataset)
    text = T.alignment_csv(dataset, comparison.rows, comparison.treaty_ids, "quote")
    table = list(csv.DictReader(io.StringIO(text)))
    assert [r["theme"] for r in table] == [t.value for t in T.DEFAULT_THEMES]
    row = next(r for r in table if r["theme"] == "non-assistance to an aggressor")
    assert "[tass-1940345]" in row["Russia–Iran 2025: sources"]
    assert row["Russia–Iran 2025: article"] == "Art. 3(3)"
    assert row["relation Russia–Iran 2001 → Russia–Iran 2025"] == "continuity (recorded)"
    assert row["DPRK–Russia 2024: text (quote)"] == T.NOTHING
    hostile = make_dataset(
        [_treaty("a", short_name="=cmd|' /C calc'!A0")],
        [
            _provision(
                "p",
                "a",
                "consultation",
                locator="=SUM(A1)",
                quote="+1",
                article="@x",
                quote_language="en",
            )
        ],
        sources=[_source("src-a", "-2+3")],
    )
    rows = T.align(hostile, ["a"], [Theme.CONSULTATION], "quote")
    cells = [
        c
        for line in csv.reader(io.StringIO(T.alignment_csv(hostile, rows, ["a"], "quote")))
        for c in line
    ]
    assert all(not c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert "'=SUM(A1)" in cells and "'-2+3, 17 January 2025 [src-a]" in cells


def test_status_confidence_comes_from_the_status_row():
    status = StatusChange.model_validate(
        {
            "id": "s1",
            "subject_id": "a",
            "date": "2001-03-12",
            "status": "signed",
            "source_ids": "src-a",
            "locator": "x",
            "confidence": "disputed",
        }
    )
    dataset = make_dataset([_treaty("a")], [], statuses=[status])
    [column] = T.headline(dataset, ["a"], date(2002, 1, 1))
    assert column.status_confidence == "disputed"
    assert column.cells["Status"].startswith("signed (since 12 March 2001)")


# --------------------------------------------------------------------- PDF
def test_report_section_is_built_from_the_same_functions(dataset):
    section = T.report_section(
        dataset,
        {
            "treaty": ["Russia–Iran 2025", "DPRK–Russia 2024"],
            "theme": None,
            "text": "quote",
            "as_of": date(2025, 6, 1),
        },
    )
    assert isinstance(section, Section) and section.key == "treaties"
    assert section.url_path == "treaties"
    assert section.query["treaty"] == ["Russia–Iran 2025", "DPRK–Russia 2024"]
    assert section.query["as_of"] == "2025-06-01"
    kinds = [block.kind for block in section.blocks]
    assert "table" in kinds and "chart" in kinds
    chart = next(b for b in section.blocks if isinstance(b, Chart))
    assert chart.alt and chart.takeaway and chart.source_ids
    assert "NATO 1949" in json.dumps(chart.spec, ensure_ascii=False)
    assert "tass-1940345" in section.source_ids()  # the 2025 treaty's Duma report
    headline = next(b for b in section.blocks if isinstance(b, Table))
    status_row = next(r for r in headline.rows if r[0] == "Status")
    assert "as of 2025-06-01" in status_row[1]
    differences = [b.text for b in section.blocks if "Word difference" in getattr(b, "text", "")]
    assert differences == []  # no succession among the chosen treaties
    default = T.report_section(dataset, {"as_of": dataset.as_of})
    differences = [b for b in default.blocks if "Word difference" in getattr(b, "text", "")]
    assert any("[-" in b.text and "{+" in b.text for b in differences)
    # a marked-up difference is nobody's verbatim words: never a Quote block
    assert all(isinstance(b, Paragraph) for b in differences)
    assert not any(isinstance(b, Quote) for b in default.blocks)
    assert "as_of" not in default.query


def test_treaty_section_prints_as_a_pdf_with_its_key_facts(dataset):
    from briefing.report.build import section_pdf
    from tests.pdf_reading import content_text, off_page, squash

    state = {"treaty": list(T.DEFAULT_TREATIES), "as_of": dataset.as_of}
    pdf = section_pdf(dataset, "treaties", state, "http://localhost:8501/treaties")
    text = squash(content_text(pdf))
    for fact in (
        "Is it a mutual-defence pact?",
        "Russia–Iran 2025: mutual-defence clause: no.",
        "DPRK–Russia 2024: mutual-defence clause: yes.",
        "recorded in different languages or translations",
        "Word difference of the quotes as recorded",
        "Pledge-strength ladder",
    ):
        assert squash(fact) in text, fact
    assert off_page(pdf) == []


def test_url_checks_accept_what_the_widgets_accept(dataset):
    checks = T.url_checks(dataset)
    assert checks["treaty"]("Russia–Iran 2025") and checks["treaty"]("")
    assert not checks["treaty"]("ru-ir-2025")  # the link carries the label the picker shows
    assert checks["theme"]("arms control and WMD") and not checks["theme"]("<script>")
    assert checks["text"]("summary") and not checks["text"]("")


def test_claims_about_the_chosen_treaties_put_disagreements_first(dataset):
    claims = view(dataset).claims
    flags = [c["disputed"] for c in claims]
    assert any(flags) and flags == sorted(flags, reverse=True)
    shown = set(T.DEFAULT_TREATIES) | {p.id for p in dataset.provisions}
    assert all(set(c["subject_ids"]) & shown for c in claims)
    signed = next(c for c in claims if "signed on 22 March 2001" in c["claim"])
    assert signed["disputed"] and signed["assessment"] == "contradicted"
    rows = T.claim_rows(dataset, claims)
    assert rows[0]["claimed by"] and rows[0]["evidence sources"]


def test_view_state_rebuilds_the_same_section(dataset):
    comparison = view(dataset, treaty_ids=["ru-ir-2025", "nato-1949"], mode="summary")
    section = T.report_section(dataset, comparison.state)
    assert section.query["treaty"] == ["Russia–Iran 2025", "NATO 1949"]
    assert section.query["text"] == "summary"
    table = next(b for b in section.blocks if isinstance(b, Table) and "theme" in b.columns)
    assert {row[1] for row in table.rows} == {"Russia–Iran 2025", "NATO 1949"}
    assert all(row[3].startswith("[summary") or row[3] == T.NOTHING for row in table.rows)


def test_ladder_caps_data_text_so_labels_cannot_squeeze_the_plot():
    long_name = "<b>" + "W" * 300
    dataset = make_dataset(
        [_treaty("a", short_name=long_name + " 1"), _treaty("b", short_name=long_name + " 2")],
        [
            _provision(
                "pa",
                "a",
                "mutual defence",
                article="X" * 500,
                obligation="immediate military assistance",
            ),
            _provision("pb", "b", "consultation", obligation="consultation"),
        ],
    )
    points = T.ladder_points(dataset, ["a", "b"], date(2026, 1, 1))
    rows = T.ladder_chart(points).to_dict()["data"]["values"]
    names = {row["treaty"] for row in rows}
    assert len(names) == 2  # still two rows after capping
    assert all(len(name.replace("\u200b", "")) <= T.NAME_LIMIT for name in names)
    assert all(len(row["label"].replace("\u200b", "")) <= T.LABEL_LIMIT for row in rows)
