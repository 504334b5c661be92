"""The timeline and the claims tracker as a PDF section (same rows as the page)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from briefing import asof
from briefing.charts import spec
from briefing.report.model import Chart, Heading, Paragraph, Section, Table
from briefing.store import Dataset
from briefing.timeline.chart import (
    chart_alt_text,
    chart_range,
    chart_takeaway,
    overview_strip,
    strip_alt_text,
    strip_takeaway,
    timeline_chart,
)
from briefing.timeline.claims import claims_summary
from briefing.timeline.events import state_words
from briefing.timeline.state import URL_PATH, filter_summary, view_query
from briefing.timeline.view import build_view


def report_section(dataset: Dataset, state: Mapping[str, Any] | None = None) -> Section:
    """The timeline and the claims tracker as a document section (same rows as the page)."""
    view = build_view(dataset, state)
    filters, day = view.filters, view.filters.as_of
    events, claims = view.events, view.claims
    blocks: list = [
        Heading("Timeline"),
        Paragraph(
            f"As of {asof.as_of_text(day)}; {filter_summary(filters)}. Dates are given as "
            "precisely as the sources give them: an event known only to the month is written "
            "and drawn as that month, never as a day. Events after the as-of date are marked, "
            "not left out."
        ),
    ]
    if events:
        span = chart_range(events, day, filters)
        blocks.append(
            Chart(
                spec(timeline_chart(events, filters.lanes, day, span=span)),
                chart_alt_text(events, filters.lanes, day, span),
                chart_takeaway(events, day),
                (),  # the events table right below cites every event's sources
            )
        )
        if span.with_strip:
            blocks.append(
                Chart(
                    spec(overview_strip(events, day, span)),
                    strip_alt_text(events, day, span),
                    strip_takeaway(events, span),
                    (),
                )
            )
    blocks.append(
        Table(
            caption=f"Events ({len(events)}), with their state on {asof.as_of_text(day)}",
            columns=("When", "Event", "Theme", "Actors", "On the as-of date"),
            rows=tuple(
                (
                    row.date_text,
                    row.title,
                    row.theme,
                    ", ".join(row.actors),
                    state_words(row.state, day),
                )
                for row in events
            ),
            confidence=tuple(row.confidence for row in events),
            source_ids=tuple(row.source_ids for row in events),
            widths=(1.3, 3.5, 1.2, 1.6, 1.6),
        )
    )
    blocks.append(Heading("Claims tracker"))
    blocks.append(
        Paragraph(
            "Claims in the source articles and other reporting, checked against later "
            f"evidence. {claims_summary(claims)} The assessment is ours, as of the data's "
            "date; the last column says whether the claim and its evidence existed on the "
            "as-of date."
        )
    )
    blocks.append(
        Table(
            caption="Claims: who said what, when, and what the evidence shows",
            columns=("Claim (our summary)", "Claimed by", "When", "Assessment", "Evidence"),
            rows=tuple(
                (row.claim, row.claimant, row.date_text, row.assessment_text, row.evidence)
                for row in claims
            ),
            confidence=tuple(row.confidence for row in claims),
            source_ids=tuple(row.source_ids for row in claims),
            widths=(3, 1.5, 1, 1.2, 4),
        )
    )
    return Section(
        key="timeline",
        title="Timeline and claims",
        url_path=URL_PATH,
        blocks=tuple(blocks),
        query=view_query(filters, dataset),
        summary=f"{len(events)} events and {len(claims)} claims, as of {asof.as_of_text(day)}.",
    )
