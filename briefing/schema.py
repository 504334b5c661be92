"""Row models for every table in `data/`, and the vocabularies they share.

One pydantic model per CSV file. A model describes one row as the curator writes
it: every cell arrives as text, and the model turns it into a typed value or
says, in plain English, why it cannot. `TABLES` lists the files in load order
with their keys; `briefing.datapackage` turns it into `data/datapackage.json`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from briefing.dates import PATTERN as DATE_PATTERN
from briefing.dates import PartialDate

MAX_TEXT = 20_000  # longer cells are refused by the validator; views cap far shorter
UNKNOWN = "unknown"


# ----------------------------------------------------------------- vocabularies
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


# ------------------------------------------------------------------ cell types
def _text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _optional(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return _text(value)


def _id_list(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


def _partial_date(value: Any) -> Any:
    if isinstance(value, str):
        return PartialDate.parse(value)
    return value


def _optional_date(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return _partial_date(value)


def _date_or_unknown(value: Any) -> Any:
    if isinstance(value, str):
        if not value.strip():
            return None
        if value.strip().lower() == UNKNOWN:
            return UNKNOWN
        return PartialDate.parse(value)
    return value


def _int_or_unknown(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if not text or text.lower() == UNKNOWN:
            return None
        if not text.isdigit():
            raise ValueError(f"{value!r} is not a whole number (write digits, or 'unknown')")
        return int(text)
    return value


Ident = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")]
Text = Annotated[str, BeforeValidator(_text), Field(min_length=1, max_length=MAX_TEXT)]
OptText = Annotated[Annotated[str, Field(max_length=MAX_TEXT)] | None, BeforeValidator(_optional)]
OptRelation = Annotated["Relation | None", BeforeValidator(_optional)]
OptUrl = Annotated[
    Annotated[str, Field(pattern=r"^https?://[^\s<>\"]+$", max_length=2000)] | None,
    BeforeValidator(_optional),
]
OptIdent = Annotated[Ident | None, BeforeValidator(_optional)]
IdList = Annotated[
    list[Ident], BeforeValidator(_id_list), Field(min_length=1), PlainSerializer(";".join)
]
NameList = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=200)]],
    BeforeValidator(_id_list),
    Field(min_length=1),
    PlainSerializer(";".join),
]
OptIdList = Annotated[list[Ident], BeforeValidator(_id_list), PlainSerializer(";".join)]
Day = Annotated[PartialDate, BeforeValidator(_partial_date), PlainSerializer(str)]
OptDay = Annotated[PartialDate | None, BeforeValidator(_optional_date)]
DayOrUnknown = Annotated[PartialDate | Literal["unknown"] | None, BeforeValidator(_date_or_unknown)]
Count = Annotated[Annotated[int, Field(ge=0)] | None, BeforeValidator(_int_or_unknown)]
Score = Annotated[int, Field(ge=0, le=5)]


class Row(BaseModel):
    """Shared behaviour: forbid unknown columns, keep models immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Sourced(Row):
    source_ids: IdList = Field(description="Ids from sources.csv, separated by ';'.")
    locator: Text = Field(
        description="Where in the source: article, paragraph, page, section or the sentence."
    )
    confidence: Confidence = Field(description="How well attested the row is (see the scale).")


# ---------------------------------------------------------------------- tables
class Outlet(Row):
    """A publisher: who speaks when a source is cited (used by the confidence rule)."""

    id: Ident = Field(description="Stable id, e.g. tass.")
    name: Text = Field(description="The outlet's name as it names itself.")
    country: Text = Field(description="Country it is based in ('international', 'unknown').")
    type: OutletType = Field(description="state media, government, independent media, ...")
    state: OptText = Field(
        None, description="For state media and government bodies: the state they speak for."
    )
    url: OptUrl = Field(None, description="The outlet's home page.")
    basis: OptText = Field(None, description="What the country and type rest on.")
    note: OptText = None


Language = Annotated[
    Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")] | None,
    BeforeValidator(_optional),
]


