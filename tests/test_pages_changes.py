"""The /changes page (What changed) through AppTest, and the links that lead to it: what a
reader sees for a link (the window, the digest with its sources, the lists), each preset,
bad dates, the Overview's and the Timeline's links, and the Briefing PDF page's since
option (outline and PDF, read back with pypdf). The library itself is covered by
test_changes.py, its PDF section by test_pdf_changes.py."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from urllib.parse import parse_qs

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from briefing import changes
from briefing.text import escape_markdown as esc
from briefing.text import to_csv
from tests.conftest import ROOT
from ui.widgets import sources_line

APP = str(ROOT / "app.py")
PAGE = "pages/changes.py"
SIGNING, IN_FORCE = date(2025, 1, 17), date(2025, 10, 2)
AS_OF = "2025-10-03"


def open_page(page: str = PAGE, **params) -> AppTest:
    """Open `page` as a link with these query parameters (the frame reads the as-of date)."""
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "app.py":
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plain(text: str) -> str:
    """Markdown escapes removed: what the reader reads."""
    return re.sub(r"\\(.)", r"\1", text)


def window(at: AppTest) -> str:
    return next(
        plain(m.value).replace("**", "") for m in at.markdown if m.value.startswith("**Window")
    )


def notices(at: AppTest) -> str:
    return plain(" ".join(i.value for i in at.info))


def digest(at: AppTest) -> list[tuple[str, str]]:
    """Each digest sentence as shown, with the caption under it: (sentence, sources line)."""
    found = []
    for block in at.main.children.values():
        children = list(getattr(block, "children", {}).values())
        kinds = [getattr(child, "type", "") for child in children]
        if kinds == ["markdown", "caption"] and children[1].value.startswith("Sources"):
            found.append((children[0].value, children[1].value))
    return found


@pytest.fixture(scope="module")
def data():
    from briefing.store import load_dataset
    from tests.conftest import DATA

    return load_dataset(DATA)


# ------------------------------------------------------------------ the acceptance case
def test_since_the_signing_shows_the_ratifications_and_entry_into_force_with_sources(data):
    at = open_page(since=SIGNING.isoformat(), as_of=AS_OF)
    assert at.title[0].value == "What changed"
    assert window(at).startswith(
        "Window: after 17 January 2025, up to and including 3 October 2025."
    )
    view = changes.build_view(data, {"since": SIGNING, "as_of": date(2025, 10, 3)})
    shown = digest(at)
    assert len(shown) == len(view.digest) >= 3
    for (text, line), sentence in zip(shown, view.digest, strict=True):
        assert plain(text) == sentence.text
        assert line == sources_line(data, sentence.source_ids)  # every source, as links
    first = plain(shown[0][0])
    for words in (
        "Between 17 January 2025 and 3 October 2025, the Russia–Iran 2025 treaty went from "
        "signed to in force",
        "was ratified by Russia on 21 April 2025",
        "was ratified by both on 21 May 2025",
        "entered into force on 2 October 2025",
    ):
        assert words in first, words
    assert "](https://" in shown[0][1]  # one click from the sources
    # the lists: the ratifications and the entry into force, each with its sources
    lines = [plain(m.value).replace("**", "") for m in at.markdown]
    assert "21 April 2025 · Russia–Iran 2025 treaty: approved by Federation Council → " in (
        " ".join(lines)
    )
    assert "- 2 October 2025 · Russia–Iran 2025 treaty: ratified by both → in force" in (
        "\n".join(lines)
    )
    assert any("Russia-Iran Treaty on Comprehensive Strategic Partnership enters into force"
               in line for line in lines)  # fmt: skip
    assert [h.value for h in at.header] == [
        "In short",
        "Status changes (13)",
        f"Events ({len(view.changes.events)})",
        "Claims whose assessment changed (0)",
        f"Sources published in the window ({len(view.changes.sources)})",
    ]
    # unconfirmed rows say so, in the digest and in the lists
    assert "(18 May 2025; reported)" in plain(shown[1][0])
    assert any("· ◐ reported" in line for line in lines)
    # no dated claim assessment: the library's sentence says why
    assert any("No claim's assessment is dated in the window" in line for line in lines)
    assert any("have no known publication date" in plain(c.value) for c in at.caption)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download PDF", "Lists (CSV)", "Everything (JSON)"]  # Cite: closed
    assert at.date_input(key="since").value == SIGNING
    assert at.button(key="preset-signing").proto.type == "primary"


# ------------------------------------------------------------------ presets
@pytest.mark.parametrize(
    ("key", "day"), [("signing", SIGNING), ("in-force", IN_FORCE), ("last-90-days", None)]
)
def test_each_preset_sets_the_window_and_the_address(data, key, day):
    preset = next(p for p in changes.presets(data, date(2025, 10, 3)) if p.key == key)
    day = day or preset.day
    at = open_page(since="2025-03-01", as_of=AS_OF)
    at.button(key=f"preset-{key}").click().run()
    assert not at.exception
    assert at.date_input(key="since").value == day
    assert window(at).startswith(f"Window: after {day.day} {day:%B %Y}, up to and including")
    assert at.button(key=f"preset-{key}").proto.type == "primary"
    # the same view from a link naming the preset, or giving its day
    for since in (key, day.isoformat()):
        again = open_page(since=since, as_of=AS_OF)
        assert window(again) == window(at), since
        assert again.date_input(key="since").value == day
        assert not again.info or "not understood" not in notices(again)


def test_presets_show_their_day_and_why_one_is_unavailable():
    at = open_page(as_of="2025-06-01")
    captions = [plain(c.value) for c in at.caption]
    assert "after 17 January 2025" in captions
    assert at.button(key="preset-in-force").proto.disabled
    assert any(
        c.startswith("after 2 October 2025 · not available: the treaty entered into force on "
                     "2 October 2025, not before the as-of date (1 June 2025)")
        for c in captions
    )  # fmt: skip
    # named in a link anyway: a notice, and the first preset that can be used
    again = open_page(since="in-force", as_of="2025-06-01")
    assert "'since entry into force' cannot be used with the as-of date 2025-06-01" in (
        notices(again)
    )
    assert window(again).startswith("Window: after 17 January 2025, up to and including 1 June")


# ------------------------------------------------------------------ bad dates
@pytest.mark.parametrize(
    ("since", "notice", "starts"),
    [
        ("<b>soon</b>", "were not understood and were ignored: since=<b>soon</b>", SIGNING),
        ("1800-01-01", "were not understood and were ignored: since=1800-01-01", SIGNING),
        (
            "2025-12-01",
            "The since date 2025-12-01 is not before the as-of date 2025-10-03",
            SIGNING,
        ),
        ("2030-01-01", "The since date 2030-01-01 is not before the as-of date", SIGNING),
        ("1900-01-01", "The since date 1900-01-01 is before the data begins", None),
    ],
)
def test_bad_dates_give_a_notice_and_a_sensible_reading(data, since, notice, starts):
    at = open_page(since=since, as_of=AS_OF)
    assert notice in notices(at)
    if starts is not None:
        assert window(at).startswith(f"Window: after {starts.day} {starts:%B %Y},")
    else:  # before the data: everything recorded up to the as-of date
        begins = changes.state.data_begins(data)
        assert begins is not None
        everything = changes.changes_between(data, date(1, 1, 1), date(2025, 10, 3))
        assert window(at).endswith(f"{everything.counts_text()}.")
    assert digest(at)


def test_an_as_of_before_the_presets_falls_back_to_the_last_90_days(data):
    at = open_page(as_of="2024-10-10")
    assert window(at).startswith("Window: after 3 July 2024, up to and including 10 October 2024")
    assert at.button(key="preset-last-90-days").proto.type == "primary"


# ------------------------------------------------------------------ links that lead here
def links_to_changes(at: AppTest) -> dict[str, dict[str, list[str]]]:
    """The main area's links to /changes: label -> their query."""
    return {
        plain(link.proto.label): parse_qs(link.proto.query_string)
        for link in at.main.get("page_link")
        if link.proto.page == "changes"
    }


