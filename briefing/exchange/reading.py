"""The package in plain language: findings with their sources, the verdict, metrics."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from briefing.dates import PartialDate
from briefing.exchange.deal import BORDERLINE, FAILS, HOLDS, ONE_SIDED, UNWEIGHTED, Package, Term
from briefing.exchange.ledger import LedgerRow, _fmt, in_sentence, short_name, status_at
from briefing.exchange.state import IRAN, PARTIES, RUSSIA
from briefing.schema import ExchangeItem
from briefing.store import Dataset
from briefing.text import shorten
from briefing.war import exchange_outcome


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
    if any(i.direction.value == "Russia offers Iran" or i.id == "x-defence-pact" for i in items):
        for said in exchange_outcome(dataset, day):
            label = "" if said.confidence == "confirmed" else f" ({said.confidence})"
            out.append(Sentence(said.text + label, said.source_ids, kind="outcome"))
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
