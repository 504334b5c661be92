"""Exchange view: what Iran offers Russia, what it wants back, and what each side can afford.

Everything the `/exchange` page and the PDF show comes from here:

- `ledger(ds, day, directions)`: one `LedgerRow` per exchange item, with its status
  as it stood on `day` (dated changes in `statuses.csv` via `briefing.asof.status_on`,
  the row's own status once its `status_as_of` has passed) and the claims that
  dispute it;
- `score_package(items, weights)`: the deal builder's arithmetic on a chosen package
  (pure: rows and weights in, numbers and a verdict out);
- `reading(ds, package, day)`: the package in plain sentences, each citing sources;
- `package_chart(...)`: value against cost and escalation risk, one point per item;
- `speculation(ds, day)`: what Tsitrin speculated in October 2024 against what happened;
- `build_view(ds, day, chosen, weights, directions)`: all of the above for one page run;
- `report_section(ds, state)`: the same view as a PDF section.

The four 0-5 scores of each item are analytic judgements recorded in
`exchange.csv`; the weights are the reader's. The method (`METHOD`, `SCALES`) is
written out so the page can show it and a reader can disagree with it knowingly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import altair as alt

from briefing.asof import changes_for, clamp, status_on
from briefing.charts import OKABE_ITO, spec, style
from briefing.citations import cite_all
from briefing.dates import PartialDate, parse_day
from briefing.report.model import Chart, Heading, Judgement, Paragraph, Section, Table
from briefing.schema import Claim, ExchangeDirection, ExchangeItem
from briefing.store import Dataset
from briefing.text import clean, shorten, to_csv

URL_PATH = "exchange"
TITLE = "The exchange"

IRAN, RUSSIA = "Iran", "Russia"
PARTIES = (IRAN, RUSSIA)
GIVER = {
    ExchangeDirection.IRAN_OFFERS: IRAN,
    ExchangeDirection.IRAN_WANTS: RUSSIA,
    ExchangeDirection.RUSSIA_OFFERS: RUSSIA,
}
RECEIVER = {direction: (RUSSIA if giver == IRAN else IRAN) for direction, giver in GIVER.items()}
DIRECTIONS: tuple[str, ...] = tuple(d.value for d in ExchangeDirection)

#: The package Tsitrin imagined (Oct 2024): he lists attack drones and ballistic missiles
#: as what Iran can offer, and asks whether Russia would sign a mutual-defence pact "in
#: exchange for a massive shipment of Iranian missiles" (his exchange names missiles only).
DEFAULT_PACKAGE: tuple[str, ...] = ("x-drones", "x-ballistic-missiles", "x-defence-pact")
TSITRIN = "tsitrin-2024"

CRITERIA = ("value", "cost", "escalation", "feasibility")
WEIGHT_KEYS = {name: f"w_{name}" for name in CRITERIA}
WEIGHT_MIN, WEIGHT_MAX, WEIGHT_DEFAULT = 0, 10, 5
SCORE_MAX = 5
MIDPOINT = SCORE_MAX / 2
#: score bands of the verdict
HOLDS, BORDERLINE, FAILS = "holds together", "on the edge", "does not hold"
EMPTY, ONE_SIDED, UNWEIGHTED = "empty", "one-sided", "unweighted"
BAND = 1.0

NOT_YET = "not yet on record"

SCALES: tuple[dict[str, str], ...] = (
    {
        "criterion": "value",
        "score (0-5)": "How much the item meets the receiver's stated need "
        "(0 = not at all, 5 = fully).",
        "how the package uses it": "Added up over the items each side receives.",
    },
    {
        "criterion": "cost",
        "score (0-5)": "Material and political cost to the giver (0 = none, 5 = highest).",
        "how the package uses it": "Added up over the items each side gives; each "
        "side's balance is value received minus cost given.",
    },
    {
        "criterion": "escalation",
        "score (0-5)": "Risk that the transfer draws a military or sanctions response "
        "from third parties (0 = none, 5 = highest).",
        "how the package uses it": "The riskiest item sets the package's risk (it falls "
        "on both parties): scores above 2.5 count against the package, below 2.5 for it.",
    },
    {
        "criterion": "feasibility",
        "score (0-5)": "How readily it can be given (0 = not at all, 5 = already given).",
        "how the package uses it": "The hardest item sets the package's feasibility "
        "(a chain is as strong as its weakest link): above 2.5 counts for, below against.",
    },
)

INTRO = (
    "In October 2024 Lev Tsitrin (New English Review) listed what Iran could offer Russia "
    "(more attack drones, ballistic missiles) and asked whether Russia would sign a "
    "mutual-defence pact “in exchange for a massive shipment of Iranian missiles”. Build "
    "the deal you find plausible, weigh the criteria your way, and compare it with what had "
    "happened by the as-of date (in the sidebar). The 0–5 scores are **analytic "
    "judgements**, not facts: see *How the scores and weights work*."
)
SPECULATION_INTRO = (
    "What Tsitrin speculated in October 2024, beside what the January 2025 treaty and later "
    "events showed. Each claim is our summary; his words are quoted as he wrote them."
)

METHOD = (
    "Each item's four scores are analytic judgements recorded with their rationale in the "
    "exchange table; they are ours, not the sources', and you can disagree with them. "
    "The weights are yours: 5 counts a criterion as scored, 0 ignores it, 10 counts it "
    "double. Each side's balance is (value weight × value it receives − cost weight × "
    "cost of what it gives) ÷ 5. The package score is the weaker side's balance, minus "
    "escalation weight × (riskiest item's escalation − 2.5) ÷ 5, plus feasibility weight × "
    "(hardest item's feasibility − 2.5) ÷ 5. A score of 1 or more reads as 'holds "
    "together', −1 or less as 'does not hold', in between as 'on the edge'. This is a way "
    "to make assumptions explicit, not a prediction."
)


# ------------------------------------------------------------------ small helpers
def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, Iterable):
        return [str(item) for item in value if isinstance(item, str) and item]
    return []


def _last(value: object) -> str | None:
    values = _as_list(value)
    return values[-1] if values else None


def short_name(item: ExchangeItem, limit: int = 60) -> str:
    """The item's name up to its first bracket or comma, capped: 'Su-35 fighters'."""
    text = clean(item.item, break_long=False)
    for mark, shortest in ((" (", 4), (", ", 12)):
        head = text.split(mark, 1)[0].strip()
        if len(head) >= shortest:
            text = head
    return shorten(text, limit)


