"""Search: any word across the briefing's rows, grouped by kind, each one click from its view."""

import streamlit as st

import ui
from briefing import asof, search, site
from briefing.text import escape_markdown as esc
from ui.search import EXAMPLES, QUERY_KEY, search_index, set_query

#: a result's view (its URL path) -> its page in the registry (what st.page_link opens)
PAGES = {page.path: page for page in site.PAGES}
MARK = (":orange-background[", "]")  # matched words in a title (the title is bold already)


def show(result: search.Result, when: str) -> None:
    """One result: its title, what it is, the matched passage, and a link to its row."""
    with st.container(border=True):
        st.markdown(f"**{search.to_markdown(result.title_pieces, *MARK) or esc(result.title)}**")
        facts = [esc(result.date)] if result.date else []
        if result.confidence:
            facts.append(ui.badge(result.confidence))
        if result.later:
            facts.append(f":material/update: after the as-of date ({when})")
        if facts:
            st.caption(" · ".join(facts))
        if result.snippet:
            verbatim = result.field == "quote"
            label = "**quote** (verbatim)" if verbatim else f"*{esc(result.field_label)}*"
            st.markdown(f"{label}: {search.to_markdown(result.snippet)}")
        view = PAGES.get(result.link.path, site.PAGES[0])
        st.page_link(view.file, label=f"Open in {view.title}", icon=":material/arrow_forward:",
                     query_params=result.link.query())  # fmt: skip


with ui.frame("search") as (data, day):
    when = asof.as_of_text(day)
    st.title("Search the briefing")
    ui.as_of_banner(data, day)
    kind_of = {label: kind for kind, label in search.KIND_LABELS.items()}  # in the URL: labels
    ui.url_notice({"kind": kind_of.__contains__})
    query = st.text_input(
        "Search for", key=QUERY_KEY, bind="query-params", type="search",
        placeholder="A word, a name, \"a phrase\" or the start of a word*",
        help="Every word must match (rows with any of them are shown when none has all). "
        "Case, accents and hyphens do not matter: S-400, S400 and s 400 are the same.",
    )  # fmt: skip
    kinds = st.pills("Only these kinds of row", list(kind_of), selection_mode="multi",
                     key="kind", bind="query-params")  # fmt: skip
    kinds = [kind_of[label] for label in kinds or ()]
    results = search.search(search_index(), query or "", kinds=kinds or None, as_of=day)

    if results.notices and (query or "").strip():  # what was ignored, cut or widened
        st.info("  \n".join(esc(notice) for notice in results.notices), icon=":material/info:")
    if results.empty_query:
        st.markdown(
            "Search every row of the briefing: treaty provisions (their quoted text, summary "
            "and notes), treaties, military systems, exchange items, events, claims, key "
            "judgements and sources. Russian and Persian text is searched as written; case "
            "and accents are ignored. Each result opens its view on that row, as of "
            f"**{esc(when)}**. Try:"
        )
        for number, (text, what) in enumerate(EXAMPLES):
            st.button(
                f"**{esc(text)}** · {esc(what)}", key=f"example-{number}", type="tertiary",
                icon=":material/search:", on_click=set_query, args=(text,),
            )  # fmt: skip
    elif not results.found:
        st.info(
            f"Nothing found for {esc(', '.join(results.terms), 80)}. Try fewer words, the start "
            "of a word with * (sanction*), or another spelling.",
            icon=":material/search_off:",
        )
    else:
        counts = " · ".join(f"{group.label} {group.count}" for group in results.groups)
        st.caption(
            f"{results.total} result(s) for {esc(' '.join(results.terms), 80)}, as of {esc(when)}: "
            f"{esc(counts)}. Best matches first; **quote** marks words copied from a source."
        )
        for group in results.groups:
            st.header(f"{esc(group.label)} ({group.count})")
            for result in group.results:
                show(result, when)
            if group.count > len(group.results):
                st.caption(
                    f"The best {len(group.results)} of {group.count}: add a word, or pick "
                    "fewer kinds, to narrow the search."
                )
