"""Briefing PDF: pick sections, a title and an audience line, preview the outline, download."""

import contextlib
import functools
import shlex

import streamlit as st
from streamlit.errors import StreamlitAPIException

import ui
from briefing import asof, changes
from briefing.report import build, sections
from briefing.text import escape_markdown

MAX_TEXT = 120
SINCE_INPUT = "briefing_since"  # the since date input's key; the URL parameter is ?since=
COMMAND_KEY = "command_open"  # the command-line expander: open or closed


def command_block(command: str) -> None:
    """The command line that builds the same PDF, with a copy button. Built when opened: the
    code element's highlighter costs a page load ~0.15 s however short the code (bench/).
    Plain: the shell highlighter's parameter colour fails WCAG contrast, and axe-core caught
    it in one full run of the suite (tests/browser/test_browser_a11y.py)."""
    st.code(command, language=None, wrap_lines=True)


def readable_since(value: str, latest) -> bool:
    """?since=: a preset's name (signing, in-force, last-90-days) or a day the date input
    can hold; the What-changed library reads either and says how (`parse_state`)."""
    day = asof.parse_url_day(value)
    return changes.accepts_since(value) and (day is None or asof.EARLIEST <= day <= latest)


with ui.frame("briefing") as (data, day):
    ready = sections.available()
    titles = {spec.key: spec.title for spec in sections.SECTIONS}

    st.title("Briefing PDF")
    st.markdown(
        "One document to take into a meeting: a title block, the key judgements, the views "
        "you choose (as they stood on the as-of date), a numbered source list that every "
        "bracketed citation points to, and a note on method. Every page carries the data "
        "version, the as-of date, when it was generated, and a link back to this view."
    )
    ui.url_notice(
        {
            "sections": lambda value: value in ready,
            "title": lambda value: len(value) <= MAX_TEXT,
            "audience": lambda value: len(value) <= MAX_TEXT,
            "since": lambda value: readable_since(value, asof.latest(data)),
        }
    )

    chosen = st.multiselect(
        "Sections",
        list(ready),  # the keys themselves, so the link reads ?sections=treaties like the CLI
        default=list(ready),
        key="sections",
        bind="query-params",
        help="Printed in briefing order whatever order you pick them in: "
        + "; ".join(f"{key}: {titles[key]}" for key in ready),
    )
    for key, problem in sections.unavailable().items():
        st.warning(
            f"The {titles[key]} section cannot be printed right now: {escape_markdown(problem)}"
        )
    left, right = st.columns(2)
    title = left.text_input(
        "Title (optional)",
        key="title",
        bind="query-params",
        max_chars=MAX_TEXT,
        placeholder=build.DEFAULT_TITLE,
    )
    audience = right.text_input(
        "Prepared for (optional)",
        key="audience",
        bind="query-params",
        max_chars=MAX_TEXT,
        placeholder="e.g. Middle East desk, 12 March meeting",
    )
    title, audience = (title or "").strip(), (audience or "").strip()
    # "What changed since <date>" (optional, after the overview), kept in ?since= by hand: a
    # date input bound to "since" would share its value with What changed's (Streamlit keeps
    # a bound widget's value by its key across pages), adding a section nobody asked for here
    presets = {p.key: p for p in changes.presets(data, day)}
    if SINCE_INPUT not in st.session_state:  # the page's first run: the link decides
        asked = st.query_params.get("since", "")
        named = presets.get(asked.strip().lower())
        if named and not named.available:
            st.info(escape_markdown(f"“What changed {named.label}” is not added: {named.reason}."))
        linked = (named.day if named.available else None) if named else asof.parse_url_day(asked)
        ok = linked is not None and readable_since(linked.isoformat(), asof.latest(data))
        st.session_state[SINCE_INPUT] = linked if ok else None
    since = st.date_input(
        "Also print “What changed since” this day (optional)",
        min_value=asof.EARLIEST,
        max_value=asof.latest(data),
        key=SINCE_INPUT,
        format="YYYY-MM-DD",
        help="Adds the What-changed section (a sourced digest and the lists) after the overview, "
        "from the day after this one to the as-of date. Ready-made: "
        + "; ".join(f"{p.label}: {p.day}" for p in presets.values() if p.available),
    )
    with contextlib.suppress(StreamlitAPIException):  # bound by What changed a moment ago
        if since is not None and st.query_params.get("since") != since.isoformat():
            st.query_params["since"] = since.isoformat()
        elif since is None and "since" in st.query_params:
            del st.query_params["since"]
    if since is not None:
        for notice in changes.parse_state(data, {"since": since, "as_of": day}).notices:
            st.info(escape_markdown(notice), icon="ℹ️")
    ui.md(f"As of {day.isoformat()}: change the date under “As of” in the sidebar.")
    if not data.ok:
        st.warning(
            f"The data has {len(data.errors)} problem(s); the PDF leaves out the rows with "
            "problems and says so on its first page."
        )

    keys = [key for key in ready if key in chosen]
    if not keys:
        st.info("Pick at least one section to build a briefing.")
        st.stop()

    st.header("Outline")
    entries = build.outline(data, keys, day, title, audience, since=since)
    lines = []
    for entry in entries:
        text = escape_markdown(entry.text)
        note = f" · {escape_markdown(entry.note)}" if entry.note else ""
        if entry.level == 1:
            lines.append(f"- **{text}**{note}")
        else:
            lines.append(f"    - {text}{note}")
    with st.container(border=True):
        st.markdown("\n".join(lines))

    url = build.briefing_url(
        keys, day, title or "", audience or "", base=ui.public_url("").rstrip("/"), since=since
    )
    st.download_button(
        "Download briefing PDF",
        data=functools.partial(
            build.briefing_pdf,
            data,
            tuple(keys),
            day,
            title or "",
            audience or "",
            url,
            since=since,
        ),
        file_name=f"russia-iran-briefing-{day.isoformat()}.pdf",
        mime="application/pdf",
        on_click="ignore",
        key="dl-briefing",
        type="primary",
        icon=":material/picture_as_pdf:",
    )
    command = f"python -m briefing pdf --out briefing.pdf --sections {','.join(keys)} --as-of {day}"
    command += f" --since {since}" if since else ""
    for flag, value in (("--title", title), ("--audience", audience)):
        command += f" {flag} {shlex.quote(value)}" if value else ""
    st.caption("Built when you click.")
    ui.on_open("The same document from the command line", COMMAND_KEY, command_block, command)
