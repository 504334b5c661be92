"""Clauses aligned by theme, one cell per treaty, with the relation between a treaty and
the one it supersedes; the aligned table as shown and as CSV."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.schema import Relation, Theme, Treaty
from briefing.store import Dataset
from briefing.text import clean, csv_safe, shorten, to_csv
from briefing.treaties.clauses import Clause, article_label, clauses_for, source_label, sources_text
from briefing.treaties.state import treaty_labels, treaty_name
from briefing.treaties.wording import NOTHING

CELL_LIMIT = 400  # characters of clause text in a compact table cell


# ------------------------------------------------------------------ alignment
@dataclass(frozen=True)
class Succession:
    earlier_id: str
    later_id: str


def successions(dataset: Dataset, treaty_ids: Sequence[str]) -> list[Succession]:
    """Pairs of chosen treaties where the later one supersedes the earlier one."""
    chosen = set(treaty_ids)
    pairs = []
    for treaty_id in treaty_ids:
        treaty = dataset.get("treaties", treaty_id)
        if isinstance(treaty, Treaty) and treaty.supersedes in chosen:
            pairs.append(Succession(treaty.supersedes, treaty_id))
    return pairs


@dataclass(frozen=True)
class RelationLabel:
    earlier_id: str
    later_id: str
    relation: str  # a Relation value, or "not assessed"
    basis: str  # "recorded" (an analyst's coding in provisions.csv) or "derived: …"

    @property
    def text(self) -> str:
        if self.basis == "recorded":
            return f"{self.relation} (recorded)"
        return f"{self.relation} ({self.basis})"


def relation_between(earlier: Sequence[Clause], later: Sequence[Clause]) -> tuple[str, str]:
    """(relation, basis) of a later text to an earlier one on one theme."""
    recorded = list(dict.fromkeys(c.relation for c in later if c.relation))
    if recorded:
        return " / ".join(recorded), "recorded"
    if not earlier and not later:
        return Relation.ABSENT.value, "derived: neither text has a clause recorded"
    if not later:
        return Relation.ABSENT.value, "derived: no clause recorded in the later text"
    if not earlier:
        return Relation.NEW.value, "derived: no clause recorded in the earlier text"
    old = max((c.rank for c in earlier if c.rank), default=None)
    new = max((c.rank for c in later if c.rank), default=None)
    if old is None or new is None:
        return "not assessed", "no relation recorded, and no obligation code to compare"
    if new == old:
        return Relation.CONTINUITY.value, "derived: same obligation code"
    if new > old:
        return Relation.EXPANDED.value, "derived: stronger obligation code"
    return Relation.NARROWED.value, "derived: weaker obligation code"


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    cells: dict[str, tuple[Clause, ...]]  # treaty id -> clauses, possibly none
    relations: tuple[RelationLabel, ...] = ()


def align(
    dataset: Dataset, treaty_ids: Sequence[str], themes: Sequence[Theme | str], mode: str
) -> list[ThemeRow]:
    """One row per theme (in the order given), one cell per chosen treaty."""
    by_treaty = {tid: clauses_for(dataset, tid, mode) for tid in treaty_ids}
    pairs = successions(dataset, treaty_ids)
    rows = []
    for theme in themes:
        value = Theme(theme).value
        cells = {tid: tuple(c for c in by_treaty[tid] if c.theme == value) for tid in treaty_ids}
        relations = tuple(
            RelationLabel(
                p.earlier_id, p.later_id, *relation_between(cells[p.earlier_id], cells[p.later_id])
            )
            for p in pairs
        )
        rows.append(ThemeRow(value, cells, relations))
    return rows


def cell_text(
    clauses: Sequence[Clause], limit: int = CELL_LIMIT, dataset: Dataset | None = None
) -> str:
    """A compact, plain-text cell: 'Art. 3(3) · quote (English): “…” · obligation: … ·
    confirmed · source: RT, 17 January 2025 (+4 more)'."""
    if not clauses:
        return NOTHING
    parts = []
    for c in clauses:
        text = (
            f"{article_label(c.article)} · {c.label}: “{shorten(c.text, limit)}” · "
            f"obligation: {c.obligation} · {c.confidence}"
        )
        if dataset is not None and c.source_ids:
            more = len(c.source_ids) - 1
            text += f" · source: {source_label(dataset, c.source_ids[0])}"
            text += f" (+{more} more)" if more else ""
        parts.append(text)
    return " | ".join(parts)


def relation_header(dataset: Dataset, pair: Succession | RelationLabel) -> str:
    return f"{treaty_name(dataset, pair.earlier_id)} → {treaty_name(dataset, pair.later_id)}"


def alignment_rows(
    dataset: Dataset, rows: Sequence[ThemeRow], treaty_ids: Sequence[str]
) -> list[dict[str, str]]:
    """The compact aligned table as shown: theme, one column per treaty, relation(s)."""
    labels = treaty_labels(dataset)
    table = []
    for row in rows:
        line = {"theme": row.theme}
        for tid in treaty_ids:
            line[labels.get(tid, tid)] = cell_text(row.cells.get(tid, ()), dataset=dataset)
        for relation in row.relations:
            line[f"relation {relation_header(dataset, relation)}"] = relation.text
        table.append(line)
    return table


def _header(text: str) -> str:
    """A CSV header cell a spreadsheet will not run (`to_csv` neutralises only data cells)."""
    return str(csv_safe(clean(text, break_long=False)))


def alignment_csv(
    dataset: Dataset, rows: Sequence[ThemeRow], treaty_ids: Sequence[str], mode: str
) -> str:
    """CSV of the aligned table as shown, full texts, one sources column per treaty."""
    labels = treaty_labels(dataset)
    columns = ["theme"]
    records = []
    for tid in treaty_ids:
        name = _header(labels.get(tid, tid))
        columns += [
            f"{name}: article",
            f"{name}: text ({mode})",
            f"{name}: obligation",
            f"{name}: confidence",
            f"{name}: sources",
            f"{name}: locator",
        ]
    pairs = rows[0].relations if rows else ()
    columns += [f"relation {relation_header(dataset, r)}" for r in pairs]
    for row in rows:
        record: dict[str, object] = {"theme": row.theme}
        for tid in treaty_ids:
            name = _header(labels.get(tid, tid))
            found = row.cells.get(tid, ())
            if not found:
                record[f"{name}: text ({mode})"] = NOTHING
                continue
            record[f"{name}: article"] = " | ".join(article_label(c.article) for c in found)
            record[f"{name}: text ({mode})"] = " | ".join(f"[{c.label}] {c.text}" for c in found)
            record[f"{name}: obligation"] = " | ".join(c.obligation for c in found)
            record[f"{name}: confidence"] = " | ".join(c.confidence for c in found)
            record[f"{name}: sources"] = " | ".join(
                sources_text(dataset, c.source_ids) for c in found
            )
            record[f"{name}: locator"] = " | ".join(clean(c.locator) for c in found)
        for relation in row.relations:
            record[f"relation {relation_header(dataset, relation)}"] = relation.text
        records.append(record)
    return to_csv(records, columns)
