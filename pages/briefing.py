"""Briefing PDF: pick sections, a title and an audience line, preview the outline, download."""

import functools
import shlex

import streamlit as st

import ui
from briefing.report import build, sections
from briefing.text import escape_markdown

MAX_TEXT = 120

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
    entries = build.outline(data, keys, day, title, audience)
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
        keys, day, title or "", audience or "", base=ui.public_url("").rstrip("/")
    )
    st.download_button(
        "Download briefing PDF",
        data=functools.partial(
            build.briefing_pdf, data, tuple(keys), day, title or "", audience or "", url
        ),
        file_name=f"russia-iran-briefing-{day.isoformat()}.pdf",
        mime="application/pdf",
        on_click="ignore",
        key="dl-briefing",
        type="primary",
        icon=":material/picture_as_pdf:",
    )
    command = f"python -m briefing pdf --out briefing.pdf --sections {','.join(keys)} --as-of {day}"
    for flag, value in (("--title", title), ("--audience", audience)):
        command += f" {flag} {shlex.quote(value)}" if value else ""
    st.caption("Built when you click. The same document from the command line:")
    st.code(command, language="bash", wrap_lines=True)
