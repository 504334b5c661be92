"""'Cite this view' on every page and the register's download on Sources & method, through
AppTest: the reference a reader copies, and the files a reader imports, read back with the
libraries reference managers' formats are checked with (bibtexparser, rispy, json).
The writers themselves are covered by test_references.py."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from urllib.parse import parse_qsl, urlsplit

import bibtexparser
import pytest
import rispy
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from briefing import references, site
from tests.conftest import ROOT
from ui.cite import FORMAT_KEY, OPEN_KEY, REGISTER_FORMAT_KEY

APP = str(ROOT / "app.py")
BASE = "http://localhost:8501"  # public_url() outside a browser session
AS_OF = "2025-06-01"


@pytest.fixture
def downloads(monkeypatch):
    """file name -> the callable a download button was given (built on click, as here)."""
    captured: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        captured[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return captured


def built(callable_) -> str:
    """Run a download's callable on another thread, as Streamlit does on click."""
    with ThreadPoolExecutor(1) as pool:
        raw = pool.submit(callable_).result()
    return raw.decode("utf-8") if isinstance(raw, bytes) else raw


def open_page(page: site.Page, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if not page.home:
        at.switch_page(page.file)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_cite(at: AppTest) -> AppTest:
    """The reader opens "Cite this view" (its content is built only then)."""
    at.session_state[OPEN_KEY] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def reference_texts(at: AppTest) -> list[str]:
    return [c.value for c in at.main.code if "Data version" in c.value and "accessed" in c.value]


def cite_text(at: AppTest) -> str:
    open_cite(at)
    found = [c.value for c in at.main.code]
    texts = [t for t in found if "Data version" in t and "accessed" in t]
    assert len(texts) == 1, found
    return texts[0]


def the_url(text: str) -> str:
    return re.search(r"(http://\S+) \(accessed", text).group(1)


@pytest.mark.parametrize("page", site.PAGES, ids=[page.key for page in site.PAGES])
def test_every_page_offers_cite_this_view_with_its_permalink(page, dataset):
    at = open_page(page, as_of=AS_OF)
    assert "Cite this view" in [e.label for e in at.main.expander]
    # closed until the reader opens it: nothing in it is built before (bench/README.md)
    assert reference_texts(at) == []
    assert not [b for b in at.main.get("download_button") if "cites" in b.label]
    text = cite_text(at)
    url = the_url(text)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == BASE
    assert parts.path == page.route
    assert ("as_of", AS_OF) in parse_qsl(parts.query)  # the view as of the reader's day
    assert f"Data version {dataset.version}" in text
    today = date.today()
    assert f"accessed {today.day} {today:%B} {today.year}" in text
    labels = [b.label for b in at.main.get("download_button")]
    assert "This view's reference (BibTeX)" in labels
    assert "This view and the sources it cites (BibTeX)" in labels
    assert at.radio(key=FORMAT_KEY).options == ["BibTeX", "RIS", "CSL-JSON"]
    # the cite block comes before the footer, which stays the page's last word
    assert at.main.caption[-1].value.startswith("Russia–Iran Strategic Partnership Briefing")


def test_the_permalink_carries_the_views_settings():
    at = open_page(site.page("timeline"), as_of=AS_OF, event_theme="treaty", lanes="actor")
    query = dict(parse_qsl(urlsplit(the_url(cite_text(at))).query))
    assert query == {"as_of": AS_OF, "event_theme": "treaty", "lanes": "actor"}


def _entries(fmt: str, text: str) -> list[dict]:
    """Entries of an export, as a reference manager's importer would read them."""
    if fmt == "bibtex":
        library = bibtexparser.parse_string(text)
        assert not library.failed_blocks, library.failed_blocks
        return [{"key": e.key, **{f.key: f.value for f in e.fields}} for e in library.entries]
    if fmt == "ris":
        return [{"key": e.get("id"), **e} for e in rispy.loads(text)]
    return [{"key": item["id"], **item} for item in json.loads(text)]


FILES = {"bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL-JSON"}


@pytest.mark.parametrize("fmt", list(FILES))
def test_this_views_files_read_back_in_every_format(fmt, downloads, dataset):
    at = open_cite(open_page(site.page("treaties"), as_of=AS_OF, treaty=["Russia–Iran 2025"]))
    if fmt != "bibtex":
        at.radio(key=FORMAT_KEY).set_value(FILES[fmt]).run()
        assert not at.exception
    spec = references.FORMATS[fmt]
    labels = [b.label for b in at.main.get("download_button")]
    assert f"This view's reference ({spec.label})" in labels
    url = the_url(cite_text(at))
    view = _entries(fmt, built(downloads[spec.filename("treaties-citation")]))
    assert len(view) == 1 and view[0]["key"].startswith("briefing-treaties-")
    assert url in json.dumps(view[0], ensure_ascii=False)
    cited = references.view_sources(dataset, url)
    assert cited.source_ids
    both = _entries(fmt, built(downloads[spec.filename("treaties-sources-cited")]))
    assert [e["key"] for e in both] == [view[0]["key"], *cited.source_ids]


@pytest.mark.parametrize("fmt", list(FILES))
def test_the_whole_register_reads_back_in_every_format(fmt, downloads, dataset):
    at = open_page(site.page("sources"))
    if fmt != "bibtex":
        at.radio(key=REGISTER_FORMAT_KEY).set_value(FILES[fmt]).run()
        assert not at.exception
    spec = references.FORMATS[fmt]
    label = f"Source register ({spec.label}, {len(dataset.sources)} sources)"
    assert label in [b.label for b in at.main.get("download_button")]
    entries = _entries(fmt, built(downloads[spec.filename("briefing-sources")]))
    assert [e["key"] for e in entries] == [s.id for s in dataset.sources]
    text = " ".join(c.value for c in at.main.caption)
    assert "Zotero" in text and "EndNote" in text and "Mendeley" in text
