"""The /treaties page through Streamlit's AppTest: what a reader sees for default,
URL-chosen and garbage settings, an earlier as-of date, and hostile data text."""

from __future__ import annotations

import csv
import json
import re
import shutil

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from briefing import treaties
from tests.conftest import DATA, ROOT
from tests.tables import table_with

APP = str(ROOT / "app.py")
PAGE = "pages/treaties.py"


def run(monkeypatch=None, data_dir=None, **params) -> AppTest:
    if data_dir is not None:
        monkeypatch.setenv("BRIEFING_DATA_DIR", str(data_dir))
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_full_texts(at: AppTest) -> AppTest:
    """The reader opens every "Full texts" expander (each is built only once opened)."""
    from briefing.schema import Theme

    for theme in Theme:
        at.session_state[f"full-texts-{theme.value}"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def text_of(at: AppTest) -> str:
    """Everything written on the page, Markdown escapes removed (what the reader reads)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.value for h in at.title] + [h.value for h in at.header]
    parts += [h.value for h in at.subheader] + [m.label for m in at.metric]
    parts += [str(m.value) for m in at.metric] + [e.label for e in at.expander]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def metrics(at: AppTest) -> dict[str, str]:
    return {re.sub(r"\\(.)", r"\1", m.label): m.value for m in at.metric}


def frame_with(at: AppTest, column: str):
    """The first table with `column` (the headline facts indexed by fact, as on screen)."""
    found = table_with(at, column)
    return found.set_index(treaties.FACT) if treaties.FACT in found.columns else found


def ladder(at: AppTest) -> tuple[dict, pd.DataFrame]:
    """The chart's Vega-Lite spec and the data Streamlit sends with it."""
    [chart] = at.get("vega_lite_chart")
    rows = pa.ipc.open_stream(chart.proto.data.data).read_pandas()
    return json.loads(chart.proto.spec), rows


def test_default_view_answers_the_question_with_sources():
    at = run()
    assert metrics(at) == {
        "Russia–Iran 2001": "No",
        "Russia–Iran 2025": "No",
        "DPRK–Russia 2024": "Yes",
    }
    text = text_of(at)
    assert "Strongest defence pledge: consultation (Art. 5(4), rung 2 of 7)" in text
    assert "Strongest defence pledge: immediate military assistance (Art. 4, rung 7 of 7)" in text
    assert (
        "Pledge sources: [News-Pravda.com, 17 January 2025]"
        "(https://news-pravda.com/world/2025/01/17/985538.html)" in text
    )
    assert "Sources: [TASS, 8 April 2025](https://tass.com/politics/1940345)" in text
    headline = frame_with(at, treaties.FACT)
    assert headline.loc["Mutual-defence clause", "DPRK–Russia 2024"] == "yes"
    assert headline.loc["Articles", "Russia–Iran 2025"] == "47"
    assert headline.loc["Status", "Russia–Iran 2025"].startswith("in force (since 2 October 2025)")
    aligned = frame_with(at, "relation Russia–Iran 2001 → Russia–Iran 2025")
    row = aligned.set_index("theme").loc["non-assistance to an aggressor"]
    assert row["Russia–Iran 2025"].startswith("Art. 3(3) · quote (English)")
    assert row["DPRK–Russia 2024"] == "nothing recorded on this theme"
    assert row["relation Russia–Iran 2001 → Russia–Iran 2025"] == "continuity (recorded)"


def test_what_changed_marks_words_and_warns_about_translations():
    at = run()
    text = text_of(at)
    assert "What changed" in text
    assert "recorded in different languages or translations" in text
    assert "French, from Oleg Ossipov (RIA Novosti" in text
    diff = next(m.value for m in at.markdown if m.value.startswith("cooperate ~~in promoting"))
    assert "**closely on arms control, disarmament, non\\-proliferation,**" in diff
    assert "Word difference of the quotes as recorded" in text
    assert "New in Russia–Iran 2025: no Russia–Iran 2001 clause on consultation" in text


def test_ladder_chart_has_treaties_references_alt_text_and_takeaway():
    at = run()
    spec, rows = ladder(at)
    plotted = set(rows["treaty"])
    assert set(rows.loc[rows["role"] == "reference clause", "treaty"]) == {
        "NATO 1949",
        "China–DPRK 1961",
        "US–Japan 1960",
        "CSTO 1992",
        "Russia–Belarus 2024",
    }
    assert spec["description"].startswith("Dot chart placing each treaty's strongest")
    for name in (
        "Russia–Iran 2025",
        "DPRK–Russia 2024",
        "NATO 1949",
        "China–DPRK 1961",
        "US–Japan 1960",
        "CSTO 1992",
        "Russia–Belarus 2024",
    ):
        assert name in plotted
    text = text_of(at)
    assert "Dot chart placing each treaty's strongest coded defence pledge" in text
    assert "below every reference clause" in text
    labels = {b.proto.label for b in at.get("download_button")}
    assert {"Aligned table (CSV)", "Chart (SVG)", "Chart (PNG)", "Download PDF"} <= labels


def test_treaties_themes_and_text_mode_come_from_the_url():
    at = run(treaty=["Russia–Iran 2025", "NATO 1949"], theme=["mutual defence"], text="summary")
    assert metrics(at) == {"Russia–Iran 2025": "No", "NATO 1949": "Yes"}
    aligned = frame_with(at, "theme")
    assert list(aligned["theme"]) == ["mutual defence"]
    assert list(aligned.columns) == ["theme", "Russia–Iran 2025", "NATO 1949"]
    assert aligned.iloc[0]["NATO 1949"].startswith("Art. 5 · summary (our words)")
    assert "No chosen treaty supersedes another chosen treaty" in " ".join(i.value for i in at.info)
    assert at.multiselect(key="treaty").value == ["ru-ir-2025", "nato-1949"]
    assert at.radio(key="text").value == "summary"


def test_garbage_in_the_url_gives_a_notice_and_the_default_view():
    at = run(treaty="<script>alert(1)</script>", theme="zzz", text="=cmd", as_of="yesterday")
    notices = " ".join(i.value for i in at.info)
    assert "were not understood and were ignored" in notices
    assert "treaty\\=\\<script\\>" in notices and "theme\\=zzz" in notices
    assert "text\\=\\=cmd" in notices
    assert set(metrics(at)) == {"Russia–Iran 2001", "Russia–Iran 2025", "DPRK–Russia 2024"}


def test_too_many_treaties_in_the_url_are_cut_with_a_notice():
    at = run(treaty=["Russia–Iran 2001", "Russia–Iran 2025", "DPRK–Russia 2024", "NATO 1949"])
    assert "names more than 3 treaties" in " ".join(i.value for i in at.info)
    assert len(metrics(at)) == 3


def test_an_earlier_as_of_date_changes_status_and_flags_unsigned_treaties():
    at = run(as_of="2010-01-01")
    warnings = " ".join(w.value for w in at.warning)
    assert "Russia–Iran 2025 had not been signed by the as-of date 2010-01-01" in warnings
    headline = frame_with(at, treaties.FACT)
    assert headline.loc["Status", "Russia–Iran 2025"] == "not yet signed (as of 2010-01-01)"
    assert headline.loc["Status", "Russia–Iran 2001"].startswith("signed (since 12 March 2001)")


def test_empty_choice_asks_for_a_treaty():
    at = run(treaty="")
    assert "Choose at least one treaty" in " ".join(i.value for i in at.info)
    assert not at.get("vega_lite_chart")


def _rewrite(folder, table: str, row_id: str, **cells) -> None:
    path = folder / f"{table}.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    for row in rows:
        if row["id"] == row_id:
            row.update(cells)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


HOSTILE = "<img src=x onerror=alert(1)> **bold** [click](javascript:alert(1)) $x$ :red[r]"


def test_hostile_text_in_the_data_renders_literally(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    _rewrite(
        folder,
        "treaties",
        "ru-ir-2025",
        short_name="<b>Evil</b> 2025",
        locator=HOSTILE,
        term='=HYPERLINK("http://x")',
    )
    _rewrite(
        folder,
        "provisions",
        "ru-ir-2025-art-3-3",
        quote=HOSTILE + " " + "W" * 5000,
        summary=HOSTILE,
    )
    at = open_full_texts(run(monkeypatch, folder))
    for element in [*at.markdown, *at.caption]:
        # nothing the data says is live HTML or Markdown: every '<', '[', '$' is escaped
        assert "<img" not in element.value.replace("\\<img", ""), element.value
        assert "](javascript" not in element.value
    assert "<b>Evil</b> 2025" in metrics(at)
    text = text_of(at)
    assert HOSTILE in text  # shown literally, once escapes are read
    headline = frame_with(at, treaties.FACT)
    assert headline.loc["Term and renewal", "<b>Evil</b> 2025"].startswith("=HYPERLINK")


def test_missing_tables_leave_a_working_page_that_says_what_is_missing(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    (folder / "provisions.csv").unlink()
    (folder / "claims.csv").unlink()
    at = run(monkeypatch, folder)
    assert metrics(at)["Russia–Iran 2025"] == "No"
    text = text_of(at)
    assert "No defence pledge (mutual defence, non-assistance, consultation) is coded." in text
    aligned = frame_with(at, "theme")
    assert set(aligned["Russia–Iran 2025"]) == {"nothing recorded on this theme"}
    assert "None of the chosen treaties has a coded defence pledge" in text


def test_no_data_at_all_asks_for_a_treaty(tmp_path, monkeypatch):
    at = run(monkeypatch, tmp_path / "nowhere")
    assert "Choose at least one treaty" in " ".join(i.value for i in at.info)


def test_the_page_says_how_much_of_each_treaty_is_recorded(dataset):
    from briefing.treaties import coverage_text, treaty_coverage

    text = text_of(run())
    assert "How much of each treaty is recorded" in text
    new = treaty_coverage(dataset, "ru-ir-2025")
    assert coverage_text(new) in text
    assert new.full_text_ids  # the 2025 text is in the register: its link is on the page
    first = dataset.source(new.full_text_ids[0])
    assert f"Full text: [{first.publisher}" in text


def test_the_pdf_section_says_it_too(dataset):
    from briefing.report.model import Paragraph
    from briefing.treaties import coverage_text, report_section, treaty_coverage

    section = report_section(dataset, {"as_of": dataset.as_of})
    paragraphs = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    expected = coverage_text(treaty_coverage(dataset, "ru-ir-2025"))
    assert any(p.startswith(expected) for p in paragraphs)


def test_full_texts_are_built_when_opened_with_their_sources():
    at = run()
    labels = [e.label for e in at.expander if e.label.startswith("Full texts")]
    assert labels, "no Full texts expanders"
    closed = text_of(at)
    assert "Obligation:" not in closed  # nothing inside is built before the reader opens it
    opened = text_of(open_full_texts(at))
    assert opened.count("Obligation:") >= len(labels)
    assert "Article 3(3)" in opened or "Art. 3(3)" in opened
    assert "where:" in opened and "Sources" in opened
