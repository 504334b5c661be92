"""Sources & method through the page: the register's mix, the rule, and the markers a
reader sees on every sources line."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from briefing import register
from briefing.register import quality
from tests.conftest import ROOT
from tests.tables import all_tables

APP = str(ROOT / "app.py")


def run(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def shown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def test_the_sources_page_shows_the_registers_mix_and_the_rule(dataset):
    at = run("pages/sources.py")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    figures = quality(dataset)
    assert metrics["sources in the register"] == str(figures["sources"])
    dated = f"{100 * figures['dated'] / figures['sources']:.0f}%"
    assert metrics["dated (day, month or year)"] == dated
    assert metrics["'confirmed' rows failing the rule"] == str(figures["confidence_warnings"])
    tables = {t.columns[0]: t for t in all_tables(at)}
    assert {"kind", "outlet type", "country", "date basis"} <= set(tables)
    assert tables["kind"]["sources"].astype(int).sum() == figures["sources"]
    text = shown(at)
    assert register.RULE in text and register.COPIES_RULE in text
    assert register.MARKER_NOTE in text
    columns = set(tables["publisher"].columns)
    assert {"date_basis", "voice", "country", "copy_of", "title_en"} <= columns


def test_sources_lines_mark_state_media(dataset):
    text = shown(run())
    tass = dataset.outlet("tass")
    assert tass is not None and tass.type.value == "state media"
    assert re.search(r"\[TASS, \d+ \w+ \d{4}\]\([^)]+\) \(state media, Russia\)", text)