class Source(Row):
    id: Ident = Field(description="Stable id, e.g. tass-1940345.")
    title: Text = Field(description="The page's own title, in its language.")
    title_en: OptText = Field(None, description="English gloss of a title in another language.")
    author: OptText = Field(None, description="Author(s), as the page names them.")
    publisher: Text = Field(description="Outlet, agency or institution, as the page names it.")
    outlet_id: OptIdent = Field(None, description="Id from outlets.csv.")
    published: DayOrUnknown = Field(
        description="Publication date (YYYY-MM-DD, YYYY-MM, YYYY) or 'unknown'."
    )
    published_basis: Annotated[DateBasis | None, BeforeValidator(_optional)] = Field(
        None,
        description="On what the date rests: stated, url or inferred; empty when unknown.",
    )
    url: OptUrl = Field(None, description="Exact address, only where it is known; empty if not.")
    kind: SourceKind = Field(
        description="treaty text, official statement, news report, analysis, opinion or reference."
    )
    language: Language = Field(None, description="Language of the page (en, ru, fa, ...).")
    copy_of: OptIdent = Field(
        None, description="Id of the original source this page copies or republishes."
    )
    checked: OptDay = Field(None, description="Day a curator last read the page (YYYY-MM-DD).")
    note: OptText = Field(
        None, description="Provenance caveats; the reasoning of an inferred date."
    )


class Treaty(Sourced):
    id: Ident = Field(description="Stable id, e.g. ru-ir-2025.")
    short_name: Text = Field(description="Name used in tables and charts.")
    title: Text = Field(description="Full official title as far as confirmed.")
    parties: NameList = Field(description="Parties, separated by ';'.")
    role: TreatyRole = Field(description="subject (briefed) or comparator (ladder reference).")
    signed: Day = Field(description="Date of signature.")
    signed_place: OptText = Field(None, description="Place of signature.")
    entered_into_force: DayOrUnknown = Field(
        description="Entry into force; empty if not (yet) in force, 'unknown' if not found."
    )
    ended: OptDay = Field(None, description="Date it ceased to apply (superseded or expired).")
    articles: Count = Field(description="Number of articles; empty or 'unknown' if not found.")
    term: OptText = Field(None, description="Initial term and renewal rule.")
    mutual_defence: Literal["yes", "no", "partial"] = Field(
        description="Does it contain a mutual-defence clause?"
    )
    status: TreatyStatus = Field(description="Status as of the data's as-of date.")
    supersedes: OptText = Field(None, description="Id of the treaty this one replaces.")
    note: OptText = Field(None, description="Caveats, discrepancies between sources.")


class Provision(Sourced):
    id: Ident
    treaty_id: Ident = Field(description="Id from treaties.csv.")
    article: Text = Field(description="Article and paragraph, e.g. 3(3); 'unknown' if not found.")
    theme: Theme
    quote: OptText = Field(
        None,
        description="Verbatim wording from the FIRST source in "
        "source_ids; empty if no verbatim text is available.",
    )
    quote_language: OptText = Field(None, description="Language of the quote (en, ru, fr...).")
    summary: Text = Field(description="Our paraphrase of what the clause says.")
    obligation: Obligation = Field(description="Coded pledge type (see the obligation scale).")
    relation: OptRelation = Field(
        None,
        description="For a treaty that supersedes another: "
        "how this clause relates to the predecessor's on the theme.",
    )
    note: OptText = None


class System(Sourced):
    id: Ident
    name: Text
    category: SystemCategory
    role: Text = Field(description="Military role, e.g. air superiority, air defence, strike.")
    origin: Text = Field(description="Country or maker that supplies it.")
    holder: Text = Field(description="Who fields or receives it.")
    direction: Direction = Field(description="to Iran, or Iran to Russia.")
    first_delivery: DayOrUnknown = Field(
        description="First delivery or launch; empty if none has happened, 'unknown' if not found."
    )
    quantity_low: Count = Field(description="Lower bound of the quantity; empty = unknown.")
    quantity_high: Count = Field(description="Upper bound of the quantity; empty = unknown.")
    quantity_note: OptText = Field(None, description="What the quantity counts and who says so.")
    status: SystemStatus = Field(description="Status as of status_as_of.")
    status_as_of: Day = Field(description="Date the status was last known to hold.")
    note: OptText = None


class ExchangeItem(Sourced):
    id: Ident
    direction: ExchangeDirection
    item: Text
    category: Text
    value_to_receiver: Text = Field(description="Why the receiver wants it.")
    cost_or_risk_to_giver: Text = Field(description="What giving it costs or risks.")
    value_score: Score = Field(description="Analytic judgement 0-5: value to the receiver.")
    cost_score: Score = Field(description="Analytic judgement 0-5: cost to the giver.")
    escalation_score: Score = Field(description="Analytic judgement 0-5: escalation risk.")
    feasibility_score: Score = Field(description="Analytic judgement 0-5: how feasible.")
    status: ExchangeStatus
    status_as_of: Day
    rationale: Text = Field(description="Why the scores and status are what they are.")
    system_ids: OptIdList = Field(default_factory=list, description="Related ids in systems.csv.")


