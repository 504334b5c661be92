"""The overview as a PDF section (judgements are added by the briefing itself)."""

from __future__ import annotations

from briefing import site
from briefing.overview.figures import (
    changes_2001_to_2025,
    headline_figures,
    october_question,
    reach_notice,
)
from briefing.report.model import Figure, Heading, Judgement, Paragraph, Section, Table
from briefing.store import Dataset
from briefing.war import war_test


def _latest(dataset: Dataset) -> str:
    latest = dataset.latest_event
    return latest.human() if latest else "no recorded event"


def report_section(dataset: Dataset, state: dict | None = None) -> Section:
    """The overview as a document section (judgements are added by the briefing itself)."""
    state = state or {}
    day = state.get("as_of") or dataset.as_of
    blocks: list = []
    notice = reach_notice(dataset, day)
    if notice:
        blocks.append(Paragraph(notice))
    blocks.append(Heading("Key judgements"))
    for judgement in dataset.judgements:
        blocks.append(
            Judgement(
                judgement.title,
                judgement.text,
                judgement.confidence.value,
                tuple(judgement.source_ids),
            )
        )
    blocks.append(Heading("Headline figures"))
    for figure in headline_figures(dataset, day):
        blocks.append(Figure(figure.value, figure.label, figure.source_ids))
    qa = october_question(dataset)
    blocks.append(Heading(f"October 2024: “{qa.question}”"))
    blocks.append(Paragraph(qa.answer, qa.source_ids))
    war = war_test(dataset, day)
    blocks.append(Heading(war.heading, level=3))
    for sentence in war.sentences:
        label = "" if sentence.confidence == "confirmed" else f" ({sentence.confidence})"
        blocks.append(Paragraph(sentence.text + label, sentence.source_ids))
    if war.note:
        blocks.append(Paragraph(war.note))
    if qa.predictions:
        blocks.append(
            Table(
                caption=f"Predictions in {qa.asked_by} (October 2024), checked against "
                f"outcomes recorded to {_latest(dataset)}",
                columns=("Prediction", "Assessment", "Evidence"),
                rows=tuple((p.claim, p.assessment, p.evidence) for p in qa.predictions),
                confidence=tuple(p.confidence for p in qa.predictions),
                source_ids=tuple(p.source_ids for p in qa.predictions),
                widths=(3, 1, 4),
            )
        )
    changes = changes_2001_to_2025(dataset)
    if changes:
        blocks.append(Heading("What changed from 2001 to 2025"))
        blocks.append(
            Table(
                caption="Themes of the 2025 treaty set against the 2001 treaty",
                columns=("Theme", "Change", "Articles", "2001", "2025"),
                rows=tuple((c.theme, c.relation, c.articles, c.before, c.after) for c in changes),
                confidence=tuple(c.confidence for c in changes),
                source_ids=tuple(c.source_ids for c in changes),
                widths=(1.3, 1, 1.2, 3, 3),
            )
        )
    return Section(
        key="overview",
        title="Overview",
        url_path=site.path("overview"),  # "": the home page, "/"
        blocks=tuple(blocks),
        query={"as_of": day.isoformat()} if day else {},
        summary=qa.answer,
    )