def test_the_overview_offers_the_three_presets_with_the_date_carried():
    at = open_page("app.py", as_of=AS_OF)
    links = links_to_changes(at)
    assert links == {
        "since the 2025 signing (17 Jan 2025)": {"since": ["2025-01-17"], "as_of": [AS_OF]},
        "since entry into force (2 Oct 2025)": {"since": ["2025-10-02"], "as_of": [AS_OF]},
        "the last 90 days of data (4 Jul 2025)": {"since": ["2025-07-04"], "as_of": [AS_OF]},
    }
    for query in links.values():  # each leads to that window
        shown = open_page(**{key: values[0] for key, values in query.items()})
        day = date.fromisoformat(query["since"][0])
        assert window(shown).startswith(f"Window: after {day.day} {day:%B %Y}, up to and "
                                        "including 3 October 2025")  # fmt: skip
    # before the treaty was in force, its preset is there, switched off, with the reason
    early = [link for link in open_page("app.py", as_of="2025-06-01").main.get("page_link")
             if link.proto.page == "changes"]  # fmt: skip
    assert [link.proto.disabled for link in early] == [False, True, False]
    assert "not before the as-of date (1 June 2025)" in plain(early[1].proto.help)


def test_the_timeline_links_to_what_changed_up_to_its_as_of_date():
    at = open_page("pages/timeline.py", as_of="2025-06-01")
    assert links_to_changes(at) == {
        "What changed since the 2025 signing, up to 1 June 2025": {
            "since": ["2025-01-17"],
            "as_of": ["2025-06-01"],
        }
    }
    shown = open_page(since="2025-01-17", as_of="2025-06-01")
    assert window(shown).startswith("Window: after 17 January 2025, up to and including 1 June")


# ------------------------------------------------------------------ the Briefing PDF page
def outline_text(at: AppTest) -> str:
    lists = [m.value for m in at.markdown if m.value.lstrip().startswith("- **")]
    assert lists, "no outline shown"
    return plain(lists[0])


