"""What pages compute, computed once per dataset and state and shared by every session.

A page calls `computed(fn, data, *state)` for a view and `chart_spec(build, *inputs)` for a
chart instead of calling `briefing` directly: the first reader with that state pays, every
rerun, reload and reader after that gets a copy of the result (`st.cache_data` returns a
copy each call, so no session can change another's). `briefing` stays Streamlit-free: the
functions cached here are its own, unchanged.

The key is the plain state the page passes (ids, dates, flags, filters) and the dataset as
`data_key` names it: the data folder and the fingerprint of its files when `ui.data`
loaded it. So a new state computes afresh, an edited file is a new dataset, and two data
folders (`BRIEFING_DATA_DIR`) never share a result. A dataset that did not come through
`ui.data` (a test's own) gets a key of its own for as long as it lives.

Nothing here clears a cache: clearing is for tests (`tests/conftest.py`), never for a page
(it would clear every reader's).
"""

from __future__ import annotations

import dataclasses
import uuid
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from briefing import charts
from briefing.store import Dataset

T = TypeVar("T")

#: id(dataset) -> its key, for the datasets alive now (dropped when one is collected)
_KEYS: dict[int, tuple] = {}


def remember(data: Dataset, folder: str, fingerprint: tuple) -> None:
    """File `data` under its folder and the fingerprint it was loaded with (ui.data)."""
    if id(data) not in _KEYS:
        weakref.finalize(data, _KEYS.pop, id(data), None)
    _KEYS[id(data)] = (folder, fingerprint)


def data_key(data: Dataset) -> tuple:
    """What a result computed from `data` is cached under (see the module's docstring)."""
    key = _KEYS.get(id(data))
    if key is None:
        remember(data, str(data.folder), ("untracked", uuid.uuid4().hex))
        key = _KEYS[id(data)]
    return key


_HASH_FUNCS = {Dataset: data_key}
#: results kept per cache (each a small pickle: a view is tens of kB, a spec a few)
MAX_ENTRIES = 256


def _name(fn: Callable) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


@st.cache_data(show_spinner=False, max_entries=MAX_ENTRIES, hash_funcs=_HASH_FUNCS)
def _computed(name: str, key: Any, _fn: Callable, _args: tuple, _kwargs: dict) -> Any:
    return _fn(*_args, **_kwargs)


def computed(fn: Callable[..., T], *args: Any, key: Any = None, **kwargs: Any) -> T:
    """`fn(*args, **kwargs)`, computed once per `key` (by default the arguments themselves,
    a dataset among them by its `data_key`).

    For pure `briefing` functions: the result must depend on the arguments alone. Hashing
    is by value and costs time for long lists of rows (100 events: about 0.1 s, more than
    most views take to compute), so when the arguments come from a view, pass as `key`
    what that view was computed from: the dataset and the page's plain state.
    """
    return _computed(_name(fn), (args, kwargs) if key is None else key, fn, args, kwargs)


def _specs(value: Any) -> Any:
    """`value` with every Altair chart in it (itself, in a list or tuple, or a field of a
    dataclass) replaced by its Vega-Lite spec."""
    if isinstance(value, list | tuple):
        items = [_specs(item) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {
            f.name: _specs(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if charts.is_chart(getattr(value, f.name))
        }
        return dataclasses.replace(value, **changed) if changed else value
    return charts.spec(value) if charts.is_chart(value) else value


def _build_specs(build: Callable, *args: Any, **kwargs: Any) -> Any:
    with charts.quick():
        return _specs(build(*args, **kwargs))


def chart_spec(build: Callable[..., Any], *args: Any, key: Any = None, **kwargs: Any) -> Any:
    """What `build(*args, **kwargs)` returns, every Altair chart in it as its Vega-Lite spec
    (the dict `st.vega_lite_chart`, the SVG/PNG downloads and the PDF take), built once
    per `key` (as for `computed`). Building a chart costs 40-150 ms of Altair; a cached
    spec, a copy."""
    hashed = (args, kwargs) if key is None else key
    return _computed(_name(build), ("chart", hashed), _build_specs, (build, *args), kwargs)
