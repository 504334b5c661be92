"""The PDFs from the real data, read back with pypdf: each view's section, the whole
briefing, its citations and source list, the stamp and link on every page, the as-of
date, and builds from several threads at once."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime

import pytest

from briefing.dates import PartialDate
from briefing.report import build, sections
from briefing.report.model import Chart, Figure, Heading, Paragraph, Quote, Table
from tests.pdf_reading import (
    CITATION,
    citation_groups,
    cited_numbers,
    content_text,
    links,
    listed_numbers,
    off_page,
    pages_text,
    split_parts,
    squash,
)

READY = list(sections.available())
EARLY = date(2024, 10, 10)  # the day before the Ashgabat meeting


def human(day: date) -> str:
    return PartialDate(day.year, day.month, day.day).human()


@pytest.fixture(scope="module")
def briefing(dataset):
    """(plan, pdf) of the whole briefing as of the data's date, every available section."""
    assert dataset.ok, dataset.errors[:5]
    url = build.briefing_url(READY, dataset.as_of, "Test title", "Test desk")
    plan = build.plan_briefing(dataset, READY, dataset.as_of, "Test title", "Test desk", url)
    return plan, build.render(plan), url  # what briefing_pdf does, keeping the plan


@pytest.fixture(scope="module")
def section_pdfs(dataset):
    out = {}
    for key in READY:
        state = {"as_of": dataset.as_of}
        section = sections.available()[key](dataset, dict(state))
        url = build.view_url(None, section.url_path, dict(section.query))
        out[key] = (section, build.section_pdf(dataset, key, state, url), url)
    return out


def expected_texts(section) -> list[str]:
    """What a reader must find of a section in its PDF: headings, paragraphs, quotes,
    figures, table captions and the first cell of every row, chart takeaways."""
    found = [section.title]
    for block in section.blocks:
        if isinstance(block, Heading):
            found.append(block.text)
        elif isinstance(block, Paragraph):
            found.append(block.text)
        elif isinstance(block, Quote):
            found.append(block.text)
        elif isinstance(block, Figure):
            found += [block.value, block.label]
        elif isinstance(block, Table):
            found.append(block.caption)
            found += [row[0] for row in block.rows if row and row[0]]
        elif isinstance(block, Chart):
            found.append(block.takeaway)
    return [text for text in found if text and len(text) <= 900]


def assert_stamped(pdf: bytes, dataset, day: date, url: str) -> None:
    """Every page: data version, as-of date, generation time, page X of Y, link back."""
    texts = pages_text(pdf)
    uris = links(pdf)
    total = len(texts)
    assert total >= 1
    for number, text in enumerate(texts, start=1):
        flat = " ".join(text.split())
        assert f"Page {number} of {total}" in flat, number
        assert f"Data version {dataset.version}" in flat, number
        assert f"as of {human(day)}" in flat, number
        assert re.search(r"generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", flat), number
        assert "View online: http" in flat, number
        assert url in uris[number - 1], (number, url, uris[number - 1])


def test_every_view_is_registered_in_briefing_order():
    order = [spec.key for spec in sections.SECTIONS]
    assert order == ["overview", "treaties", "capabilities", "exchange", "timeline"]
    assert READY == [key for key in order if key in READY]
    assert {"treaties", "capabilities", "exchange"} <= set(READY)
    assert sections.unavailable() == {}


@pytest.mark.parametrize("key", READY)
def test_each_section_pdf_shows_its_view(section_pdfs, dataset, key):
    section, pdf, url = section_pdfs[key]
    assert pdf.startswith(b"%PDF-")
    text = content_text(pdf)
    flat = squash(text)
    missing = [item for item in expected_texts(section) if squash(item) not in flat]
    assert not missing, missing[:5]
    assert "could not be produced" not in text
    assert_stamped(pdf, dataset, dataset.as_of, url)
    assert not off_page(pdf)


@pytest.mark.parametrize("key", READY)
def test_each_section_pdf_cites_only_listed_sources(section_pdfs, key):
    section, pdf, _url = section_pdfs[key]
    body, source_list, method = split_parts(content_text(pdf))
    listed = listed_numbers(source_list)
    assert listed == list(range(1, len(listed) + 1))
    assert len(listed) == len(section.source_ids())
    assert cited_numbers(body) == set(listed)
    assert "Confidence scale" in method and "Obligation scale" in method


