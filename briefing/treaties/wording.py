"""What the treaty comparison says in fixed words: names, help texts and notices."""

from __future__ import annotations

from briefing.treaties.state import MAX_TREATIES

NOTHING = "nothing recorded on this theme"
LANGUAGES = {
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "fa": "Persian",
    "ko": "Korean",
    "zh": "Chinese",
    "de": "German",
    "ar": "Arabic",
    "ja": "Japanese",
}
PARTY_NAMES = {
    "russia": "Russia",
    "iran": "Iran",
    "dprk": "DPRK (North Korea)",
    "china": "China",
    "usa": "United States",
    "japan": "Japan",
    "belarus": "Belarus",
    "nato-member-states": "NATO member states",
    "csto-member-states": "CSTO member states",
}
GLANCE_HELP = (
    "Does the treaty contain a mutual-defence clause? From the treaties table; its sources "
    "are listed under Headline facts."
)
LADDER_NOTE = (
    "A defence pledge is a clause on what happens if a party is attacked or threatened "
    "(mutual defence, non-assistance to an aggressor, consultation); general cooperation "
    "clauses (e.g. military cooperation) are in the table above, not on the ladder."
)
TOO_MANY = (
    f"The link names more than {MAX_TREATIES} treaties; the first {MAX_TREATIES} are compared."
)
