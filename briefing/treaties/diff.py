"""What changed between a treaty and the one it supersedes: a word diff of the two texts
and a plain reading that is honest about what a word diff can show."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from briefing.schema import Provision
from briefing.store import Dataset
from briefing.text import escape_markdown
from briefing.treaties.align import RelationLabel, ThemeRow
from briefing.treaties.clauses import Clause, article_label, clause, language_name, source_label
from briefing.treaties.state import treaty_name


# ---------------------------------------------------------------------- diffs
@dataclass(frozen=True)
class Segment:
    op: Literal["equal", "insert", "delete"]
    text: str


_TOKEN = re.compile(r"\S+")


def words(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def _normal(tokens: Sequence[str]) -> list[str]:
    keys = (re.sub(r"[\W_]+", "", token.casefold()) for token in tokens)
    return [key for key in keys if key]


def word_diff(old: str | None, new: str | None) -> list[Segment]:
    """Word-level difference of two texts as recorded: runs of equal, deleted, inserted words."""
    a, b = words(old), words(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    segments: list[Segment] = []

    def add(op: str, tokens: Sequence[str]) -> None:
        if not tokens:
            return
        text = " ".join(tokens)
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + " " + text)  # type: ignore[arg-type]
        else:
            segments.append(Segment(op, text))  # type: ignore[arg-type]

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", a[i1:i2])
        else:
            add("delete", a[i1:i2])
            add("insert", b[j1:j2])
    return segments


def similarity(old: str | None, new: str | None) -> float:
    """Share of wording in common (0–1), ignoring case and punctuation."""
    a, b = _normal(words(old)), _normal(words(new))
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def diff_markdown(segments: Sequence[Segment]) -> str:
    """Markdown that shows ~~deleted~~ and **inserted** words; every data token is escaped."""
    parts = []
    for segment in segments:
        text = escape_markdown(segment.text)
        if segment.op == "delete":
            parts.append(f"~~{text}~~")
        elif segment.op == "insert":
            parts.append(f"**{text}**")
        else:
            parts.append(text)
    return " ".join(parts)


def diff_plain(segments: Sequence[Segment]) -> str:
    """The same difference as plain text for print: [-deleted-] {+inserted+}."""
    parts = []
    for segment in segments:
        if segment.op == "delete":
            parts.append(f"[-{segment.text}-]")
        elif segment.op == "insert":
            parts.append(f"{{+{segment.text}+}}")
        else:
            parts.append(segment.text)
    return " ".join(parts)


def diff_rows(segments: Sequence[Segment], earlier: str, later: str) -> list[dict[str, str]]:
    """The difference as a list (for screen readers and the table view)."""
    meaning = {"equal": "kept", "delete": f"only in {earlier}", "insert": f"only in {later}"}
    return [{"change": meaning[s.op], "words": s.text} for s in segments]


@dataclass(frozen=True)
class ThemeDiff:
    theme: str
    earlier_id: str
    later_id: str
    earlier: Clause | None
    later: Clause | None
    text_kind: Literal["quote", "summary", "none"]
    segments: tuple[Segment, ...]
    similarity: float | None
    relation: RelationLabel
    reading: str
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def texts(self) -> str:
        """What was compared, in words: 'quotes', 'summaries' or 'nothing'."""
        return {"quote": "quotes", "summary": "summaries"}.get(self.text_kind, "nothing")


def _pick(clauses: Sequence[Clause], want_quote: bool) -> Clause | None:
    """The clause that speaks for a treaty on a theme: quoted, coded, strongest first."""
    if not clauses:
        return None

    def key(c: Clause) -> tuple:
        return (
            not (want_quote and c.text_kind == "quote"),
            c.relation is None,
            -(c.rank or 0),
        )

    return min(clauses, key=key)


def _obligation_phrase(earlier: Clause, later: Clause) -> str:
    if earlier.rank is None and later.rank is None:
        return "neither clause is coded as a defence pledge"
    if earlier.obligation == later.obligation:
        return f"both are coded '{later.obligation}'"
    if earlier.rank and later.rank:
        word = "stronger" if later.rank > earlier.rank else "weaker"
        return f"the later pledge is coded {word} ('{earlier.obligation}' → '{later.obligation}')"
    return f"coded '{earlier.obligation}' → '{later.obligation}'"


def _likeness(later_name: str, earlier_name: str, ratio: float, identical: bool) -> str:
    pct = f"({round(ratio * 100)}% alike)"
    if identical:
        return f"{later_name} keeps the {earlier_name} wording word for word."
    if ratio >= 0.85:
        return f"{later_name} keeps the {earlier_name} wording almost word for word {pct}."
    if ratio >= 0.5:
        return f"{later_name} keeps much of the {earlier_name} wording, with changes {pct}."
    if ratio >= 0.2:
        return f"{later_name} rewords the {earlier_name} text substantially {pct}."
    return f"{later_name} shares almost no wording with the {earlier_name} text {pct}."


def plain_reading(
    dataset: Dataset,
    theme: str,
    earlier_id: str,
    later_id: str,
    earlier: Clause | None,
    later: Clause | None,
    mode: str,
) -> str:
    """One line a reader can take away, honest about what a word diff can show."""
    e_name, l_name = treaty_name(dataset, earlier_id), treaty_name(dataset, later_id)
    if earlier is None and later is None:
        return f"Neither {e_name} nor {l_name} has a clause on {theme} in the data."
    if earlier is None:
        return (
            f"New in {l_name}: no {e_name} clause on {theme} is recorded "
            f"({l_name}: {article_label(later.article)}, coded '{later.obligation}')."
        )
    if later is None:
        return (
            f"No {l_name} clause on {theme} is recorded; {e_name} had one "
            f"({article_label(earlier.article)}, coded '{earlier.obligation}')."
        )
    ratio = similarity(earlier.text, later.text)
    identical = words(earlier.text) == words(later.text)
    coded = _obligation_phrase(earlier, later)
    if earlier.text_kind == "summary" or later.text_kind == "summary":
        if mode == "quote":
            missing = [
                name
                for name, c in ((e_name, earlier), (l_name, later))
                if not _has_quote(dataset, c)
            ]
            lead = (
                f"No verbatim text is recorded for {' or '.join(missing)}, so this compares "
                "our summaries, not treaty wording"
            )
        else:
            lead = "This compares our summaries, not treaty wording"
        return f"{lead}: {_likeness(l_name, e_name, ratio, identical)[:-1]}; {coded}."
    e_lang, l_lang = (earlier.language or "").lower(), (later.language or "").lower()
    e_src = source_label(dataset, earlier.quote_source_id)
    l_src = source_label(dataset, later.quote_source_id)
    if not e_lang or not l_lang or e_lang != l_lang:
        return (
            f"The texts are recorded in different languages or translations "
            f"({e_name}: {language_name(e_lang)}, from {e_src}; {l_name}: "
            f"{language_name(l_lang)}, from {l_src}), so the word changes below reflect "
            f"translation, not the treaty; by the coded obligation, {coded}."
        )
    if earlier.quote_source_id != later.quote_source_id:
        return (
            f"The texts come from different sources ({e_src}; {l_src}) and may be different "
            f"translations, so read small word changes with care: "
            f"{_likeness(l_name, e_name, ratio, identical)[:-1]}; {coded}."
        )
    return f"{_likeness(l_name, e_name, ratio, identical)[:-1]}; {coded}."


def _has_quote(dataset: Dataset, c: Clause) -> bool:
    provision = dataset.get("provisions", c.provision_id)
    return isinstance(provision, Provision) and bool(provision.quote)


def theme_diffs(dataset: Dataset, rows: Sequence[ThemeRow], mode: str) -> list[ThemeDiff]:
    """For each succession among the chosen treaties and each theme with a clause on
    either side: the word diff of the two texts and its plain reading."""
    result = []
    for row in rows:
        for relation in row.relations:
            old = row.cells.get(relation.earlier_id, ())
            new = row.cells.get(relation.later_id, ())
            if not old and not new:
                continue
            earlier, later = _pick(old, mode == "quote"), _pick(new, mode == "quote")
            if earlier and later and (earlier.text_kind != later.text_kind):
                earlier, later = _as_summary(dataset, earlier), _as_summary(dataset, later)
            reading = plain_reading(
                dataset, row.theme, relation.earlier_id, relation.later_id, earlier, later, mode
            )
            if earlier and later:
                segments = tuple(word_diff(earlier.text, later.text))
                kind = earlier.text_kind
                ratio = similarity(earlier.text, later.text)
            else:
                segments, kind, ratio = (), "none", None
            result.append(
                ThemeDiff(
                    theme=row.theme,
                    earlier_id=relation.earlier_id,
                    later_id=relation.later_id,
                    earlier=earlier,
                    later=later,
                    text_kind=kind,
                    segments=segments,
                    similarity=ratio,
                    relation=relation,
                    reading=reading,
                )
            )
    return result


def _as_summary(dataset: Dataset, c: Clause) -> Clause:
    provision = dataset.get("provisions", c.provision_id)
    return clause(provision, "summary") if isinstance(provision, Provision) else c
