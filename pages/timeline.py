"""Timeline and claims tracker: what happened when, which claims held, as of any day."""

from functools import partial

import pandas as pd
import streamlit as st

import ui
from briefing import asof, changes, charts, site
from briefing import timeline as tl
from briefing.text import escape_markdown as esc
from briefing.text import to_csv


def in_range(text: str) -> bool:
    parsed = asof.parse_url_day(text)
    return parsed is not None and first <= parsed <= last


def table(rows: list[dict], columns: list[str], labels: dict) -> None:
    """A dataframe of rows; those after the as-of date in grey (and said so in words)."""
    frame = pd.DataFrame(rows)
    frame["confidence"] = frame["confidence"].map(ui.badge)
    styled = frame
    if frame["after"].any():  # a Styler costs half the page's script: only when it greys
        grey = f"color: {tl.AFTER_TEXT_GREY}"
        styled = frame.style.apply(lambda r: [grey if r["after"] else ""] * len(r), axis=1)
    st.dataframe(styled, hide_index=True, width="stretch", column_order=columns,
                 column_config={"as_of": f"on {when}", **labels})  # fmt: skip


@st.fragment
def events_section(data, day, only_known: bool, live: dict) -> None:
    """The events: their filters, figures, chart, table and details. A filter here reruns
    this section alone (bench/); the PDF button follows through `live`."""
    with st.container(border=True):
        a, b = st.columns([3, 5])
        chosen_actors = a.multiselect("Actors", actor_names, key="event_actor", bind="query-params")
        chosen_themes = b.pills("Themes", tl.THEMES, selection_mode="multi", key="event_theme",
                                bind="query-params")  # fmt: skip
        c, d, e = st.columns([2, 2, 3])
        start = c.date_input("From", first, first, last, key="events_from", bind="query-params")
        end = d.date_input("To", last, first, last, key="events_to", bind="query-params")
        lanes = e.radio("Lanes by", tl.LANES, horizontal=True, key="lanes", bind="query-params")
    state = {
        "as_of": day, "event_actor": chosen_actors, "event_theme": chosen_themes,
        "events_from": start if start != first else None, "events_to": end if end != last else None,
        "lanes": lanes or "theme", "only_known": only_known,
    }  # fmt: skip
    ui.follow(live, "timeline", **state)
    view = ui.computed(tl.build_view, data, state)
    events, lanes = view.events, view.filters.lanes
    for problem in view.filters.ignored:
        st.info(esc(problem), icon="ℹ️")
    m1, m2, m3 = st.columns(3)
    m1.metric("Events shown", len(events))
    m2.metric(f"Happened by {when}", sum(not row.after for row in events))
    after = f"{view.hidden} hidden" if only_known else sum(r.after for r in events)
    m3.metric("After the as-of date", after)
    if not events:
        st.info("No events match these filters. Widen the dates or clear a filter.")
    else:
        span = tl.chart_range(events, day, view.filters)
        built = {"width": "container", "key": (data, state)}  # specs built once per state
        chart = ui.chart_spec(tl.timeline_chart, events, lanes, day, span=span, **built)
        strip = span.with_strip and ui.chart_spec(tl.overview_strip, events, day, span, **built)
        st.vega_lite_chart(chart, width="stretch")
        st.caption(esc(tl.chart_alt_text(events, lanes, day, span)))
        if strip:
            st.vega_lite_chart(strip, width="stretch")
            st.caption(esc(tl.strip_alt_text(events, day, span)))
        st.markdown(f"**Takeaway:** {esc(tl.chart_takeaway(events, day))}")
        rows = ui.computed(tl.events_table, data, events, day, key=(data, state))
        table(rows, ["when", "precision", "event", "theme", "actors", "as_of", "confidence",
                     "sources", "claims", "significance"],
              {"significance": "why it matters (our summary)",
               "claims": "claims about it"})  # fmt: skip
        x, y, z = st.columns(3)
        printed = {**chart, "width": 760}  # a file has no container to fit
        x.download_button("Chart (SVG)", partial(charts.to_svg, printed), "timeline.svg",
                          "image/svg+xml", on_click="ignore", key="dl-chart-svg")  # fmt: skip
        y.download_button("Chart (PNG)", partial(charts.to_png, printed), "timeline.png",
                          "image/png", on_click="ignore", key="dl-chart-png")  # fmt: skip
        z.download_button("Events as shown (CSV)", to_csv(rows, tl.EVENT_COLUMNS),
                          "timeline-events.csv", "text/csv", on_click="ignore",
                          key="dl-events-csv")  # fmt: skip
    picked = st.selectbox("Event details", list(event_labels), index=None, key="event",
                          bind="query-params",
                          placeholder="Choose an event to see its sources")  # fmt: skip
    if picked:
        detail = tl.event_detail(data, event_labels[picked], day)
        event = detail.row
        with st.container(border=True):
            st.subheader(esc(event.title))
            st.markdown(f"**{esc(event.date_text)}** ({event.precision}) · "
                        f"{esc(detail.state_text)} · {ui.badge(event.confidence)}")  # fmt: skip
            st.markdown("**Why it matters** (our summary): " + esc(event.significance))
            if event.note:
                st.markdown("**Note:** " + esc(event.note))
            if detail.treaty_text:
                st.markdown(esc(detail.treaty_text))
            st.markdown(ui.sources_line(data, event.source_ids))
            st.caption("Where in the sources: " + esc(event.locator))
            for claim in detail.claims:
                st.markdown(f"**Claim** ({esc(claim.assessment_text)}): {esc(claim.claim)} "
                            f"({esc(claim.claimant)}, {esc(claim.date_text)}). "
                            f"**Evidence:** {esc(claim.evidence)}")  # fmt: skip
                st.caption(ui.sources_line(data, claim.source_ids, prefix="Claim and evidence"))


