"""Downloads a button generates on click survive until the browser has fetched them.

Applied once, when `ui` is imported (every page imports it); `tests/test_downloads.py`
drives Streamlit's own media file manager to check it still applies.
"""

from __future__ import annotations

#: How long a file a download button generated on click is kept for the browser to fetch.
DOWNLOAD_GRACE_S = 60.0


def keep_generated_downloads() -> bool:
    """Keep each file a download button generates on click for DOWNLOAD_GRACE_S seconds.

    Streamlit 1.67 stores the file a deferred download (``data=callable``) generates
    without any session referring to it, so it is an orphan from birth: the end of any two
    script runs anywhere on the server (other readers' clicks and page switches) deletes
    it, and if that happens before the browser fetches it the reader's download fails with
    a 404. The ten-reader load test saw that for about one PDF click in ten. This gives
    generated downloads a grace period before an orphan sweep may delete them; everything
    else about the sweep is unchanged.

    It changes Streamlit's private ``MediaFileMetadata``; it does so only when that class
    still has the shape this was written against, and says whether it applied (a test
    fails when an upgrade stops it applying, so the workaround is revisited, not lost).
    """
    import time

    try:
        from streamlit.runtime import media_file_manager as files
    except ImportError:  # pragma: no cover - a Streamlit without this module
        return False
    metadata = getattr(files, "MediaFileMetadata", None)
    if metadata is None:
        return False
    if getattr(metadata, "_briefing_grace", False):
        return True
    if not isinstance(metadata.__dict__.get("is_marked_for_delete"), property):
        return False
    probe = metadata()
    if not isinstance(getattr(probe, "_is_marked_for_delete", None), bool):
        return False

    born_at = metadata.__init__

    def __init__(self, *args, **kwargs) -> None:
        born_at(self, *args, **kwargs)
        self._briefing_born = time.monotonic()

    def is_marked_for_delete(self) -> bool:
        age = time.monotonic() - getattr(self, "_briefing_born", float("-inf"))
        return self._is_marked_for_delete and age >= DOWNLOAD_GRACE_S

    metadata.__init__ = __init__
    metadata.is_marked_for_delete = property(is_marked_for_delete)
    metadata._briefing_grace = True
    return True


keep_generated_downloads()
