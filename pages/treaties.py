"""Treaties: is it a mutual-defence pact? Clause by clause, what changed, how strong each pledge."""

from functools import partial

import pandas as pd
import streamlit as st

import ui
from briefing import charts, treaties
from briefing.schema import Theme
from briefing.text import escape_markdown


def download(label: str, payload, file_name: str, mime: str) -> None:
    st.download_button(
        label, payload, file_name=file_name, mime=mime, on_click="ignore", key=f"dl-{file_name}"
    )


@st.fragment
def full_texts(row, treaty_ids) -> None:
    """One theme's clauses in full, side by side: built when the reader opens it (opening
    reruns this block alone); a page of them built up front cost the page 0.1 s (bench/)."""
    relation = "; ".join(r.text for r in row.relations)
    box = st.expander(
        escape_markdown(f"Full texts: {row.theme}" + (f" · {relation}" if relation else "")),
        key=f"{FULL_TEXTS}{row.theme}",
        on_change="rerun",
    )
    if not box.open:
        return
    with box:
        for column, tid in zip(st.columns(len(treaty_ids)), treaty_ids, strict=True):
            with column:
                st.markdown(f"**{escape_markdown(labels.get(tid, tid))}**")
                found = row.cells.get(tid, ())
                if not found:
                    st.caption(treaties.NOTHING)
                for c in found:
                    st.markdown(
                        f"*{escape_markdown(treaties.article_label(c.article))}* · "
                        f"{escape_markdown(c.label)} · {ui.badge(c.confidence)}"
                    )
                    ui.md(c.text, limit=5000)
                    st.caption(
                        f"Obligation: {escape_markdown(c.obligation)} · "
                        f"where: {escape_markdown(c.locator)} · "
                        + ui.sources_line(data, c.source_ids)
                    )


@st.fragment
def clause_sections(data, day, chosen, themes, live: dict) -> None:
    """Clauses by theme, what each treaty records, and what changed word by word: the
    sections the text mode (quote or summary) changes. Changing it reruns them alone (bench/);
    the page's PDF button follows through `live`."""
    st.header("Clauses by theme")
    mode = st.radio(
        "Clause text",
        treaties.TEXT_MODES,
        key=treaties.TEXT_KEY,
        bind="query-params",
        horizontal=True,
        help="quote: the words as recorded from the source; summary: our paraphrase",
    )
    view = ui.computed(treaties.comparison, data, chosen, themes, mode or "quote", day)
    ui.follow(live, "treaties", **{treaties.TEXT_KEY: view.mode})
    if len(view.treaty_ids) < 2:
        st.info("Add a second treaty above to compare clauses side by side.")
    if not view.rows:
        st.info("Choose at least one theme above.")
    else:
        # a grid: four columns of long quotes fit a phone only as a grid that scrolls
        st.dataframe(pd.DataFrame(treaties.alignment_rows(data, view.rows, view.treaty_ids)),
                     hide_index=True, width="stretch")  # fmt: skip
        st.caption(
            "Each cell: article · quote or summary · coded obligation · confidence · first source. "
            "Relation labels compare a treaty with the one it supersedes: 'recorded' is "
            "an analyst's coding in the data, 'derived' follows from what is recorded."
        )
        csv_text = treaties.alignment_csv(data, view.rows, view.treaty_ids, view.mode)
        download("Aligned table (CSV)", csv_text, "treaty-clauses.csv", "text/csv")
        for row in view.rows:
            full_texts(row, view.treaty_ids)

    if view.coverage:
        st.subheader("How much of each treaty is recorded")
    for coverage in view.coverage:
        st.markdown(
            escape_markdown(treaties.coverage_text(coverage))
            + (" " + ui.sources_line(data, coverage.full_text_ids, prefix="Full text"))
            * bool(coverage.full_text_ids)
        )

    st.header("What changed")
    if not view.diffs:
        st.info(
            "No chosen treaty supersedes another chosen treaty (e.g. Russia–Iran 2001 → "
            "2025), so there is no succession to compare word by word."
        )
    for diff in (d for d in view.diffs if not d.segments):
        st.markdown(f"- **{escape_markdown(diff.theme)}**: {escape_markdown(diff.reading)}")
    for diff in (d for d in view.diffs if d.segments):
        name_e, name_l = labels.get(diff.earlier_id), labels.get(diff.later_id)
        st.subheader(f"{escape_markdown(diff.theme)} · {escape_markdown(diff.relation.text)}")
        ui.md(diff.reading)
        with st.container(border=True):
            st.markdown(treaties.diff_markdown(diff.segments))
        st.caption(
            f"Word difference of the {diff.texts} as recorded: ~~struck through~~ only in "
            f"{escape_markdown(name_e)}, **bold** only in {escape_markdown(name_l)}."
        )
        with st.expander("The difference as a list"):
            ui.table(treaties.diff_rows(diff.segments, name_e, name_l))


FULL_TEXTS = "full-texts-"  # + the theme: each expander's open state

