"""Shared fixtures.

What the suites cover:
- test_store / test_cli / test_schema: the data package, its loader and validator, on the real
  data and on a corpus of broken copies made here.
- test_accuracy: facts a reader relies on (quotes verbatim, treaty facts, disputes recorded).
- test_text: hostile text through every sanitiser.
- test_pages_*: each page through Streamlit's AppTest (what is rendered, not how).
- test_browser_*: the real app in Chromium (layout, downloads, deep links, accessibility).
- test_pdf_*: the PDFs, read back with pypdf.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"
ARTICLES = SHARED / "articles"
FACTS = SHARED / "reference" / "facts.md"


@pytest.fixture(scope="session")
def dataset():
    from briefing.store import load_dataset

    return load_dataset(DATA)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the real data folder, to break in a test."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(autouse=True)
def fresh_caches():
    """Every test starts and ends with empty Streamlit caches (AppTest shares the process)."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
