"""The vocabularies the tables share: every closed list a cell may hold, as a StrEnum.

Split from `briefing.schema` (which re-exports every name, so `from briefing.schema
import Confidence` keeps working): the schema's row models use these, and so do views
that only need a label list, without the models.
"""

from __future__ import annotations

from enum import StrEnum


class Confidence(StrEnum):
    """How sure we are of a row, from best to worst attested."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    ARTICLE_ONLY = "article-only"
    DISPUTED = "disputed"
    UNVERIFIED = "unverified"


CONFIDENCE_MEANING = {
    Confidence.CONFIRMED: "Seen in named public sources independent of the two source "
    "articles: at least two outlets (a copy counts once, through its original), not all "
    "the state media or government of one state; or the treaty's own text.",
    Confidence.REPORTED: "Reported by a named source but not independently confirmed: one "
    "outlet, one state's media or officials, or an announcement not yet borne out.",
    Confidence.ARTICLE_ONLY: "Appears only in one of the two source articles; no "
    "independent source was found either way.",
    Confidence.DISPUTED: "Named sources disagree, or the report rests on unnamed officials "
    "and is denied or unconfirmed; each side is recorded in the claims table.",
    Confidence.UNVERIFIED: "Background knowledge not checked against a source; shown only "
    "as context, never as a finding.",
}


class Obligation(StrEnum):
    """What a treaty clause pledges if a party is attacked, weakest to strongest."""

    NOT_APPLICABLE = "not applicable"
    INCONCLUSIVE = "inconclusive"
    NON_ASSISTANCE = "non-assistance to aggressor"
    CONSULTATION = "consultation"
    COOPERATION = "cooperation"
    CONSTITUTIONAL = "act per constitutional process"
    AS_DEEMED_NECESSARY = "assistance as deemed necessary"
    ATTACK_ON_ALL = "attack on one is attack on all"
    IMMEDIATE = "immediate military assistance"


#: The ordinal ladder (1 = weakest pledge). Codes outside the ladder have no rank.
OBLIGATION_LADDER = [
    Obligation.NON_ASSISTANCE,
    Obligation.CONSULTATION,
    Obligation.COOPERATION,
    Obligation.CONSTITUTIONAL,
    Obligation.AS_DEEMED_NECESSARY,
    Obligation.ATTACK_ON_ALL,
    Obligation.IMMEDIATE,
]

OBLIGATION_MEANING = {
    Obligation.NON_ASSISTANCE: "Promises only not to help whoever attacks the other party.",
    Obligation.CONSULTATION: "Promises to consult or coordinate positions when a threat arises.",
    Obligation.COOPERATION: "Promises cooperation (exercises, exchanges, arms supply) "
    "without any pledge tied to an attack.",
    Obligation.CONSTITUTIONAL: "Promises to act against a common danger according to each "
    "party's constitutional process (e.g. US–Japan Art. V).",
    Obligation.AS_DEEMED_NECESSARY: "Treats an attack as one on all, each party taking the "
    "action it deems necessary, force included (e.g. NATO Art. 5).",
    Obligation.ATTACK_ON_ALL: "Treats an attack as one on all and promises necessary "
    "assistance, military included (e.g. CSTO Art. 4).",
    Obligation.IMMEDIATE: "Promises immediate military and other assistance by all means "
    "(e.g. China–DPRK 1961 Art. II, DPRK–Russia 2024 Art. 4).",
    Obligation.NOT_APPLICABLE: "The clause is not about defence.",
    Obligation.INCONCLUSIVE: "The available text does not settle what is pledged.",
}


class Theme(StrEnum):
    MUTUAL_DEFENCE = "mutual defence"
    NON_ASSISTANCE = "non-assistance to an aggressor"
    CONSULTATION = "consultation"
    MILITARY_COOPERATION = "military cooperation"
    INTELLIGENCE = "intelligence"
    ARMS_CONTROL = "arms control and WMD"
    TERRITORY = "territory and separatism"
    REGIONAL = "regional security"
    SANCTIONS = "sanctions"
    ENERGY_NUCLEAR = "energy and nuclear"
    FINANCE = "finance and payments"
    TRANSPORT = "transport"
    MEDIA = "media and information"
    PRINCIPLES = "principles"
    DURATION = "duration"


class Relation(StrEnum):
    """How a provision relates to the same theme in the treaty it succeeds."""

    CONTINUITY = "continuity"
    EXPANDED = "expanded"
    NARROWED = "narrowed"
    DEPARTURE = "departure"
    NEW = "new"
    ABSENT = "absent"


class SourceKind(StrEnum):
    TREATY_TEXT = "treaty text"
    OFFICIAL_STATEMENT = "official statement"
    NEWS_REPORT = "news report"
    ANALYSIS = "analysis"
    OPINION = "opinion"
    REFERENCE = "reference"


class DateBasis(StrEnum):
    """On what a source's publication date rests."""

    STATED = "stated"  # a dateline or date stamp on the page itself
    URL = "url"  # a date in the page's address, or an id that encodes it
    INFERRED = "inferred"  # reasoned from the page's content; the note says how


DATE_BASIS_MEANING = {
    DateBasis.STATED: "The page states it (a dateline or a date stamp).",
    DateBasis.URL: "Read from the page's address (a date in the path, or an id encoding it).",
    DateBasis.INFERRED: "Inferred from the page's content; the source's note gives the "
    "reasoning, and the date is shown as 'c.'.",
}