with ui.frame("treaties") as (data, day):
    labels = treaties.treaty_labels(data)
    theme_values = [theme.value for theme in Theme]

    st.title("Treaties compared")
    st.markdown(
        "What the 2025 Russia–Iran treaty obliges Russia to do if Iran is attacked, how that "
        "differs from 2001, and how far it is from the pledge Russia gave North Korea in 2024. "
        "A **quote** is verbatim from the first source cited (in the language recorded); a "
        "**summary** is our paraphrase. Obligation codes are our analytic judgement."
    )
    ui.url_notice(treaties.url_checks(data))
    if len(set(st.query_params.get_all(treaties.TREATY_KEY))) > treaties.MAX_TREATIES:
        st.info(treaties.TOO_MANY, icon="ℹ️")

    left, middle = st.columns(2)
    chosen = left.multiselect(
        "Treaties (two or three)",
        treaties.treaty_options(data),
        default=treaties.default_treaties(data),
        format_func=lambda t: labels.get(t, t),
        max_selections=treaties.MAX_TREATIES,
        key=treaties.TREATY_KEY,
        bind="query-params",
    )
    themes = middle.multiselect(
        "Themes",
        theme_values,
        default=[t.value for t in treaties.DEFAULT_THEMES],
        key=treaties.THEME_KEY,
        bind="query-params",
    )
    if not chosen:
        st.info("Choose at least one treaty above (two or three to compare).")
        st.stop()
    # the text mode (quote or summary) changes only `clause_sections`, which draws its own
    # control; what the rest of the page shows is the same in either mode
    picked = st.session_state.get(treaties.TEXT_KEY) or st.query_params.get(treaties.TEXT_KEY)
    mode = treaties.resolve_mode(picked)[0]
    view = ui.computed(treaties.comparison, data, chosen, themes, mode, day)
    live: dict = {}  # the clause sections' mode, for the PDF button (drawn before them)
    ui.pdf_button(data, "treaties", view.state, live=live)
    for name in view.not_signed:
        st.warning(
            f"{escape_markdown(name)} had not been signed by the as-of date "
            f"{day.isoformat()}; it is shown for reference."
        )

    st.header("Is it a mutual-defence pact?")
    for column, line in zip(st.columns(len(view.glance)), view.glance, strict=True):
        with column.container(border=True):
            st.metric(escape_markdown(line.label), line.answer, help=treaties.GLANCE_HELP)
            st.markdown(f"{escape_markdown(line.pledge)} {ui.badge(line.confidence)}")
            st.caption(ui.sources_line(data, line.source_ids, prefix="Pledge sources"))

    st.header("Headline facts")
    ui.table(treaties.headline_rows(view.headline))
    st.caption("  \n".join(  # one element: a line per treaty
        f"**{escape_markdown(column.label)}**: {ui.badge(column.confidence)} · "
        f"{escape_markdown(column.locator)} · {ui.sources_line(data, column.source_ids)}"
        for column in view.headline
    ))  # fmt: skip

    clause_sections(data, day, chosen, themes, live)

    st.header("Pledge-strength ladder")
    spec = ui.chart_spec(treaties.ladder_chart, view.points, day, key=(data, chosen, day))
    alt_text = treaties.ladder_alt_text(view.points)
    graph, note = st.columns([3, 1])
    with graph:
        st.vega_lite_chart(spec, width="stretch")  # the spec already built: no second validation
        st.caption(escape_markdown(alt_text))
    with note:
        st.markdown("**Takeaway**")
        ui.md(treaties.ladder_takeaway(view.points))
        download("Chart (SVG)", partial(charts.to_svg, spec), "pledge-ladder.svg", "image/svg+xml")
        download("Chart (PNG)", partial(charts.to_png, spec), "pledge-ladder.png", "image/png")
    st.caption(treaties.LADDER_NOTE)
    for name in view.unplotted:
        st.caption(f"{escape_markdown(name)}: no defence pledge coded, so it is not placed.")
    with st.expander("The chart's data, with sources"):
        ui.table(treaties.ladder_rows(view.points, data))
    st.caption(ui.sources_line(data, treaties.ladder_source_ids(view.points)))

    disputed = [claim for claim in view.claims if claim["disputed"]]
    if disputed:
        st.header("Where sources disagree")
    for claim in disputed:
        with st.container(border=True):  # one element per card (bench/)
            claimed_by = ui.sources_line(data, [claim["claimed_by"]], prefix="Claimed by")
            st.markdown(
                f"**Claim** · assessment: *{escape_markdown(claim['assessment'])}* · "
                f"{ui.badge(claim['confidence'])}\n\n{escape_markdown(claim['claim'])}\n\n"
                f"{ui.small(claimed_by)}\n\n"
                f"{escape_markdown('What other reporting shows: ' + claim['evidence'])}\n\n"
                + ui.small(ui.sources_line(data, claim["evidence_source_ids"]))
            )
    others = [claim for claim in view.claims if not claim["disputed"]]
    if others:
        with st.expander(
            f"Other claims about these treaties, checked against reporting ({len(others)})"
        ):
            ui.table(treaties.claim_rows(data, others))