def in_sentence(name: str) -> str:
    """'Attack drones' -> 'attack drones' mid-sentence; 'Su-35', 'S-400' stay as they are."""
    first = name.split(" ", 1)[0]
    letters = first.replace("-", "")
    if first in ("A", "An", "The") or (
        len(letters) > 1 and letters.isalpha() and letters[1:].islower()
    ):
        return name[0].lower() + name[1:]
    return name


def giver(item: ExchangeItem) -> str:
    return GIVER[item.direction]


def receiver(item: ExchangeItem) -> str:
    return RECEIVER[item.direction]


def _fmt(number: float) -> str:
    """'+3.0', '−2.5', '0.0' (a real minus sign)."""
    if abs(number) < 0.05:
        return "0.0"
    return f"{number:+.1f}".replace("-", "−")


def _date_text(value: PartialDate | None) -> str:
    return value.human() if isinstance(value, PartialDate) else "date unknown"


# ------------------------------------------------------------------ weights
def is_weight(text: str) -> bool:
    """A URL value a weight slider accepts: a whole number from 0 to 10."""
    text = text.strip()
    return text.isdigit() and WEIGHT_MIN <= int(text) <= WEIGHT_MAX


def is_flag(text: str) -> bool:
    """A URL value an item checkbox accepts."""
    return text.strip().lower() in {"true", "false"}


@dataclass(frozen=True)
class Weights:
    """How much each criterion counts, 0-10; 5 = as scored."""

    value: int = WEIGHT_DEFAULT
    cost: int = WEIGHT_DEFAULT
    escalation: int = WEIGHT_DEFAULT
    feasibility: int = WEIGHT_DEFAULT

    def __post_init__(self) -> None:
        for name in CRITERIA:
            weight = getattr(self, name)
            if not isinstance(weight, int) or not WEIGHT_MIN <= weight <= WEIGHT_MAX:
                raise ValueError(f"weight {name}={weight!r} is not a whole number 0-10")

    def factor(self, name: str) -> float:
        return getattr(self, name) / WEIGHT_DEFAULT

    @property
    def all_zero(self) -> bool:
        return not any(getattr(self, name) for name in CRITERIA)

    @property
    def is_default(self) -> bool:
        return self == Weights()

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> Weights:
        """Weights from URL-like state (w_value=7 ...); anything else keeps the default."""
        values = {}
        for name, key in WEIGHT_KEYS.items():
            raw = state.get(key)
            if isinstance(raw, bool):
                continue
            if isinstance(raw, int | float) and float(raw).is_integer():
                raw = str(int(raw))
            text = _last(raw)
            values[name] = int(text) if text is not None and is_weight(text) else WEIGHT_DEFAULT
        return cls(**values)

    def query(self) -> dict[str, str]:
        return {
            WEIGHT_KEYS[name]: str(getattr(self, name))
            for name in CRITERIA
            if getattr(self, name) != WEIGHT_DEFAULT
        }

    def describe(self) -> str:
        return ", ".join(f"{name} {getattr(self, name)}" for name in CRITERIA)


# ------------------------------------------------------------------ status on a day
@dataclass(frozen=True)
class StatusOnDay:
    """An item's status on a day and what it rests on."""

    status: str | None  # None: nothing on record by that day
    since: PartialDate | None
    source_ids: tuple[str, ...] = ()
    pending_status: str | None = None
    pending_date: PartialDate | None = None
    first_status: str | None = None  # when nothing is on record yet: what comes first
    first_date: PartialDate | None = None

    @property
    def label(self) -> str:
        text = self.status or NOT_YET
        if self.pending_status and self.pending_date:
            text += f" (possibly {self.pending_status}: dated only {self.pending_date.human()})"
        return text

    @property
    def detail(self) -> str:
        """'since 17 January 2025' or 'first on record: not granted, 17 January 2025'."""
        if self.status is not None and self.since is not None:
            return f"since {self.since.human()}"
        if self.first_status and self.first_date:
            return f"first on record: {self.first_status}, {self.first_date.human()}"
        return ""


def status_at(dataset: Dataset, item: ExchangeItem, day: date) -> StatusOnDay:
    """The item's status on `day`.

    Dated changes in statuses.csv come first (`briefing.asof.status_on`). The row's own
    status counts only once `day` is on or after its `status_as_of` and when it is not
    older than the latest dated change. Before anything is on record the status is
    'not yet on record', never a guess.
    """
    recorded = status_on(dataset, item.id, day)
    status, since = recorded.status, recorded.since
    source_ids = tuple(recorded.source_ids)
    pending_status = recorded.pending.status if recorded.pending else None
    pending_date = recorded.pending.date if recorded.pending else None

    row_when = item.status_as_of.happened_by(day)
    if row_when is True and (since is None or item.status_as_of.start >= since.start):
        if status == item.status.value:  # the same status still held: keep when it began
            source_ids = tuple(dict.fromkeys((*source_ids, *item.source_ids)))
        else:
            status, since = item.status.value, item.status_as_of
            source_ids = tuple(item.source_ids)
        if pending_date is not None and pending_date.start <= item.status_as_of.start:
            pending_status = pending_date = None
    elif row_when is None and status is None and pending_status is None:
        pending_status, pending_date = item.status.value, item.status_as_of

    if status is not None and since is not None:
        since = _run_start(dataset, item, day, status, since)
    first_status = first_date = None
    if status is None:
        dated = [(c.date, c.status) for c in changes_for(dataset, item.id)]
        dated.append((item.status_as_of, item.status.value))
        first_date, first_status = min(dated, key=lambda pair: (pair[0].start, pair[0].end))
    return StatusOnDay(
        status, since, source_ids, pending_status, pending_date, first_status, first_date
    )


def _run_start(
    dataset: Dataset, item: ExchangeItem, day: date, status: str, since: PartialDate
) -> PartialDate:
    """When the current status began: the earliest of the unbroken run of changes (surely
    by `day`) that carry the same status, e.g. 'not granted' since the first refusal."""
    start = since
    for change in reversed(changes_for(dataset, item.id)):
        if change.date.happened_by(day) is not True or change.date.start > since.start:
            continue
        if change.status != status:
            break
        start = change.date
    return start


