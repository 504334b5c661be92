"""The treaty comparison as a PDF section, built from the same functions as the page."""

from __future__ import annotations

from datetime import date
from typing import Any

from briefing import charts
from briefing.report.model import Chart, Heading, Paragraph, Section, Table
from briefing.store import Dataset
from briefing.text import clean
from briefing.treaties.align import relation_header
from briefing.treaties.chart import ladder_chart
from briefing.treaties.clauses import FACT, HEADLINE_FIELDS, article_label, headline_rows
from briefing.treaties.comparison import comparison
from briefing.treaties.coverage import coverage_text
from briefing.treaties.diff import diff_plain
from briefing.treaties.ladder import ladder_alt_text, ladder_source_ids, ladder_takeaway
from briefing.treaties.state import (
    TEXT_KEY,
    THEME_KEY,
    TREATY_KEY,
    URL_PATH,
    resolve_mode,
    resolve_themes,
    resolve_treaties,
    treaty_labels,
    view_query,
)
from briefing.treaties.wording import NOTHING


# ----------------------------------------------------------------- the PDF
def report_section(dataset: Dataset, state: dict[str, Any]) -> Section:
    """The treaty comparison as a document section, built from the same functions as the page.

    `state`: {"treaty": [...ids or labels], "theme": [...], "text": "quote"|"summary",
    "as_of": date}; anything missing takes the page default.
    """
    treaty_ids, _ = resolve_treaties(dataset, state.get(TREATY_KEY))
    themes, _ = resolve_themes(state.get(THEME_KEY))
    mode, _ = resolve_mode(state.get(TEXT_KEY))
    day = state.get("as_of") or dataset.as_of or date.today()
    view = comparison(dataset, treaty_ids, themes, mode, day)
    blocks: list[Any] = [Heading("Is it a mutual-defence pact?", 3)]
    for line in view.glance:
        blocks.append(
            Paragraph(line.sentence + f" Confidence: {line.confidence}.", line.source_ids)
        )
    if view.not_signed:
        blocks.append(
            Paragraph(f"Not yet signed on {day.isoformat()}: {', '.join(view.not_signed)}.")
        )
    blocks.append(Heading("Headline facts", 3))
    # the source rows are printed as citations in the paragraph below instead
    shown = [f for f in HEADLINE_FIELDS if f not in ("Sources", "Status sources")]
    rows = headline_rows(view.headline, shown)
    blocks.append(
        Table(
            caption=f"The chosen treaties side by side (status as of {day.isoformat()}).",
            columns=(FACT, *(c.label for c in view.headline)),
            rows=tuple(tuple(row.values()) for row in rows),
            source_ids=tuple(() for _ in rows),
        )
    )
    blocks.append(
        Paragraph(
            "Sources of the headline facts: "
            + "; ".join(f"{c.label}: {clean(c.locator)}" for c in view.headline),
            tuple(
                dict.fromkeys(
                    s for c in view.headline for s in (*c.source_ids, *c.status_source_ids)
                )
            ),
        )
    )
    blocks.append(Heading("Clauses by theme", 3))
    for coverage in view.coverage:
        where = " Full text: see the sources cited." if coverage.full_text_ids else ""
        blocks.append(Paragraph(coverage_text(coverage) + where, coverage.full_text_ids))
    labels = treaty_labels(dataset)
    table_rows, table_sources, table_conf = [], [], []
    for row in view.rows:
        for tid in view.treaty_ids:
            for c in row.cells.get(tid, ()):
                table_rows.append(
                    (
                        row.theme,
                        labels.get(tid, tid),
                        article_label(c.article),
                        f"[{c.label}] {c.text}",
                        c.obligation,
                    )
                )
                table_sources.append(c.source_ids)
                table_conf.append(c.confidence)
            if not row.cells.get(tid):
                table_rows.append((row.theme, labels.get(tid, tid), "", NOTHING, ""))
                table_sources.append(())
                table_conf.append(None)
    blocks.append(
        Table(
            caption="Each recorded clause on the chosen themes; a quote is verbatim from the "
            "first source cited, a summary is our paraphrase.",
            columns=("theme", "treaty", "article", "text", "obligation"),
            rows=tuple(table_rows),
            confidence=tuple(table_conf),
            source_ids=tuple(table_sources),
            widths=(1.2, 1.2, 0.8, 4, 1.3),
        )
    )
    if view.diffs:
        blocks.append(Heading("What changed", 3))
        blocks.append(
            Paragraph(
                "In the differences below, [-words-] appear only in the "
                "earlier text and {+words+} only in the later one."
            )
        )
        for d in view.diffs:
            blocks.append(
                Heading(f"{d.theme}: {relation_header(dataset, d.relation)} — {d.relation.text}", 4)
            )
            ids = tuple(
                dict.fromkeys(
                    (
                        *(d.earlier.source_ids if d.earlier else ()),
                        *(d.later.source_ids if d.later else ()),
                    )
                )
            )
            blocks.append(Paragraph(d.reading, ids))
            if d.segments:
                # not a Quote block: the marked-up difference is not anyone's verbatim words
                blocks.append(
                    Paragraph(
                        f"Word difference of the {d.texts} as recorded: " + diff_plain(d.segments),
                        ids,
                    )
                )
    blocks.append(Heading("Pledge-strength ladder", 3))
    blocks.append(
        Chart(
            spec=charts.spec(ladder_chart(view.points, day)),
            alt=ladder_alt_text(view.points),
            takeaway=ladder_takeaway(view.points),
            source_ids=ladder_source_ids(view.points),
        )
    )
    for claim in (c for c in view.claims if c["disputed"]):
        blocks.append(
            Paragraph(
                f"Disputed or checked claim: {claim['claim']} — assessment: {claim['assessment']}. "
                f"Evidence: {claim['evidence']}",
                (claim["claimed_by"], *claim["evidence_source_ids"]),
            )
        )
    return Section(
        key="treaties",
        title="Treaty comparison",
        url_path=URL_PATH,
        blocks=tuple(blocks),
        query=view_query(dataset, view.treaty_ids, view.themes, mode, day),
        summary=ladder_takeaway(view.points),
    )
