"""Row models for every table in `data/` (their vocabularies are in `briefing.vocab`).

One pydantic model per CSV file. A model describes one row as the curator writes
it: every cell arrives as text, and the model turns it into a typed value or
says, in plain English, why it cannot. `TABLES` lists the files in load order
with their keys; `briefing.datapackage` turns it into `data/datapackage.json`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from briefing.dates import PATTERN as DATE_PATTERN
from briefing.dates import PartialDate
from briefing.vocab import *  # noqa: F403 (re-exported: callers import the vocabularies from here)
from briefing.vocab import (
    Assessment,
    ClaimKind,
    Confidence,
    DateBasis,
    Direction,
    EventTheme,
    ExchangeDirection,
    ExchangeStatus,
    Obligation,
    OutletType,
    Relation,
    SourceKind,
    SystemCategory,
    SystemStatus,
    Theme,
    TreatyRole,
    TreatyStatus,
)

MAX_TEXT = 20_000  # longer cells are refused by the validator; views cap far shorter
UNKNOWN = "unknown"


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
