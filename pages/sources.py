"""Sources & method: every source, the two scales, the data dictionary, citing, downloads."""

import functools
from datetime import date

import pandas as pd
import streamlit as st

import ui
from briefing import method, register
from briefing.citations import cite_app
from briefing.text import escape_markdown, to_csv
from ui.cite import register_download

DICTIONARY_KEY = "dictionary_open"  # the data dictionary's expander: open or closed


def dictionary_grid(dictionary: list[dict]) -> None:
    """Every column of every table (drawn when opened: a grid of a few hundred rows)."""
    st.dataframe(pd.DataFrame(dictionary), hide_index=True, width="stretch")


with ui.frame("sources") as (data, _day):
    st.title("Sources & method")
    st.markdown(
        "Every row in this briefing names its sources, where in them it rests (the *locator*), "
        "and how well attested it is (the *confidence*). Text in a **quote** field is verbatim "
        "from its first source; everything else is our paraphrase. Where sources disagree, both "
        "sides are recorded in the claims table and shown in the views, not resolved silently."
    )

    st.header("The register at a glance")
    figures = register.register_figures(data)
    for start in range(0, len(figures), 3):
        for column, figure in zip(st.columns(3), figures[start : start + 3], strict=False):
            column.metric(figure.label, figure.value, help=figure.help or None)
    for column, (title, rows) in zip(
        st.columns(2) + st.columns(2), register.mix_tables(data).items(), strict=False
    ):
        with column:
            st.markdown(f"**{title}**")
            ui.table(rows)  # one Markdown element, every cell literal (not st.table's Markdown)
    st.caption(register.MARKER_NOTE)

    sources = method.source_rows(data)
    st.header(f"Sources ({len(sources)})")
    kinds = sorted({row["kind"] for row in sources})
    ui.url_notice({"kind": kinds.__contains__})
    chosen = st.pills(
        "Kind of source", kinds, selection_mode="multi", key="kind", bind="query-params"
    )
    shown = [row for row in sources if not chosen or row["kind"] in chosen]
    st.dataframe(
        pd.DataFrame(
            shown,
            columns=[
                "publisher",
                "title",
                "title_en",
                "author",
                "published",
                "date_basis",
                "voice",
                "country",
                "kind",
                "url",
                "cited_by_rows",
                "copy_of",
                "id",
                "note",
            ],
        ),
        hide_index=True,
        width="stretch",
        column_config={
            "url": st.column_config.LinkColumn(
                "link", help="Opens the source (none if not recorded)"
            ),
            "cited_by_rows": st.column_config.NumberColumn("rows citing it"),
            "title_en": st.column_config.TextColumn("English title"),
            "date_basis": st.column_config.TextColumn(
                "date rests on", help="stated on the page, read from its address, or inferred"
            ),
            "voice": st.column_config.TextColumn("voice", help=register.MARKER_NOTE),
            "copy_of": st.column_config.TextColumn("copy of (id)"),
        },
    )
    st.caption(
        "A source without a link is one whose exact address was not recorded; "
        "its publisher and date identify it."
    )

    st.header("How confidence is judged")
    st.markdown(register.RULE)
    st.markdown(register.COPIES_RULE)
    left, right = st.columns(2)
    with left:
        st.header("Confidence scale")
        ui.table(method.confidence_scale())
    with right:
        st.header("Obligation scale")
        st.markdown(
            "How strong a treaty's pledge is if a party is attacked, weakest (1) to "
            "strongest (7), after established alliance-treaty coding practice. The "
            "coding of each clause is our analytic judgement."
        )
        ladder = pd.DataFrame(method.obligation_scale())
        ladder["rank"] = ladder["rank"].map(lambda r: "–" if pd.isna(r) else str(int(r)))
        ui.table(ladder)

    st.header("Data dictionary")
    dictionary, problems = method.data_dictionary(data.folder / "datapackage.json")
    for problem in problems:
        st.warning(problem)
    for filename, title, description in method.table_files():
        st.markdown(f"**{title}** (`{filename}`): {description}")
    if dictionary:
        ui.on_open(f"Every column of every table ({len(dictionary)})", DICTIONARY_KEY,
                   dictionary_grid, dictionary)  # fmt: skip

    st.header("How to cite")
    # Markdown, not a code block: that element's highlighter costs the page ~0.2 s however
    # short the code (bench/); "Cite this view" below has the copy button and the formats
    st.markdown(escape_markdown(cite_app(data, ui.public_url("sources"), date.today())))
    st.caption(
        "Cite the sources behind a figure as well: each view lists them beside it. "
        '"Cite this view" at the foot of every page gives its citation in other formats.'
    )
    register_download(data)  # the whole register as BibTeX, RIS or CSL-JSON (ui.cite)

    st.header("Download the data")
    st.markdown(
        "The tables are CSV (UTF-8), described by a Frictionless Data Package "
        "(`datapackage.json`), licensed CC BY 4.0."
    )
    st.download_button(
        "Whole data package (ZIP: every table and datapackage.json)",
        functools.partial(method.data_package_zip, data.folder),
        file_name="russia-iran-briefing-data.zip",
        mime="application/zip",
        on_click="ignore",
        key="dl-package",
    )
    files = {f"{title} ({filename})": filename for filename, title, _ in method.table_files()}
    label = st.selectbox("Or one table", list(files), key="dl-table-choice")
    path = data.folder / files[label]
    if path.is_file():
        st.download_button(
            f"Download {files[label]}",
            path.read_bytes(),
            file_name=files[label],
            mime="text/csv",
            on_click="ignore",
            key="dl-table",
        )
    else:
        st.caption(f"{files[label]}: not available")
    st.download_button(
        "Source list as shown (CSV)",
        to_csv(shown, method.SOURCE_LIST_COLUMNS),
        file_name="sources-list.csv",
        mime="text/csv",
        on_click="ignore",
        key="dl-source-list",
    )
