"""What changed: since a chosen day, up to the as-of date: a sourced digest, then the lists."""

import json

import streamlit as st
from streamlit.errors import StreamlitAPIException

import ui
from briefing import asof, changes
from briefing.changes.report import CONVENTIONS, claims_gap_text
from briefing.text import escape_markdown as esc
from briefing.text import to_csv

SINCE = changes.SINCE_KEY  # the date input's key, and the URL parameter it is bound to
#: the date input's range: wide, so that a link's odd day reaches the library, which says
#: how it reads it (before the data, after the as-of date) instead of the widget dropping it
FIRST, LAST = "1900-01-01", "2100-12-31"  # ISO days (the date input takes them as they are)


def readable(value: str) -> bool:
    """What ?since= may hold: a preset's name, or a day the date input can show."""
    day = asof.parse_url_day(value)
    return changes.accepts_since(value) and (day is None or FIRST <= day.isoformat() <= LAST)


def choose(day) -> None:
    """A preset button: set the date input (and so the address) to the preset's day."""
    st.session_state[SINCE] = day


def item(when: str, text: str, confidence: str, ids, note: str = "", prefix="Sources") -> str:
    """One row of a list, a Markdown bullet: date · what · its confidence label; then its
    note and its sources, one click away. (A list is one element: hundreds are slow.)"""
    head = " · ".join([f"**{esc(when)}**", text] + [ui.badge(confidence)] * bool(confidence))
    tail = f"*{esc(note)}* · " * bool(note) + ui.sources_line(data, ids, prefix=prefix)
    return f"- {head}  \n  {tail}"


def bullets(items: list[str], empty: str) -> None:
    if items:
        st.markdown("\n".join(items))
    else:
        st.info(empty)


SOURCES_OPEN = "changes_sources_open"  # the sources list's expander: open or closed


def sources_list(sources) -> None:
    """The window's sources, oldest first (drawn when the reader opens the list: built up
    front, it was a third of the page's Markdown, bench/)."""
    bullets([item(s.date_text, f"{esc(s.title)} ({esc(s.publisher)}; {esc(s.kind)})", "",
                  s.source_ids, s.placement, "Open") for s in sources],
            "No source in the register is dated in the window.")  # fmt: skip


with ui.frame("changes") as (data, day):
    st.title("What changed")
    st.markdown(
        "Since your last briefing: everything the data dates after a day you choose, up to "
        f"and including the as-of date (**{asof.as_of_text(day)}**, set in the sidebar). "
        "Pick a ready-made start or any day; the address then reproduces this view."
    )
    raw = st.query_params.get(SINCE)  # what the link says, read before the widget takes it
    ui.url_notice({SINCE: readable})
    named = {p.key: p for p in changes.presets(data, day)}.get(str(raw).strip().lower())
    if named and named.available:  # a preset's name in the link: its day, in the link too
        try:
            st.query_params[SINCE] = named.day.isoformat()
        except StreamlitAPIException:  # the date input is bound already: set it instead
            st.session_state[SINCE] = named.day
        else:
            st.rerun()
    *buttons, picker = st.columns(4)
    chosen = picker.date_input(
        "Or since any day",
        value=changes.default_preset(data, day).day,
        min_value=FIRST,
        max_value=LAST,
        key=SINCE,
        bind="query-params",
        format="YYYY-MM-DD",
        help="The window starts the day after this one and ends on the as-of date.",
    )
    # an unusable preset named in the link goes to the library as it is, to say why
    asked = raw if named and not named.available else chosen
    view = changes.build_view(data, {SINCE: asked, "as_of": day})
    state, found = view.state, view.changes
    for column, preset in zip(buttons, view.presets, strict=True):
        column.button(
            preset.label[:1].upper() + preset.label[1:],
            key=f"preset-{preset.key}",
            disabled=not preset.available,
            on_click=choose,
            args=(preset.day,),
            type="primary" if preset.key == state.preset else "secondary",
            help=esc(preset.basis or preset.reason),
            width="stretch",
        )
        when = f"after {asof.as_of_text(preset.day)}" if preset.day else ""
        column.caption(esc(f"{when} · not available: {preset.reason}" if preset.reason else when))
    for notice in state.notices:
        st.info(esc(notice), icon="ℹ️")

    st.markdown(f"**Window:** {esc(state.window_text)}. {esc(found.counts_text())}.")
    st.caption(esc(CONVENTIONS))
    with st.container(horizontal=True):
        ui.pdf_button(data, "changes", {SINCE: state.since.isoformat(), "as_of": day})
        stem = f"changes-{state.since}-to-{state.until}"
        st.download_button("Lists (CSV)", to_csv(changes.csv_rows(view), changes.CSV_COLUMNS),
                           f"{stem}.csv", "text/csv", on_click="ignore", key="dl-changes-csv",
                           icon=":material/table:")  # fmt: skip
        st.download_button("Everything (JSON)", json.dumps(changes.as_dict(view), indent=1,
                           ensure_ascii=False), f"{stem}.json", "application/json",
                           on_click="ignore", key="dl-changes-json",
                           icon=":material/data_object:")  # fmt: skip

    st.header("In short")
    for sentence in view.digest:
        with st.container(border=True):
            ui.md(sentence.text)
            st.caption(ui.sources_line(data, sentence.source_ids))

    st.header(f"Status changes ({len(found.statuses)})")
    st.caption(
        "Treaties, systems and exchange items: the status in force the day before → the new one."
    )
    rows = []
    for s in found.statuses:
        kind = "" if s.subject_name.endswith(s.subject_kind) else f" ({s.subject_kind})"
        to = s.after_text
        note = "; ".join(filter(None, (s.placement, s.note)))
        what = f"{esc(s.subject_name + kind)}: {esc(s.before_text)} → **{esc(to)}**"
        rows.append(item(s.date_text, what, s.confidence, s.all_source_ids, note))
    bullets(rows, "No status change is dated in the window.")

    st.header(f"Events ({len(found.events)})")
    bullets([item(e.date_text, esc(e.title), e.confidence, e.source_ids, e.placement)
             for e in found.events], "No event is dated in the window.")  # fmt: skip

    st.header(f"Claims whose assessment changed ({len(found.claims)})")
    claims = [item(c.date_text, f"{esc(c.claim)}: {esc(c.before_text)} → **{esc(c.assessment)}**",
                   c.confidence, c.all_source_ids, c.placement) for c in found.claims]  # fmt: skip
    if claims:
        st.markdown("\n".join(claims))
    else:  # the library says why none is dated
        ui.md(claims_gap_text(data))

    st.header(f"Sources published in the window ({len(found.sources)})")
    ui.on_open(f"The {len(found.sources)} sources, oldest first", SOURCES_OPEN, sources_list,
               found.sources)  # fmt: skip
    if found.undated_sources:
        st.caption(f"{found.undated_sources} sources in the register have no known publication "
                   "date and cannot be placed in any window.")  # fmt: skip