# ------------------------------------------------------------------ disputes
@dataclass(frozen=True)
class Dispute:
    """A claim about an item: what was claimed, by whom, and what other reporting shows."""

    claim_id: str
    claim: str
    quote: str | None
    claimed_by: str
    claim_date: str
    assessment: str
    evidence: str
    evidence_source_ids: tuple[str, ...]
    confidence: str


def _dispute(claim: Claim) -> Dispute:
    when = claim.claim_date
    return Dispute(
        claim.id,
        claim.claim,
        claim.quote,
        claim.claimed_by,
        when.human() if isinstance(when, PartialDate) else "date unknown",
        claim.assessment.value,
        claim.evidence,
        tuple(claim.evidence_source_ids),
        claim.confidence.value,
    )


def subjects_of(item: ExchangeItem) -> set[str]:
    """Ids a claim may name to be about this item: the item itself and its systems."""
    return {item.id, *item.system_ids}


def disputes(dataset: Dataset, item: ExchangeItem) -> list[Dispute]:
    """Claims whose subject_ids name the item (or one of its systems)."""
    subjects = subjects_of(item)
    return [_dispute(c) for c in dataset.claims if subjects & set(c.subject_ids)]


# ------------------------------------------------------------------ ledger
@dataclass(frozen=True)
class LedgerRow:
    id: str
    direction: str
    giver: str
    receiver: str
    item: str
    name: str
    category: str
    value: int
    cost: int
    escalation: int
    feasibility: int
    status: StatusOnDay
    recorded_status: str
    recorded_as_of: PartialDate
    confidence: str
    value_to_receiver: str
    cost_or_risk_to_giver: str
    rationale: str
    locator: str
    source_ids: tuple[str, ...]
    system_ids: tuple[str, ...]
    disputes: tuple[Dispute, ...] = ()

    @property
    def contested(self) -> bool:
        return self.confidence == "disputed" or self.recorded_status == "disputed"

    def cells(self, dataset: Dataset | None = None) -> dict[str, object]:
        """Flat cells for a table or a CSV export."""
        sources = self.source_ids
        if dataset is not None:
            sources = tuple(c.label for c in cite_all(dataset, list(self.source_ids)))
        return {
            "id": self.id,
            "direction": self.direction,
            "gives": self.giver,
            "receives": self.receiver,
            "item": self.item,
            "category": self.category,
            "status_on_date": self.status.label,
            "status_detail": self.status.detail,
            "value": self.value,
            "cost": self.cost,
            "escalation": self.escalation,
            "feasibility": self.feasibility,
            "confidence": self.confidence,
            "value_to_receiver": self.value_to_receiver,
            "cost_or_risk_to_giver": self.cost_or_risk_to_giver,
            "rationale": self.rationale,
            "locator": self.locator,
            "sources": "; ".join(sources),
            "source_ids": "; ".join(self.source_ids),
        }


def ledger_row(dataset: Dataset, item: ExchangeItem, day: date) -> LedgerRow:
    return LedgerRow(
        id=item.id,
        direction=item.direction.value,
        giver=giver(item),
        receiver=receiver(item),
        item=item.item,
        name=short_name(item),
        category=item.category,
        value=item.value_score,
        cost=item.cost_score,
        escalation=item.escalation_score,
        feasibility=item.feasibility_score,
        status=status_at(dataset, item, day),
        recorded_status=item.status.value,
        recorded_as_of=item.status_as_of,
        confidence=item.confidence.value,
        value_to_receiver=item.value_to_receiver,
        cost_or_risk_to_giver=item.cost_or_risk_to_giver,
        rationale=item.rationale,
        locator=item.locator,
        source_ids=tuple(item.source_ids),
        system_ids=tuple(item.system_ids),
        disputes=tuple(disputes(dataset, item)),
    )


def ledger(dataset: Dataset, day: date, directions: Sequence[str] = ()) -> list[LedgerRow]:
    """Every exchange item (in the chosen directions; none chosen = all), in file order
    grouped by direction."""
    order = {value: index for index, value in enumerate(DIRECTIONS)}
    rows = [
        ledger_row(dataset, item, day)
        for item in dataset.exchange_items
        if not directions or item.direction.value in directions
    ]
    return sorted(rows, key=lambda row: order[row.direction])


def filter_rows(rows: Iterable[LedgerRow], directions: Sequence[str] = ()) -> list[LedgerRow]:
    """The rows in the chosen directions (none chosen = all)."""
    return [row for row in rows if not directions or row.direction in directions]


LEDGER_COLUMNS = (
    "id",
    "direction",
    "item",
    "category",
    "status_on_date",
    "status_detail",
    "value",
    "cost",
    "escalation",
    "feasibility",
    "confidence",
    "value_to_receiver",
    "cost_or_risk_to_giver",
    "rationale",
    "locator",
    "source_ids",
    "sources",
)


#: the on-screen table: what a reader scans first comes first
LEDGER_DISPLAY = (
    "item",
    "direction",
    "status_on_date",
    "status_detail",
    "value",
    "cost",
    "escalation",
    "feasibility",
    "confidence",
    "value_to_receiver",
    "cost_or_risk_to_giver",
    "rationale",
    "sources",
    "locator",
    "id",
)


def ledger_csv(dataset: Dataset, rows: Iterable[LedgerRow], day: date) -> str:
    """The ledger as shown, formula-safe, with the as-of date in its own column."""
    cells = []
    for row in rows:
        record = row.cells(dataset)
        record["as_of"] = day.isoformat()
        cells.append(record)
    return to_csv(cells, ["as_of", *LEDGER_COLUMNS])


# ------------------------------------------------------------------ the package
@dataclass(frozen=True)
class Balance:
    """One side of the deal: what it receives, what it gives, both weighted."""

    party: str
    received: tuple[str, ...]  # item ids
    given: tuple[str, ...]
    value_points: int  # raw sum of value scores received
    cost_points: int  # raw sum of cost scores given
    gets: float  # weighted
    gives: float  # weighted

    @property
    def net(self) -> float:
        return self.gets - self.gives


