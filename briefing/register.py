"""The source register read as a whole: who speaks in each source, and how good it is.

`original` follows a copy or republication to the page it copies; `voice` says which
outlet, of what type and for which state, stands behind a source; `rests_on` reads a
row's sources for their mix (how many outlets, whether they are all one state's voice);
`confidence_warnings` applies the confidence rule to every row; `quality` gives the
register's figures for `python -m briefing validate --report` and the Sources page.

The confidence rule (stated on the Sources & method page, `RULE`): a row may be
'confirmed' only when its sources, each counted once through its original, come from
at least two outlets and are not all the state media or government of one state. A
treaty's own text is the exception: it confirms what it says.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from briefing.dates import PartialDate
from briefing.schema import STATE_VOICES, Confidence, OutletType, SourceKind

RULE = (
    "A row is labelled confirmed only when its sources, each counted once through the "
    "original it copies, come from at least two outlets, and not all from the state media "
    "or government of one state; a treaty's own text confirms what it says. A row resting "
    "on one outlet, on one state's media or officials, or on unnamed officials is at most "
    "reported (disputed where sources disagree), however often it is repeated."
)

#: how fast-moving news is handled (the Sources & method page and the PDF's method)
COPIES_RULE = (
    "Much of the 2026 reporting reaches us through copies: aggregators, digests and papers "
    "reprinting agency stories. Where a copy names the outlet it carries, the source says "
    "so (and points to the original where the original was found), the original is cited "
    "first, and two copies of one story count as one report. State media and government "
    "sources are marked with the state they speak for. Reports of covert help that rest on "
    "unnamed officials are kept as claims, disputed or open, with the denial or refusal to "
    "comment beside them. Where outlets give different dates or numbers, both are recorded "
    "as claims, and the row is dated only as precisely as they agree."
)

#: the marker on every sources line, explained once
MARKER_NOTE = (
    "A source marked (state media, Russia) or (government, Iran) speaks for that state; "
    "(aggregator) republishes others' reports. Unmarked outlets are independent or not yet "
    "typed (see the outlets table)."
)

#: tables whose rows carry `source_ids` and a `confidence`
SOURCED_TABLES = (
    "treaties",
    "provisions",
    "systems",
    "exchange",
    "events",
    "judgements",
    "statuses",
)


@dataclass(frozen=True)
class Voice:
    """Who stands behind a source: its original's outlet."""

    source_id: str  # the original's id (the source itself when it is no copy)
    outlet_key: str  # outlet id, or the publisher's name where no outlet is recorded
    outlet_name: str
    type: OutletType
    state: str | None  # for state media and government bodies

    @property
    def state_voice(self) -> bool:
        return self.type in STATE_VOICES

    @property
    def marker(self) -> str:
        """A short tag for source lines: 'state media, Russia'; '' for independent outlets."""
        if self.type in STATE_VOICES:
            return f"{self.type.value}, {self.state}" if self.state else self.type.value
        if self.type is OutletType.AGGREGATOR:
            return "aggregator"
        return ""


def original(dataset, source_id: str) -> str:
    """The id of the page `source_id` copies (following copies of copies), else itself."""
    seen = {source_id}
    current = source_id
    while True:
        source = dataset.source(current)
        if source is None or not source.copy_of or source.copy_of in seen:
            return current
        if dataset.source(source.copy_of) is None:
            return current
        seen.add(source.copy_of)
        current = source.copy_of


def voice(dataset, source_id: str) -> Voice:
    root = original(dataset, source_id)
    source = dataset.source(root)
    if source is None:
        return Voice(root, f"?{root}", root, OutletType.UNKNOWN, None)
    outlet = dataset.outlet(source.outlet_id)
    if outlet is None:
        key = source.publisher.strip().lower()
        return Voice(root, key, source.publisher, OutletType.UNKNOWN, None)
    return Voice(root, outlet.id, outlet.name, outlet.type, outlet.state)


