"""Scoring a package of exchange items under the reader's weights (see wording.METHOD)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefing.exchange.ledger import giver, receiver
from briefing.exchange.state import IRAN, PARTIES, RUSSIA, Weights
from briefing.schema import ExchangeItem

SCORE_MAX = 5
MIDPOINT = SCORE_MAX / 2
#: score bands of the verdict
HOLDS, BORDERLINE, FAILS = "holds together", "on the edge", "does not hold"
EMPTY, ONE_SIDED, UNWEIGHTED = "empty", "one-sided", "unweighted"
BAND = 1.0


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