@dataclass(frozen=True)
class Term:
    """One part of the package score, with the items it comes from."""

    key: str  # "balance-Iran", "balance-Russia", "escalation", "feasibility"
    label: str
    amount: float
    item_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Package:
    """The deal builder's result for one package and one set of weights."""

    item_ids: tuple[str, ...]
    weights: Weights
    balances: Mapping[str, Balance]
    riskiest: tuple[str, ...] = ()  # items with the highest escalation score
    escalation: int | None = None  # that score
    hardest: tuple[str, ...] = ()  # items with the lowest feasibility score
    feasibility: int | None = None
    terms: tuple[Term, ...] = ()
    score: float | None = None
    verdict: str = EMPTY

    @property
    def empty(self) -> bool:
        return not self.item_ids

    @property
    def givers(self) -> tuple[str, ...]:
        return tuple(p for p in PARTIES if self.balances[p].given)

    @property
    def obstacles(self) -> list[Term]:
        """Negative terms, the heaviest first."""
        return sorted((t for t in self.terms if t.amount < 0), key=lambda t: t.amount)

    @property
    def supports(self) -> list[Term]:
        return sorted((t for t in self.terms if t.amount > 0), key=lambda t: -t.amount)


def score_package(items: Sequence[ExchangeItem], weights: Weights | None = None) -> Package:
    """Score a package of exchange items (pure: no dataset needed).

    Balance of each side = (value weight × Σ value received − cost weight × Σ cost
    given) / 5. Score = the weaker balance − escalation weight × (max escalation − 2.5)
    / 5 + feasibility weight × (min feasibility − 2.5) / 5. Duplicates count once.
    """
    weights = weights or Weights()
    unique = list({item.id: item for item in items}.values())
    fv, fc = weights.factor("value"), weights.factor("cost")
    fe, ff = weights.factor("escalation"), weights.factor("feasibility")
    balances = {}
    for party in PARTIES:
        received = [i for i in unique if receiver(i) == party]
        given = [i for i in unique if giver(i) == party]
        value_points = sum(i.value_score for i in received)
        cost_points = sum(i.cost_score for i in given)
        balances[party] = Balance(
            party,
            tuple(i.id for i in received),
            tuple(i.id for i in given),
            value_points,
            cost_points,
            fv * value_points,
            fc * cost_points,
        )
    ids = tuple(i.id for i in unique)
    if not unique:
        return Package(ids, weights, balances)
    escalation = max(i.escalation_score for i in unique)
    feasibility = min(i.feasibility_score for i in unique)
    riskiest = tuple(i.id for i in unique if i.escalation_score == escalation)
    hardest = tuple(i.id for i in unique if i.feasibility_score == feasibility)
    weaker = min(PARTIES, key=lambda p: (balances[p].net, PARTIES.index(p)))
    terms = (
        Term(f"balance-{IRAN}", f"{IRAN}'s balance", balances[IRAN].net, balances[IRAN].given),
        Term(
            f"balance-{RUSSIA}",
            f"{RUSSIA}'s balance",
            balances[RUSSIA].net,
            balances[RUSSIA].given,
        ),
        Term("escalation", "escalation risk", -fe * (escalation - MIDPOINT), riskiest),
        Term("feasibility", "feasibility", ff * (feasibility - MIDPOINT), hardest),
    )
    score = balances[weaker].net + terms[2].amount + terms[3].amount
    # the two balance terms are both listed, but only the weaker one enters the score
    terms = tuple(t for t in terms if not t.key.startswith("balance") or t.key.endswith(weaker))
    if weights.all_zero:
        verdict = UNWEIGHTED
    elif len([p for p in PARTIES if balances[p].given]) < 2:
        verdict = ONE_SIDED
    elif score >= BAND:
        verdict = HOLDS
    elif score <= -BAND:
        verdict = FAILS
    else:
        verdict = BORDERLINE
    return Package(
        ids, weights, balances, riskiest, escalation, hardest, feasibility, terms, score, verdict
    )


# ------------------------------------------------------------------ choosing items
def chosen_ids(dataset: Dataset, state: Mapping[str, Any]) -> tuple[str, ...]:
    """The package from URL-like state: the default package, with each item's checkbox
    (key = item id, value true/false) overriding it. Unknown ids are ignored."""
    known = [item.id for item in dataset.exchange_items]
    chosen = []
    for item_id in known:
        raw = state.get(item_id)
        if isinstance(raw, bool):
            on = raw
        else:
            text = _last(raw)
            on = text.strip().lower() == "true" if text and is_flag(text) else None
        if on is None:
            on = item_id in DEFAULT_PACKAGE
        if on:
            chosen.append(item_id)
    return tuple(chosen)


def package_query(dataset: Dataset, chosen: Iterable[str]) -> dict[str, str]:
    """URL parameters that reproduce `chosen` (only items that differ from the default)."""
    chosen = set(chosen)
    query = {}
    for item in dataset.exchange_items:
        on = item.id in chosen
        if on != (item.id in DEFAULT_PACKAGE):
            query[item.id] = "true" if on else "false"
    return query


def url_checks(dataset: Dataset, params: Iterable[str] = ()) -> dict[str, Any]:
    """key -> accepts(value) for every URL parameter this page reads, plus a refusing
    check for item-like parameters (x-...) that name no item in the data."""
    checks: dict[str, Any] = {key: is_weight for key in WEIGHT_KEYS.values()}
    checks["direction"] = lambda value: value in DIRECTIONS
    known = {item.id for item in dataset.exchange_items}
    for item_id in known:
        checks[item_id] = is_flag
    for key in params:
        if key.startswith("x-") and key not in known:
            checks[key] = lambda _value: False
    return checks


# ------------------------------------------------------------------ plain-language reading
@dataclass(frozen=True)
class Sentence:
    text: str
    source_ids: tuple[str, ...] = ()
    kind: str = "finding"  # finding | verdict | outcome | caveat


