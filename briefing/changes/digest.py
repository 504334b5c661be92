"""The digest: a few plain sentences at the top of What changed, each resting on rows.

Deterministic, and it only restates rows: a treaty's steps in the window make one
sentence ("the Russia–Iran 2025 treaty went from signed to in force: it was approved by
State Duma on 8 April 2025, …"); other status changes one, each subject named once
("the system “X” went from “A” to “B” in 2010, then “C” in 2015"); claims' assessments
one; the remaining events one (counted and named by theme); new sources one. Each
`Sentence` carries the source ids of the rows it restates and their ids. Status words,
names and titles are the data's own (shortened, never reworded); the sentence frames
are ours. The text is plain: a page escapes it before Markdown, the PDF builder cleans it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from briefing import asof
from briefing.changes.changes import (
    AFTER_EDGE,
    BEFORE_EDGE,
    BEGAN_BEFORE,
    UNDER_WAY,
    Changes,
    ClaimChange,
    EventChange,
    StatusChange,
    source_ids,
    treaty_name,
)
from briefing.changes.state import human
from briefing.schema import Confidence, EventTheme, Treaty
from briefing.store import Dataset
from briefing.text import shorten

CONFIRMED = Confidence.CONFIRMED.value
NAME_CAP = 110  # characters of a name or title inside a sentence
WORD_CAP = 60  # characters of a status or assessment word
NAMED_STEPS = 6  # status changes named in one sentence; the rest are counted
NAMED_EVENTS = 4  # events of one treaty named
NAMED_PER_THEME = 2  # events per theme named
#: status words read as a verb after "was" (others become "was recorded as <status>")
PARTICIPLES = (
    "signed",
    "approved",
    "ratified",
    "renewed",
    "extended",
    "superseded",
    "expired",
    "ended",
    "suspended",
    "terminated",
    "denounced",
    "launched",
    "delivered",
    "ordered",
    "denied",
    "requested",
    "supplied",
)
EDGE_WORDS = {
    BEFORE_EDGE: "possibly before the window",
    AFTER_EDGE: "possibly after the as-of date",
    BEGAN_BEFORE: "begun before the window",
    UNDER_WAY: "still under way",
}


@dataclass(frozen=True)
class Sentence:
    text: str
    source_ids: tuple[str, ...]
    row_ids: tuple[str, ...] = ()


def _name(text: str, cap: int = NAME_CAP) -> str:
    """Data text as it may sit inside a sentence: cleaned, capped, on one line."""
    return " ".join(shorten(text, cap).split())


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _word(status: str) -> str:
    return _name(status, WORD_CAP)


def _when(item: StatusChange | ClaimChange | EventChange, *extra: str) -> str:
    """'on 8 April 2025' / 'in March 2025', then in one bracket: '(possibly before the
    window; no change; disputed)': the edges, `extra`, and the confidence of a row that
    is not confirmed (every view labels it; so does the digest)."""
    notes = _notes(item, *extra)
    text = asof.on(item.when)
    return f"{text} ({'; '.join(notes)})" if notes else text


def _notes(item: StatusChange | ClaimChange | EventChange, *extra: str) -> list[str]:
    notes = [EDGE_WORDS[edge] for edge in item.edges] + list(extra)
    level = _word(item.confidence or "")
    if level and level != CONFIRMED:
        notes.append(level)
    return notes


def _event(event: EventChange) -> str:
    """'Title (18 May 2025; reported)': one bracket for the date and its notes."""
    return f"{_name(event.title)} ({'; '.join([event.date_text, *_notes(event)])})"


def _step_phrase(status: str) -> str:
    """'was approved by State Duma', 'entered into force', 'was recorded as disputed'."""
    words = _word(status)
    first = words.split(" ", 1)[0].lower() if words else ""
    if words.lower() == "in force":
        return "entered into force"
    if first in PARTICIPLES:
        return f"was {words}"
    return f"was recorded as {words}"


def _join(parts: list[str], last: str = "and") -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {last} " + parts[-1]


def _quoted(kind: str, name: str) -> str:
    return f"the {kind} “{_name(name)}”"


# ------------------------------------------------------------------ sentences
def _treaty_sentences(dataset: Dataset, changes: Changes) -> list[Sentence]:
    found: list[Sentence] = []
    steps_by: dict[str, list[StatusChange]] = {}
    for step in changes.statuses:
        if step.subject_kind == "treaty":  # a repeated step (a second renewal) is an act too
            steps_by.setdefault(step.subject_id, []).append(step)
    events_by: dict[str, list[EventChange]] = {}
    for event in changes.events:
        if event.treaty_id:
            events_by.setdefault(event.treaty_id, []).append(event)
    order = list(dict.fromkeys([*steps_by, *events_by]))
    subject_first = {t.id: t.role.value != "subject" for t in dataset.treaties}
    order.sort(key=lambda tid: subject_first.get(tid, True))  # stable: briefed treaties first
    for treaty_id in order:
        treaty = dataset.get("treaties", treaty_id)
        name = "the " + _name(treaty_name(treaty) if isinstance(treaty, Treaty) else treaty_id)
        steps = steps_by.get(treaty_id, [])
        events = events_by.get(treaty_id, [])
        step_days = {step.when for step in steps}
        matched = [e for e in events if e.when in step_days]
        others = [e for e in events if e.when not in step_days]
        if steps:
            phrases = [f"{_step_phrase(s.status)} {_when(s)}" for s in steps[:NAMED_STEPS]]
            more = len(steps) - NAMED_STEPS
            if more > 0:
                phrases.append(f"took {more} more recorded step{'s' if more > 1 else ''}")
            first, last = steps[0], steps[-1]
            same = first.before is not None and _norm(first.before) == _norm(last.status)
            if first.before is not None and len(steps) > 1 and not same:
                text = (
                    f"{name} went from {_word(first.before)} to {_word(last.status)}: "
                    f"it {_join(phrases)}"
                )
            elif first.before is not None and not same:
                text = (
                    f"{name} went from {_word(first.before)} to {_word(last.status)} {_when(last)}"
                )
            else:
                text = f"{name} {_join(phrases)}"
            ids = source_ids(steps) + source_ids(matched)
            rows = tuple(s.row_id or s.subject_id for s in steps) + tuple(e.id for e in matched)
            found.append(Sentence(text, tuple(dict.fromkeys(ids)), rows))
        if others:
            named = "; ".join(_event(e) for e in others[:NAMED_EVENTS])
            more = len(others) - NAMED_EVENTS
            if more > 0:
                named += f"; and {more} more event{'s' if more > 1 else ''}"
            lead = "also recorded for" if steps else "events concerning"
            text = f"{lead} {name}: {named}"
            found.append(Sentence(text, source_ids(others), tuple(e.id for e in others)))
    return found


def _status_phrase(step: StatusChange | ClaimChange) -> str:
    if isinstance(step, ClaimChange):
        who = _quoted("claim", step.claim)
        new = _word(step.assessment)
    else:
        treaty = step.subject_kind == "treaty"
        who = (
            f"the {_name(step.subject_name)}"
            if treaty
            else _quoted(step.subject_kind, step.subject_name)
        )
        new = _word(step.status)
    pending = isinstance(step, StatusChange) and step.before_pending_date is not None
    if step.before is None and pending:
        return (
            f"{who} was recorded as “{new}” {_when(step)} (possibly already "
            f"“{_word(step.before_pending)}”, dated only {step.before_pending_date.human()})"
        )
    if step.before is None:
        return f"{who} was first recorded as “{new}” {_when(step)}"
    if isinstance(step, StatusChange) and not step.changed:
        return f"{who} was restated as “{new}” {_when(step, 'no change')}"
    return f"{who} went from “{_word(step.before)}” to “{new}” {_when(step)}"


def _subject_id(item: StatusChange | ClaimChange) -> str:
    return item.claim_id if isinstance(item, ClaimChange) else item.subject_id


def _then_phrase(step: StatusChange | ClaimChange, previous: StatusChange | ClaimChange) -> str:
    """A later change of the same subject: 'then “delivered” on 11 April 2016'."""
    new = _word(step.assessment if isinstance(step, ClaimChange) else step.status)
    old = previous.assessment if isinstance(previous, ClaimChange) else previous.status
    if _norm(old) == _norm(new):
        return f"restated as “{new}” {_when(step, 'no change')}"
    return f"then “{new}” {_when(step)}"


def _list_sentence(items: list, noun: str) -> Sentence | None:
    """One sentence: each subject's changes in order, the subject named once."""
    if not items:
        return None
    by_subject: dict[str, list] = {}
    for item in items:
        by_subject.setdefault(_subject_id(item), []).append(item)
    phrases, named = [], 0
    for steps in by_subject.values():
        if named >= NAMED_STEPS:
            break
        shown = steps[: NAMED_STEPS - named]
        phrase = _status_phrase(shown[0])
        if len(shown) > 1:
            later = zip(shown[1:], shown, strict=False)
            phrase += ", " + ", ".join(_then_phrase(step, before) for step, before in later)
        phrases.append(phrase)
        named += len(shown)
    more = len(items) - named
    text = "; ".join(phrases)
    if more > 0:
        text += f"; and {more} more {noun}{'s' if more > 1 else ''} (listed below)"
    rows = tuple(item.row_id or _subject_id(item) for item in items)
    return Sentence(text, source_ids(items), rows)


