"""The /search page and the frame's search box through AppTest: what a reader sees for the
issue's queries, for hostile ones, and where each result leads. The search itself (ranking,
tokens, snippets, links) is covered by test_search.py."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from briefing import search, site
from briefing.store import load_dataset
from tests.conftest import DATA, ROOT
from ui.search import BOX_KEY, EXAMPLES

APP = str(ROOT / "app.py")
PAGE = site.page("search").file
EVE = "2024-10-10"  # the eve of Ashgabat: much of the data came later
#: the 2001 treaty's Art. 21 in Russian ("... будет автоматически продлеваться ...")
RUSSIAN_2001 = "продлеваться"


#: a result's passage: "**quote** (verbatim): ..." or "*summary*: ..."
SNIPPET = re.compile(r"^(\*\*quote\*\* \(verbatim\)|\*[^*]+\*): ")


def open_search(**params) -> AppTest:
    """Open /search as a link with these query parameters (lists = repeated keys)."""
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def data():
    return load_dataset(DATA)


def headers(at: AppTest) -> list[str]:
    return [h.value for h in at.main.header]


def results(at: AppTest) -> list:
    """The result links in the page (the menu's links are in the sidebar)."""
    return [link for link in at.main.get("page_link")]


def link_query(link) -> dict[str, list[str]]:
    return parse_qs(link.proto.query_string)


def shown(at: AppTest) -> str:
    """What the reader reads: Markdown, captions and notices, backslash escapes removed."""
    parts = [m.value for m in at.main.markdown] + [c.value for c in at.main.caption]
    parts += [i.value for i in at.main.info] + [link.proto.label for link in results(at)]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def notices(at: AppTest) -> list[str]:
    return [re.sub(r"\\(.)", r"\1", i.value) for i in at.main.info]


# ----------------------------------------------------------- the issue's queries
@pytest.mark.parametrize(
    ("query", "groups", "found"),
    [
        ("S400", {"Military systems", "Claims", "Exchange items"}, "S-400"),
        ("Shahed 136", {"Events", "Claims", "Military systems"}, "Shahed-136"),
        ("sanction*", {"Treaty provisions", "Events", "Exchange items"}, "sanctions"),
        (RUSSIAN_2001, {"Treaty provisions"}, "Russia–Iran 2001, Art. 21"),
    ],
    ids=["S400", "Shahed 136", "sanction*", "Russian 2001"],
)
def test_the_issues_queries_find_their_rows_grouped_by_kind(data, query, groups, found):
    at = open_search(q=query)
    expected = search.search(data, query)
    assert headers(at) == [f"{g.label} ({g.count})" for g in expected.groups]
    assert groups <= {g.label for g in expected.groups}
    assert found in shown(at)
    assert at.text_input(key="q").value == query
    # one link per result shown, each to a registered page
    assert len(results(at)) == sum(len(g.results) for g in expected.groups)
    paths = {page.path for page in site.PAGES}
    assert {link.proto.page for link in results(at)} <= paths
    # matched words are bold in every snippet, and nothing else of the data is markup
    snippets = [m.value for m in at.main.markdown if SNIPPET.match(m.value)]
    assert snippets and any("**" in s.split(":", 1)[1] for s in snippets)
    assert not notices(at)  # nothing to say about a plain query


def test_the_russian_word_opens_the_2001_treatys_article_on_its_theme():
    at = open_search(q=RUSSIAN_2001)
    (link,) = results(at)
    assert link.proto.page == "treaties"
    assert link_query(link) == {"treaty": ["Russia–Iran 2001"], "theme": ["duration"]}
    quote = next(m.value for m in at.main.markdown if m.value.startswith("**quote**"))
    assert "(verbatim)" in quote and f"**{RUSSIAN_2001}**" in quote


def test_s400_written_any_way_finds_the_same_rows():
    shown_for = {q: headers(open_search(q=q)) for q in ("S400", "S-400", "s 400")}
    assert len(set(map(tuple, shown_for.values()))) == 1, shown_for


def test_the_system_result_opens_the_capabilities_page_on_that_system():
    at = open_search(q="S400")
    targets = [(link.proto.page, link_query(link)) for link in results(at)]
    assert ("capabilities", {"system": ["s-400"]}) in targets
    titles = [m.value for m in at.main.markdown if not SNIPPET.match(m.value)]
    assert "**:orange-background[S\\-400]**" in titles  # the matched words stand out
    assert [link.proto.label for link in results(at)][0] == "Open in Military capabilities"


def test_a_kind_filter_is_in_the_link(data):
    at = open_search(q="S400", kind=["Military systems", "Claims"])
    assert [h.split(" (")[0] for h in headers(at)] == [
        g.label for g in search.search(data, "S400", kinds=["systems", "claims"]).groups
    ]
    assert set(at.pills(key="kind").value) == {"Military systems", "Claims"}


def test_an_unknown_kind_in_the_link_is_reported_and_all_kinds_searched():
    at = open_search(q="S400", kind="weapons")
    assert any("not understood" in n and "kind=weapons" in n for n in notices(at))
    assert "Military systems (1)" in headers(at)


def test_when_no_row_has_every_word_the_page_says_so():
    at = open_search(q="S400 Kupiansk")
    assert any("showing rows with any of them" in n for n in notices(at))
    assert headers(at)


def test_nothing_found_is_said_plainly():
    at = open_search(q="zebracorn")
    assert any(n.startswith("Nothing found for zebracorn") for n in notices(at))
    assert not headers(at) and not results(at)


# ------------------------------------------------------------------ the as-of date
def test_result_links_carry_the_as_of_date_and_later_rows_are_marked():
    at = open_search(q="S400", as_of=EVE)
    links = results(at)
    assert links and all(link_query(link).get("as_of") == [EVE] for link in links)
    text = shown(at)
    assert "after the as-of date (10 October 2024)" in text
    assert "as of 10 October 2024" in text


def test_at_the_latest_date_links_carry_no_date():
    at = open_search(q="S400")
    assert all("as_of" not in link_query(link) for link in results(at))
    assert "after the as-of date" not in shown(at)


# ------------------------------------------------------------------- hostile input
HOSTILE = {
    "fts syntax": "title:S400 AND (sanction* OR ^Shahed) NOT {x}",
    "unbalanced quote": '"mutual defence',
    "near": "NEAR(S400 Shahed, 3)",
    "5,000 characters": "Shahed " * 714 + "Z",
    "html and script": '<script>alert(1)</script><img src=x onerror="alert(2)">',
    "markdown": "[click](javascript:alert(1)) **bold** $x$ :red[red]",
    "only syntax": '()*^:"',
    "control and bidi": "S400\u202e\x07\x00 sanction*",
}


@pytest.mark.parametrize("query", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_queries_never_raise_and_say_what_was_ignored(query):
    at = open_search(q=query)
    assert not at.exception
    assert notices(at), "a notice says what was ignored, cut or not found"
    for markdown in [m.value for m in at.main.markdown] + [i.value for i in at.main.info]:
        assert "<script" not in markdown and "<img" not in markdown
        assert "](javascript" not in markdown


def test_a_long_query_is_cut_with_a_notice():
    at = open_search(q="Shahed " * 714 + "Z")
    assert any("cut to its first" in n for n in notices(at))


# ------------------------------------------------------------- empty query, examples
def test_the_empty_page_explains_and_each_example_finds_something(data):
    at = open_search()
    text = shown(at)
    assert "treaty provisions" in text and "key judgements" in text and "sources" in text
    assert not headers(at) and not notices(at)
    labels = [b.label for b in at.main.button]
    for query, _what in EXAMPLES:
        assert any(query in re.sub(r"\\(.)", r"\1", label) for label in labels), query
        assert search.search(data, query).found, query
    queries = [q for q, _ in EXAMPLES]
    assert {"S400", "Shahed 136", "sanction*", RUSSIAN_2001} <= set(queries)


def test_an_example_sets_the_query_and_the_address():
    at = open_search(as_of=EVE)
    number = [q for q, _ in EXAMPLES].index("sanction*")
    at.button(key=f"example-{number}").click().run()
    assert not at.exception
    assert at.query_params["q"] == ["sanction*"] or at.query_params["q"] == "sanction*"
    assert at.text_input(key="q").value == "sanction*"
    assert "Treaty provisions (1)" in headers(at)
    assert all(link_query(link).get("as_of") == [EVE] for link in results(at))


# ----------------------------------------------------------- the frame's search box
def _query_param(at: AppTest, key: str) -> str | None:
    value = at.query_params.get(key)
    return value[-1] if isinstance(value, list) else value


@pytest.mark.parametrize("page", [p for p in site.PAGES if p.key != "search"], ids=lambda p: p.key)
def test_the_search_box_on_any_page_leads_to_search_with_q(page):
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    if not page.home:
        at.switch_page(page.file)
        at.run()
    at.sidebar.text_input(key=BOX_KEY).input("Shahed 136")
    at.sidebar.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Search the briefing"
    assert _query_param(at, "q") == "Shahed 136"
    assert at.text_input(key="q").value == "Shahed 136"
    assert "Events (1)" in headers(at) and results(at)


def test_the_search_box_keeps_an_earlier_as_of_date():
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["as_of"] = EVE
    at.run()
    at.switch_page("pages/treaties.py")
    at.run()
    at.sidebar.text_input(key=BOX_KEY).input("S400")
    at.sidebar.button[0].click().run()
    assert not at.exception
    assert at.date_input(key="as_of").value == date.fromisoformat(EVE)
    assert all(link_query(link).get("as_of") == [EVE] for link in results(at))


def test_the_search_box_on_the_search_page_sets_the_same_query():
    at = open_search(q="S400")
    at.sidebar.text_input(key=BOX_KEY).input(RUSSIAN_2001)
    at.sidebar.button[0].click().run()
    assert not at.exception
    assert at.text_input(key="q").value == RUSSIAN_2001
    assert _query_param(at, "q") == RUSSIAN_2001
    assert headers(at) == ["Treaty provisions (1)"]


# --------------------------------------------------------------------- the index
def test_the_index_is_built_once_per_dataset(monkeypatch):
    import ui.search

    built = []
    real = ui.search.build_index

    def counting(dataset):
        built.append(dataset)
        return real(dataset)

    monkeypatch.setattr(ui.search, "build_index", counting)
    at = open_search(q="S400")
    at.text_input(key="q").input("sanction*").run()
    at.text_input(key="q").input(RUSSIAN_2001).run()
    assert not at.exception
    assert headers(at) == ["Treaty provisions (1)"]
    assert len(built) == 1
