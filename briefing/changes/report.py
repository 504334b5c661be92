"""What changed, as a document section: the same window, digest and lists as the page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from briefing.changes.changes import Changes
from briefing.changes.state import human, view_query
from briefing.changes.view import build_view
from briefing.report.model import Heading, Paragraph, Section, Table
from briefing.store import Dataset

KEY = "changes"
URL_PATH = "changes"


def title(since) -> str:
    return f"What changed since {human(since)}"


def _note(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def lead_text(changes: Changes) -> str:
    """'What the data dates after …, up to and including the as-of date, …: counts.'"""
    window = changes.window
    return (
        f"What the data dates after {human(window.since)}, up to and including the as-of "
        f"date, {human(window.until)}: {changes.counts_text()}."
    )


CONVENTIONS = (
    "The start day itself is not counted; the as-of day is. A date known only to the month "
    "or the year counts when its period overlaps the window, and is marked as possibly "
    "outside it: nothing is guessed either way. A status change shows the status in force "
    "the day before it ('(not recorded)' when none was) and the new one."
)


def _what(kind: str, name: str) -> str:
    return name if name.lower().endswith(kind) else f"{name} ({kind})"


def claims_gap_text(dataset: Dataset) -> str:
    """Why the claims list is empty on data without dated assessments."""
    claim_ids = {claim.id for claim in dataset.claims}
    dated = sum(1 for change in dataset.statuses if change.subject_id in claim_ids)
    return (
        "No claim's assessment is dated in the window. The claims table holds each claim's "
        "current assessment without a date; an assessment is dated only by a row in the "
        f"status table naming the claim ({dated} such row{'s' if dated != 1 else ''} in "
        "this data version)."
    )


def report_section(dataset: Dataset, state: Mapping[str, Any] | None = None) -> Section:
    """The What-changed view for `state` (`since`, `as_of`) as a document section."""
    view = build_view(dataset, state)
    changes = view.changes
    lead = lead_text(changes)
    blocks: list = [Paragraph(lead), Paragraph(CONVENTIONS)]
    blocks += [Paragraph(f"Note: {notice}") for notice in view.state.notices]
    blocks.append(Heading("Digest"))
    blocks += [Paragraph(s.text, s.source_ids) for s in view.digest]

    blocks.append(Heading("Status changes"))
    if changes.statuses:
        blocks.append(
            Table(
                caption=(
                    f"Status changes ({len(changes.statuses)}): the status in force the day "
                    "before, and the new one"
                ),
                columns=("When", "What", "From", "To", "Note"),
                rows=tuple(
                    (
                        s.date_text,
                        _what(s.subject_kind, s.subject_name),
                        s.before_text,
                        s.after_text,
                        _note(s.placement, s.note),
                    )
                    for s in changes.statuses
                ),
                confidence=tuple(s.confidence or None for s in changes.statuses),
                source_ids=tuple(s.all_source_ids for s in changes.statuses),
                widths=(1.3, 2.1, 1.5, 1.5, 3.2),
            )
        )
    else:
        blocks.append(Paragraph("No status change is dated in the window."))

    blocks.append(Heading("Events"))
    if changes.events:
        blocks.append(
            Table(
                caption=f"Events in the window ({len(changes.events)})",
                columns=("When", "Event", "Theme", "Date"),
                rows=tuple(
                    (
                        e.date_text,
                        e.title,
                        e.theme,
                        e.placement or ("exact day" if e.precision == "day" else "in the window"),
                    )
                    for e in changes.events
                ),
                confidence=tuple(e.confidence for e in changes.events),
                source_ids=tuple(e.source_ids for e in changes.events),
                widths=(1.3, 4.0, 1.3, 2.2),
            )
        )
    else:
        blocks.append(Paragraph("No event is dated in the window."))

    blocks.append(Heading("Claims whose assessment changed"))
    if changes.claims:
        blocks.append(
            Table(
                caption=f"Claim assessments dated in the window ({len(changes.claims)})",
                columns=("When", "Claim (our summary)", "From", "To", "Note"),
                rows=tuple(
                    (c.date_text, c.claim, c.before_text, c.assessment, _note(c.placement, c.note))
                    for c in changes.claims
                ),
                confidence=tuple(c.confidence or None for c in changes.claims),
                source_ids=tuple(c.all_source_ids for c in changes.claims),
                widths=(1.2, 3.4, 1.3, 1.3, 2.4),
            )
        )
    else:
        blocks.append(Paragraph(claims_gap_text(dataset)))

    blocks.append(Heading("Sources published in the window"))
    if changes.sources:
        blocks.append(
            Table(
                caption=f"Sources published in the window ({len(changes.sources)})",
                columns=("Published", "Title", "Publisher", "Kind"),
                rows=tuple(
                    (_note(s.date_text, s.placement), s.title, s.publisher, s.kind)
                    for s in changes.sources
                ),
                source_ids=tuple(s.source_ids for s in changes.sources),
                widths=(1.6, 4.0, 1.8, 1.2),
            )
        )
    else:
        blocks.append(Paragraph("No source in the register is dated in the window."))
    if changes.undated_sources:
        blocks.append(
            Paragraph(
                f"{changes.undated_sources} sources in the register have no known publication "
                "date and cannot be placed in any window."
            )
        )
    return Section(
        key=KEY,
        title=title(view.state.since),
        url_path=URL_PATH,
        blocks=tuple(blocks),
        query=view_query(view.state, dataset),
        summary=lead,
    )
