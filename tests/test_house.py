"""The house as DESIGN.md draws it, checked from the source (nothing is run).

- `app.py` is the home page and `pages/` holds the other pages and nothing else
  (Streamlit makes every `.py` file there a page, `_helpers.py` included), one file per
  entry of the one registry, `briefing/site.py`;
- every page opens the shared frame (`with ui.frame("<its key>") as ...:`) and draws
  nothing outside it;
- no `views/`, no `st.navigation`, no private Streamlit page manager;
- `briefing/` never imports Streamlit, and no module in it is over about 600 lines.

The frame itself (menu, stamp, footer on every page) is checked running, in
test_pages_frame.py.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from briefing import site
from tests.conftest import ROOT

PAGES_DIR = ROOT / "pages"
#: "about 600 lines" (DESIGN.md): a little over is a judgement call, far over is two rooms
MAX_MODULE_LINES = 650


def _opens_frame(node: ast.With) -> str | None:
    """The key of `with ui.frame("<key>") ...:` (or `with frame("<key>")`), else None."""
    for item in node.items:
        call = item.context_expr
        if not isinstance(call, ast.Call):
            continue
        name = (
            call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
        )
        if name == "frame" and call.args and isinstance(call.args[0], ast.Constant):
            return str(call.args[0].value)
    return None


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)


def page_problems(path: Path, root: Path = ROOT) -> list[str]:
    """Why the file at `path` is not a page of this house (empty: it is one)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    opened = [
        (index, node, _opens_frame(node))
        for index, node in enumerate(tree.body)
        if isinstance(node, ast.With) and _opens_frame(node)
    ]
    if len(opened) != 1:
        return [
            f"{path.name}: opens the frame {len(opened)} times at the top level; a page opens "
            'it once: with ui.frame("<its key>") as (data, day):'
        ]
    index, _node, key = opened[0]
    problems = []
    if key not in site.BY_KEY:
        problems.append(f"{path.name}: opens the frame as {key!r}, which briefing/site.py lacks")
    elif root / site.page(key).file != path:
        problems.append(
            f"{path.name}: opens the frame as {key!r}, whose page is {site.page(key).file}"
        )
    for node in tree.body[:index]:
        if isinstance(node, ast.Import | ast.ImportFrom | ast.FunctionDef | ast.ClassDef):
            continue  # (a decorator such as @st.cache_data only wraps the function)
        if _is_docstring(node):
            continue
        if any(isinstance(sub, ast.Call) for sub in ast.walk(node)):
            problems.append(f"{path.name}:{node.lineno}: runs code before the frame opens")
    for node in tree.body[index + 1 :]:
        problems.append(f"{path.name}:{node.lineno}: code after the frame has closed")
    return problems


def test_pages_holds_only_the_registered_pages():
    assert (ROOT / "app.py").is_file(), "the home page is app.py"
    assert site.PAGES[0].home and site.PAGES[0].file == "app.py"
    assert sum(page.home for page in site.PAGES) == 1
    found = sorted(p.name for p in PAGES_DIR.iterdir() if p.name != "__pycache__")
    registered = sorted(Path(page.file).name for page in site.PAGES if not page.home)
    assert found == registered, "pages/ holds only pages, one per entry of briefing/site.py"
    for page in site.PAGES:
        assert re.fullmatch(r"[a-z0-9-]*", page.path), f"{page.key}: a plain URL path"
        assert page.route == ("/" if page.home else f"/{Path(page.file).stem}")


@pytest.mark.parametrize("page", site.PAGES, ids=[page.key for page in site.PAGES])
def test_every_page_opens_the_frame(page):
    assert page_problems(ROOT / page.file) == []


def test_the_check_fails_a_page_that_does_not_open_the_frame(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    cases = {
        "no frame": 'import streamlit as st\n\nst.title("Treaties")\n',
        "another page's key": 'import ui\n\nwith ui.frame("sources") as (data, day):\n    pass\n',
        "unregistered key": 'import ui\n\nwith ui.frame("nowhere") as (data, day):\n    pass\n',
        "drawn before": (
            'import streamlit as st\nimport ui\n\nst.title("x")\n'
            'with ui.frame("treaties") as (data, day):\n    pass\n'
        ),
        "drawn after": (
            'import streamlit as st\nimport ui\n\nwith ui.frame("treaties") as (data, day):\n'
            '    pass\nst.caption("x")\n'
        ),
    }
    for case, text in cases.items():
        path = pages / "treaties.py"
        path.write_text(text, encoding="utf-8")
        assert page_problems(path, tmp_path), case
    path.write_text(
        'import ui\n\nwith ui.frame("treaties") as (data, day):\n    pass\n', encoding="utf-8"
    )
    assert page_problems(path, tmp_path) == []


def _code_files(*folders: str) -> list[Path]:
    files = [ROOT / "app.py"]
    for folder in folders:
        files += sorted((ROOT / folder).rglob("*.py"))
    return files


def test_no_views_folder_no_st_navigation_no_private_page_manager():
    assert not (ROOT / "views").exists()
    for path in _code_files("pages", "ui", "briefing"):
        text = path.read_text(encoding="utf-8")
        assert "st.navigation" not in text, path
        assert "pages_manager" not in text, path  # Streamlit's private page registry


def test_briefing_never_imports_streamlit():
    for path in sorted((ROOT / "briefing").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not [n for n in names if n.split(".")[0] == "streamlit"], path


def test_no_briefing_module_is_over_about_600_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "briefing").rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"over about 600 lines, so two rooms: {long}"


def _widget_keys(path: Path) -> set[str]:
    """The literal `key="..."` of every widget call in a page (data-built keys aside)."""
    keys = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            for word in node.keywords:
                if word.arg == "key" and isinstance(word.value, ast.Constant):
                    keys.add(str(word.value.value))
    return keys


def test_a_widget_key_two_pages_use_is_one_the_frame_resets():
    """Two pages with a widget of the same key (and URL parameter) hand each other its
    value on a page switch unless the frame drops it (ui.frame.SHARED_WIDGET_KEYS)."""
    from ui.frame import SHARED_WIDGET_KEYS

    seen: dict[str, list[str]] = {}
    for page in site.PAGES:
        for key in _widget_keys(ROOT / page.file):
            seen.setdefault(key, []).append(page.key)
    shared = {key for key, pages in seen.items() if len(pages) > 1}
    assert shared == set(SHARED_WIDGET_KEYS), {k: seen[k] for k in shared}
