"""The exchange: what Iran offers, what it wants, and what each side can afford to give."""

from functools import partial

import pandas as pd
import streamlit as st

import ui
from briefing import exchange as ex
from briefing.charts import to_png, to_svg
from briefing.text import escape_markdown


def said_text(claim, quote) -> str:
    """A claim (our summary) and its verbatim quote if any, as one Markdown block."""
    text = escape_markdown(claim)
    if quote:
        text += "\n\n*Quote (verbatim):*\n\n> " + escape_markdown(quote)
    return text


def said_block(claim, quote, by, where, head: str = "") -> str:
    """A claim, its quote, who made it and where, as Markdown: one element with the rest of
    its card (a page of small elements costs the browser about 0.6 ms each, bench/)."""
    by_line = ui.sources_line(data, [by], "Claimed by") + " · " + escape_markdown(where)
    return head + said_text(claim, quote) + "\n\n" + ui.small(by_line)


def evidence_block(evidence, source_ids, extra=(), head: str = "") -> str:
    """What other reporting shows (our summary), with its sources, as Markdown."""
    lines = [f"*Evidence (summary):* {escape_markdown(evidence)}"]
    lines += [escape_markdown(line) for line in extra]
    lines.append(ui.small(ui.sources_line(data, source_ids, "Evidence")))
    return head + "\n\n".join(lines)


@st.fragment
def ledger_section(data, day, all_rows) -> None:
    """The ledger and its direction filter: changing the filter reruns this section alone
    (the deal builder, its chart and the rest of the page stay as they are; bench/)."""
    st.header("Ledger of exchange items")
    directions = st.pills(
        "Direction", ex.DIRECTIONS, selection_mode="multi", key="direction", bind="query-params"
    )
    shown = ex.filter_rows(all_rows, directions or ())
    table = [{**r.cells(data), "confidence": ui.badge(r.confidence)} for r in shown]
    st.dataframe(
        pd.DataFrame(table, columns=ex.LEDGER_DISPLAY),
        hide_index=True,
        width="stretch",
        column_config={
            "status_on_date": f"status on {day.isoformat()}",
            "status_detail": "since / first on record",
        },
    )
    st.caption(
        f"{len(shown)} of {len(all_rows)} items. Scores 0–5 are analytic judgements; "
        "'value to receiver', 'cost or risk to giver' and 'rationale' are our summaries, with "
        "quoted words in quotation marks."
    )
    st.download_button(
        "Ledger as shown (CSV)", ex.ledger_csv(data, shown, day), file_name="exchange-ledger.csv",
        mime="text/csv", on_click="ignore", key="dl-ledger",
    )  # fmt: skip
    for row in (r for r in shown if r.contested and r.disputes):
        with st.expander(f"⚠ Disputed: {escape_markdown(row.name)}, both sides"):
            for d in row.disputes:
                head = (
                    f"**Claim (summary)** · {ui.badge(d.confidence)} · "
                    f"assessment: *{escape_markdown(d.assessment)}*\n\n"
                )
                said = said_block(d.claim, d.quote, d.claimed_by, d.claim_date, head)
                st.markdown(said + "\n\n" + evidence_block(d.evidence, d.evidence_source_ids))