def test_section_facts_a_reader_relies_on(section_pdfs, dataset):
    """Facts from fixed rows of the data appear in the views that show them."""
    if "treaties" in section_pdfs:
        text = squash(content_text(section_pdfs["treaties"][1]))
        treaty = dataset.get("treaties", "ru-ir-2025")
        assert squash(treaty.signed.human()) in text  # 17 January 2025
        assert squash(str(treaty.articles)) in text
        assert squash("DPRK") in text
    if "capabilities" in section_pdfs:
        text = squash(content_text(section_pdfs["capabilities"][1]))
        for system_id in ("s-300", "su-35", "shahed-136", "yak-130"):
            assert squash(dataset.get("systems", system_id).name) in text, system_id
    if "exchange" in section_pdfs:
        text = squash(content_text(section_pdfs["exchange"][1]))
        shown = [item for item in dataset.exchange_items if squash(item.item) in text]
        assert len(shown) >= len(dataset.exchange_items) // 2


def test_confidence_is_shown_as_words_not_colour_alone(section_pdfs):
    text = "\n".join("\n".join(pages_text(pdf)) for _section, pdf, _url in section_pdfs.values())
    for word in ("confirmed", "reported", "disputed"):
        assert word in text


def test_whole_briefing_has_every_part(briefing, dataset):
    plan, pdf, _url = briefing
    text = content_text(pdf)
    flat = squash(text)
    assert "Test title" in text
    assert "Prepared for: Test desk" in text
    assert "Key judgements" in text
    for judgement in dataset.judgements:
        assert squash(judgement.title) in flat
        assert squash(judgement.text) in flat
    for key in READY:
        assert squash(sections.SECTION_BY_KEY[key].title) in flat
    for part in ("Contents", "Sources", "Method", "Confidence scale", "Obligation scale"):
        assert part in text
    for rung in ("non-assistance to aggressor", "immediate military assistance"):
        assert rung in text
    assert "could not be produced" not in text
    assert not any(section["problem"] for section in plan["sections"])


def test_whole_briefing_sections_match_their_views(briefing, dataset):
    _plan, pdf, _url = briefing
    flat = squash(content_text(pdf))
    for key in READY:
        section = build.build_section(dataset, key, {"as_of": dataset.as_of}).section
        missing = [item for item in expected_texts(section) if squash(item) not in flat]
        assert not missing, (key, missing[:5])


def test_whole_briefing_citations_all_resolve(briefing):
    plan, pdf, _url = briefing
    body, source_list, _method = split_parts(content_text(pdf))
    listed = listed_numbers(source_list)
    assert listed == list(range(1, len(plan["sources"]) + 1))
    cited = cited_numbers(body)
    assert cited, "no [n] citations in the text"
    assert cited == set(listed), cited ^ set(listed)
    for entry in plan["sources"]:
        assert entry["known"], entry["id"]


def test_contents_label_stays_with_the_contents(dataset):
    """The 'Contents' label must not sit alone at the foot of page 1 (it did in the
    default briefing, untitled, once the key judgements got shorter)."""
    for title, audience in (("", ""), ("Test title", "Test desk")):
        text = "\n".join(pages_text(build.briefing_pdf(dataset, READY, None, title, audience)))
        assert re.search(r"(?m)^Contents\n1 Overview", text), (title, text[:3000])


def test_citations_read_in_order_with_runs_as_ranges(briefing):
    """[1–3, 24, 26–33], not [24, 1, 28, 2, 3, ...]: a reader scans a citation to find
    the numbers in the source list."""
    _plan, pdf, _url = briefing
    body, _sources, _method = split_parts(content_text(pdf))
    groups = citation_groups(body)
    assert groups
    assert all(group == sorted(set(group)) for group in groups), [
        g for g in groups if g != sorted(set(g))
    ][:3]
    assert "–" in " ".join(CITATION.findall(body)), "no run of three sources printed as a range"
    printed = [part.strip() for group in CITATION.findall(body) for part in group.split(",")]
    for part in printed:  # a range stands for three or more; two in a row are listed
        if "–" in part:
            first, last = (int(n) for n in part.split("–"))
            assert last - first >= 2, part


