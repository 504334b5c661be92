"""The app frame and its two foundation pages, through Streamlit's AppTest."""

from __future__ import annotations

import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from briefing import site
from briefing.store import reach
from tests.conftest import DATA, ROOT
from tests.tables import markdown_tables, table_with
from tests.test_store import rewrite_cell

APP = str(ROOT / "app.py")


def run(page: str | None = None, env_data=None, monkeypatch=None, **params) -> AppTest:
    if env_data is not None:
        monkeypatch.setenv("BRIEFING_DATA_DIR", str(env_data))
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def text_of(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.value for h in at.title] + [h.value for h in at.header]
    parts += [h.value for h in at.subheader] + [m.label for m in at.metric]
    parts += [str(m.value) for m in at.metric]
    # what the reader sees: Markdown backslash escapes removed
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def test_overview_is_the_home_page_and_answers_the_question():
    at = run()
    assert not at.exception
    text = text_of(at)
    assert "Key judgements" in text
    assert "A partnership, not an alliance" in text
    assert "Will Putin sign a mutual defence treaty with Iran?" in text
    assert "No. Putin and Pezeshkian signed a treaty on 17 January 2025" in text
    assert "21 → 47" in text  # articles, 2001 against 2025
    # every judgement carries a confidence symbol and a source line with a link
    assert text.count("Sources: ") >= 6
    assert "https://tass.com/politics/1940345" in text
    # the data stamp (sidebar) and the footer name both dates: when the data was last
    # checked, and how far the record reaches
    from briefing.store import load_dataset

    checked, latest = reach(load_dataset(DATA))
    assert f"last checked **{checked}** · latest event recorded: **{latest}**" in text
    assert f"last checked {checked}, latest event recorded {latest}" in text
    assert latest != checked


def test_every_source_of_a_judgement_is_on_screen(dataset):
    """No 'and 1 more': a source the reader cannot see is not one click from the claim."""
    from briefing.citations import cite_all

    text = text_of(run())
    assert not re.search(r"and \d+ more", text)
    widest = max(dataset.tables["judgements"], key=lambda j: len(j.source_ids))
    assert len(widest.source_ids) > 4  # the old limit
    for citation in cite_all(dataset, list(widest.source_ids)):
        assert citation.label in text, citation.label


def test_overview_offers_itself_as_a_pdf_built_on_click():
    at = run(as_of="2025-06-01")
    buttons = [b for b in at.get("download_button") if b.proto.label == "Download PDF"]
    assert len(buttons) == 1
    # nothing is built until the reader clicks (the file is deferred), and clicking
    # does not rerun the page
    assert buttons[0].proto.deferred_file_id and buttons[0].proto.ignore_rerun


def test_overview_tables_show_predictions_and_changes():
    at = run()
    frames = [df.value for df in at.dataframe]
    columns = [set(frame.columns) for frame in frames]
    assert any({"prediction", "assessment", "evidence"} <= c for c in columns)
    changes = next(f for f in frames if "2025 (summary)" in f.columns)
    assert "continuity" in set(changes["change"])


def test_sources_page_lists_every_source_and_the_scales(dataset):
    at = run("pages/sources.py")
    assert not at.exception
    sources = next(df.value for df in at.dataframe if "publisher" in df.value.columns)
    assert len(sources) == len(dataset.sources)
    text = text_of(at)
    assert "Confidence scale" in text and "Obligation scale" in text
    assert "How to cite" in text
    # the app's citation, on the page as text to select (no code element to load)
    assert f"data version {dataset.version} (as of {dataset.as_of.isoformat()})" in text
    assert "(accessed " in text and "/sources" in text
    tables = markdown_tables(at)
    assert any(
        "immediate military assistance" in " ".join(map(str, t.values.ravel())) for t in tables
    )
    assert not any("column" in df.value.columns for df in at.dataframe)  # built when opened
    at.session_state["dictionary_open"] = True  # the reader opens the data dictionary
    dictionary = table_with(at.run(), "column")
    assert {"provisions.csv", "claims.csv"} <= set(dictionary["file"])
    assert at.get("download_button"), "data files can be downloaded"


