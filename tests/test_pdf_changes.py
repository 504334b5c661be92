"""'What changed since <date>' in the PDF, read back with pypdf: the view export, the
whole briefing with a since date (after the overview, and only when asked for), its
citations resolving to the source list, and hostile text printed literally."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from briefing import changes
from briefing.report import build, sections
from briefing.report.model import Paragraph, Table
from briefing.store import load_dataset
from briefing.text import BIDI_CONTROLS
from tests.conftest import DATA
from tests.hostile_data import make_hostile_copy
from tests.pdf_reading import (
    citation_groups,
    content_text,
    off_page,
    pages_text,
    split_parts,
    squash,
)

SIGNING = date(2025, 1, 17)
AS_OF = date(2025, 10, 3)
STATE = {"since": SIGNING.isoformat(), "as_of": AS_OF}
TYPST = '#panic("boom") $x^2$ @ref <lbl> *strong* _em_ `raw` ]] [[ #{ 1 + 1 }'


@pytest.fixture(scope="module")
def export(dataset):
    section = changes.report_section(dataset, dict(STATE))
    return section, build.section_pdf(dataset, "changes", dict(STATE))


def test_the_view_export_shows_the_digest_and_the_lists(export):
    section, pdf = export
    text = content_text(pdf)
    flat = squash(text)
    assert "What changed since 17 January 2025" in text
    for words in (
        "ratified by Russia on 21 April 2025",
        "ratified by both on 21 May 2025",
        "entered into force on 2 October 2025",
        "Status changes (13): the status in force the day before, and the new one",
        "Events in the window",
        "Sources published in the window",
        "No claim's assessment is dated in the window",
    ):
        assert squash(words) in flat, words
    for block in section.blocks:
        if isinstance(block, Paragraph):
            assert squash(block.text) in flat, block.text[:60]
        if isinstance(block, Table):
            assert squash(block.caption) in flat
    first = " ".join(pages_text(pdf)[0].split())
    assert "changes?since=2025-01-17&as_of=2025-10-03" in first  # the link back to the view


def source_numbers(source_list: str) -> dict[int, str]:
    """number -> source id, from the printed source list ('[n] … (id)')."""
    parts = re.split(r"(?m)^\[(\d+)\]", source_list)[1:]
    found = {}
    for number, entry in zip(parts[::2], parts[1::2], strict=True):
        ids = re.findall(r"\(([a-z0-9][a-z0-9-]*)\)", re.sub(r"[\s\u200b\u00ad]+", "", entry))
        found[int(number)] = ids[-1] if ids else ""
    return found


def test_the_digest_citations_point_at_the_right_sources(export):
    section, pdf = export
    body, source_list, _method = split_parts(content_text(pdf))
    by_number = source_numbers(source_list)
    assert sorted(by_number) == list(range(1, len(by_number) + 1))
    # the first digest sentence (the 2025 treaty's steps) and the citation that ends it
    after = body[body.index("entered into force on") :]
    numbers = citation_groups(after)[0]
    cited = {by_number[n] for n in numbers}
    sentence = next(b for b in section.blocks if isinstance(b, Paragraph) and b.source_ids)
    assert cited == set(sentence.source_ids)
    assert {"irna-85859181", "indiathisweek"} <= cited


def test_the_briefing_adds_it_after_the_overview_only_with_a_since_date(dataset):
    keys = ["overview", "treaties"]
    plain = build.plan_briefing(dataset, keys, AS_OF, draw=False)
    assert [s["key"] for s in plain["sections"]] == keys
    with_since = build.plan_briefing(dataset, keys, AS_OF, draw=False, since=SIGNING)
    assert [s["key"] for s in with_since["sections"]] == ["overview", "changes", "treaties"]
    alone = build.plan_briefing(dataset, ["treaties"], AS_OF, draw=False, since=SIGNING)
    assert [s["key"] for s in alone["sections"]] == ["changes", "treaties"]
    url = build.briefing_url(keys, AS_OF, since=SIGNING)
    assert "since=2025-01-17" in url
    assert "changes" not in sections.parse_keys(None)[0]  # never in the default briefing
    entries = build.outline(dataset, keys, AS_OF, since=SIGNING)
    assert any(e.text == "What changed since 17 January 2025" for e in entries)


def test_the_briefing_pdf_prints_it(dataset):
    pdf = build.briefing_pdf(dataset, ["overview", "treaties"], AS_OF, since=SIGNING)
    text = content_text(pdf)
    assert "What changed since 17 January 2025" in text
    body = squash(text)
    assert body.index(squash("What changed since 17 January 2025")) < body.rindex(
        squash("Treaty comparison")
    )
    assert squash("ratified by both on 21 May 2025") in body
    assert not off_page(pdf)


# ------------------------------------------------------------------ hostile text
@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-pdf-changes") / "data"
    make_hostile_copy(DATA, folder)
    path = folder / "events.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:  # Typst syntax too, in an event inside the window
        if row["id"] == "ev-2025-05-21-majlis-ratifies":
            row["title"] = f"{TYPST} {row['title']}"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    dataset = load_dataset(folder)
    assert dataset.ok, [str(e) for e in dataset.errors[:3]]
    return dataset


def test_hostile_text_is_printed_literally_and_stays_on_the_page(hostile):
    pdf = build.section_pdf(hostile, "changes", dict(STATE))
    text = "\n".join(pages_text(pdf))
    assert "What changed since 17 January 2025" in text
    assert not set(text) & BIDI_CONTROLS
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    flat = squash(text)
    assert squash('#panic("boom")') in flat  # Typst syntax shown, not run
    assert squash("<b>HOSTILE-BOLD</b>") in flat  # HTML shown, not parsed
    assert "HOSTILE-BIDI" in text
    assert not off_page(pdf)
