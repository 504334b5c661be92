"""Full-text search: what a reader types finds what they mean, and nothing they type breaks it.

Covers briefing.search on the real data, on a hand-made copy with Persian text, and on the
hostile copy (tests/hostile_data.py): the typed forms of hardware names, prefixes,
phrases, accents, Cyrillic and Persian; hostile queries; the as-of date; snippets that
flag matches as data (never markup); the tokenizer agreeing with SQLite's; and every
result link checked against the URL keys of the view it opens.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from briefing import search as s
from briefing.search.links import LINKS
from briefing.search.tokens import MAX_QUERY, parse_query, tokens
from briefing.store import load_dataset
from tests.hostile_data import make_hostile_copy

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def index(dataset):
    return s.build_index(dataset)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    copy = make_hostile_copy(ROOT / "data", tmp_path_factory.mktemp("hostile") / "data")
    data = load_dataset(copy.folder)
    assert not [e for e in data.errors if e.file != "datapackage.json"]
    return s.build_index(data)


def ids(results, kind):
    return [r.row_id for g in results.groups if g.kind == kind for r in g.results]


def every_id(results):
    return {(g.kind, r.row_id) for g in results.groups for r in g.results}


def matched_words(result):
    return [text for text, is_match in result.snippet if is_match]


# ------------------------------------------------------------------ typed forms
@pytest.mark.parametrize("typed", ["S400", "S-400", '"S-400"', "s 400", "s-400", "S 400"])
def test_s400_written_any_way_finds_the_system(index, typed):
    results = s.search(index, typed)
    assert "s-400" in ids(results, "systems")
    assert "s-300" not in ids(results, "systems")
    assert not results.notices


@pytest.mark.parametrize("typed", ["Shahed 136", "Shahed-136", "shahed136", "SHAHED 136"])
def test_shahed_136_written_any_way(index, typed):
    results = s.search(index, typed)
    assert ids(results, "systems")[0] == "shahed-136"


@pytest.mark.parametrize("typed", ["Fath 360", "Fath-360", "fath360"])
def test_fath_360(index, typed):
    assert "fath-360" in ids(s.search(index, typed), "systems")


@pytest.mark.parametrize("typed", ["MiG29", "MiG-29", "mig 29"])
def test_mig_29(index, typed):
    assert "mig-29" in ids(s.search(index, typed), "systems")


def test_all_forms_of_one_name_give_the_same_rows(index):
    forms = ["S400", "S-400", "s 400"]
    found = [every_id(s.search(index, form)) for form in forms]
    assert found[0] and found[0] == found[1] == found[2]


def test_the_snippet_marks_the_name_as_written_in_the_data(index):
    results = s.search(index, "S400")
    system = next(r for g in results.groups if g.kind == "systems" for r in g.results)
    assert "S-400" in matched_words(system)
    assert [text for text, flag in system.title_pieces if flag] == ["S-400"]


def test_a_year_after_a_word_is_not_glued_to_it(index):
    """'Iran 2025' means both words, not a designation like 'Fath 360'."""
    assert [t.tokens for t in parse_query("Iran 2025").terms] == [("iran",), ("2025",)]
    assert s.search(index, "Iran 2025").found


def test_prefix_search(index):
    results = s.search(index, "sanction*")
    assert results.found
    words = {w.lower() for g in results.groups for r in g.results for w in matched_words(r)}
    words |= {t.lower() for g in results.groups for r in g.results for t, f in r.title_pieces if f}
    assert {"sanctions"} <= words
    assert all(w.startswith("sanction") for w in words)
    assert s.search(index, "sanction").total < results.total


def test_a_russian_word_from_the_2001_treaty(index, dataset):
    quote = dataset.get("provisions", "ru-ir-2001-art-21").quote
    assert "продлеваться" in quote
    results = s.search(index, "продлеваться")
    assert ids(results, "provisions") == ["ru-ir-2001-art-21"]
    hit = results.groups[0].results[0]
    assert hit.field == "quote" and hit.field_label == "quote"
    assert matched_words(hit) == ["продлеваться"]
    # case and the Cyrillic prefix work too
    assert "ru-ir-2001-art-21" in ids(s.search(index, "ПРОДЛЕВА*"), "provisions")


def test_phrases_need_the_words_together_and_in_order(index):
    together = s.search(index, '"strategic partnership"')
    apart = s.search(index, '"partnership strategic"')
    assert together.found
    assert together.total > apart.total
    loose = s.search(index, "strategic partnership")
    assert every_id(together) <= every_id(loose)


def test_accents_and_case_are_ignored(index):
    plain = every_id(s.search(index, "hurriyet"))
    assert ("sources", "hurriyetdailynews") in plain
    assert every_id(s.search(index, "HÜRRIYET")) == plain
    assert every_id(s.search(index, "Hürriyet")) == plain


def test_kinds_filter_and_unknown_kind(index):
    only = s.search(index, "S400", kinds=["systems"])
    assert [g.kind for g in only.groups] == ["systems"]
    odd = s.search(index, "S400", kinds=["systems", "nonsense"])
    assert any("nonsense" in notice for notice in odd.notices)
    assert [g.kind for g in odd.groups] == ["systems"]


def test_counts_and_limit(index):
    results = s.search(index, "treaty", limit=2)
    assert results.found
    for group in results.groups:
        assert len(group.results) == min(2, group.count)
        assert group.label == s.KIND_LABELS[group.kind]
    assert results.total == sum(results.counts().values())
    assert set(results.counts()) == set(s.KINDS)


def test_results_are_ranked_within_a_group(index):
    for group in s.search(index, "mutual defence").groups:
        scores = [r.score for r in group.results]
        assert scores == sorted(scores)  # BM25: lower is better


def test_no_row_with_every_word_falls_back_to_any(index):
    results = s.search(index, "S400 zzzqqq")
    assert not results.matched_every_term
    assert "s-400" in ids(results, "systems")
    assert any("any of them" in notice for notice in results.notices)


def test_a_dataset_can_be_searched_directly(dataset):
    assert "s-400" in ids(s.search(dataset, "S400"), "systems")


# ------------------------------------------------------------------ Persian
PERSIAN_QUOTE = "هیچ‌یک از طرفین به متجاوز کمک نمی‌کند؛ مُعاهده‌ی همکاری‌ها"


@pytest.fixture(scope="module")
def persian(tmp_path_factory):
    import shutil

    folder = tmp_path_factory.mktemp("persian") / "data"
    shutil.copytree(ROOT / "data", folder)
    path = folder / "provisions.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["id"] == "ru-ir-2025-art-3-3":
            row["quote"], row["quote_language"] = PERSIAN_QUOTE, "fa"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    data = load_dataset(folder)
    assert data.ok, data.errors[:3]
    assert data.get("provisions", "ru-ir-2025-art-3-3").quote == PERSIAN_QUOTE
    return s.build_index(data)


@pytest.mark.parametrize(
    "typed",
    [
        "متجاوز",  # as written
        "معاهده",  # without the vowel mark the data carries
        "همکاری",  # the stem of همکاری‌ها (the plural suffix is set off by a ZWNJ)
        "هیچ‌یک",  # with the zero-width non-joiner, as written
        "هيچ‌يک",  # Arabic yeh instead of Persian yeh
        "همکاری*",
        '"به متجاوز کمک"',
    ],
)
def test_persian_words(persian, typed):
    results = s.search(persian, typed)
    assert "ru-ir-2025-art-3-3" in ids(results, "provisions"), typed
    # other rows may rank first (Persian source titles carry the same words): take the provision
    group = next(g for g in results.groups if g.kind == "provisions")
    hit = next(r for r in group.results if r.row_id == "ru-ir-2025-art-3-3")
    assert hit.field == "quote"
    assert any(matched_words(hit))
    assert "".join(text for text, _flag in hit.snippet) == PERSIAN_QUOTE


# ------------------------------------------------------------------ hostile input
NASTY = [
    ('"unbalanced', True),
    ('a "b c', True),
    ("AND", True),
    ("OR sanctions", True),
    ("NOT", True),
    ("NEAR(", True),
    ("NEAR(S400 sanctions, 5)", True),
    ("*", True),
    ("**", True),
    ("^", True),
    ("^sanctions", True),
    ("title:sanctions", True),
    ("text : S400", True),
    ("{title text}: x", True),
    ("sanctions -oil", True),
    ("(S400 OR S300)", True),
    ("a\x00b", True),
    ("\x07\x1b[31mred", True),
    ("\u202eevil", True),
    ("\ud800lone surrogate", True),
    ("x" * 5000, True),
    (" ".join(["sanctions"] * 2000), True),
    ("word " * 40, False),
    (" ".join(f"w{n}x" for n in range(40)), True),
    ('""', True),
    ("''", True),
    ("'; DROP TABLE docs; --", False),
    ("docs MATCH 'x'", False),
    ("<script>alert(1)</script>", False),
    ("[link](javascript:alert(1))", False),
    ("%s %d {0} \\", False),
    ("😀🚀", True),
    ("\ufeff", True),
    ("", True),
    ("   \t\n ", True),
]


@pytest.mark.parametrize(("query", "told"), NASTY, ids=[repr(q[:20]) for q, _ in NASTY])
def test_nasty_queries_never_raise(index, query, told):
    results = s.search(index, query)
    assert isinstance(results, s.SearchResults)
    if told:
        assert results.notices, "the reader is told what was ignored"
    for notice in results.notices:
        assert isinstance(notice, str) and notice
        assert "\x00" not in notice and "\ud800" not in notice
    results.to_dict()  # serialisable for --json


def test_the_index_survives_sql_in_a_query(index):
    s.search(index, "'; DROP TABLE docs; --")
    assert s.search(index, "S400").found


def test_long_query_is_cut_and_said_so(index):
    results = s.search(index, "S400 " + "y" * 5000)
    assert f"cut to its first {MAX_QUERY} characters" in " ".join(results.notices)
    assert len(results.query) <= MAX_QUERY


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "*", "^", '"', "()", None])
def test_empty_query_returns_nothing_and_says_why(index, query):
    results = s.search(index, query)
    assert not results.found and results.empty_query
    assert results.groups == ()
    assert results.notices


def test_operators_are_read_as_words_with_a_notice(index):
    results = s.search(index, "S400 OR sanctions")
    assert "'OR' was read as a word, not as an operator." in results.notices
    near = s.search(index, "NEAR(")
    assert "'NEAR(' was read as a word." in near.notices


def test_column_filters_are_words(index):
    results = s.search(index, "title:S400")
    assert any("not a column filter" in n for n in results.notices)


# ------------------------------------------------------------------ as of
def test_rows_after_the_as_of_day_are_kept_and_marked(index, dataset):
    early = date(2023, 1, 1)
    results = s.search(index, "treaty", as_of=early)
    flagged = {(r.kind, r.row_id): r for g in results.groups for r in g.results}
    assert flagged
    later = [r for r in flagged.values() if r.later]
    assert later, "rows dated after 2023 are marked, not dropped"
    for r in later:
        assert dict(parse_qsl(urlsplit(r.link.href).query)).get("as_of") == "2023-01-01"
    treaty_2025 = flagged.get(("treaties", "ru-ir-2025"))
    assert treaty_2025 is not None and treaty_2025.later
    assert not flagged[("treaties", "ru-ir-2001")].later
    # at the data's own date nothing is later, and links carry no as_of
    now = s.search(index, "treaty")
    assert not any(r.later for g in now.groups for r in g.results)
    assert not any("as_of" in r.link.href for g in now.groups for r in g.results)


def test_a_system_not_yet_on_record_is_later(index):
    results = s.search(index, "S400", as_of=date(2010, 1, 1))
    system = next(r for g in results.groups if g.kind == "systems" for r in g.results)
    assert system.later


def test_an_as_of_after_the_data_is_clamped_with_a_notice(index, dataset):
    results = s.search(index, "S400", as_of=date(2099, 1, 1))
    assert results.as_of == dataset.as_of
    assert any("after the data's own" in n for n in results.notices)


# ------------------------------------------------------------------ snippets
def test_snippets_are_plain_pieces_of_the_data_text(hostile):
    results = s.search(hostile, "HOSTILE-BOLD")
    assert results.found
    for group in results.groups:
        for result in group.results:
            text = "".join(piece for piece, _flag in result.snippet).strip("…")
            doc = next(
                d for d in hostile.docs if d.row_id == result.row_id and d.kind == group.kind
            )
            source = dict(doc.fields).get(result.field) or " · ".join(doc.meta)
            assert text in source
            flagged = [piece for piece, flag in result.snippet if flag]
            assert flagged and all(
                p.upper() in ("HOSTILE-BOLD", "HOSTILE", "BOLD") for p in flagged
            )
            # the markup in the data stays literal text; nothing is added around matches
            assert all(isinstance(p, str) and isinstance(f, bool) for p, f in result.snippet)
            assert not any("<mark" in p or "**" in p for p, _f in result.snippet)


def test_hostile_markup_is_searchable_as_words(hostile):
    results = s.search(hostile, "script")
    assert results.found
    assert any(
        "<script>" in "".join(p for p, _ in r.snippet) for g in results.groups for r in g.results
    )


def test_a_snippet_is_short_and_shows_the_match(index):
    results = s.search(index, "продлеваться")
    hit = results.groups[0].results[0]
    text = "".join(piece for piece, _flag in hit.snippet)
    assert len(text) <= 260
    assert hit.snippet[0] == ("…", False)


def test_markdown_shows_data_literally_and_marks_matches(hostile):
    from briefing.text import escape_markdown

    results = s.search(hostile, "HOSTILE-LINK")
    result = results.groups[0].results[0]
    text = s.to_markdown(result.snippet)
    assert "**HOSTILE\\-LINK**" in text
    plain = [escape_markdown(piece) for piece, flag in result.snippet if not flag]
    assert all(part in text for part in plain)
    assert "](javascript" not in text and "<script>" not in text
    assert s.to_markdown((("a*b", True), (" [x](y)", False)), ":red[", "]") == (
        ":red[a\\*b] \\[x\\]\\(y\\)"
    )


def test_marked_title_and_ellipses(index):
    pieces = s.marked("Sanctions and more sanctions", parse_query("sanction*").terms)
    assert pieces == (("Sanctions", True), (" and more ", False), ("sanctions", True))


# ------------------------------------------------------------------ tokenizer = SQLite
@pytest.mark.parametrize("which", ["real", "hostile", "persian"])
def test_our_tokens_are_exactly_what_sqlite_stores(which, index, hostile, persian):
    chosen = {"real": index, "hostile": hostile, "persian": persian}[which]
    stored: dict[tuple[int, str], list[str]] = {}
    for doc, column, term in chosen.vocabulary():
        stored.setdefault((doc, column), []).append(term)
    for number, doc in enumerate(chosen.docs):
        ours = [t.norm for t in tokens(doc.title)]
        assert stored.get((number, "title"), []) == ours, doc.row_id
        text = []
        for _name, value in doc.fields:
            text += [t.norm for t in tokens(value)] + ["\ue000"]
        got = [t for t in stored.get((number, "text"), [])]
        assert got == text[:-1], doc.row_id


@pytest.mark.parametrize(
    ("text", "norms"),
    [
        ("S-400 S400 s 400", ["s", "400", "s", "400", "s", "400"]),
        ("MiG29 Shahed‑136", ["mig", "29", "shahed", "136"]),
        ("Café ÉCOLE naïve", ["cafe", "ecole", "naive"]),
        ("Ёлка йод", ["елка", "йод"]),
        ("ﬁne ۱۳۶", ["fine", "136"]),
        ("می‌خواهد مُعاهده", ["می", "خواهد", "معاهده"]),
    ],
)
def test_folding(text, norms):
    assert [t.norm for t in tokens(text)] == norms


# ------------------------------------------------------------------ links
def _first(index, kind):
    doc = next(d for d in index.docs if d.kind == kind)
    return doc, doc.link


def _view_file_exists(path: str) -> bool:
    if path == "":
        return (ROOT / "app.py").is_file()
    return any((ROOT / folder / f"{path}.py").is_file() for folder in ("views", "pages"))


def test_every_link_opens_an_existing_view(index):
    kinds = {d.kind for d in index.docs}
    assert kinds == set(LINKS) == set(s.KINDS)
    for doc in index.docs:
        assert _view_file_exists(doc.link.path), doc.link.href
        assert doc.link.path == LINKS[doc.kind].path
        keys = [key for key, _value in doc.link.params]
        declared = [doc.row_id if k == "<id>" else k for k in LINKS[doc.kind].keys]
        assert keys == declared, doc.kind


def test_treaty_links_use_the_treaty_views_keys(index, dataset):
    from briefing import treaties

    checks = treaties.url_checks(dataset)
    for doc in (d for d in index.docs if d.kind in ("provisions", "treaties")):
        assert doc.link.path == treaties.URL_PATH
        for key, value in doc.link.params:
            assert key in checks and checks[key](value), (key, value)
        query = doc.link.query()
        chosen, ignored = treaties.resolve_treaties(dataset, query[treaties.TREATY_KEY])
        assert not ignored
        row = dataset.get(doc.kind, doc.row_id)
        assert chosen == [row.treaty_id if doc.kind == "provisions" else row.id]
        if doc.kind == "provisions":
            themes, bad = treaties.resolve_themes(query[treaties.THEME_KEY])
            assert not bad and [t.value for t in themes] == [row.theme.value]


def test_system_links_use_the_capabilities_keys(index, dataset):
    from briefing import capabilities

    for doc in (d for d in index.docs if d.kind == "systems"):
        assert doc.link.path == capabilities.URL_PATH
        query = capabilities.query_of(dataset, doc.link.query())
        assert query["system"] == doc.row_id


def test_exchange_links_tick_the_item_and_filter_its_direction(index, dataset):
    from briefing import exchange

    for doc in (d for d in index.docs if d.kind == "exchange"):
        assert doc.link.path == exchange.URL_PATH
        checks = exchange.url_checks(dataset, [k for k, _ in doc.link.params])
        for key, value in doc.link.params:
            assert key in checks and checks[key](value), (key, value)
        view = exchange.view_from_state(dataset, doc.link.query())
        assert doc.row_id in view.chosen
        assert list(view.directions) == [dataset.get("exchange", doc.row_id).direction.value]


def test_event_links_name_the_event_as_the_timeline_picker_does(index, dataset):
    from briefing import timeline as tl

    day = dataset.as_of
    labels = {tl.event_label(r): r.id for r in tl.event_rows(dataset, tl.TimelineFilters(day))}
    for doc in (d for d in index.docs if d.kind == "events"):
        assert doc.link.path == "timeline"
        assert labels[doc.link.query()["event"]] == doc.row_id


def test_claim_links_filter_the_tracker_to_the_claim(index, dataset):
    from briefing import timeline as tl

    for doc in (d for d in index.docs if d.kind == "claims"):
        filters = tl.parse_state(dataset, {**doc.link.query(), "as_of": dataset.as_of})
        assert not filters.ignored, filters.ignored
        view = tl.build_view(dataset, {**doc.link.query(), "as_of": dataset.as_of})
        assert doc.row_id in {c.id for c in view.claims}


def test_source_links_filter_the_register_to_the_kind(index, dataset):
    from briefing import method

    kinds = {row["kind"] for row in method.source_rows(dataset)}
    for doc in (d for d in index.docs if d.kind == "sources"):
        assert doc.link.path == "sources"
        assert doc.link.query()["kind"] in kinds


def test_link_query_and_href_agree(index):
    for doc in index.docs:
        href = doc.link.href
        assert href.startswith("/" + doc.link.path)
        assert parse_qsl(urlsplit(href).query) == list(doc.link.params)
