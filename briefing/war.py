"""What the 2026 war showed about the partnership: the answer to the October 2024 question
put to its largest test so far.

Each sentence is our wording (analysis, not a quote) resting on named rows of the data:
its dates are read from those rows, its sources are theirs, and its confidence is the
weakest of theirs. A sentence appears only once every row it rests on had happened by the
as-of day, so the passage rewinds with the sidebar's date like the views do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from briefing.schema import Claim, Confidence
from briefing.store import Dataset

#: the war's opening event: before it, the passage says the test had not come yet
OPENING = "ev-2026-02-us-israeli-strikes-resume"

#: (sentence, row ids). "{row-id}" in a sentence is replaced by that row's date.
SENTENCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "When the United States and Israel attacked Iran on {ev-2026-02-us-israeli-strikes-resume}"
        " and killed its Supreme Leader, the 2025 treaty gave Iran no defence clause to invoke.",
        (
            "ev-2026-02-us-israeli-strikes-resume",
            "ev-2026-03-01-khamenei-death-confirmed",
            "ru-ir-2025",
        ),
    ),
    (
        "Moscow condemned the attack as unprovoked armed aggression, Putin called Khamenei's "
        "killing cynical and pledged the new Supreme Leader Russia's unwavering support, and "
        "the Kremlin said that Iran had asked for no help and that the war was not Russia's.",
        (
            "ev-2026-02-28-russian-mfa-condemns",
            "ev-2026-03-01-putin-condolences",
            "ev-2026-03-09-putin-congratulates-mojtaba",
            "ev-2026-03-peskov-not-our-war",
        ),
    ),
    (
        "Russia's help on the record was diplomatic and humanitarian: an emergency Security "
        "Council meeting, a ceasefire draft that failed, medicines flown in on "
        "{ev-2026-03-12-russian-humanitarian-aid}, and a veto, with China, of a draft on the "
        "Strait of Hormuz on {ev-2026-04-07-hormuz-veto}.",
        (
            "ev-2026-02-28-unsc-emergency-meeting",
            "ev-2026-03-11-russian-draft-fails",
            "ev-2026-03-12-russian-humanitarian-aid",
            "ev-2026-04-07-hormuz-veto",
        ),
    ),
    (
        "It did not veto resolution 2817, which condemned Iran's strikes on the Gulf states "
        "(it abstained), and Rosatom suspended construction at Bushehr and evacuated most of "
        "its staff.",
        (
            "ev-2026-03-11-unsc-resolution-2817",
            "ev-2026-03-03-rosatom-halts-bushehr",
            "ev-2026-03-11-rosatom-second-evacuation",
        ),
    ),
    (
        "Reports that Russia passed Iran the locations of US forces rest on unnamed US "
        "officials and were not confirmed; the Kremlin would not comment.",
        (
            "ev-2026-03-06-wapo-intelligence-report",
            "cl-wapo-russia-targeting-intel",
            "ev-2026-03-10-kremlin-no-comment-intelligence",
        ),
    ),
    (
        "The fighting stopped with a US–Iran ceasefire on {ev-2026-04-07-us-iran-ceasefire}, "
        "mediated by Pakistan, and a US–Iran memorandum in {ev-2026-06-us-iran-memorandum}, "
        "neither with a recorded Russian part.",
        ("ev-2026-04-07-us-iran-ceasefire", "ev-2026-06-us-iran-memorandum"),
    ),
)

_RANK = {level: index for index, level in enumerate(Confidence)}
_PLACEHOLDER = re.compile(r"\{([a-z0-9-]+)\}")


@dataclass(frozen=True)
class Sentence:
    text: str
    confidence: str
    source_ids: tuple[str, ...]
    row_ids: tuple[str, ...]


@dataclass(frozen=True)
class WarTest:
    """The 2026 passage as of a day: its sentences, or why there are none yet."""

    heading: str
    sentences: tuple[Sentence, ...]
    note: str = ""  # said instead of, or after, the sentences

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(sid for s in self.sentences for sid in s.source_ids))


HEADING = "Tested in 2026: what the partnership was worth when Iran was attacked"


def _row_date(row) -> date:
    """When a row became known: an event's date, a claim's date, a treaty's signing."""
    when = getattr(row, "date", None) or getattr(row, "claim_date", None)
    when = when or getattr(row, "signed", None)
    return getattr(when, "start", date.min)


def _sources(row) -> list[str]:
    if isinstance(row, Claim):
        return [row.claimed_by, *row.evidence_source_ids]
    return list(row.source_ids)


