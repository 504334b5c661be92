"""The PDF builder's parts on hand-made cases: fonts and token breaks, the section
registry, links back to the view, citation numbering, judgements printed once."""

from __future__ import annotations

import re
import sys
from datetime import date

import pytest

from briefing.report import build, fonts, links, plan, sections
from briefing.report.model import Heading, Judgement, Paragraph, Section
from briefing.text import ZWSP


# ------------------------------------------------------------------ fonts
def test_shipped_fonts_cover_the_briefing_scripts():
    covered = fonts.covered()
    for char in "AzÉéçß–—…“”€Договорمعاهده‌":
        assert ord(char) in covered, char


def test_printable_replaces_what_no_font_draws():
    assert fonts.printable("plain ascii #$@") == "plain ascii #$@"
    assert fonts.printable("smile 😀👍🏽 ok") == "smile \ufffd ok"
    assert fonts.printable("family 👨‍👩‍👧!") == "family \ufffd!"
    assert fonts.printable("中文") == "\ufffd"
    assert fonts.printable("می‌خواهم") == "می‌خواهم"  # ZWNJ kept for Persian
    assert fonts.printable("→ ✔") == "→ ✔"  # drawn by Typst's fallback fonts
    assert fonts.printable("हमला। ok") == "\ufffd ok"  # Devanagari letters: no shipped glyphs


@pytest.mark.parametrize("room", [20.0, 45.0, 120.0, 400.0])
def test_fit_breaks_only_what_does_not_fit(room):
    text = f"Assessment {'W' * 300} intelligence-sharing {'x' * 90} S-300/S-400 ok"
    fitted = fonts.fit(text, room, 7.8)
    assert fitted.replace(ZWSP, "") == text  # nothing visible changes
    room = max(room, 2 * 7.8)
    # pieces between break points (spaces, ZWSP, after hyphens and slashes)
    for piece in re.split(r"[\s\u200b]+|(?<=[-/])", fitted):
        if not piece:
            continue
        limit = 2.0 * room if fonts._is_word(piece) else room  # words: Typst hyphenates
        assert fonts.width(piece, 7.8) <= limit + 0.01, piece
    if fonts.width("Assessment", 7.8) <= 2 * room:
        assert "Assessment " in fitted  # a real word is left for Typst to hyphenate


def test_width_counts_wide_glyphs_wider():
    assert fonts.width("WWWW", 10) > fonts.width("iiii", 10) * 2
    assert fonts.width("", 10) == 0


# ------------------------------------------------------------------ registry
def test_parse_keys_keeps_briefing_order_and_reports_unknowns(monkeypatch):
    ready = {key: (lambda d, s: None) for key in ("overview", "treaties", "exchange")}
    monkeypatch.setattr(sections, "available", lambda: ready)
    assert sections.parse_keys(None) == (["overview", "treaties", "exchange"], [])
    assert sections.parse_keys("exchange, Treaties") == (["treaties", "exchange"], [])
    assert sections.parse_keys(" , ") == (["overview", "treaties", "exchange"], [])
    assert sections.parse_keys("treaties,timeline,bogus,bogus") == (
        ["treaties"],
        ["timeline", "bogus"],
    )
    assert sections.parse_keys(["exchange"]) == (["exchange"], [])


def test_registry_offers_only_modules_that_exist_and_import(monkeypatch, tmp_path):
    (tmp_path / "broken_view_probe.py").write_text("raise ImportError('half written')\n")
    (tmp_path / "plain_view_probe.py").write_text("X = 1\n")
    (tmp_path / "good_view_probe.py").write_text(
        "from briefing.report.model import Section\n"
        "def report_section(dataset, state):\n"
        "    return Section('good', 'Good', 'good', ())\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    specs = tuple(
        sections.SectionSpec(key, key.title(), module, key, "")
        for key, module in (
            ("missing", "no_such_view_probe_module"),
            ("broken", "broken_view_probe"),
            ("plain", "plain_view_probe"),
            ("good", "good_view_probe"),
        )
    )
    monkeypatch.setattr(sections, "SECTIONS", specs)
    assert list(sections.available()) == ["good"]
    problems = sections.unavailable()
    assert set(problems) == {"broken", "plain"}
    assert "does not import (ImportError: half written)" in problems["broken"]
    assert "has no report_section" in problems["plain"]
    for name in ("broken_view_probe", "plain_view_probe", "good_view_probe"):
        sys.modules.pop(name, None)


# ------------------------------------------------------------------ links
def test_view_url_repeats_keys_for_lists_and_drops_empties():
    url = build.view_url(
        "https://x.org/", "/treaties", {"treaty": ["a b", "c"], "theme": [], "text": ""}
    )
    assert url == "https://x.org/treaties?treaty=a+b&treaty=c"