@dataclass(frozen=True)
class Mix:
    """What a list of sources rests on."""

    voices: tuple[Voice, ...]  # one per distinct original
    treaty_text: bool

    @property
    def outlets(self) -> int:
        return len({v.outlet_key for v in self.voices})

    @property
    def one_state(self) -> str | None:
        """The state whose media/officials every source is, if they all are one state's."""
        if not self.voices or not all(v.state_voice for v in self.voices):
            return None
        states = {v.state for v in self.voices}
        return next(iter(states)) if len(states) == 1 and None not in states else None

    @property
    def can_confirm(self) -> bool:
        if self.treaty_text:
            return True
        return self.outlets >= 2 and self.one_state is None

    def why_not(self) -> str:
        if self.outlets < 2:
            name = self.voices[0].outlet_name if self.voices else "no source"
            return f"it rests on one outlet ({name})"
        return f"every source is the state media or government of {self.one_state}"


def rests_on(dataset, source_ids) -> Mix:
    voices: dict[str, Voice] = {}
    treaty_text = False
    for source_id in source_ids:
        found = voice(dataset, source_id)
        voices.setdefault(found.source_id, found)
        source = dataset.source(found.source_id)
        if source is not None and source.kind is SourceKind.TREATY_TEXT:
            treaty_text = True
    return Mix(tuple(voices.values()), treaty_text)


def confidence_warnings(dataset) -> list:
    """One warning per 'confirmed' row whose sources do not meet the rule."""
    from briefing.store import DataError  # store imports this module lazily

    found = []
    for table in SOURCED_TABLES:
        for row in dataset.tables.get(table, ()):
            if row.confidence is not Confidence.CONFIRMED:
                continue
            mix = rests_on(dataset, row.source_ids)
            if not mix.can_confirm:
                found.append(
                    DataError(
                        f"{table}.csv",
                        f"'confirmed' but {mix.why_not()}: label it reported, or add an "
                        "independent source",
                        column="confidence",
                        value=row.id,
                    )
                )
    for claim in dataset.tables.get("claims", ()):
        if claim.confidence is not Confidence.CONFIRMED:
            continue
        mix = rests_on(dataset, claim.evidence_source_ids)
        if not mix.can_confirm:
            found.append(
                DataError(
                    "claims.csv",
                    f"'confirmed' but the evidence: {mix.why_not()}",
                    column="confidence",
                    value=claim.id,
                )
            )
    return found


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({(100 * part / whole) if whole else 0:.0f}%)"


def quality(dataset) -> dict:
    """The register's figures: plain numbers and counters, for the CLI and the Sources page."""
    sources = dataset.sources
    total = len(sources)
    dated = [s for s in sources if isinstance(s.published, PartialDate)]
    voices = [voice(dataset, s.id) for s in sources]
    state = [v for v in voices if v.type is OutletType.STATE_MEDIA]
    official = [v for v in voices if v.type is OutletType.GOVERNMENT]
    rows = [row for table in SOURCED_TABLES for row in dataset.tables.get(table, ())]
    single_outlet = [row for row in rows if rests_on(dataset, row.source_ids).outlets < 2]
    one_source = [row for row in rows if len(set(row.source_ids)) == 1]
    return {
        "sources": total,
        "dated": len(dated),
        "by_basis": Counter(
            (s.published_basis.value if s.published_basis else "not given") for s in dated
        ),
        "by_precision": Counter(s.published.precision for s in dated),
        "state_media": len(state),
        "government": len(official),
        "copies": sum(1 for s in sources if s.copy_of),
        "with_outlet": sum(1 for s in sources if s.outlet_id),
        "checked": sum(1 for s in sources if s.checked),
        "by_kind": Counter(s.kind.value for s in sources),
        "by_outlet_type": Counter(v.type.value for v in voices),
        "by_country": Counter(
            (dataset.outlet(s.outlet_id).country if dataset.outlet(s.outlet_id) else "unknown")
            for s in sources
        ),
        "rows": len(rows),
        "single_source_rows": len(one_source),
        "single_outlet_rows": len(single_outlet),
        "confidence_warnings": len(confidence_warnings(dataset)),
    }


