"""The capability view as a PDF section: same rows, same charts, same as-of date."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from briefing.capabilities.chart import chart_views
from briefing.capabilities.ledger import LedgerEntry, ledger
from briefing.capabilities.state import TITLE, URL_PATH, Filters, _day, query_of
from briefing.capabilities.systems import system_rows
from briefing.charts import spec
from briefing.report.model import Chart, Heading, Paragraph, Quote, Section, Table
from briefing.store import Dataset
from briefing.text import clean


def _names(entries: Sequence[LedgerEntry]) -> str:
    return ", ".join(f"{e.name} ({e.status})" for e in entries) if entries else "none"


def _ids(entries: Sequence[LedgerEntry]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for e in entries for s in e.source_ids))


def report_section(dataset: Dataset, state: Mapping[str, Any]) -> Section:
    """The capability view as a PDF section: same rows, same charts, same as-of date."""
    day = _day(state, dataset)
    filters = Filters.from_state(state)
    view = system_rows(dataset, day, filters)
    rows = view.rows
    book = ledger(rows)
    blocks: list[Any] = [
        Paragraph(
            f"Iran's military systems, its wish list from Russia and what it sent Russia, as "
            f"they stood on {day.isoformat()} ({filters.describe()}; {len(rows)} of "
            f"{view.total} systems). Quantities are ranges or 'unknown' as the sources give "
            "them; a status counts only from the date it is recorded."
        ),
        Heading("Wishes met, wishes open, and what Iran gave", 3),
        Paragraph(f"Supplied by Moscow and confirmed: {_names(book.met)}.", _ids(book.met)),
        Paragraph(
            f"Ordered or reported, not confirmed: {_names(book.unconfirmed)}.",
            _ids(book.unconfirmed),
        ),
        Paragraph(f"Wanted, not supplied: {_names(book.unmet)}.", _ids(book.unmet)),
        Paragraph(f"Sent by Iran to Russia: {_names(book.given)}.", _ids(book.given)),
        Table(
            caption=f"Systems as of {day.isoformat()}",
            columns=(
                "System",
                "Category",
                "Supplier → holder",
                "First delivery",
                "Quantity",
                "Status",
                "Doubt",
            ),
            rows=tuple(
                (
                    r.name,
                    r.category,
                    f"{r.supplier} → {r.holder}",
                    r.first_delivery,
                    r.quantity,
                    r.status_label,
                    r.doubt or "–",
                )
                for r in rows
            ),
            confidence=tuple(r.confidence for r in rows),
            source_ids=tuple(r.source_ids for r in rows),
            widths=(2.2, 1.2, 1.6, 1.1, 0.9, 1.8, 1.0),
        ),
    ]
    cited = tuple(dict.fromkeys(s for r in rows for s in r.source_ids))
    for shown in chart_views(rows):
        if shown.has_data:
            blocks.append(Chart(spec(shown.chart), shown.alt, shown.takeaway, cited))
    claims = view.claims()
    if view.disputed or claims:
        blocks.append(Heading("Where sources disagree", 3))
    for r in view.disputed:
        blocks.append(Paragraph(f"{r.short_name} (disputed), our summary: {r.note}", r.source_ids))
    checked = []
    for shown_claim in claims:
        d = shown_claim.dispute
        names = ", ".join(shown_claim.systems)
        if not d.disagreeing:
            checked.append(shown_claim)
            continue
        blocks.append(
            Paragraph(f"Claimed ({d.claim_date}; about {names}): {d.claim}", (d.claimed_by,))
        )
        if d.quote:
            blocks.append(Quote(d.quote, f"{d.claim_date}, {d.locator}", (d.claimed_by,)))
        blocks.append(
            Paragraph(
                f"Other reporting (assessment: {d.assessment}): {d.evidence}",
                d.evidence_source_ids,
            )
        )
    if checked:
        blocks.append(
            Table(
                caption="Other claims about these systems, checked against other reporting",
                columns=("Claim (summary)", "Made", "Assessment", "Other reporting", "Systems"),
                rows=tuple(
                    (c.dispute.claim, c.dispute.claim_date, c.dispute.assessment,
                     c.dispute.evidence, ", ".join(c.systems))
                    for c in checked
                ),
                confidence=tuple(c.dispute.confidence for c in checked),
                source_ids=tuple(
                    (c.dispute.claimed_by, *c.dispute.evidence_source_ids) for c in checked
                ),
                widths=(2.2, 0.9, 1.0, 2.6, 1.1),
            )
        )  # fmt: skip
    query = query_of(dataset, state)
    return Section(
        key="capabilities",
        title=TITLE,
        url_path=URL_PATH,
        blocks=tuple(blocks),
        query=query,
        summary=clean(
            f"{len(book.met)} wishes met, {len(book.unconfirmed)} unconfirmed, "
            f"{len(book.unmet)} open; {len(book.given)} systems sent to Russia."
        ),
    )