def test_briefing_url_reproduces_the_page_settings():
    url = build.briefing_url(["overview", "treaties"], date(2025, 2, 1), "T" * 500, "", "http://h")
    assert url.startswith("http://h/briefing?sections=overview&sections=treaties&as_of=2025-02-01")
    assert f"title={'T' * build.CAP['title']}" in url and "T" * (build.CAP["title"] + 1) not in url


def test_public_base_comes_from_the_environment_when_safe(monkeypatch):
    monkeypatch.setenv(build.PUBLIC_URL_ENV, "https://briefing.example.org/")
    assert build.public_base() == "https://briefing.example.org"
    monkeypatch.setenv(build.PUBLIC_URL_ENV, "javascript:alert(1)")
    assert build.public_base() == build.DEFAULT_BASE


def test_links_that_are_unsafe_or_too_long_are_printed_not_linked():
    assert links._link("javascript:alert(1)") == {
        "url": None,
        "display": "link not available",
    }
    long = "https://x.org/?q=" + "a" * build.MAX_LINK
    link = links._link(long)
    assert link["url"] is None and "too long to print" in link["display"]
    ok = links._link("https://x.org/a?b=c")
    assert ok["url"] == "https://x.org/a?b=c"


# ------------------------------------------------------------------ citations
def test_sources_are_numbered_in_order_of_first_citation(dataset):
    ids = [source.id for source in dataset.sources[:3]]
    cites = build.Citations(dataset)
    assert cites([ids[2], ids[0]]) == [1, 2]
    assert cites([ids[0], ids[1], ids[1]]) == [2, 3]
    assert cites(["no-such-source"]) == [4]
    assert cites(["no-such-source", ids[2]]) == [1, 4], "a citation lists its numbers ascending"
    entries = cites.entries()
    assert [entry["n"] for entry in entries] == [1, 2, 3, 4]
    assert [entry["known"] for entry in entries] == [True, True, True, False]


def test_key_judgements_are_not_repeated_inside_a_section():
    printed = {("Title A", "Text A")}
    section = Section(
        "overview",
        "Overview",
        "overview",
        (
            Heading("Key judgements"),
            Judgement("Title A", "Text A", "confirmed"),
            Heading("Figures"),
            Paragraph("Kept."),
            Judgement("Title B", "Text B", "reported"),
        ),
    )
    kept = plan._without_judgements(build.BuiltSection("overview", section), printed)
    assert kept.section.blocks == (
        Heading("Figures"),
        Paragraph("Kept."),
        Judgement("Title B", "Text B", "reported"),
    )


# ------------------------------------------------------------------ charts
def test_a_broken_chart_is_left_out_and_the_others_still_draw():
    good = {
        "mark": "bar",
        "data": {"values": [{"a": "x", "b": 1}]},
        "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b"}},
    }
    broken = {"mark": {"type": "no-such-mark"}, "data": {"values": "not a list"}}
    assert build.chart_svg(broken) == (None, 0.0, 0.0)
    svg, width_pt, height_pt = build.chart_svg(good)
    assert svg.lstrip().startswith("<svg") and width_pt > 0 and height_pt > 0
    again, *_ = build.chart_svg(dict(good))  # an equal spec is drawn once, then remembered
    assert again is svg


def test_identical_requests_share_one_compile_and_new_stamps_do_not(dataset):
    """Readers asking for the same view in the same minute get the same bytes; a new
    minute (a new generation stamp on every page) is compiled afresh."""
    from datetime import UTC, datetime

    plan = build.plan_section(dataset, "overview", {}, draw=False)
    first = build.render(plan, datetime(2031, 1, 1, 9, 0, tzinfo=UTC))
    again = build.render(plan, datetime(2031, 1, 1, 9, 0, tzinfo=UTC))
    later = build.render(plan, datetime(2031, 1, 1, 9, 1, tzinfo=UTC))
    assert again is first
    assert later is not first and later.startswith(b"%PDF-")


def test_every_section_links_back_to_its_page_in_the_registry(dataset):
    """The link on every page of a view's PDF is that view's page (briefing/site.py): the
    Overview's is the home page "/", which is its page, not /overview, which no page is."""
    from urllib.parse import urlsplit

    from briefing import site

    for key in sections.available():
        for built in (
            build.plan_section(dataset, key, {}, draw=False)["meta"]["link"]["url"],
            build.plan_briefing(dataset, [key], draw=False)["sections"][0]["link"]["url"],
        ):
            assert urlsplit(built).path == site.page(key).route, (key, built)
        assert sections.SECTION_BY_KEY[key].url_path == site.path(key)
