"""Overview: key judgements, headline figures, 2001 → 2025, and the October 2024 question."""

import pandas as pd
import streamlit as st

import ui
from briefing import changes, overview, site
from briefing.text import escape_markdown

with ui.frame("overview") as (data, day):
    st.title("Russia–Iran strategic partnership: the briefing")
    st.markdown(
        "What the January 2025 Treaty on Comprehensive Strategic Partnership changed, why it "
        "stops short of the mutual-defence pledge Russia gave North Korea, and what each side "
        "gives and gets. Every statement below links to its sources; the symbol beside it says "
        "how well attested it is (✔ confirmed, ◐ reported, ✎ article-only, ⚠ disputed, "
        "? unverified)."
    )

    # "What changed since …": the What-changed view's three presets, one click each
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.markdown("**What changed**")
        for preset in changes.presets(data, day):
            window = changes.ChangesState(preset.day, day) if preset.available else None
            st.page_link(
                site.page("changes").file,
                label=f"{preset.label} ({preset.day:%-d %b %Y})" if preset.day else preset.label,
                icon=":material/update:",
                query_params=changes.view_query(window, data) if window else None,
                disabled=window is None,
                help=escape_markdown(preset.reason or preset.basis),
            )

    if data.as_of and day < data.as_of:
        st.info(
            f"You chose to look as of {day.isoformat()}. The key judgements and most figures "
            f"below are written as of the data's date ({data.as_of.isoformat()}), so they "
            "include what happened later; only the treaty-status figure follows your date. "
            "Treaties, Capabilities, Exchange and Timeline show the picture as it stood.",
            icon="🕰️",
        )
    ui.pdf_button(data, "overview", {"as_of": day})
    reach = overview.reach_notice(data, day)
    if reach:
        st.caption(reach)

    st.header("Key judgements")
    if not data.judgements:
        st.info("No key judgements in this data folder (judgements.csv is empty or missing).")
    for judgement in data.judgements:
        with st.container(border=True):  # one element per card (bench/)
            st.markdown(
                f"**{escape_markdown(judgement.title)}** · {ui.badge(judgement.confidence)}\n\n"
                f"{escape_markdown(judgement.text)}\n\n"
                + ui.small(ui.sources_line(data, judgement.source_ids))
            )

    st.header("Headline figures")
    figures = overview.headline_figures(data, day)
    for row_start in range(0, len(figures), 3):
        columns = st.columns(3)
        for column, figure in zip(columns, figures[row_start : row_start + 3], strict=False):
            with column:
                st.metric(escape_markdown(figure.label), figure.value)
                st.caption(
                    f"{ui.badge(figure.confidence)} · " + ui.sources_line(data, figure.source_ids)
                )

    qa = overview.october_question(data)
    st.header(f"October 2024: “{qa.question}”")
    st.caption(
        f"Asked by {escape_markdown(qa.asked_by)} before the Putin–Pezeshkian meeting "
        "in Ashgabat on 11 October 2024."
    )
    with st.container(border=True):
        ui.md(qa.answer)
        st.caption(ui.sources_line(data, qa.source_ids))
    war = overview.war_test(data, day)
    st.subheader(war.heading)
    if war.sentences:
        st.markdown("\n\n".join(  # one element: each sentence with its sources under it
        f"{ui.badge(sentence.confidence)} · {escape_markdown(sentence.text)}\n\n"
        + ui.small(ui.sources_line(data, sentence.source_ids))
        for sentence in war.sentences
        ))  # fmt: skip
    if war.note:
        st.caption(escape_markdown(war.note))
    if qa.predictions:
        latest = data.latest_event
        st.subheader(
            "His predictions against what happened"
            + (f" (outcomes recorded to {latest.human()})" if latest else "")
        )
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "prediction": p.claim,
                        "his words (quote)": p.quote,
                        "assessment": p.assessment,
                        "evidence": p.evidence,
                        "confidence": ui.badge(p.confidence),
                        "sources": "; ".join(p.source_ids),
                    }
                    for p in qa.predictions
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption(
            "Assessments are our reading of later reporting; the Timeline page lists "
            "every checked claim with its evidence."
        )

    st.header("What changed from 2001 to 2025")
    changes = overview.changes_2001_to_2025(data)
    if changes:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "theme": c.theme,
                        "change": c.relation,
                        "articles": c.articles,
                        "2001 (summary)": c.before,
                        "2025 (summary)": c.after,
                        "confidence": ui.badge(c.confidence),
                        "sources": "; ".join(c.source_ids),
                    }
                    for c in changes
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption(
            "Summaries are paraphrases; the Treaties page sets the quoted texts side by "
            "side, clause by clause."
        )
    else:
        st.info("No 2025 provision in this data carries a relation to the 2001 treaty.")
