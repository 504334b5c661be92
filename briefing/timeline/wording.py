"""Fixed words of the timeline: assessment symbols and meanings, actor names."""

from __future__ import annotations

from briefing.schema import Assessment

#: a symbol beside every assessment, so it never rests on colour (or on the word) alone
ASSESSMENT_SYMBOL = {
    Assessment.BORNE_OUT.value: "✔",
    Assessment.PARTLY_BORNE_OUT.value: "◑",
    Assessment.NOT_BORNE_OUT.value: "✘",
    Assessment.CONTRADICTED.value: "⊘",
    Assessment.DISPUTED.value: "⚠",
    Assessment.OPEN.value: "…",
}
ASSESSMENT_MEANING = {
    Assessment.BORNE_OUT.value: "later reporting shows it was right",
    Assessment.PARTLY_BORNE_OUT.value: "right in part, wrong or unconfirmed in part",
    Assessment.NOT_BORNE_OUT.value: "what was predicted did not happen",
    Assessment.CONTRADICTED.value: "other sources say something different",
    Assessment.DISPUTED.value: "named sources disagree; both sides are given",
    Assessment.OPEN.value: "not yet settled, or not checked against other sources",
}

#: actor slugs whose plain capitalisation would be wrong
ACTOR_NAMES = {
    "brics": "BRICS",
    "un-security-council": "UN Security Council",
    "un": "UN",
    "hts": "HTS",
    "iaea": "IAEA",
    "eu": "EU",
    "us": "US",
    "uk": "UK",
    "csto": "CSTO",
    "nato": "NATO",
    "irgc": "IRGC",
}


def actor_name(slug: str) -> str:
    """'north-korea' -> 'North Korea'; known acronyms kept as acronyms."""
    key = slug.strip().lower()
    if key in ACTOR_NAMES:
        return ACTOR_NAMES[key]
    if slug != key or " " in slug:
        return slug.strip()  # already written as a name
    return " ".join(part.capitalize() for part in key.split("-") if part)