class OutletType(StrEnum):
    """What kind of body publishes a source: used by the confidence rule."""

    STATE_MEDIA = "state media"  # state-owned or state-affiliated media
    GOVERNMENT = "government"  # a government, ministry, parliament or other official body
    INTERNATIONAL = "international organisation"  # the UN and other intergovernmental bodies
    INDEPENDENT = "independent media"
    THINK_TANK = "think tank or academic"
    REFERENCE = "reference work"  # encyclopaedias, treaty collections, wikis
    AGGREGATOR = "aggregator"  # republishes others' reports; cite the original
    UNKNOWN = "unknown"


OUTLET_TYPE_MEANING = {
    OutletType.STATE_MEDIA: "Owned or controlled by a state (e.g. TASS, RIA Novosti, IRNA, "
    "Press TV): it speaks for that state.",
    OutletType.GOVERNMENT: "A government, ministry, parliament or other official body: "
    "speaks for its state on the record.",
    OutletType.INTERNATIONAL: "An intergovernmental organisation (e.g. UN press releases).",
    OutletType.INDEPENDENT: "Media not owned or controlled by a state.",
    OutletType.THINK_TANK: "A research institute, university or scholarly publisher.",
    OutletType.REFERENCE: "A reference work or document collection (encyclopaedia, treaty "
    "database, wiki).",
    OutletType.AGGREGATOR: "Republishes other outlets' reports; the original is cited first.",
    OutletType.UNKNOWN: "Not established.",
}

#: outlet types that speak for a state: a row resting only on these, from one state, is
#: that state's word, not a confirmed fact
STATE_VOICES = (OutletType.STATE_MEDIA, OutletType.GOVERNMENT)


class TreatyRole(StrEnum):
    SUBJECT = "subject"  # one of the three treaties the briefing is about
    COMPARATOR = "comparator"  # a reference point on the pledge-strength ladder


class TreatyStatus(StrEnum):
    SIGNED = "signed"
    RATIFIED = "ratified"
    IN_FORCE = "in force"
    SUPERSEDED = "superseded"
    EXPIRED = "expired"
    UNKNOWN = "unknown"  # the sources consulted do not say


class SystemCategory(StrEnum):
    FIGHTER = "fighter"
    STRIKE_AIRCRAFT = "strike aircraft"
    TRAINER = "trainer"
    ATTACK_HELICOPTER = "attack helicopter"
    AIR_DEFENCE = "air defence"
    DRONE = "drone"
    BALLISTIC_MISSILE = "ballistic missile"
    SATELLITE_LAUNCH = "satellite launch"


class SystemStatus(StrEnum):
    IN_SERVICE = "in service"
    AGEING = "ageing"
    ORDERED = "ordered"
    REPORTED_DELIVERED = "reported delivered"
    DELIVERED = "delivered"
    REQUESTED = "requested"
    WISH_LIST = "wish list"
    SUPPLIED_TO_RUSSIA = "supplied to Russia"
    LAUNCHED = "launched"
    DENIED = "denied"


class Direction(StrEnum):
    TO_IRAN = "to Iran"
    IRAN_TO_RUSSIA = "Iran to Russia"


class ExchangeDirection(StrEnum):
    IRAN_OFFERS = "Iran offers Russia"
    IRAN_WANTS = "Iran wants from Russia"
    RUSSIA_OFFERS = "Russia offers Iran"


class ExchangeStatus(StrEnum):
    DELIVERED = "delivered"
    PARTLY_DELIVERED = "partly delivered"
    SUSPENDED = "suspended"  # begun, then halted (Bushehr construction in March 2026)
    IN_TREATY = "in the treaty"
    NOT_GRANTED = "not granted"
    SPECULATIVE = "speculative"
    DISPUTED = "disputed"


class EventTheme(StrEnum):
    TREATY = "treaty"
    DIPLOMACY = "diplomacy"
    ARMS = "arms transfers"
    SPACE = "space"
    CONFLICT = "conflict"
    IRAN_POLITICS = "Iranian politics"
    REGION = "regional shift"
    SANCTIONS = "sanctions and economy"
    UN = "UN and IAEA"  # Security Council and IAEA Board votes, drafts and vetoes
    ENERGY = "energy and nuclear"  # Bushehr, Rosatom, uranium offers
    TRANSPORT = "transport"  # the North-South corridor, Rasht-Astara, Caspian shipping


class Assessment(StrEnum):
    BORNE_OUT = "borne out"
    PARTLY_BORNE_OUT = "partly borne out"
    NOT_BORNE_OUT = "not borne out"
    CONTRADICTED = "contradicted"
    DISPUTED = "disputed"
    OPEN = "open"


class ClaimKind(StrEnum):
    PREDICTION = "prediction"
    FACT = "statement of fact"
    FIGURE = "figure"
    DATING = "dating"
    QUOTATION = "quotation"


__all__ = [
    "Confidence",
    "Obligation",
    "Theme",
    "Relation",
    "SourceKind",
    "DateBasis",
    "OutletType",
    "TreatyRole",
    "TreatyStatus",
    "SystemCategory",
    "SystemStatus",
    "Direction",
    "ExchangeDirection",
    "ExchangeStatus",
    "EventTheme",
    "Assessment",
    "ClaimKind",
    "CONFIDENCE_MEANING",
    "OBLIGATION_LADDER",
    "OBLIGATION_MEANING",
    "DATE_BASIS_MEANING",
    "OUTLET_TYPE_MEANING",
    "STATE_VOICES",
]
