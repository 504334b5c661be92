"""The exchange view as a PDF section."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from briefing.charts import spec
from briefing.dates import PartialDate
from briefing.exchange.chart import chart_records, chart_source, chart_takeaway, package_chart
from briefing.exchange.reading import headline
from briefing.exchange.state import TITLE, TSITRIN, URL_PATH, query_of
from briefing.exchange.view import view_from_state
from briefing.exchange.wording import CHART_ALT, METHOD
from briefing.report.model import Chart, Heading, Judgement, Paragraph, Section, Table
from briefing.store import Dataset


def report_section(dataset: Dataset, state: Mapping[str, Any]) -> Section:
    """The exchange view as a PDF section, built from the same functions as the page."""
    view = view_from_state(dataset, state or {})
    day_text = PartialDate(view.day.year, view.day.month, view.day.day).human()
    blocks: list[Any] = [
        Paragraph(
            "What Iran offers Russia, what it wants in return, and what Russia offers, "
            f"with each item's status as of {day_text}. " + METHOD
        ),
        Heading("Ledger of exchange items", 3),
        Table(
            caption=f"Exchange items, status as of {day_text}; scores 0-5 are analytic "
            "judgements (V value to receiver, C cost to giver, E escalation, F feasibility)",
            columns=("Direction", "Item", f"Status on {view.day.isoformat()}", "V", "C", "E", "F"),
            rows=tuple(
                (
                    r.direction,
                    r.item,
                    r.status.label + (f" ({r.status.detail})" if r.status.detail else ""),
                    str(r.value),
                    str(r.cost),
                    str(r.escalation),
                    str(r.feasibility),
                )
                for r in view.rows
            ),
            confidence=tuple(r.confidence for r in view.rows),
            source_ids=tuple(r.source_ids for r in view.rows),
            widths=(1.3, 3.2, 2.0, 0.35, 0.35, 0.35, 0.35),
        ),
        Heading("The package", 3),
    ]
    package = view.package
    chosen_rows = [r for r in view.all_rows if r.id in view.chosen]
    blocks.append(
        Table(
            caption=f"Chosen package (weights: {package.weights.describe()})",
            columns=("Who gives", "Item", "V", "C", "E", "F"),
            rows=tuple(
                (
                    r.giver,
                    r.item,
                    str(r.value),
                    str(r.cost),
                    str(r.escalation),
                    str(r.feasibility),
                )
                for r in chosen_rows
            ),
            confidence=tuple(r.confidence for r in chosen_rows),
            source_ids=tuple(r.source_ids for r in chosen_rows),
            widths=(1.0, 4.0, 0.4, 0.4, 0.4, 0.4),
        )
    )
    records = chart_records(view.all_rows, view.chosen, package.weights)
    chart = package_chart(view.all_rows, view.chosen, package.weights, chart_source(dataset))
    blocks.append(
        Chart(
            spec(chart),
            CHART_ALT,
            chart_takeaway(records),
            tuple(dict.fromkeys(s for r in chosen_rows for s in r.source_ids)),
        )
    )
    for sentence in view.reading:
        if sentence.kind == "verdict":
            blocks.append(
                Judgement(headline(package, symbol=False), sentence.text, "analytic judgement")
            )
        else:
            blocks.append(Paragraph(sentence.text, sentence.source_ids))
    blocks.append(Heading("Speculation against outcome", 3))
    blocks.append(
        Paragraph(
            "What Lev Tsitrin speculated in October 2024 (New English Review), set against "
            "what the January 2025 treaty and later events showed. Assessments use "
            "everything known by the data's as-of date.",
            (TSITRIN,),
        )
    )
    blocks.append(
        Table(
            caption="Tsitrin's claims (October 2024) and the outcome",
            columns=("Claim (summary)", "Assessment", "Evidence (summary)"),
            rows=tuple((o.claim, o.assessment, o.evidence) for o in view.outcomes),
            confidence=tuple(o.confidence for o in view.outcomes),
            source_ids=tuple(o.source_ids for o in view.outcomes),
            widths=(2.5, 1.0, 4.0),
        )
    )
    return Section(
        key="exchange",
        title=TITLE,
        url_path=URL_PATH,
        blocks=tuple(blocks),
        query=query_of(dataset, view),
        summary=headline(package, symbol=False),
    )
