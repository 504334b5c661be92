"""References a reference manager imports: every export read back with the library that reads it.

BibTeX with bibtexparser 2 (LaTeX decoded, as a reader sees the text), RIS with rispy,
CSL-JSON with json. On the real register, on a copy whose sources carry the awkward
cases (quotes, braces, %, &, Cyrillic, Persian; each date precision; a copy; a checked
date; organisation and personal authors), and on the hostile copy of the data.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import date
from pathlib import Path

import bibtexparser
import pylatexenc.latex2text as l2t
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware

from briefing import references as refs
from briefing.citations import APP_NAME
from briefing.report.build import build_section
from briefing.store import load_dataset
from tests.hostile_data import VISIBLE_MARKERS, make_hostile_copy

ROOT = Path(__file__).resolve().parent.parent
NASTY_TITLE = 'He said "no" {to a treaty} } 100% & co {open Договор معاهده‌ی همکاری $x$ #1 ~_^'
BIBTEX_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_:.\-]*$")


def decoder() -> LatexDecodingMiddleware:
    """bibtexparser's LaTeX decoder, told what LaTeX prints for the two brace macros a
    lone brace is written as (pylatexenc's decoder does not know them) and for
    \\textasciicircum (it gives U+02C6 where LaTeX prints '^')."""
    context = l2t.get_default_latex_context_db()
    context.add_context_category(
        "as-latex-prints",
        prepend=True,
        macros=[
            l2t.MacroTextSpec("textbraceleft", "{"),
            l2t.MacroTextSpec("textbraceright", "}"),
            l2t.MacroTextSpec("textasciicircum", "^"),
        ],
    )
    return LatexDecodingMiddleware(
        decoder=l2t.LatexNodes2Text(latex_context=context, keep_braced_groups=False)
    )


def read_bibtex(text: str):
    """Entries as a reader sees them: LaTeX decoded, except the url (read verbatim, as
    biber and the url package read it: a % there is part of the address)."""
    raw = {e.key: e for e in bibtexparser.parse_string(text).entries}
    library = bibtexparser.parse_string(text, append_middleware=[decoder()])
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    for entry in library.entries:
        if "url" in entry.fields_dict:
            entry.fields_dict["url"].value = raw[entry.key].fields_dict["url"].value
    return library


def fields(entry) -> dict[str, str]:
    return {key: str(field.value) for key, field in entry.fields_dict.items()}


def bibtex_braces_balance(text: str) -> bool:
    """BibTeX counts every brace, backslash or not: each entry must balance."""
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


# ------------------------------------------------------------------ fixtures
def _rewrite(folder: Path, table: str, changes: dict[str, dict[str, str]]) -> None:
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    for row in rows:
        row.update(changes.get(row["id"], {}))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


AWKWARD = {
    # month precision, opinion, Persian, a title with every awkward character
    "tsitrin-2024": {
        "published": "2024-10",
        "published_basis": "stated",
        "publisher": "New English Review",
        "title": NASTY_TITLE,
        "title_en": "He said no: an English gloss",
        "language": "fa",
        "checked": "2026-10-01",
        "url": "https://example.org/a;b?x=1&y=2%20z",
    },
    # year precision, an organisation as author
    "thediplomat": {
        "published": "2017",
        "published_basis": "stated",
        "author": "Ministry of Foreign Affairs",
        "checked": "",
    },
    # two people as the page lists them, with commas
    "lawfaremedia": {
        "published": "2017-04-16",
        "published_basis": "inferred",
        "note": "Dated from the page's content.",
        "author": "Julian Ku, Chris Mirasola",
    },
    # unknown date
    "1st4ebusiness": {"published": "unknown", "published_basis": ""},
    # an outlet named by its domain; a source whose publisher was not found
    "lawmix-23001": {"publisher": "lawmix.ru"},
    "mishra-kumar-2025": {"publisher": "publisher not found", "outlet_id": ""},
    # a copy of another page
    "iclcenter": {"copy_of": "tsitrin-2024"},
}


@pytest.fixture(scope="module")
def awkward(tmp_path_factory):
    folder = tmp_path_factory.mktemp("awkward") / "data"
    shutil.copytree(ROOT / "data", folder)
    _rewrite(folder, "sources", AWKWARD)
    data = load_dataset(folder)
    assert data.ok, [str(e) for e in data.errors[:5]]
    assert data.source("tsitrin-2024").title == NASTY_TITLE
    return data


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    copy = make_hostile_copy(ROOT / "data", tmp_path_factory.mktemp("hostile") / "data")
    data = load_dataset(copy.folder)
    assert not [e for e in data.errors if e.file != "datapackage.json"]
    return data


@pytest.fixture(scope="module")
def exports(awkward):
    return {
        "bibtex": {e.key: e for e in read_bibtex(refs.export(awkward, "bibtex")).entries},
        "ris": {e["id"]: e for e in rispy.loads(refs.export(awkward, "ris"))},
        "csl": {e["id"]: e for e in json.loads(refs.export(awkward, "csl-json"))},
    }


# ------------------------------------------------------------------ the register
@pytest.mark.parametrize("which", ["real", "awkward", "hostile"])
def test_one_entry_per_source_in_every_format(which, dataset, awkward, hostile):
    data = {"real": dataset, "awkward": awkward, "hostile": hostile}[which]
    ids = [s.id for s in data.sources]
    bib = read_bibtex(refs.export(data, "bibtex"))
    assert [e.key for e in bib.entries] == ids
    ris = rispy.loads(refs.export(data, "ris"))
    assert [e["id"] for e in ris] == ids
    csl = json.loads(refs.export(data, "csl-json"))
    assert [e["id"] for e in csl] == ids
    assert len(set(ids)) == len(ids)


def test_keys_are_stable_and_valid_bibtex_keys(dataset):
    first, second = refs.export(dataset, "bibtex"), refs.export(dataset, "bibtex")
    assert first == second
    keys = [e.key for e in read_bibtex(first).entries]
    assert all(BIBTEX_KEY.match(key) for key in keys)
    assert keys == [s.id for s in dataset.sources]  # derived from the id: stable with it


def test_titles_come_back_exactly(exports):
    assert exports["csl"]["tsitrin-2024"]["title"] == NASTY_TITLE
    assert exports["ris"]["tsitrin-2024"]["title"] == NASTY_TITLE
    assert fields(exports["bibtex"]["tsitrin-2024"])["title"] == NASTY_TITLE


def test_bibtex_braces_balance_for_bibtex_itself(awkward):
    text = refs.export(awkward, "bibtex", ["tsitrin-2024"])
    assert bibtex_braces_balance(text)
    assert r"100\%" in text and r"\&" in text  # LaTeX would eat a bare % and choke on &
    assert "Договор معاهده" in text  # UTF-8 kept, not turned into macros


def test_the_url_is_written_as_an_address(exports, awkward):
    url = "https://example.org/a;b?x=1&y=2%20z"
    assert exports["csl"]["tsitrin-2024"]["URL"] == url
    assert fields(exports["bibtex"]["tsitrin-2024"])["url"] == url
    # rispy splits UR on ';': the semicolon is percent-encoded so the address stays one
    assert exports["ris"]["tsitrin-2024"]["urls"] == ["https://example.org/a%3Bb?x=1&y=2%20z"]
    assert r"\&" not in refs.export(awkward, "bibtex", ["tsitrin-2024"]).split("url =")[1]


def test_dates_at_their_precision(exports):
    csl, ris, bib = exports["csl"], exports["ris"], exports["bibtex"]
    # month
    assert csl["tsitrin-2024"]["issued"] == {"date-parts": [[2024, 10]]}
    assert (ris["tsitrin-2024"]["year"], ris["tsitrin-2024"]["date"]) == ("2024", "2024/10")
    month = fields(bib["tsitrin-2024"])
    assert (month["year"], month["month"], month["date"]) == ("2024", "oct", "2024-10")
    # year
    assert csl["thediplomat"]["issued"] == {"date-parts": [[2017]]}
    assert ris["thediplomat"]["year"] == "2017" and "date" not in ris["thediplomat"]
    year = fields(bib["thediplomat"])
    assert (year["year"], year["date"]) == ("2017", "2017") and "month" not in year
    # day, inferred
    assert csl["lawfaremedia"]["issued"] == {"date-parts": [[2017, 4, 16]], "circa": True}
    assert ris["lawfaremedia"]["date"] == "2017/04/16"
    assert fields(bib["lawfaremedia"])["date"] == "2017-04-16"
    assert "Date inferred" in csl["lawfaremedia"]["note"]
    # unknown: nothing is guessed
    assert "issued" not in csl["1st4ebusiness"]
    assert "year" not in ris["1st4ebusiness"]
    assert "year" not in fields(bib["1st4ebusiness"])


def test_month_is_the_bibtex_macro(awkward):
    assert "month = oct," in refs.export(awkward, "bibtex", ["tsitrin-2024"])


def test_accessed_is_the_checked_day_else_the_data_as_of(exports, awkward):
    csl, ris, bib = exports["csl"], exports["ris"], exports["bibtex"]
    assert csl["tsitrin-2024"]["accessed"] == {"date-parts": [[2026, 10, 1]]}
    assert ris["tsitrin-2024"]["access_date"] == "2026/10/01"
    assert fields(bib["tsitrin-2024"])["urldate"] == "2026-10-01"
    as_of = awkward.as_of
    assert csl["thediplomat"]["accessed"] == {"date-parts": [[as_of.year, as_of.month, as_of.day]]}
    assert fields(bib["thediplomat"])["urldate"] == as_of.isoformat()


def test_translated_title_language_and_copy(exports):
    csl, ris, bib = exports["csl"], exports["ris"], exports["bibtex"]
    assert ris["tsitrin-2024"]["translated_title"] == "He said no: an English gloss"
    assert "English title: He said no: an English gloss" in csl["tsitrin-2024"]["note"]
    assert "English title: He said no" in fields(bib["tsitrin-2024"])["note"]
    assert csl["tsitrin-2024"]["language"] == "fa"
    assert ris["tsitrin-2024"]["language"] == "fa"
    assert fields(bib["tsitrin-2024"])["language"] == "Persian"
    copy_note = f"Copy of: {NASTY_TITLE}"
    assert copy_note in csl["iclcenter"]["note"]
    assert any(copy_note in note for note in ris["iclcenter"]["notes"])
    assert copy_note in fields(bib["iclcenter"])["note"]


def test_authors_as_given(exports, awkward):
    csl, ris, bib = exports["csl"], exports["ris"], exports["bibtex"]
    people = [{"literal": "Julian Ku"}, {"literal": "Chris Mirasola"}]
    assert csl["lawfaremedia"]["author"] == people
    assert ris["lawfaremedia"]["authors"] == ["Julian Ku", "Chris Mirasola"]
    assert fields(bib["lawfaremedia"])["author"] == "Julian Ku and Chris Mirasola"
    two = csl["mishra-kumar-2025"]["author"]
    assert two == [{"literal": "Hemshikha Mishra"}, {"literal": "Ankit Kumar"}]
    assert csl["thediplomat"]["author"] == [{"literal": "Ministry of Foreign Affairs"}]
    assert ris["thediplomat"]["authors"] == ["Ministry of Foreign Affairs"]
    assert fields(bib["thediplomat"])["author"] == "Ministry of Foreign Affairs"
    raw = refs.export(awkward, "bibtex", ["thediplomat"])
    assert "author = {{Ministry of Foreign Affairs}}" in raw  # braced: not split as a person
    # no author recorded: none is invented
    assert "author" not in csl["1st4ebusiness"]
    assert "authors" not in ris["1st4ebusiness"]


def test_types_by_kind(exports, awkward):
    expected = {
        "news report": ("article-newspaper", "NEWS", "article"),
        "opinion": ("article-newspaper", "NEWS", "article"),
        "analysis": ("report", "RPRT", "report"),
        "treaty text": ("treaty", "LEGAL", "misc"),
        "reference": ("entry-encyclopedia", "ENCYC", "misc"),
        "official statement": ("document", "GOVDOC", "misc"),
    }
    seen = set()
    for source in awkward.sources:
        kind = source.kind.value
        seen.add(kind)
        csl_type, ris_type, bib_type = expected[kind]
        assert exports["csl"][source.id]["type"] == csl_type
        assert exports["ris"][source.id]["type_of_reference"] == ris_type
        assert exports["bibtex"][source.id].entry_type == bib_type
    assert {"news report", "treaty text", "analysis"} <= seen


def test_the_outlet_is_container_or_publisher(exports):
    csl, ris, bib = exports["csl"], exports["ris"], exports["bibtex"]
    assert csl["tsitrin-2024"]["container-title"] == "New English Review"
    assert ris["tsitrin-2024"]["secondary_title"] == "New English Review"
    assert fields(bib["tsitrin-2024"])["journal"] == "New English Review"
    assert csl["lawmix-23001"]["publisher"] == "lawmix.ru"
    assert ris["lawmix-23001"]["publisher"] == "lawmix.ru"
    assert fields(bib["lawmix-23001"])["howpublished"] == "lawmix.ru"
    # "publisher not found" is not an outlet
    assert "publisher" not in csl["mishra-kumar-2025"]


def test_chosen_sources_in_the_order_given(dataset):
    chosen = ["tsitrin-2024", "lawmix-23001", "tsitrin-2024", "not-a-source"]
    got = [e["id"] for e in json.loads(refs.export(dataset, "csl-json", chosen))]
    assert got == ["tsitrin-2024", "lawmix-23001"]
    assert refs.unknown_sources(dataset, chosen) == ["not-a-source"]


# ------------------------------------------------------------------ hostile data
def test_hostile_text_arrives_as_text(hostile):
    bib_text = refs.export(hostile, "bibtex")
    ris_text = refs.export(hostile, "ris")
    csl_text = refs.export(hostile, "csl-json")
    for text in (bib_text, ris_text, csl_text):
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    csl = json.loads(csl_text)
    titles = " ".join(e["title"] for e in csl)
    for marker in VISIBLE_MARKERS:
        assert marker in titles
    assert "<script>" in titles  # kept as the literal text the cell holds
    ris = rispy.loads(ris_text)
    assert [e["title"] for e in ris] == [e["title"] for e in csl]
    # one TY and one ER per record: no value broke out of its line
    assert ris_text.count("\nTY  - ") + ris_text.startswith("TY  - ") == len(hostile.sources)
    assert ris_text.count("\nER  - ") == len(hostile.sources)
    bib = read_bibtex(bib_text)
    assert [fields(e)["title"] for e in bib.entries] == [e["title"] for e in csl]
    for block in bib_text.split("\n@"):
        assert bibtex_braces_balance(block)


# ------------------------------------------------------------------ views
VIEW = "https://briefing.example.org/treaties?treaty=Russia%E2%80%93Iran+2001&theme=duration"


def test_cite_this_view(dataset):
    accessed = date(2026, 12, 1)
    cited = refs.cite_view(dataset, VIEW, accessed)
    assert APP_NAME in cited.text and "Treaty comparison" in cited.text
    assert f"Data version {dataset.version}" in cited.text
    assert VIEW in cited.text and "accessed 1 December 2026" in cited.text
    entry = read_bibtex(cited.bibtex).entries
    assert len(entry) == 1 and entry[0].key == cited.key
    got = fields(entry[0])
    assert got["url"] == VIEW and got["urldate"] == "2026-12-01"
    assert got["version"] == dataset.version
    assert got["date"] == dataset.as_of.isoformat()
    assert got["author"] == APP_NAME
    ris = rispy.loads(cited.ris)
    assert len(ris) == 1 and ris[0]["urls"] == [VIEW] and ris[0]["access_date"] == "2026/12/01"
    csl = json.loads(cited.csl_json)[0]
    assert csl["type"] == "webpage" and csl["version"] == dataset.version
    assert csl["author"] == [{"literal": APP_NAME}]


def test_view_keys_are_stable_and_differ_between_views(dataset):
    day = date(2026, 12, 1)
    one = refs.cite_view(dataset, VIEW, day).key
    assert one == refs.cite_view(dataset, VIEW, date(2027, 1, 1)).key
    assert one != refs.cite_view(dataset, VIEW + "&text=summary", day).key
    assert BIBTEX_KEY.match(one) and one.startswith("briefing-treaties-")


def test_a_view_cites_what_its_pdf_section_cites(dataset):
    cited = refs.view_sources(dataset, VIEW)
    state = {"treaty": "Russia–Iran 2001", "theme": "duration", "as_of": dataset.as_of}
    assert list(cited.source_ids) == build_section(dataset, "treaties", state).section.source_ids()
    assert cited.source_ids
    exported = json.loads(refs.export(dataset, "csl-json", view=VIEW, accessed=date(2026, 12, 1)))
    assert exported[0]["type"] == "webpage"
    assert [e["id"] for e in exported[1:]] == list(cited.source_ids)


def test_other_views(dataset):
    overview = refs.view_sources(dataset, "/")
    assert overview.source_ids and overview.title == "Overview"
    treaty_texts = refs.view_sources(dataset, "/sources?kind=treaty+text")
    assert treaty_texts.source_ids
    assert all(dataset.source(i).kind.value == "treaty text" for i in treaty_texts.source_ids)
    everything = refs.view_sources(dataset, "/sources")
    assert len(everything.source_ids) == len(dataset.sources)
    briefing = refs.view_sources(dataset, "/briefing?sections=treaties")
    judged = {i for j in dataset.judgements for i in j.source_ids}
    assert judged <= set(briefing.source_ids)
    found = refs.view_sources(dataset, "/search?q=S400")
    assert found.source_ids


def test_what_changed_cites_the_sources_of_its_window(dataset):
    url = "/changes?since=2026-02-27&as_of=2026-07-01"
    cited = refs.view_sources(dataset, url)
    assert cited.title == "What changed" and cited.as_of == date(2026, 7, 1)
    state = {"since": "2026-02-27", "as_of": date(2026, 7, 1)}
    assert list(cited.source_ids) == build_section(dataset, "changes", state).section.source_ids()
    assert cited.source_ids
    # the Briefing PDF with its "What changed since" section cites that section's sources too
    plain = set(refs.view_sources(dataset, "/briefing?sections=overview").source_ids)
    since = refs.view_sources(dataset, "/briefing?sections=overview&since=2026-02-27")
    assert plain < set(since.source_ids)
    assert set(cited.source_ids) - plain <= set(since.source_ids)


def test_a_view_as_of_an_earlier_day(dataset):
    early = refs.view_sources(dataset, "/capabilities?as_of=2015-01-01")
    assert early.as_of == date(2015, 1, 1)
    bad = refs.view_sources(dataset, "/capabilities?as_of=yesterday")
    assert bad.as_of == dataset.as_of and bad.notices


@pytest.mark.parametrize("url", ["/nope", "https://x.org/admin?x=1", "javascript:alert(1)", ""])
def test_unknown_views_are_refused(dataset, url):
    with pytest.raises(refs.UnknownView):
        refs.view_sources(dataset, url)
    with pytest.raises(refs.UnknownView):
        refs.cite_view(dataset, url, date(2026, 12, 1))


def test_formats_name_their_files():
    assert refs.FORMATS["bibtex"].filename() == "briefing-sources.bib"
    assert refs.FORMATS["ris"].mime == "application/x-research-info-systems"
    assert refs.FORMATS["csl-json"].filename("treaties") == "treaties.json"