class Event(Sourced):
    id: Ident
    date: Day = Field(description="When it happened, at the precision the sources give.")
    end_date: OptDay = Field(None, description="Last day, for events that span days.")
    title: Text
    actors: NameList = Field(description="Actors, separated by ';'.")
    theme: EventTheme
    significance: Text = Field(description="Why it matters for the partnership.")
    treaty_id: OptIdent = Field(None, description="Treaty this event is a step of, if any.")
    note: OptText = None


class Claim(Row):
    id: Ident
    claim: Text = Field(description="What was claimed, in our words.")
    quote: OptText = Field(None, description="Verbatim wording from the claiming source.")
    claimed_by: Ident = Field(description="Source id of who made the claim.")
    claim_date: DayOrUnknown = Field(description="When the claim was made.")
    kind: ClaimKind
    locator: Text = Field(description="Where in the claiming source.")
    assessment: Assessment
    evidence: Text = Field(description="What other reporting shows.")
    evidence_source_ids: IdList
    subject_ids: OptIdList = Field(
        default_factory=list, description="Ids of rows in other tables the claim is about."
    )
    confidence: Confidence = Field(description="Confidence in the assessment.")


class StatusChange(Sourced):
    id: Ident
    subject_id: Ident = Field(description="Id of a treaty, system or exchange item.")
    date: Day = Field(description="From when the status holds.")
    status: Text = Field(description="The status from that date (in the subject's vocabulary).")
    note: OptText = None


class KeyJudgement(Sourced):
    """A key judgement of the briefing: our analysis, resting on rows of the other tables."""

    id: Ident
    rank: Annotated[int, Field(ge=1, le=99)] = Field(description="Display order, 1 first.")
    title: Text = Field(description="The judgement in a few words.")
    text: Text = Field(description="Two or three sentences, our words.")
    basis_ids: OptIdList = Field(
        default_factory=list, description="Ids of rows in other tables it rests on."
    )


# --------------------------------------------------------------------- registry
@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type[Row]
    title: str
    description: str
    #: columns holding ids of other tables: column -> target table name
    references: tuple[tuple[str, str], ...] = ()

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        """Column order of the CSV: id first, the provenance trio last."""
        fields = list(self.model.model_fields)
        tail = [name for name in ("source_ids", "locator", "confidence") if name in fields]
        head = [name for name in fields if name not in tail]
        return head + tail


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "outlets",
        Outlet,
        "Outlets",
        "Who publishes the sources: country and type (state media, government, independent...).",
    ),
    TableSpec(
        "sources",
        Source,
        "Sources",
        "Every document a row rests on: treaty texts, statements, reports, analyses.",
        (("outlet_id", "outlets"), ("copy_of", "sources")),
    ),
    TableSpec(
        "treaties",
        Treaty,
        "Treaties",
        "The three treaties briefed and the comparator defence treaties.",
        (("source_ids", "sources"),),
    ),
    TableSpec(
        "provisions",
        Provision,
        "Treaty provisions",
        "Articles the sources quote or describe, themed and coded for obligation.",
        (("treaty_id", "treaties"), ("source_ids", "sources")),
    ),
    TableSpec(
        "systems",
        System,
        "Military systems",
        "Iran's fleet and air defences, its wish list, and what it supplied Russia.",
        (("source_ids", "sources"),),
    ),
    TableSpec(
        "exchange",
        ExchangeItem,
        "Exchange items",
        "What each side offers and wants, with scores that are analytic judgements.",
        (("source_ids", "sources"), ("system_ids", "systems")),
    ),
    TableSpec(
        "events",
        Event,
        "Events",
        "Events that framed the partnership, 2001 onwards.",
        (("source_ids", "sources"), ("treaty_id", "treaties")),
    ),
    TableSpec(
        "claims",
        Claim,
        "Claims",
        "Claims and predictions in the sources, checked against other reporting.",
        (("claimed_by", "sources"), ("evidence_source_ids", "sources")),
    ),
    TableSpec(
        "judgements",
        KeyJudgement,
        "Key judgements",
        "The briefing's key judgements: analysis, each resting on sourced rows.",
        (("source_ids", "sources"),),
    ),
    TableSpec(
        "statuses",
        StatusChange,
        "Status changes",
        "Dated status changes of treaties, systems and exchange items (for 'as of').",
        (("source_ids", "sources"),),
    ),
)

TABLE_BY_NAME = {spec.name: spec for spec in TABLES}
DATE_REGEX = DATE_PATTERN
