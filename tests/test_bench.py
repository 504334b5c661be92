"""The benchmark is not a test, but its scaffolding must keep working: it broke once when
the views folder was renamed, and nothing noticed until someone ran it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def _bench_run():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_router_copy_runs_its_empty_page_and_a_real_one(tmp_path):
    bench = _bench_run()
    app = bench._router_copy(tmp_path)
    for file in (bench.EMPTY_FILE, "pages/treaties.py"):
        at = AppTest.from_file(str(app), default_timeout=120)
        at.switch_page(file)
        at.run()
        assert not at.exception, (file, [e.message for e in at.exception])
    assert at.title or at.markdown  # the real page drew something


def test_benchmark_filter_changes_apply_on_their_pages(tmp_path):
    """Part (1b) flips one filter per page: each flip must find its widget and rerun cleanly
    (a widget renamed on a page would otherwise break the benchmark unnoticed)."""
    bench = _bench_run()
    app = bench._router_copy(tmp_path)
    for name, (_label, change) in bench.FILTER_CHANGES.items():
        at = AppTest.from_file(str(app), default_timeout=120)
        at.switch_page(f"pages/{name}.py")
        at.run()
        shown = [m.value for m in at.markdown]
        for _ in range(2):  # there and back
            change(at)
            at.run()
            assert not at.exception, (name, [e.message for e in at.exception])
        assert shown, name


def test_benchmark_browser_filters_name_widgets_the_pages_draw(tmp_path):
    """Part (2b) clicks a widget by its key (`.st-key-<key>`) on each page, and the served
    copy runs its rerun page: a renamed key or a broken copy would stop the benchmark."""
    import re

    bench = _bench_run()
    app = bench._router_app(tmp_path / "copy")
    assert (app.parent / ".streamlit" / "config.toml").is_file()  # theme and runner options
    assert (app.parent / "static" / "fonts").is_dir()
    for name, (_label, selector, _flips) in bench.BROWSER_FILTERS.items():
        key = re.search(r"\.st-key-([\w-]+)", selector).group(1)
        at = AppTest.from_file(str(app), default_timeout=120)
        at.switch_page(f"pages/{name}.py")
        at.run()
        assert not at.exception, (name, [e.message for e in at.exception])
        keys = {getattr(w, "key", None) for kind in ("checkbox", "button_group", "radio")
                for w in getattr(at, kind)}  # fmt: skip
        assert key in keys, f"{name}: no widget with key {key!r} for bench part (2b)"