def _events_sentence(changes: Changes, after_treaties: bool) -> Sentence | None:
    events = [e for e in changes.events if not e.treaty_id]
    if not events:
        return None
    counts = Counter(e.theme for e in events)
    theme_order = {t.value: n for n, t in enumerate(EventTheme)}
    themes = sorted(counts, key=lambda t: (-counts[t], theme_order.get(t, 99), t))
    groups = []
    for theme in themes:
        these = [e for e in events if e.theme == theme]
        named = [_event(e) for e in these[:NAMED_PER_THEME]]
        more = len(these) - NAMED_PER_THEME
        if more > 0:
            named.append(f"{more} more")
        groups.append(f"{theme} ({len(these)}): {_join(named)}")
    other = "other " if after_treaties else ""
    verb = "are" if len(events) > 1 else "is"
    noun = "event" if len(events) == 1 else "events"
    text = f"{len(events)} {other}{noun} {verb} recorded, by theme: {'; '.join(groups)}"
    return Sentence(text, source_ids(events), tuple(e.id for e in events))


def _sources_sentence(changes: Changes) -> Sentence | None:
    sources = changes.sources
    if not sources:
        return None
    unsure = sum(1 for s in sources if s.edges)
    verb = "were" if len(sources) > 1 else "was"
    noun = "sources" if len(sources) > 1 else "source"
    text = f"{len(sources)} {noun} in the register {verb} published in the window"
    if unsure:
        text += f" ({unsure} dated only to the month or year, possibly outside it)"
    return Sentence(text, source_ids(sources), tuple(s.id for s in sources))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def digest(dataset: Dataset, changes: Changes) -> tuple[Sentence, ...]:
    """A few sentences on the window, each with the source ids of the rows it restates."""
    window = changes.window
    opening = f"Between {human(window.since)} and {human(window.until)}"
    if changes.empty:
        return (
            Sentence(
                f"{opening}, nothing in the data is dated: no event, status change, claim "
                "assessment or newly published source.",
                (),
            ),
        )
    treaty_sentences = _treaty_sentences(dataset, changes)
    # other subjects' status changes (rows that only restate a status included, marked)
    others = [s for s in changes.statuses if s.subject_kind != "treaty"]
    bodies = [
        *treaty_sentences,
        _list_sentence(others, "status change"),
        _list_sentence(list(changes.claims), "claim assessment"),
        _events_sentence(changes, bool(treaty_sentences)),
        _sources_sentence(changes),
    ]
    sentences = []
    for body in [b for b in bodies if b is not None]:
        text = f"{opening}, {body.text}" if not sentences else _capital(body.text)
        sentences.append(Sentence(text + ".", body.source_ids, body.row_ids))
    return tuple(sentences)
