"""Military capabilities: what Iran fields, what it wants from Russia, what it sent Russia."""

from functools import partial

import pandas as pd
import streamlit as st

import ui
from briefing import capabilities as cap
from briefing.charts import to_png, to_svg
from briefing.text import escape_markdown


def claim_sides(data, shown_claim) -> None:
    """A claim beside what other reporting says of it, each side with its sources."""
    d = shown_claim.dispute
    claimed, other = st.columns(2)
    said = [f"**{escape_markdown(shown_claim.heading)}**"]
    said.append(escape_markdown(f"Summary: {d.claim}"))
    if d.quote:
        said.append(escape_markdown(f"Quote: “{d.quote}”"))
    said.append(ui.small(ui.sources_line(data, [d.claimed_by], "Claimed by")
                         + " · " + escape_markdown(d.locator)))  # fmt: skip
    claimed.markdown("\n\n".join(said))  # each side one element (bench/)
    verdict = escape_markdown(d.assessment)
    other.markdown(
        f"**Other reporting**: assessment *{verdict}* · {ui.badge(d.confidence)}\n\n"
        + escape_markdown(d.evidence) + "\n\n"
        + ui.small(ui.sources_line(data, d.evidence_source_ids, "Evidence"))
    )  # fmt: skip


@st.fragment
def view_body(data, day) -> None:
    """The view under its title: filters, ledger, table, charts, disputes, detail and
    downloads. Every filter here changes most of it, so it is one fragment: a filter
    change reruns this alone, not the frame (menu, as-of date, search; bench/)."""
    system_ids = [s.id for s in data.systems]
    ui.url_notice(
        {"category": cap.CATEGORIES.__contains__, "status": cap.STATUSES.__contains__,
         "direction": cap.DIRECTIONS.__contains__, "system": system_ids.__contains__}
    )  # fmt: skip
    left, middle, right = st.columns([3, 4, 2])
    categories = left.pills(
        "Category", cap.CATEGORIES, selection_mode="multi", key="category", bind="query-params"
    )
    statuses = middle.pills(
        f"Status on {day.isoformat()}", cap.STATUSES, selection_mode="multi", key="status",
        bind="query-params",
    )  # fmt: skip
    direction = right.segmented_control(
        "Direction", cap.DIRECTIONS, key="direction", bind="query-params"
    )
    filters = cap.Filters(
        tuple(categories or ()), tuple(statuses or ()), (direction,) * bool(direction)
    )
    view = ui.computed(cap.system_rows, data, day, filters)
    later = (
        f" {len(view.later)} more enter the record after {day.isoformat()}." if view.later else ""
    )
    st.caption(escape_markdown(
        f"Showing {len(view.rows)} of {view.total} systems ({filters.describe()}).{later}"
    ))  # fmt: skip

    columns = cap.ledger_columns(cap.ledger(view.rows))
    for column, (title, entries) in zip(st.columns(len(columns)), columns, strict=True):
        with column.container(border=True):
            lines = [f"{escape_markdown(e.name)}: {escape_markdown(e.status)} · "
                     f"{ui.badge(e.confidence)}" for e in entries]  # fmt: skip
            st.markdown(f"**{title}** ({len(entries)})  \n" + ("  \n".join(lines) or "none"))
            with st.expander("Sources"):
                ids = list(dict.fromkeys(s for e in entries for s in e.source_ids))
                st.caption(ui.sources_line(data, ids))

    table = pd.DataFrame([r.cells() for r in view.rows], columns=list(cap.TABLE_COLUMNS))
    table["confidence"] = table["confidence"].map(ui.badge)
    st.dataframe(
        table, hide_index=True, width="stretch", key="systems-table",
        column_config={"first_delivery": "first delivery", "status_since": "status since",
                       "status": f"status on {day.isoformat()}"},
    )  # fmt: skip

    st.header("Charts")
    for shown in ui.chart_spec(cap.chart_views, view.rows, key=(data, day, filters)):
        spec = shown.chart  # the Vega-Lite spec, built once for this state
        chart_column, beside = st.columns([4, 1])
        chart_column.vega_lite_chart(spec, width="stretch", key=f"chart-{shown.name}")
        chart_column.caption(escape_markdown(shown.alt))
        beside.markdown(f"**Takeaway.** {escape_markdown(shown.takeaway)}")
        for label, render, mime in (("SVG", to_svg, "image/svg+xml"), ("PNG", to_png, "image/png")):
            beside.download_button(
                label, partial(render, spec),
                file_name=f"capabilities-{shown.name}.{label.lower()}",
                mime=mime, on_click="ignore", key=f"dl-{shown.name}-{label}",
            )  # fmt: skip

    claims = view.claims()
    if view.disputed or claims:
        st.header("Where sources disagree")
        st.caption(
            "Both sides, each with its sources; we do not pick one where the sources do not."
        )
    for row in view.disputed:
        with st.container(border=True):  # one element per card (bench/)
            st.markdown(
                f"**{escape_markdown(row.name, 200)}** · {ui.badge(row.confidence)}\n\n"
                + escape_markdown(f"Summary (our note): {row.note}") + "\n\n"
                + ui.small(ui.sources_line(data, row.source_ids))
            )  # fmt: skip
    checked = [c for c in claims if not c.dispute.disagreeing]
    for shown_claim in claims:
        d = shown_claim.dispute
        if checked and shown_claim is checked[0]:
            st.markdown(f"**Other claims about these systems, checked against other reporting** "
                        f"({len(checked)})")  # fmt: skip
        if d.disagreeing:
            with st.container(border=True):
                claim_sides(data, shown_claim)
        else:  # a checked claim: its two sides built when the reader opens it (bench/)
            label = f"{d.assessment}: {escape_markdown(d.claim, 90)}"
            ui.on_open(label, f"claim-{d.claim_id}", claim_sides, data, shown_claim)

    st.header("Detail")
    chosen = st.selectbox(
        "System (id, as in the table)", system_ids, index=None, key="system",
        placeholder="Choose a system", bind="query-params",
    )  # fmt: skip
    found = cap.detail(data, chosen, day) if chosen else None
    if found is None:
        st.info("Choose a system to see its full record, sources, events and exchange items.")
    else:
        st.subheader(escape_markdown(found.row.name, 200), anchor=False)
        st.markdown(f"{ui.badge(found.row.confidence)} · status on {day.isoformat()}: "
                    f"{escape_markdown(found.row.status_label)}")  # fmt: skip
        tables = cap.detail_tables(found)
        for key, title in cap.DETAIL_TITLES:
            st.markdown(f"**{title}** ({len(tables[key])})")
            if not tables[key]:
                st.caption("None recorded.")
                continue
            links = {"link": st.column_config.LinkColumn("link")} if key == "sources" else None
            st.dataframe(pd.DataFrame(tables[key]), hide_index=True, width="stretch",
                         key=f"detail-{key}", column_config=links)  # fmt: skip

    st.header("Downloads and link")
    state = cap.state_of(filters, day, chosen)
    csv_column, pdf_column = st.columns(2)
    csv_column.download_button(
        "Table as shown (CSV)", cap.table_csv(view.rows), file_name=f"capabilities-{day}.csv",
        mime="text/csv", on_click="ignore", key="dl-csv",
    )  # fmt: skip
    with pdf_column:
        ui.pdf_button(data, "capabilities", state)
    st.caption("Link to this exact view: " + escape_markdown(ui.view_link(cap.URL_PATH)))


with ui.frame("capabilities") as (data, day):
    st.title("Military capabilities")
    ui.as_of_banner(data, day)
    st.markdown(
        "What Iran fields, what it wants from Russia, and what it has sent Russia, as it stood "
        f"on **{day.isoformat()}** (change the date in the sidebar). Quantities are ranges or "
        "*unknown* as the sources give them; where sources disagree, both sides are shown."
    )
    view_body(data, day)