def test_the_briefing_pages_since_option_adds_the_section_to_outline_and_pdf(monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from streamlit.runtime.media_file_manager import MediaFileManager

    captured = []
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, *args, **kwargs):
        captured.append((data_callable, mimetype))
        return original(self, data_callable, mimetype, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    without = open_page("pages/briefing.py", sections="overview", as_of=AS_OF)
    assert without.date_input(key="briefing_since").value is None
    assert "What changed since" not in outline_text(without)

    at = open_page("pages/briefing.py", sections="overview", since="signing", as_of=AS_OF)
    assert at.date_input(key="briefing_since").value == SIGNING
    outline = outline_text(at)
    assert "- **What changed since 17 January 2025** · 3 tables" in outline
    assert outline.index("**Overview**") < outline.index("What changed since")
    for heading in ("Digest", "Status changes", "Sources published in the window"):
        assert f"    - {heading}" in outline
    at.session_state["command_open"] = True  # the command line, built when opened
    at.run()
    assert "--since 2025-01-17" in at.code[0].value
    with ThreadPoolExecutor(1) as pool:
        # the page's own PDF, not the Cite-this-view files at its foot
        build_pdf = next(c for c, kind in reversed(captured) if kind == "application/pdf")
        pdf = pool.submit(build_pdf).result()
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "What changed since 17 January 2025" in text
    for words in ("ratified by Russia on 21 April 2025", "entered into force on 2 October 2025"):
        assert words in text, words
    assert "since=2025-01-17" in text.replace("\u200b", "")  # the link back to this choice


def test_the_briefing_page_does_not_take_the_day_chosen_on_what_changed():
    at = open_page(since="2025-07-04", as_of=AS_OF)
    at.switch_page("pages/briefing.py").run()
    assert not at.exception
    assert at.date_input(key="briefing_since").value is None
    at.switch_page(PAGE).run()
    assert at.date_input(key="since").value == date(2025, 7, 4)


def test_a_bad_since_on_the_briefing_page_gives_a_notice():
    at = open_page("pages/briefing.py", since="2025-12-01", as_of=AS_OF)
    assert "The since date 2025-12-01 is not before the as-of date" in notices(at)
    assert "What changed since 17 January 2025" in outline_text(at)
    garbage = open_page("pages/briefing.py", since="<i>x</i>")
    assert "since=<i>x</i>" in notices(garbage)
    assert garbage.date_input(key="briefing_since").value is None


# ------------------------------------------------------------------ the CSV of the lists
def test_the_csv_holds_every_list_row_with_its_sources(data):
    view = changes.build_view(data, {"since": SIGNING, "as_of": date(2025, 10, 3)})
    rows = list(csv.DictReader(io.StringIO(to_csv(changes.csv_rows(view), changes.CSV_COLUMNS))))
    found = view.changes
    kinds = [row["list"] for row in rows]
    assert kinds.count("status change") == len(found.statuses)
    assert kinds.count("event") == len(found.events)
    assert kinds.count("source published") == len(found.sources)
    assert kinds.count("claim assessment") == len(found.claims)
    entry = next(r for r in rows if r["list"] == "status change" and r["to"] == "in force")
    assert entry["date"] == "2025-10-02" and entry["from"] == "ratified by both"
    assert entry["what"] == "Russia–Iran 2025 treaty"
    assert set(entry["source_ids"].split(";")) >= {"indiathisweek", "newsarenaindia"}
    war = next(r for r in rows if r["id"] == "ev-2025-06-13-israel-iran-war")
    assert war["date"] == "2025-06-13/2025-06-24"


def test_the_csv_is_formula_safe_on_hostile_data(tmp_path):
    from briefing.store import load_dataset
    from tests.conftest import DATA
    from tests.hostile_data import make_hostile_copy

    hostile = load_dataset(make_hostile_copy(DATA, tmp_path / "hostile").folder)
    view = changes.build_view(hostile, {"since": "1990-01-01"})
    text = to_csv(changes.csv_rows(view), changes.CSV_COLUMNS)
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_the_windows_sources_are_listed_when_the_reader_opens_them(data):
    at = open_page(since=SIGNING.isoformat(), as_of=AS_OF)
    found = changes.build_view(data, {"since": SIGNING, "as_of": date(2025, 10, 3)}).changes
    assert len(found.sources) > 5
    box = next(e for e in at.expander if e.label.startswith(f"The {len(found.sources)} sources"))
    assert not box.markdown  # drawn closed, built only once opened
    at.session_state["changes_sources_open"] = True
    at.run()
    assert not at.exception
    box = next(e for e in at.expander if e.label.startswith(f"The {len(found.sources)} sources"))
    listed = "\n".join(m.value for m in box.markdown)
    assert listed.count("\n- ") + listed.startswith("- ") == len(found.sources)
    for source in found.sources:  # each one click away, oldest first
        assert sources_line(data, source.source_ids, prefix="Open") in listed
    first, last = found.sources[0], found.sources[-1]
    assert listed.index(esc(first.title)) <= listed.index(esc(last.title))