def quality_lines(dataset) -> list[str]:
    """`quality` as lines of text for the command line."""
    q = quality(dataset)
    total = q["sources"]

    def counted(counter: Counter) -> str:
        return ", ".join(f"{k} {v}" for k, v in counter.most_common()) or "none"

    return [
        f"sources: {total} ({len(dataset.outlets)} outlets)",
        f"dated: {_share(q['dated'], total)}; basis: {counted(q['by_basis'])}; "
        f"precision: {counted(q['by_precision'])}",
        f"state media: {_share(q['state_media'], total)}; government or official: "
        f"{_share(q['government'], total)}",
        f"copies of another source: {q['copies']}; with an outlet recorded: "
        f"{_share(q['with_outlet'], total)}; checked date recorded: "
        f"{_share(q['checked'], total)}",
        f"by kind: {counted(q['by_kind'])}",
        f"by outlet type: {counted(q['by_outlet_type'])}",
        f"by country: {counted(q['by_country'])}",
        f"sourced rows: {q['rows']}; resting on one source: "
        f"{_share(q['single_source_rows'], q['rows'])}; on one outlet: "
        f"{_share(q['single_outlet_rows'], q['rows'])}",
        f"'confirmed' rows that do not meet the rule: {q['confidence_warnings']}",
    ]


@dataclass(frozen=True)
class Figure:
    value: str
    label: str
    help: str = ""


def register_figures(dataset) -> list[Figure]:
    """The register's mix in a few figures a reader can take in (the Sources page)."""
    q = quality(dataset)
    total = q["sources"] or 1
    rows = q["rows"] or 1

    def pct(part: int, whole: int) -> str:
        return f"{100 * part / whole:.0f}%"

    return [
        Figure(str(q["sources"]), "sources in the register", f"{len(dataset.outlets)} outlets"),
        Figure(
            pct(q["dated"], total),
            "dated (day, month or year)",
            f"{q['dated']} of {q['sources']}; inferred dates are shown as 'c.'",
        ),
        Figure(
            pct(q["state_media"] + q["government"], total),
            "state media or government",
            f"{q['state_media']} state media, {q['government']} government or official",
        ),
        Figure(
            pct(q["single_outlet_rows"], rows),
            "of sourced rows rest on one outlet",
            f"{q['single_outlet_rows']} of {q['rows']} rows; such rows are at most 'reported'",
        ),
        Figure(str(q["copies"]), "copies cited through their original"),
        Figure(
            str(q["confidence_warnings"]),
            "'confirmed' rows failing the rule",
            "the validator warns on each (python -m briefing validate --warnings)",
        ),
    ]


def mix_tables(dataset, top: int = 12) -> dict[str, list[dict[str, object]]]:
    """{title: rows} counting the register by kind, outlet type, country and date basis."""
    q = quality(dataset)
    total = q["sources"] or 1

    def rows(counter: Counter, name: str, limit: int | None = None) -> list[dict[str, object]]:
        items = counter.most_common(limit)

        def share(n: int) -> str:
            return "<1%" if 0 < 100 * n / total < 0.5 else f"{100 * n / total:.0f}%"

        out = [{name: key, "sources": n, "share": share(n)} for key, n in items]
        rest = sum(counter.values()) - sum(n for _, n in items)
        if rest:
            out.append({name: "all others", "sources": rest, "share": share(rest)})
        return out

    basis = Counter(q["by_basis"])
    undated = q["sources"] - q["dated"]
    if undated:
        basis["undated (the note says why)"] = undated
    return {
        "By kind of source": rows(q["by_kind"], "kind"),
        "By outlet type": rows(q["by_outlet_type"], "outlet type"),
        "By country of the outlet": rows(q["by_country"], "country", top),
        "By what the date rests on": rows(basis, "date basis"),
    }
