"""Every chart the views build is valid Vega-Lite.

`briefing.charts.spec` skips Altair's schema check (it costs about a second in a fresh
process, on every PDF and page run); this is where the check happens instead. An invalid
spec would draw a broken or empty chart on screen, in the SVG/PNG downloads and the PDF.
"""

from __future__ import annotations

from datetime import date

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema import load_schema

from briefing import charts
from briefing.report import sections as registry
from briefing.report.model import Chart

AS_OF = [None, date(2001, 6, 1), date(2025, 3, 1)]


def _charts(dataset, key: str, day: date | None) -> list[Chart]:
    build = registry.available()[key]
    state = {"as_of": day or dataset.as_of}
    return [b for b in build(dataset, state).blocks if isinstance(b, Chart)]


@pytest.fixture(scope="module")
def schema():
    return load_schema()


@pytest.mark.parametrize("day", AS_OF, ids=lambda d: str(d))
@pytest.mark.parametrize("key", sorted(registry.available()))
def test_every_chart_of_every_view_is_valid_vega_lite(dataset, schema, key, day):
    for chart in _charts(dataset, key, day):
        error = validate_jsonschema(chart.spec, schema, raise_error=False)
        assert error is None, f"{key} chart ({chart.alt[:60]}): {error}"


def test_the_briefing_has_the_charts_it_promises(dataset):
    """The validity test above checks real charts, not an empty list."""
    found = {key: len(_charts(dataset, key, None)) for key in registry.available()}
    for key in ("treaties", "capabilities", "exchange", "timeline"):
        assert found.get(key, 0) >= 1, found


def test_spec_is_the_same_dict_with_or_without_the_check(dataset):
    """Skipping the check only saves time: the chart drawn is the same."""
    from briefing import treaties

    ids = [t.id for t in dataset.treaties]
    points = treaties.ladder_points(dataset, ids, dataset.as_of)
    assert points
    chart = treaties.ladder_chart(points, dataset.as_of)
    assert charts.spec(chart, validate=True) == charts.spec(chart)
