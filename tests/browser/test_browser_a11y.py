"""Accessibility of every registered page: axe-core in Chromium, chart alternatives, and
colour never the only carrier of meaning.

axe-core comes bundled in the `axe-playwright-python` wheel (pinned in
requirements-dev.txt), so nothing is fetched at test time and no copy is vendored here.
"""

from __future__ import annotations

import json

import pytest
from harness import ROOT, page_registry, wait_for_app

REGISTRY = page_registry()
#: Known faults, (test, page) -> reason, run as expected failures until fixed; none now.
KNOWN: dict[tuple[str, str], str] = {}


def known(test: str) -> list:
    params = []
    for spec in REGISTRY:
        reason = KNOWN.get((test, spec.name))
        marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
        params.append(pytest.param(spec, id=spec.name, marks=marks))
    return params


def _describe(violation: dict) -> str:
    targets = [" ".join(map(str, node.get("target", []))) for node in violation["nodes"][:3]]
    return f"{violation['impact']}: {violation['id']} ({violation['help']}) at {targets}"


@pytest.mark.parametrize("spec", known("axe"))
def test_axe_finds_no_violations(desktop, spec):
    """None at all: the issue asks for no serious or critical ones; the pages now have no
    moderate or minor ones either (heading order, empty table header were the last)."""
    from axe_playwright_python.sync_playwright import Axe

    page = desktop.view(spec.route)
    results = Axe().run(page)
    violations = results.response["violations"]
    report = ROOT / "artifacts" / "axe" / f"{spec.name}.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(violations, indent=1), encoding="utf-8")
    assert violations == [], "\n".join(_describe(v) for v in violations)


#: every chart: its alt text (aria-label from the spec's description) and the caption after it
CHARTS_JS = """
() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]')).map(chart => {
  const box = chart.closest('[data-testid="stElementContainer"]');
  let next = box && box.nextElementSibling;
  const captions = [];
  for (let i = 0; next && i < 3; i++, next = next.nextElementSibling) {
    const caption = next.querySelector('[data-testid="stCaptionContainer"]');
    if (caption) captions.push(caption.innerText.trim());
  }
  return {alt: chart.getAttribute('aria-label') || '', captions};
})
"""


@pytest.mark.parametrize("spec", known("charts"))
def test_every_chart_has_alt_text_and_a_caption(desktop, spec):
    page = desktop.view(spec.route)
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    for index in range(charts.count()):  # charts render when scrolled into view
        charts.nth(index).scroll_into_view_if_needed()
    wait_for_app(page)
    for chart in page.evaluate(CHARTS_JS):
        assert len(chart["alt"].split()) >= 8, f"chart without alt text: {chart}"
        assert any(len(c.split()) >= 6 for c in chart["captions"]), f"no caption: {chart}"


# ------------------------------------------------- colour is never alone (AppTest)
NON_COLOUR = {"x", "y", "x2", "y2", "shape", "text", "strokeDash", "row", "column", "facet",
              "theta", "size", "opacity", "fillOpacity", "strokeWidth"}  # fmt: skip


def _encodings(spec: dict):
    """Every `encoding` block of a Vega-Lite spec, with its mark, through layers/facets."""
    if isinstance(spec, dict):
        if "encoding" in spec:
            yield spec.get("mark"), spec["encoding"]
        for key in ("layer", "concat", "hconcat", "vconcat"):
            for child in spec.get(key, []):
                yield from _encodings(child)
        if "spec" in spec:
            yield from _encodings(spec["spec"])


def _fields(channel) -> set[str]:
    if isinstance(channel, dict):
        found = {channel["field"]} if "field" in channel else set()
        for value in channel.values():
            found |= _fields(value)
        return found
    if isinstance(channel, list):
        return set().union(*(_fields(item) for item in channel)) if channel else set()
    return set()


def colour_only_fields(spec: dict) -> set[str]:
    """Fields that a chart shows by colour and by nothing else (no axis, shape, text...)."""
    coloured, elsewhere = set(), set()
    for mark, encoding in _encodings(spec):
        for channel, value in encoding.items():
            names = _fields(value)
            if channel in ("color", "fill", "stroke"):
                coloured |= names
            elif channel in NON_COLOUR:
                elsewhere |= names
        kind = mark.get("type") if isinstance(mark, dict) else mark
        if kind == "text":
            elsewhere |= _fields(encoding.get("text"))
    return coloured - elsewhere


def test_colour_only_check_catches_a_colour_only_chart():
    spec = {"mark": "point", "encoding": {"x": {"field": "a"}, "color": {"field": "b"}}}
    assert colour_only_fields(spec) == {"b"}
    spec["encoding"]["shape"] = {"field": "b"}
    assert colour_only_fields(spec) == set()


@pytest.fixture
def fresh_caches():
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.mark.parametrize("spec", known("colour"))
def test_no_chart_uses_colour_alone(fresh_caches, spec):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    if not spec.default:
        at.switch_page(spec.file)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    for chart in at.get("vega_lite_chart"):
        spec_json = json.loads(chart.proto.spec)
        assert colour_only_fields(spec_json) == set(), spec_json.get("description")