def compose(
    dataset: Dataset, day: date, specs: tuple[tuple[str, tuple[str, ...]], ...]
) -> tuple[list[Sentence], int]:
    """The sentences of `specs` whose rows had all happened by `day`, and how many were
    left out (a row missing from the data, or not yet happened)."""
    sentences: list[Sentence] = []
    left_out = 0
    for template, row_ids in specs:
        found = [dataset.find(row_id) for row_id in row_ids]
        rows = [pair[1] for pair in found if pair is not None]
        if len(rows) != len(row_ids) or any(_row_date(r) > day for r in rows):
            left_out += 1
            continue

        def date_of(match: re.Match, rows=rows) -> str:
            row = next((r for r in rows if r.id == match.group(1)), None)
            when = getattr(row, "date", None)
            return when.human() if when is not None else "an unrecorded date"

        weakest = max((r.confidence for r in rows), key=lambda c: _RANK[c])
        sources = dict.fromkeys(sid for r in rows for sid in _sources(r))
        sentences.append(
            Sentence(_PLACEHOLDER.sub(date_of, template), weakest.value, tuple(sources), row_ids)
        )
    return sentences, left_out


def war_started(dataset: Dataset, day: date) -> bool:
    opening = dataset.get("events", OPENING)
    return opening is not None and opening.date.start <= day


def war_test(dataset: Dataset, day: date | None = None) -> WarTest:
    """The passage as of `day` (default: the data's own date)."""
    day = day or dataset.as_of or date.max
    opening = dataset.get("events", OPENING)
    if opening is None:
        return WarTest(HEADING, (), "The 2026 war is not recorded in this data.")
    if opening.date.start > day:
        return WarTest(
            HEADING,
            (),
            f"As of {day.strftime('%-d %B %Y')} no war on Iran had yet tested the 2025 treaty "
            "(the June 2025 war came before it entered into force).",
        )
    sentences, left_out = compose(dataset, day, SENTENCES)
    note = ""
    if left_out:
        note = (
            f"{left_out} further point{'s' if left_out != 1 else ''} of this passage rest on "
            f"events after {day.strftime('%-d %B %Y')} and are left out at this date."
        )
    return WarTest(HEADING, tuple(sentences), note)


#: the exchange explorer's outcome line for the 2026 war: what Russia gave, what it did not
EXCHANGE_OUTCOME: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "In the 2026 war Russia gave political backing: condemnation of the attack, "
        "condolences, and support pledged in words to the new Supreme Leader.",
        (
            "ev-2026-02-28-russian-mfa-condemns",
            "ev-2026-03-01-putin-condolences",
            "ev-2026-03-09-putin-congratulates-mojtaba",
        ),
    ),
    (
        "It gave diplomatic cover at the UN: an emergency Security Council meeting, a "
        "ceasefire draft of its own that failed, and a veto, with China, of a Hormuz draft "
        "on {ev-2026-04-07-hormuz-veto}.",
        (
            "ev-2026-02-28-unsc-emergency-meeting",
            "ev-2026-03-11-russian-draft-fails",
            "ev-2026-04-07-hormuz-veto",
        ),
    ),
    (
        "It gave humanitarian aid: medicines flown to Azerbaijan for Iran on "
        "{ev-2026-03-12-russian-humanitarian-aid}.",
        ("ev-2026-03-12-russian-humanitarian-aid",),
    ),
    (
        "It did not give a defence guarantee (the Kremlin said Iran asked for no help) or a "
        "veto of resolution 2817 condemning Iran's strikes on the Gulf states (it "
        "abstained), and it suspended its construction work at Bushehr.",
        (
            "ev-2026-03-peskov-not-our-war",
            "ev-2026-03-11-unsc-resolution-2817",
            "ev-2026-03-03-rosatom-halts-bushehr",
        ),
    ),
    (
        "Military help is not on the record: reports of targeting intelligence and of "
        "Russian parts in Iranian drones rest on unnamed officials or on Ukraine, and are "
        "unconfirmed.",
        ("cl-wapo-russia-targeting-intel", "cl-zelensky-russian-drone-components"),
    ),
)


def exchange_outcome(dataset: Dataset, day: date) -> list[Sentence]:
    """What Russia gave and did not give in the 2026 war, as of `day` ([] before it)."""
    if not war_started(dataset, day):
        return []
    return compose(dataset, day, EXCHANGE_OUTCOME)[0]
