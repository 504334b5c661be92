"""A file a download button generates on click survives until the browser fetches it.

Streamlit 1.67 deletes such a file after any two script runs finish anywhere on the
server; under ten readers that failed about one PDF click in ten with a 404 (the load
test). ui.downloads gives generated downloads a grace period; these tests drive Streamlit's
own media file manager the way the server does: a click generates the file, other
sessions' runs sweep orphans, the browser fetches it.
"""

from __future__ import annotations

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from ui import downloads


def _click(manager: MediaFileManager) -> str:
    """A reader clicks a deferred 'Download PDF': the id of the file the browser fetches."""
    placeholder = manager.add_deferred(lambda: b"%PDF-1.7 test", "application/pdf", "coord")
    url = manager.execute_deferred(placeholder)
    return url.rsplit("/", 1)[-1].split(".")[0]


def _sweeps(manager: MediaFileManager, runs: int) -> None:
    """Other readers' script runs finishing: each ends with an orphan sweep."""
    for _ in range(runs):
        manager.remove_orphaned_files()


def test_the_workaround_still_applies_to_this_streamlit():
    # False means a Streamlit upgrade changed the private class: re-check the race
    assert downloads.keep_generated_downloads() is True


def test_generated_download_outlives_other_readers_runs():
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    file_id = _click(manager)
    _sweeps(manager, 5)
    fetched = manager.read_file(file_id)
    assert fetched is not None and fetched.content.startswith(b"%PDF-")


def test_generated_download_is_still_cleaned_up_after_the_grace(monkeypatch: pytest.MonkeyPatch):
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    file_id = _click(manager)
    monkeypatch.setattr(downloads, "DOWNLOAD_GRACE_S", 0.0)
    _sweeps(manager, 2)  # marked, then deleted: memory does not grow with clicks
    assert manager.read_file(file_id) is None
