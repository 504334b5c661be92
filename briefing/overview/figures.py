"""What the overview shows, read from the data: headline figures, the changes from 2001
to 2025, the October 2024 question and its predictions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from briefing.asof import treaty_status_on
from briefing.dates import PartialDate
from briefing.schema import OBLIGATION_LADDER, Assessment, Provision, Treaty
from briefing.store import Dataset
from briefing.treaties import clauses_for, strongest  # one rule for what counts

OLD, NEW, DPRK = "ru-ir-2001", "ru-ir-2025", "dprk-ru-2024"
QUESTION = "Will Putin sign a mutual defence treaty with Iran?"
QUESTION_SOURCE = "tsitrin-2024"


@dataclass(frozen=True)
class Headline:
    value: str
    label: str
    source_ids: tuple[str, ...] = ()
    confidence: str = ""


@dataclass(frozen=True)
class Change:
    """One theme across the 2001 and 2025 treaties."""

    theme: str
    relation: str
    before: str  # 2001 summary, or "nothing recorded"
    after: str
    articles: str  # "Art. 3 → Art. 3(3)"
    confidence: str
    source_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Prediction:
    claim: str
    quote: str
    assessment: str
    evidence: str
    confidence: str
    source_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionAnswer:
    question: str
    asked_by: str
    answer: str
    predictions: tuple[Prediction, ...] = ()
    source_ids: tuple[str, ...] = ()
    missing: tuple[str, ...] = field(default_factory=tuple)


def strongest_pledge(dataset: Dataset, treaty_id: str) -> Provision | None:
    """The treaty's defence clause with the highest rank on the obligation ladder.

    The one rule lives in `briefing.treaties.strongest` (only clauses on what happens if
    a party is attacked or threatened count; general military cooperation is not a
    pledge to defend; ties go to mutual defence first), so the Overview and the Treaties
    page can never name different clauses.
    """
    best = strongest(clauses_for(dataset, treaty_id))
    if best is None:
        return None
    return dataset.get("provisions", best.provision_id)  # type: ignore[return-value]


def _articles(treaty: Treaty | None) -> str:
    if treaty is None or treaty.articles is None:
        return "unknown"
    return str(treaty.articles)


def headline_figures(dataset: Dataset, day: date | None = None) -> list[Headline]:
    """Numbers a reader should carry away, each with its sources."""
    old, new = dataset.get("treaties", OLD), dataset.get("treaties", NEW)
    figures: list[Headline] = []
    if new is not None:
        figures.append(
            Headline(
                f"{_articles(old)} → {_articles(new)}",
                "articles: the 2001 treaty against the 2025 treaty",
                tuple(dict.fromkeys([*(old.source_ids if old else []), *new.source_ids])),
                new.confidence.value,
            )
        )
        pledge = strongest_pledge(dataset, NEW)
        figures.append(
            Headline(
                "No" if new.mutual_defence == "no" else new.mutual_defence.capitalize(),
                "mutual-defence clause in the 2025 treaty"
                + (
                    f" (strongest pledge: {pledge.obligation.value}, Art. {pledge.article})"
                    if pledge
                    else ""
                ),
                tuple(new.source_ids) + (tuple(pledge.source_ids) if pledge else ()),
                new.confidence.value,
            )
        )
        signed, in_force = new.signed, new.entered_into_force
        if isinstance(in_force, PartialDate) and signed.precision == in_force.precision == "day":
            figures.append(
                Headline(
                    f"{(in_force.start - signed.start).days} days",
                    f"from signing ({signed.human()}) to entry into force ({in_force.human()})",
                    tuple(new.source_ids),
                    new.confidence.value,
                )
            )
        if day is not None:
            status = treaty_status_on(dataset, new, day)
            figures.append(
                Headline(
                    status.label,
                    f"status of the 2025 treaty on {day.isoformat()}",
                    status.source_ids or tuple(new.source_ids),
                    new.confidence.value,
                )
            )
    counts = assessment_counts(dataset)
    checked = sum(counts.values())
    if checked:
        wrong = counts["contradicted"] + counts["disputed"]
        flagged = [c for c in dataset.claims if c.assessment.value in ("contradicted", "disputed")]
        claim_sources = [c.claimed_by for c in flagged]
        figures.append(
            Headline(
                f"{wrong} of {checked}",
                "claims in the sources checked here that other reporting contradicts or disputes",
                tuple(dict.fromkeys(claim_sources)),
                _weakest([c.confidence.value for c in flagged]) if flagged else "confirmed",
            )
        )
    return figures


def changes_2001_to_2025(dataset: Dataset) -> list[Change]:
    """Each 2025 theme with a relation label: what 2001 said, what 2025 says."""
    before_by_theme: dict[str, list[Provision]] = {}
    for provision in dataset.provisions:
        if provision.treaty_id == OLD:
            before_by_theme.setdefault(provision.theme.value, []).append(provision)
    changes = []
    for provision in dataset.provisions:
        if provision.treaty_id != NEW or provision.relation is None:
            continue
        before = before_by_theme.get(provision.theme.value, [])
        before_text = " / ".join(p.summary for p in before) or "nothing recorded"
        before_articles = ", ".join(_art(p) for p in before) or "–"
        sources = [*provision.source_ids, *(s for p in before for s in p.source_ids)]
        confidences = [provision.confidence.value, *(p.confidence.value for p in before)]
        changes.append(
            Change(
                theme=provision.theme.value,
                relation=provision.relation.value,
                before=before_text,
                after=provision.summary,
                articles=f"{before_articles} → {_art(provision)}",
                confidence=_weakest(confidences),
                source_ids=tuple(dict.fromkeys(sources)),
            )
        )
    return changes


def _art(provision: Provision) -> str:
    return "article unknown" if provision.article == "unknown" else f"Art. {provision.article}"


_ORDER = ["confirmed", "reported", "article-only", "disputed", "unverified"]


def _weakest(labels: list[str]) -> str:
    """The least certain of several confidence labels (a chain is as strong as its weakest)."""
    return max(labels, key=lambda label: _ORDER.index(label) if label in _ORDER else 0)


def october_question(dataset: Dataset) -> QuestionAnswer:
    """Tsitrin's October 2024 question, his predictions, and what happened."""
    source = dataset.source(QUESTION_SOURCE)
    asked_by = (
        f"{source.author}, {source.publisher}"
        if source and source.author
        else (source.publisher if source else "source not in data")
    )
    predictions = tuple(
        Prediction(
            c.claim,
            c.quote or "",
            c.assessment.value,
            c.evidence,
            c.confidence.value,
            tuple(dict.fromkeys([c.claimed_by, *c.evidence_source_ids])),
        )
        for c in dataset.claims
        if c.claimed_by == QUESTION_SOURCE
    )
    new = dataset.get("treaties", NEW)
    dprk = dataset.get("treaties", DPRK)
    missing = tuple(name for name, row in ((NEW, new), (DPRK, dprk)) if row is None)
    if new is None:
        return QuestionAnswer(
            QUESTION, asked_by, "The 2025 treaty is not in this data.", predictions, (), missing
        )
    ours = strongest_pledge(dataset, NEW)
    theirs = strongest_pledge(dataset, DPRK) if dprk else None
    answer = (
        f"No. Putin and Pezeshkian signed a treaty on {new.signed.human()}, but it "
        f"{'has no' if new.mutual_defence == 'no' else 'has a'} mutual-defence clause."
    )
    if ours is not None:
        answer += (
            f" Its strongest defence pledge is {_art(ours)}: "
            f"{ours.obligation.value} (rank {OBLIGATION_LADDER.index(ours.obligation) + 1}"
            f" of {len(OBLIGATION_LADDER)} on the obligation scale)."
        )
    if theirs is not None and dprk is not None:
        answer += (
            f" The {dprk.short_name} treaty, by contrast, pledges "
            f"{theirs.obligation.value} ({_art(theirs)}, rank "
            f"{OBLIGATION_LADDER.index(theirs.obligation) + 1})."
        )
    sources = [
        *new.source_ids,
        *(ours.source_ids if ours else []),
        *(theirs.source_ids if theirs else []),
    ]
    return QuestionAnswer(
        QUESTION, asked_by, answer, predictions, tuple(dict.fromkeys(sources)), missing
    )


def reach_notice(dataset: Dataset, day: date | None = None) -> str:
    """Say plainly how far the record reaches when nothing is recorded after its last event.

    '' when the as-of day is before the latest event (the reader is looking back)."""
    latest = dataset.latest_event
    day = day or dataset.as_of
    if latest is None:
        return "No event is recorded in this data."
    if day is not None and day < latest.end:
        return ""
    checked = dataset.as_of.strftime("%-d %B %Y") if dataset.as_of else "an unknown date"
    return (
        f"Latest event recorded: {latest.human()}. Nothing has been recorded since; the "
        f"record was last checked on {checked}, so a quiet stretch here means no report "
        "was found, not that nothing happened."
    )


def assessment_counts(dataset: Dataset) -> dict[str, int]:
    """How the checked claims came out: {assessment: count}, every assessment listed."""
    counts = {a.value: 0 for a in Assessment}
    for claim in dataset.claims:
        counts[claim.assessment.value] += 1
    return counts