def test_every_judgement_and_sourced_row_points_to_a_source(briefing):
    plan, _pdf, _url = briefing
    assert all(j["cites"] for j in plan["judgements"])
    for section in plan["sections"]:
        for block in section["blocks"]:
            if block["kind"] == "table" and block["has_sources"]:
                assert any(row["cites"] for row in block["rows"]), block["caption"]


def test_whole_briefing_pages_are_stamped_and_link_back(briefing, dataset):
    _plan, pdf, url = briefing
    assert "/briefing?sections=" in url and "title=Test+title" in url
    assert_stamped(pdf, dataset, dataset.as_of, url)


def test_nothing_runs_off_the_page(briefing):
    _plan, pdf, _url = briefing
    assert not off_page(pdf)


def test_key_judgements_are_printed_once(briefing, dataset):
    _plan, pdf, _url = briefing
    text = squash(content_text(pdf))
    for judgement in dataset.judgements:
        assert text.count(squash(judgement.text)) == 1, judgement.id


def test_briefing_as_of_an_earlier_day(dataset):
    pdf = build.briefing_pdf(dataset, READY, EARLY)
    text = "\n".join(pages_text(pdf))
    flat = " ".join(text.split())
    assert "as it stood on 10 October 2024" in flat
    assert "they are not rewound to 10 October 2024" in flat
    url = build.briefing_url(READY, EARLY)
    assert "as_of=2024-10-10" in url
    assert_stamped(pdf, dataset, EARLY, url)


def test_an_as_of_after_the_data_is_clamped(dataset):
    plan = build.plan_briefing(dataset, ["treaties"], date(2100, 1, 1), draw=False)
    assert plan["meta"]["as_of_iso"] == dataset.as_of.isoformat()


def test_concurrent_builds_from_several_threads(dataset):
    """Several sessions downloading at once: one Typst compiler per thread, no
    'Already borrowed', every PDF complete."""
    compilers = {}
    jobs = [READY[i % len(READY)] for i in range(6)]

    def one(key: str) -> tuple[str, bytes]:
        pdf = build.section_pdf(dataset, key, {"as_of": dataset.as_of})
        compilers.setdefault(threading.get_ident(), set()).add(id(build._compiler()))
        return key, pdf

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(one, jobs))
        whole = pool.submit(build.briefing_pdf, dataset, READY).result()
    for key, pdf in results:
        text = "\n".join(pages_text(pdf))
        assert squash(sections.SECTION_BY_KEY[key].title) in squash(text)
        assert "Page 1 of" in text
    assert "Key judgements" in "\n".join(pages_text(whole))
    assert all(len(ids) == 1 for ids in compilers.values())  # one compiler per thread
    assert len({next(iter(ids)) for ids in compilers.values()}) == len(compilers)


def test_same_thread_compiles_again_with_new_data(dataset):
    first = build.section_pdf(dataset, READY[0], {"as_of": dataset.as_of})
    second = build.section_pdf(dataset, READY[0], {"as_of": EARLY})
    assert "as of 10 October 2024" in pages_text(second)[0]
    assert "as of 10 October 2024" not in pages_text(first)[0]


def test_same_view_later_carries_its_own_generation_time(dataset):
    """The generation time reaches Typst outside the data (so the compiler can reuse the
    rest): a second download of the same view a minute later must still show its own
    time on every page, never the first one's."""
    first_time = datetime(2026, 11, 22, 7, 0, tzinfo=UTC)
    later = datetime(2026, 11, 22, 7, 1, tzinfo=UTC)
    key = READY[0]
    first = build.render(build.plan_section(dataset, key, generated=first_time), first_time)
    second = build.render(build.plan_section(dataset, key, generated=later), later)
    for pdf, shown, not_shown in ((first, "07:00", "07:01"), (second, "07:01", "07:00")):
        for number, text in enumerate(pages_text(pdf), start=1):
            flat = " ".join(text.split())
            assert f"generated 2026-11-22 {shown} UTC" in flat, number
            assert f"generated 2026-11-22 {not_shown} UTC" not in flat, number