def _join(parts: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _names(items: Sequence[ExchangeItem]) -> str:
    return _join(in_sentence(short_name(i)) for i in items)


def _sources(items: Iterable[ExchangeItem], each: int | None = 2) -> tuple[str, ...]:
    """The first `each` (None: all) sources of every item, without repeats."""
    return tuple(dict.fromkeys(s for i in items for s in i.source_ids[:each]))


VERDICT_TEXT = {
    HOLDS: "holds together",
    BORDERLINE: "is on the edge",
    FAILS: "does not hold",
}


def reading(dataset: Dataset, package: Package, day: date) -> list[Sentence]:
    """The chosen package in plain sentences, each citing the rows it rests on."""
    by_id = {item.id: item for item in dataset.exchange_items}
    items = [by_id[i] for i in package.item_ids if i in by_id]
    if not items:
        return [
            Sentence(
                "No items are chosen. Pick what Iran gives and what Russia gives to see "
                "whether the package balances.",
                kind="verdict",
            )
        ]
    out: list[Sentence] = []
    weights = package.weights
    for party in PARTIES:
        balance = package.balances[party]
        given = [by_id[i] for i in balance.given]
        received = [by_id[i] for i in balance.received]
        if not given and not received:
            continue
        gives = _join(f"{in_sentence(short_name(i))} (cost {i.cost_score}/5)" for i in given)
        gets = _join(f"{in_sentence(short_name(i))} (value {i.value_score}/5)" for i in received)
        out.append(
            Sentence(
                f"{party} gives {gives or 'nothing'}; it receives {gets or 'nothing'}. "
                f"On your weights it gets {balance.gets:.1f} and gives up "
                f"{balance.gives:.1f}: a balance of {_fmt(balance.net)}.",
                _sources([*given, *received]),
            )
        )
    riskiest = [by_id[i] for i in package.riskiest]
    if riskiest:
        lead = riskiest[0]
        out.append(
            Sentence(
                f"The riskiest item is {_names(riskiest)} (escalation {package.escalation}/5). "
                f"Cost or risk to the giver: {shorten(lead.cost_or_risk_to_giver, 300)}",
                _sources(riskiest, each=None),
            )
        )
    hardest = [by_id[i] for i in package.hardest]
    if hardest:
        out.append(
            Sentence(
                f"The hardest item to hand over is {_names(hardest)} "
                f"(feasibility {package.feasibility}/5).",
                _sources(hardest),
            )
        )
    out.append(Sentence(verdict_sentence(package, by_id), kind="verdict"))
    outcome_bits, outcome_sources = [], []
    for item in items:
        status = status_at(dataset, item, day)
        bit = f"{short_name(item)}: {status.label}"
        if status.detail:
            bit += f" ({status.detail})"
        outcome_bits.append(bit)
        outcome_sources.extend(status.source_ids[:2])
    out.append(
        Sentence(
            f"What happened, as of {day.day} {PartialDate(day.year, day.month).human()}: "
            + "; ".join(outcome_bits)
            + ".",
            tuple(dict.fromkeys(outcome_sources)),
            kind="outcome",
        )
    )
    out.append(
        Sentence(
            "The scores are analytic judgements and the weights are yours "
            f"({weights.describe()}); the reading is a way to test assumptions, "
            "not a forecast.",
            kind="caveat",
        )
    )
    return out


def verdict_sentence(package: Package, by_id: Mapping[str, ExchangeItem]) -> str:
    if package.empty:
        return "No items are chosen."
    if package.verdict == UNWEIGHTED:
        return (
            "Every weight is zero, so no criterion counts and the package cannot be judged: "
            "raise at least one weight."
        )
    if package.verdict == ONE_SIDED:
        (party,) = package.givers
        other = RUSSIA if party == IRAN else IRAN
        return (
            f"Only {party} gives anything: this is a transfer, not a trade. Add something "
            f"{other} gives to test a deal."
        )
    assert package.score is not None
    text = (
        f"On your weights the package {VERDICT_TEXT[package.verdict]} "
        f"(score {_fmt(package.score)})."
    )
    obstacles = package.obstacles
    if obstacles:
        text += " What weighs against it: " + "; ".join(
            _term_text(t, package, by_id) for t in obstacles
        )
        text += "."
    supports = package.supports
    if supports:
        text += " What speaks for it: " + "; ".join(_term_text(t, package, by_id) for t in supports)
        text += "."
    return text


def _term_text(term: Term, package: Package, by_id: Mapping[str, ExchangeItem]) -> str:
    names = _names([by_id[i] for i in term.item_ids if i in by_id])
    if term.key == "escalation":
        return f"escalation risk of {names} ({package.escalation}/5, {_fmt(term.amount)})"
    if term.key == "feasibility":
        return f"feasibility of {names} ({package.feasibility}/5, {_fmt(term.amount)})"
    party = term.key.split("-", 1)[1]
    balance = package.balances[party]
    if term.amount < 0:
        return (
            f"{party}, the side that gains less, gives up more than it gets "
            f"({balance.gives:.1f} against {balance.gets:.1f}, {_fmt(term.amount)})"
        )
    return (
        f"even {party}, the side that gains less, gets more than it gives "
        f"({balance.gets:.1f} against {balance.gives:.1f}, {_fmt(term.amount)})"
    )


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    help: str


def metrics(package: Package) -> list[Metric]:
    """The figures shown above the chart: each side's balance, the riskiest and hardest item."""
    out = []
    for party in PARTIES:
        b = package.balances[party]
        out.append(
            Metric(
                f"{party}'s balance",
                _fmt(b.net),
                f"{party} gets {b.gets:.1f} and gives up {b.gives:.1f} (weighted scores).",
            )
        )
    if not package.empty:
        out.append(
            Metric(
                "Riskiest item: escalation",
                f"{package.escalation}/5",
                "The highest escalation score in the package (0-5).",
            )
        )
        out.append(
            Metric(
                "Hardest item: feasibility",
                f"{package.feasibility}/5",
                "The lowest feasibility score in the package (0-5).",
            )
        )
    return out


def item_help(row: LedgerRow) -> str:
    """Plain text for an item's checkbox tooltip (escape before rendering)."""
    return (
        f"{row.item}. Value {row.value}/5, cost {row.cost}/5, escalation {row.escalation}/5, "
        f"feasibility {row.feasibility}/5. Status: {row.status.label}."
    )


def headline(package: Package, symbol: bool = True) -> str:
    """One short line for the verdict badge (`symbol=False` for print: no ✔ ◐ ✖)."""
    if package.empty:
        return "No package chosen"
    if package.verdict == UNWEIGHTED:
        return "Cannot judge: every weight is zero"
    if package.verdict == ONE_SIDED:
        return f"One-sided: only {package.givers[0]} gives"
    text = f"The package {VERDICT_TEXT[package.verdict]} (score {_fmt(package.score)})"
    if not symbol:
        return text
    return {HOLDS: "✔", BORDERLINE: "◐", FAILS: "✖"}[package.verdict] + " " + text


# ------------------------------------------------------------------ chart
CHART_METHOD = (
    "In the chart each item sits at its value to the receiver × value weight ÷ 5 (up) "
    "against its cost × cost weight ÷ 5 plus its escalation × escalation weight ÷ 5 "
    "(across); feasibility is not drawn. Items with the same scores share a point and a label."
)
COLOURS = {IRAN: OKABE_ITO[0], RUSSIA: OKABE_ITO[5]}
SHAPES = {IRAN: "triangle-up", RUSSIA: "square"}
OTHER_COLOUR = "#999999"
CHART_ALT = (
    "Scatter chart of the exchange items. Each item is a point placed by its weighted value "
    "to the receiver (vertical axis) against its weighted cost plus escalation risk to the "
    "giver (horizontal axis). Triangles are items Iran gives, squares items Russia gives; "
    "filled, coloured and labelled points are in the chosen package, hollow grey points are "
    "not. A dashed diagonal marks where value equals cost plus risk: points above it are "
    "worth more to the receiver than they cost and risk the giver."
)


def chart_records(
    rows: Sequence[LedgerRow],
    chosen: Iterable[str],
    weights: Weights,
    width: int | None = None,
) -> list[dict[str, Any]]:
    """One record per item for the chart; labels placed for a plot `width` pixels wide."""
    chosen = set(chosen)
    fv, fc, fe = (weights.factor(n) for n in ("value", "cost", "escalation"))
    records = []
    for row in rows:
        records.append(
            {
                "id": row.id,
                "item": row.name,
                "giver": f"{row.giver} gives",
                "party": row.giver,
                "chosen": row.id in chosen,
                "in_package": "in the package" if row.id in chosen else "not chosen",
                "value": round(fv * row.value, 2),
                "burden": round(fc * row.cost + fe * row.escalation, 2),
                "scores": f"value {row.value}, cost {row.cost}, escalation {row.escalation}, "
                f"feasibility {row.feasibility}",
                "status": row.status.label,
                "label": "",
            }
        )
    # one label per position, so items with the same scores do not print over each other
    spots: dict[tuple[float, float], list[dict[str, Any]]] = {}
    for record in records:
        if record["chosen"]:
            spots.setdefault((record["burden"], record["value"]), []).append(record)
    for group in spots.values():
        more = f" (+{len(group) - 1} more)" if len(group) > 1 else ""
        group[0]["label"] = shorten(group[0]["item"], 30) + more
    _place_labels(records, width or CHART_WIDTH)
    return records


CHART_WIDTH, CHART_HEIGHT = 560, 400
_CHAR_PX, _LINE_PX, _GAP_PX = 6.2, 14, 9


def chart_top(records: Sequence[dict[str, Any]]) -> float:
    """The axes' common upper end: the largest value or burden, at least 1."""
    return max([1.0] + [max(r["value"], r["burden"]) for r in records])


def _place_labels(records: list[dict[str, Any]], plot_width: int = 560) -> None:
    """Give each label a side ('left' of the point near the right edge, else 'right') and a
    height (`label_y`, in data units) so that no two labels overlap: a label that would
    overlap one already placed moves down a line at a time."""
    top = chart_top(records)
    x_px, y_px = plot_width / top, plot_width * CHART_HEIGHT / CHART_WIDTH / top
    placed: list[tuple[float, float, float, float]] = []
    labelled = [r for r in records if r["label"]]
    for record in sorted(labelled, key=lambda r: (-r["value"], r["burden"])):
        width = len(record["label"]) * _CHAR_PX
        px = record["burden"] * x_px
        right = px + _GAP_PX + width <= plot_width + 120 or px - _GAP_PX - width < -40
        left_edge = px + _GAP_PX if right else px - _GAP_PX - width
        y = (top - record["value"]) * y_px - _LINE_PX / 2
        for _ in range(40):
            box = (left_edge, y - _LINE_PX / 2, left_edge + width, y + _LINE_PX / 2)
            if not any(_overlap(box, other) for other in placed):
                break
            y += _LINE_PX
        placed.append(box)
        record["label_side"] = "right" if right else "left"
        record["label_y"] = round(top - y / y_px, 3)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def chart_takeaway(records: Sequence[dict[str, Any]]) -> str:
    chosen = [r for r in records if r["chosen"]]
    if not chosen:
        return "No items are chosen; the grey points show every item on offer."
    above = [r for r in chosen if r["value"] >= r["burden"]]
    worst = min(chosen, key=lambda r: r["value"] - r["burden"])
    verb = "is" if len(above) == 1 else "are"
    text = (
        f"On your weights {len(above)} of the {len(chosen)} chosen "
        f"item{'s' if len(chosen) != 1 else ''} {verb} worth at least as much to the "
        "receiver as they cost and risk the giver"
    )
    if worst["value"] < worst["burden"]:
        text += f"; {in_sentence(worst['item'])} falls furthest below the line"
    return text + "."


def package_chart(
    rows: Sequence[LedgerRow],
    chosen: Iterable[str],
    weights: Weights,
    source: str = "",
    width: int = CHART_WIDTH,
) -> alt.TopLevelMixin:
    """Value to the receiver against cost plus escalation risk to the giver, per item.

    `width` is the plot's width in pixels (labels are placed for it; the height keeps the
    proportions). Streamlit fits the whole chart, axes and legend included, into its
    column, so a page passes the plot width it expects there (about 440 in half a wide
    page); the PDF and the downloads use the default."""
    records = chart_records(rows, chosen, weights, width)
    top = chart_top(records)
    base = alt.Chart(alt.Data(values=records))
    x = alt.X(
        "burden:Q",
        title="Cost + escalation risk to the giver (weighted)",
        scale=alt.Scale(domain=[0, top]),
    )
    y = alt.Y("value:Q", title="Value to the receiver (weighted)", scale=alt.Scale(domain=[0, top]))
    tooltip = [
        alt.Tooltip("item:N", title="item"),
        alt.Tooltip("giver:N", title="who gives"),
        alt.Tooltip("in_package:N", title="package"),
        alt.Tooltip("scores:N", title="scores (0-5)"),
        alt.Tooltip("status:N", title="status on the as-of date"),
    ]
    shapes = alt.Scale(domain=[f"{p} gives" for p in PARTIES], range=[SHAPES[p] for p in PARTIES])
    shape = alt.Shape("giver:N", title="Who gives", scale=shapes)
    diagonal = (
        alt.Chart(alt.Data(values=[{"x": 0, "y": 0}, {"x": top, "y": top}]))
        .mark_line(strokeDash=[4, 4], color="#555555")
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"))
    )
    others = (
        base.transform_filter("!datum.chosen")
        .mark_point(filled=False, size=90, color=OTHER_COLOUR, opacity=0.8)
        .encode(
            x=x, y=y, shape=alt.Shape("giver:N", title="Who gives", scale=shapes), tooltip=tooltip
        )
    )
    chosen_points = (
        base.transform_filter("datum.chosen")
        .mark_point(filled=True, size=170, opacity=1)
        .encode(
            x=x,
            y=y,
            shape=shape,
            color=alt.Color(
                "giver:N",
                title="Who gives",
                scale=alt.Scale(
                    domain=[f"{p} gives" for p in PARTIES], range=[COLOURS[p] for p in PARTIES]
                ),
            ),
            tooltip=tooltip,
        )
    )
    # labels beside their point (left of it near the right-hand edge), moved down a line
    # where they would overlap another label (see _place_labels)
    label_y = alt.Y("label_y:Q", scale=alt.Scale(domain=[0, top]))
    labels = [
        base.transform_filter(f"datum.label != '' && datum.label_side == '{side}'")
        .mark_text(align=align, dx=dx, fontSize=11, color="#222222")
        .encode(x=x, y=label_y, text=alt.Text("label:N"))
        for side, align, dx in (("right", "left", _GAP_PX), ("left", "right", -_GAP_PX))
    ]  # fmt: skip
    chart = alt.layer(diagonal, others, chosen_points, *labels).properties(
        width=width, height=round(width * CHART_HEIGHT / CHART_WIDTH), description=CHART_ALT
    )
    return style(chart, source=source, title="The package: value against cost and risk")


def chart_source(dataset: Dataset) -> str:
    return f"exchange table (analytic scores), data {dataset.version}"


# ------------------------------------------------------------------ speculation vs outcome
@dataclass(frozen=True)
class Outcome:
    """One claim of October 2024 set against what happened."""

    claim_id: str
    claim: str
    quote: str | None
    kind: str
    claimed_by: str
    claim_date: str
    locator: str
    assessment: str
    evidence: str
    evidence_source_ids: tuple[str, ...]
    confidence: str
    items: tuple[tuple[str, str, str], ...] = ()  # (item id, short name, status label)

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.claimed_by, *self.evidence_source_ids)))