@st.fragment
def claims_section(data, day, only_known: bool, live: dict) -> None:
    """The claims tracker: its filters, scorecard and table. A filter here reruns this
    section alone; the PDF button follows through `live`."""
    st.header("Claims tracker")
    st.markdown(
        "Claims in the two source articles and in other reporting, checked against later "
        "evidence: who made each and when, our assessment, and the evidence with its sources. "
        "**Claim** is our summary; **quote** is the claimant's own words. "
        + " · ".join(f"{tl.ASSESSMENT_SYMBOL[a]} {a}" for a in tl.ASSESSMENTS)
    )
    g, h, i = st.columns([4, 3, 3])
    assessments = g.pills("Assessment", tl.ASSESSMENTS, selection_mode="multi",
                          key="claim_assessment", bind="query-params")  # fmt: skip
    kinds = h.pills("Kind", tl.CLAIM_KINDS, selection_mode="multi", key="claim_kind",
                    bind="query-params")  # fmt: skip
    claimants = i.multiselect("Claimed by", claimant_names, key="claimant", bind="query-params")
    state = {"as_of": day, "only_known": only_known, "claim_assessment": assessments,
             "claim_kind": kinds, "claimant": claimants}  # fmt: skip
    ui.follow(live, "timeline", **state)
    claims = ui.computed(tl.build_view, data, state).claims
    st.markdown(esc(tl.claims_summary(claims)))
    if claims:
        ui.table(tl.scorecard(claims))  # a few rows: one Markdown element, not a grid
        rows = ui.computed(tl.claims_table, data, claims, day, key=(data, state))
        table(rows, ["claim", "quote", "claimed_by", "when", "kind", "assessment", "evidence",
                     "evidence_sources", "confidence", "as_of", "about"],
              {"claim": "claim (our summary)", "quote": "quote (claimant's words)"})  # fmt: skip
        st.download_button("Claims as shown (CSV)", to_csv(rows, tl.CLAIM_COLUMNS),
                           "timeline-claims.csv", "text/csv", on_click="ignore",
                           key="dl-claims-csv")  # fmt: skip


with ui.frame("timeline") as (data, day):
    when = asof.as_of_text(day)
    actor_names, claimant_names = tl.actors(data), list(tl.claimants(data))
    first, last = tl.date_bounds(data)
    event_labels = {tl.event_label(r): r for r in tl.event_rows(data, tl.TimelineFilters(day))}

    st.title("Timeline and claims tracker")
    st.markdown(
        "What happened when, and which claims held. Dates are as precise as the sources: an "
        "event known only to the month is written and drawn as that month, never as a day. "
        f"Events after the as-of date (**{when}**) stay in view, greyed and marked."
    )
    ui.as_of_banner(data, day)
    since = changes.default_preset(data, day)  # the What-changed view, up to this as-of date
    st.page_link(site.page("changes").file, label=f"What changed {since.label}, up to {when}",
                 icon=":material/update:", query_params=changes.view_query(
                     changes.ChangesState(since.day, day), data))  # fmt: skip
    ui.url_notice({
        "event_actor": lambda v: v in actor_names, "event_theme": lambda v: v in tl.THEMES,
        "events_from": in_range, "events_to": in_range, "lanes": lambda v: v in tl.LANES,
        "only_known": lambda v: v in ("true", "false"), "event": lambda v: v in event_labels,
        "claim_assessment": lambda v: v in tl.ASSESSMENTS,
        "claim_kind": lambda v: v in tl.CLAIM_KINDS, "claimant": lambda v: v in claimant_names,
    })  # fmt: skip

    only_known = st.toggle(  # both sections follow it: changing it reruns the page
        "Hide what came later", key="only_known", bind="query-params",
        help=f"Leave out the events and claims recorded after the as-of date ({when}).",
    )  # fmt: skip
    live: dict = {}  # each section's filters, for the PDF button under them
    events_section(data, day, only_known, live)
    claims_section(data, day, only_known, live)
    ui.pdf_button(data, "timeline", {"as_of": day, "only_known": only_known}, live=live)
