"""Search: any word across the briefing's rows, grouped by kind, each one click from its view."""

import streamlit as st

import ui
from briefing import asof, search, site
from briefing.text import escape_markdown as esc
from ui.search import EXAMPLES, QUERY_KEY, search_index, set_query

#: a result's view (its URL path) -> the page file st.page_link opens
PAGE_FILES = {page.path: page.file for page in site.PAGES}


def show(result: search.Result, when: str) -> None:
    """One result: its title as a link to its row, what it is, and the matched passage."""
    with st.container(border=True):
        st.page_link(
            PAGE_FILES.get(result.link.path, "app.py"),
            label=search.to_markdown(result.title_pieces) or esc(result.title),
            query_params=result.link.query(),
            icon=":material/arrow_forward:",
        )
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


with ui.frame("search") as (data, day):
    when = asof.as_of_text(day)
    st.title("Search the briefing")
    ui.as_of_banner(data, day)
    ui.url_notice({"kind": search.KIND_LABELS.__contains__})
    query = st.text_input(
        "Search for", key=QUERY_KEY, bind="query-params", type="search",
        placeholder="A word, a name, \"a phrase\" or the start of a word*",
        help="Every word must match (rows with any of them are shown when none has all). "
        "Case, accents and hyphens do not matter: S-400, S400 and s 400 are the same.",
    )  # fmt: skip
    kinds = st.pills(
        "Only these kinds of row", search.KINDS, format_func=search.KIND_LABELS.__getitem__,
        selection_mode="multi", key="kind", bind="query-params",
    )  # fmt: skip
    results = search.search(search_index(), query or "", kinds=kinds or None, as_of=day)

    for notice in results.notices if (query or "").strip() else ():
        st.info(esc(notice), icon="ℹ️")
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
            icon="🔎",
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