KIND_ORDER = {"prediction": 0}


def speculation(
    dataset: Dataset, day: date, claimed_by: str = TSITRIN
) -> tuple[list[Outcome], int]:
    """Claims by `claimed_by` made by `day`, predictions first, each with the status on
    `day` of the exchange items it concerns. Returns (outcomes, claims made later)."""
    items = list(dataset.exchange_items)
    outcomes, later = [], 0
    for claim in dataset.claims:
        if claim.claimed_by != claimed_by:
            continue
        when = claim.claim_date
        if isinstance(when, PartialDate) and when.happened_by(day) is False:
            later += 1
            continue
        linked = []
        for item in items:
            if subjects_of(item) & set(claim.subject_ids):
                status = status_at(dataset, item, day)
                linked.append((item.id, short_name(item), status.label))
        outcomes.append(
            Outcome(
                claim.id,
                claim.claim,
                claim.quote,
                claim.kind.value,
                claim.claimed_by,
                when.human() if isinstance(when, PartialDate) else "date unknown",
                claim.locator,
                claim.assessment.value,
                claim.evidence,
                tuple(claim.evidence_source_ids),
                claim.confidence.value,
                tuple(linked),
            )
        )
    outcomes.sort(key=lambda o: KIND_ORDER.get(o.kind, 1))
    return outcomes, later