def _sources_page(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.switch_page("pages/sources.py")
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_sources_kind_filter_is_in_the_link(dataset):
    at = _sources_page(kind="treaty text")
    assert not at.exception
    sources = next(df.value for df in at.dataframe if "publisher" in df.value.columns)
    expected = sum(1 for s in dataset.sources if s.kind.value == "treaty text")
    assert 0 < len(sources) == expected < len(dataset.sources)
    assert set(sources["kind"]) == {"treaty text"}
    assert not at.info  # a valid kind needs no notice


def test_sources_garbage_kind_gives_a_notice_and_shows_all(dataset):
    at = _sources_page(kind="<img src=x onerror=alert(1)>")
    assert not at.exception
    assert "were not understood and were ignored" in " ".join(i.value for i in at.info)
    sources = next(df.value for df in at.dataframe if "publisher" in df.value.columns)
    assert len(sources) == len(dataset.sources)


def test_as_of_in_the_url_changes_the_overview():
    at = run(as_of="2024-10-10")
    assert not at.exception
    assert "status of the 2025 treaty on 2024-10-10" in text_of(at)
    metric = next(m for m in at.metric if "2024-10-10" in re.sub(r"\\(.)", r"\1", m.label))
    assert metric.value == "not yet"


def test_garbage_as_of_gives_a_notice_not_an_error():
    at = run(as_of="<script>alert(1)</script>")
    assert not at.exception
    notices = " ".join(i.value for i in at.info)
    assert "not a date" in notices


def test_broken_data_shows_the_error_panel_on_every_page(tmp_path, monkeypatch):
    broken = tmp_path / "data"
    shutil.copytree(DATA, broken)
    rewrite_cell(broken, "events", 2, "date", "2024-13-45")
    (broken / "systems.csv").write_bytes(b"\x00\x01garbage")
    for page in (None, "pages/sources.py"):
        at = run(page, env_data=broken, monkeypatch=monkeypatch)
        assert not at.exception
        errors = " ".join(e.value for e in at.error)
        assert "problem(s)" in errors
        listing = " ".join(c.value for c in at.code)
        assert "events.csv:4:" in listing
        assert "systems.csv" in listing and "binary" in listing
        # the rest of the view still renders
        assert at.title


def test_missing_data_folder_is_explained(tmp_path, monkeypatch):
    at = run(env_data=tmp_path / "nowhere", monkeypatch=monkeypatch)
    assert not at.exception
    assert "data folder does not exist" in " ".join(c.value for c in at.code)


@pytest.mark.parametrize("page", site.PAGES, ids=[page.key for page in site.PAGES])
def test_every_page_is_drawn_inside_the_frame(page, dataset):
    """The menu (every registered page, in order), the data stamp and the footer."""
    at = run(None if page.home else page.file)
    assert not at.exception, [e.message for e in at.exception]
    links = [(link.proto.label, link.proto.page) for link in at.sidebar.get("page_link")]
    assert links == [(p.title, p.path) for p in site.PAGES]
    stamp = re.sub(r"\\(.)", r"\1", at.sidebar.caption[0].value)
    checked, latest = reach(dataset)
    assert stamp == (
        f"Data version **{dataset.version}** · last checked **{checked}** · "
        f"latest event recorded: **{latest}**"
    )
    main = [c.value for c in at.main.caption]
    assert main and main[-1].startswith("Russia–Iran Strategic Partnership Briefing · data")


def test_overview_shows_the_2026_test_with_sources_and_where_the_record_stops(dataset):
    from briefing import overview

    at = run()
    assert not at.exception
    text = text_of(at)
    war = overview.war_test(dataset)
    assert war.heading in text
    for sentence in war.sentences:
        assert sentence.text in text
    assert overview.reach_notice(dataset) in text
    # looking back before the war, the passage says the test had not come yet
    at = run(as_of="2025-12-31")
    text = text_of(at)
    assert "no war on Iran had yet tested the 2025 treaty" in text
    assert "Nothing has been recorded since" not in text


@pytest.mark.parametrize(
    ("first", "second", "key", "value"),
    [
        ("pages/capabilities.py", "pages/exchange.py", "direction", "Iran to Russia"),
        ("pages/exchange.py", "pages/capabilities.py", "direction", "Russia offers Iran"),
        ("pages/sources.py", "pages/search.py", "kind", "treaty text"),
    ],
)
def test_a_choice_on_one_page_does_not_break_a_widget_of_that_name_on_another(
    first, second, key, value
):
    """`direction` and `kind` are different widgets on two pages: a reader who chose one
    on the first page used to get a traceback on the second."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(first)
    at.run()
    widget = at.button_group(key=key)
    widget.set_value([value] if isinstance(widget.value, list) else value).run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page(second)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.button_group(key=key).value in (None, [])  # the page's own default
