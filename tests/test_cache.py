"""ui/cache.py: a view is computed once per (dataset, state), every caller gets its own copy,
and a new state or a changed data folder computes afresh. What a reader would notice if this
broke: a filter that does nothing (a stale result), or one reader's view changing another's."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
import streamlit as st

from briefing import capabilities as cap
from briefing import charts, treaties
from briefing.store import load_dataset
from tests.conftest import DATA
from ui import cache


@pytest.fixture(autouse=True)
def fresh():
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def counting(fn):
    calls = []

    def wrapped(*args, **kwargs):
        calls.append(args)
        return fn(*args, **kwargs)

    wrapped.__module__, wrapped.__qualname__ = fn.__module__, fn.__qualname__
    return wrapped, calls


def test_the_same_state_is_computed_once_and_each_caller_gets_a_copy(dataset):
    rows, calls = counting(cap.system_rows)
    day = dataset.as_of
    first = cache.computed(rows, dataset, day, cap.Filters((), (), ()))
    second = cache.computed(rows, dataset, day, cap.Filters((), (), ()))
    assert len(calls) == 1
    assert second is not first  # a copy each: no reader's run can change another's
    assert second.rows and second == cap.system_rows(dataset, day, cap.Filters((), (), ()))


def test_a_new_state_or_a_new_day_computes_afresh(dataset):
    rows, calls = counting(cap.system_rows)
    everything = cache.computed(rows, dataset, dataset.as_of, cap.Filters((), (), ()))
    fighters = cache.computed(rows, dataset, dataset.as_of, cap.Filters(("fighter",), (), ()))
    early = cache.computed(rows, dataset, date(2015, 1, 1), cap.Filters((), (), ()))
    assert len(calls) == 3
    assert len(fighters.rows) < len(everything.rows)
    assert early != everything


def test_a_changed_data_folder_is_a_new_dataset(tmp_path, dataset):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    other = load_dataset(folder)
    cache.remember(dataset, str(DATA), ("fingerprint", 1))
    cache.remember(other, str(folder), ("fingerprint", 2))
    rows, calls = counting(cap.system_rows)
    cache.computed(rows, dataset, dataset.as_of, cap.Filters((), (), ()))
    cache.computed(rows, other, other.as_of, cap.Filters((), (), ()))
    assert len(calls) == 2  # equal contents, but another folder and fingerprint


def test_a_cached_chart_is_the_spec_the_chart_gives(dataset):
    view = treaties.comparison(
        dataset, treaties.default_treaties(dataset), [], "quote", dataset.as_of
    )
    spec = cache.chart_spec(treaties.ladder_chart, view.points, dataset.as_of)
    assert spec == charts.spec(treaties.ladder_chart(view.points, dataset.as_of))
    assert cache.chart_spec(treaties.ladder_chart, view.points, dataset.as_of) == spec