SPECULATION_COLUMNS = (
    "claim_id",
    "kind",
    "claim_date",
    "claim",
    "quote",
    "locator",
    "assessment",
    "evidence",
    "confidence",
    "items_status_on_date",
    "evidence_source_ids",
)


def speculation_csv(outcomes: Iterable[Outcome], day: date) -> str:
    rows = []
    for o in outcomes:
        rows.append(
            {
                "as_of": day.isoformat(),
                "claim_id": o.claim_id,
                "kind": o.kind,
                "claim_date": o.claim_date,
                "claim": o.claim,
                "quote": o.quote or "",
                "locator": o.locator,
                "assessment": o.assessment,
                "evidence": o.evidence,
                "confidence": o.confidence,
                "items_status_on_date": "; ".join(f"{n}: {s}" for _, n, s in o.items),
                "evidence_source_ids": "; ".join(o.evidence_source_ids),
            }
        )
    return to_csv(rows, ["as_of", *SPECULATION_COLUMNS])


# ------------------------------------------------------------------ one page run
@dataclass(frozen=True)
class ExchangeView:
    day: date
    rows: tuple[LedgerRow, ...]  # the ledger as filtered
    all_rows: tuple[LedgerRow, ...]  # every item (for the builder and the chart)
    package: Package
    reading: tuple[Sentence, ...]
    outcomes: tuple[Outcome, ...]
    later_claims: int
    directions: tuple[str, ...] = ()
    chosen: tuple[str, ...] = field(default_factory=tuple)

    def side(self, party: str) -> list[LedgerRow]:
        """Items `party` can give, for the builder's columns."""
        return [row for row in self.all_rows if row.giver == party]


def build_view(
    dataset: Dataset,
    day: date | None,
    chosen: Iterable[str] = DEFAULT_PACKAGE,
    weights: Weights | None = None,
    directions: Sequence[str] = (),
) -> ExchangeView:
    day = clamp(day, dataset)
    weights = weights or Weights()
    directions = tuple(d for d in directions if d in DIRECTIONS)
    all_rows = tuple(ledger(dataset, day))
    rows = tuple(r for r in all_rows if not directions or r.direction in directions)
    by_id = {item.id: item for item in dataset.exchange_items}
    chosen = tuple(i for i in dict.fromkeys(chosen) if i in by_id)
    package = score_package([by_id[i] for i in chosen], weights)
    outcomes, later = speculation(dataset, day)
    return ExchangeView(
        day,
        rows,
        all_rows,
        package,
        tuple(reading(dataset, package, day)),
        tuple(outcomes),
        later,
        directions,
        chosen,
    )


PACKAGE_COLUMNS = (
    "part",
    "item",
    "gives",
    "value",
    "cost",
    "escalation",
    "feasibility",
    "status_on_date",
    "id",
)