with ui.frame("exchange") as (data, day):
    st.title("The exchange: drones and missiles for protection?")
    ui.as_of_banner(data, day)
    st.markdown(ex.INTRO)
    ui.url_notice(ex.url_checks(data, list(st.query_params.keys())))

    st.header("Deal builder")
    rows = ui.computed(ex.ledger, data, day)
    chosen = []
    for column, party in zip(st.columns(2), ex.PARTIES, strict=True):
        column.markdown(f"**{party} gives**")
        for row in (r for r in rows if r.giver == party):
            label = escape_markdown(row.name)
            tip = escape_markdown(ex.item_help(row))
            default = row.id in ex.DEFAULT_PACKAGE
            on = column.checkbox(label, default, key=row.id, bind="query-params", help=tip)
            chosen += [row.id] if on else []
    weights = {}
    for column, scale in zip(st.columns(4), ex.SCALES, strict=True):
        name = scale["criterion"]
        weights[name] = column.slider(
            f"Weight of {name}", ex.WEIGHT_MIN, ex.WEIGHT_MAX, ex.WEIGHT_DEFAULT, step=1,
            key=ex.WEIGHT_KEYS[name], bind="query-params", help=scale["score (0-5)"],
        )  # fmt: skip
    view = ui.computed(ex.build_view, data, day, chosen, ex.Weights(**weights))
    package = view.package

    st.subheader(escape_markdown(ex.headline(package)))
    for column, metric in zip(st.columns(4), ex.metrics(package), strict=False):
        column.metric(metric.label, metric.value, help=metric.help)
    spec = ui.chart_spec(  # drawn on screen and offered as SVG/PNG from the same spec
        ex.package_chart, view.all_rows, view.chosen, package.weights, ex.chart_source(data),
        440, key=(data, day, chosen, weights),
    )  # fmt: skip
    records = ex.chart_records(view.all_rows, view.chosen, package.weights)
    left, right = st.columns([3, 2])
    with left:
        st.vega_lite_chart(spec, width="stretch")
        st.caption(ex.CHART_ALT)
        st.dataframe(pd.DataFrame(ex.package_rows(view), columns=ex.PACKAGE_COLUMNS),
                     hide_index=True, width="stretch")  # fmt: skip
    with right:
        st.markdown(f"**Takeaway.** {escape_markdown(ex.chart_takeaway(records))}")
        reading = ["**Reading of the package**"]  # one element: each sentence, its sources
        for sentence in view.reading:
            bold = "**" if sentence.kind == "verdict" else ""
            reading.append(bold + escape_markdown(sentence.text) + bold)
            if sentence.source_ids:
                reading.append(ui.small(ui.sources_line(data, sentence.source_ids)))
        st.markdown("\n\n".join(reading))
    link = ui.public_url(ex.URL_PATH, ex.query_of(data, view))
    downloads = (
        ("Chart (SVG)", partial(to_svg, spec), "exchange-package.svg", "image/svg+xml"),
        ("Chart (PNG)", partial(to_png, spec), "exchange-package.png", "image/png"),
        ("Package (CSV)", ex.package_csv(view), "exchange-package.csv", "text/csv"),
    )
    columns = st.columns(4)
    for column, (label, payload, filename, mime) in zip(columns, downloads, strict=False):
        column.download_button(
            label, payload, file_name=filename, mime=mime, on_click="ignore", key=f"dl-{filename}"
        )
    with columns[3]:
        ui.pdf_button(data, "exchange", ex.state_of(data, view))
    st.caption("Link to this exact view: " + escape_markdown(link))

    with st.expander("How the scores and weights work (analytic judgements you can disagree with)"):
        st.markdown(ex.METHOD)
        ui.table(ex.SCALES)
        st.caption(ex.CHART_METHOD)

    ledger_section(data, day, view.all_rows)

    st.header("Speculation against outcome")
    st.markdown(ex.SPECULATION_INTRO)
    if data.as_of and day < data.as_of:
        st.caption(
            f"Assessments and evidence use everything known by {data.as_of.isoformat()} (the "
            "claims table does not date its evidence); the item statuses stand as of "
            f"{day.isoformat()}."
        )
    if view.later_claims:
        st.caption(f"{view.later_claims} claim(s) made after {day.isoformat()} are not shown.")
    for o in view.outcomes:
        with st.container(border=True):
            said, happened = st.columns(2)
            kind = f"**Speculated** ({escape_markdown(o.kind)})\n\n"
            where = f"{o.claim_date}, {o.locator}"
            said.markdown(said_block(o.claim, o.quote, o.claimed_by, where, kind))
            with happened:
                statuses = [
                    f"{name}, status on {day.isoformat()}: {status}" for _, name, status in o.items
                ]
                head = f"**Outcome: {escape_markdown(o.assessment)}** · {ui.badge(o.confidence)}"
                st.markdown(
                    evidence_block(o.evidence, o.evidence_source_ids, statuses, head + "\n\n")
                )
    if not view.outcomes:
        st.info("No claims from the October 2024 article are in this data for this date.")
    st.download_button(
        "Speculation against outcome (CSV)", ex.speculation_csv(view.outcomes, day),
        file_name="exchange-speculation.csv", mime="text/csv", on_click="ignore",
        key="dl-speculation",
    )  # fmt: skip