def package_rows(view: ExchangeView) -> list[dict[str, str]]:
    """The package as a table (shown on the page and exported as CSV): the chosen items
    with their scores, each side's weighted balance, and the verdict. Every cell is text."""
    rows: list[dict[str, str]] = []
    for row in (r for r in view.all_rows if r.id in view.chosen):
        rows.append(
            {
                "part": "item",
                "item": row.item,
                "gives": row.giver,
                "value": str(row.value),
                "cost": str(row.cost),
                "escalation": str(row.escalation),
                "feasibility": str(row.feasibility),
                "status_on_date": row.status.label,
                "id": row.id,
            }
        )
    package = view.package
    for party in PARTIES:
        b = package.balances[party]
        rows.append(
            {
                "part": f"{party}'s balance",
                "item": f"gets {b.gets:.1f}, gives up {b.gives:.1f}: balance {_fmt(b.net)}",
                "value": f"{b.gets:.1f}",
                "cost": f"{b.gives:.1f}",
            }
        )
    if not package.empty:
        rows.append(
            {
                "part": "package",
                "item": f"riskiest item escalation {package.escalation}/5, hardest item "
                f"feasibility {package.feasibility}/5",
                "escalation": str(package.escalation),
                "feasibility": str(package.feasibility),
            }
        )
    rows.append(
        {
            "part": "verdict",
            "item": headline(package, symbol=False) + f"; weights {package.weights.describe()}",
            "status_on_date": f"as of {view.day.isoformat()}",
        }
    )
    return [{column: row.get(column, "") for column in PACKAGE_COLUMNS} for row in rows]


def package_csv(view: ExchangeView) -> str:
    """`package_rows` as CSV, formula-safe."""
    return to_csv(package_rows(view), PACKAGE_COLUMNS)


# ------------------------------------------------------------------ state and the PDF
def _day_from_state(state: Mapping[str, Any]) -> date | None:
    value = state.get("as_of")
    if isinstance(value, date):
        return value
    text = _last(value)
    if text:
        try:
            return parse_day(text)
        except ValueError:
            return None
    return None


def view_from_state(dataset: Dataset, state: Mapping[str, Any]) -> ExchangeView:
    """The view a URL-like state describes (what the page and the PDF both build)."""
    directions = [d for d in _as_list(state.get("direction")) if d in DIRECTIONS]
    return build_view(
        dataset,
        _day_from_state(state),
        chosen_ids(dataset, state),
        Weights.from_state(state),
        directions,
    )


def query_of(dataset: Dataset, view: ExchangeView) -> dict[str, Any]:
    query: dict[str, Any] = dict(package_query(dataset, view.chosen))
    query.update(view.package.weights.query())
    if view.directions:
        query["direction"] = list(view.directions)
    if dataset.as_of and view.day != dataset.as_of:
        query["as_of"] = view.day.isoformat()
    return query


def state_of(dataset: Dataset, view: ExchangeView) -> dict[str, Any]:
    """The plain state `report_section` takes: the URL query plus the as-of date."""
    return {**query_of(dataset, view), "as_of": view.day}


def report_section(dataset: Dataset, state: Mapping[str, Any]) -> Section:
    """The exchange view as a PDF section, built from the same functions as the page."""
    view = view_from_state(dataset, state or {})
    day_text = PartialDate(view.day.year, view.day.month, view.day.day).human()
    blocks: list[Any] = [
        Paragraph(
            "What Iran offers Russia, what it wants in return, and what Russia offers, "
            f"with each item's status as of {day_text}. " + METHOD
        ),
        Heading("Ledger of exchange items", 3),
        Table(
            caption=f"Exchange items, status as of {day_text}; scores 0-5 are analytic "
            "judgements (V value to receiver, C cost to giver, E escalation, F feasibility)",
            columns=("Direction", "Item", f"Status on {view.day.isoformat()}", "V", "C", "E", "F"),
            rows=tuple(
                (
                    r.direction,
                    r.item,
                    r.status.label + (f" ({r.status.detail})" if r.status.detail else ""),
                    str(r.value),
                    str(r.cost),
                    str(r.escalation),
                    str(r.feasibility),
                )
                for r in view.rows
            ),
            confidence=tuple(r.confidence for r in view.rows),
            source_ids=tuple(r.source_ids for r in view.rows),
            widths=(1.3, 3.2, 2.0, 0.35, 0.35, 0.35, 0.35),
        ),
        Heading("The package", 3),
    ]
    package = view.package
    chosen_rows = [r for r in view.all_rows if r.id in view.chosen]
    blocks.append(
        Table(
            caption=f"Chosen package (weights: {package.weights.describe()})",
            columns=("Who gives", "Item", "V", "C", "E", "F"),
            rows=tuple(
                (
                    r.giver,
                    r.item,
                    str(r.value),
                    str(r.cost),
                    str(r.escalation),
                    str(r.feasibility),
                )
                for r in chosen_rows
            ),
            confidence=tuple(r.confidence for r in chosen_rows),
            source_ids=tuple(r.source_ids for r in chosen_rows),
            widths=(1.0, 4.0, 0.4, 0.4, 0.4, 0.4),
        )
    )
    records = chart_records(view.all_rows, view.chosen, package.weights)
    chart = package_chart(view.all_rows, view.chosen, package.weights, chart_source(dataset))
    blocks.append(
        Chart(
            spec(chart),
            CHART_ALT,
            chart_takeaway(records),
            tuple(dict.fromkeys(s for r in chosen_rows for s in r.source_ids)),
        )
    )
    for sentence in view.reading:
        if sentence.kind == "verdict":
            blocks.append(
                Judgement(headline(package, symbol=False), sentence.text, "analytic judgement")
            )
        else:
            blocks.append(Paragraph(sentence.text, sentence.source_ids))
    blocks.append(Heading("Speculation against outcome", 3))
    blocks.append(
        Paragraph(
            "What Lev Tsitrin speculated in October 2024 (New English Review), set against "
            "what the January 2025 treaty and later events showed. Assessments use "
            "everything known by the data's as-of date.",
            (TSITRIN,),
        )
    )
    blocks.append(
        Table(
            caption="Tsitrin's claims (October 2024) and the outcome",
            columns=("Claim (summary)", "Assessment", "Evidence (summary)"),
            rows=tuple((o.claim, o.assessment, o.evidence) for o in view.outcomes),
            confidence=tuple(o.confidence for o in view.outcomes),
            source_ids=tuple(o.source_ids for o in view.outcomes),
            widths=(2.5, 1.0, 4.0),
        )
    )
    return Section(
        key="exchange",
        title=TITLE,
        url_path=URL_PATH,
        blocks=tuple(blocks),
        query=query_of(dataset, view),
        summary=headline(package, symbol=False),
    )
