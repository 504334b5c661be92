"""How the browser tests find a browser (harness.find_chromium), without launching one.

The order: $BRIEFING_CHROMIUM, `chromium`/`chromium-browser` on PATH, /usr/bin/chromium,
then Playwright's own Chromium (installed when missing). With none to be had the tests
fail, in one line that says how to get one, rather than skip.
"""

from __future__ import annotations

import stat
import sys

import harness
import pytest


class FakeChromium:
    def __init__(self, path: str):
        self.executable_path = path


class FakePlaywright:
    """Stands in for sync_playwright(): only `chromium.executable_path` is read."""

    def __init__(self, path: str):
        self.chromium = FakeChromium(path)


@pytest.fixture
def search(monkeypatch, tmp_path):
    """A clean search: no decision cached, nothing on PATH, no setting, no install."""
    monkeypatch.setattr(harness, "_FOUND", {})
    monkeypatch.delenv(harness.CHROMIUM_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-path"))
    monkeypatch.setattr(harness, "SYSTEM_CHROMIUMS", ("chromium", "chromium-browser"))
    monkeypatch.setattr(harness, "PLAYWRIGHT_INSTALL", [sys.executable, "-c", "pass"])
    return tmp_path


def _executable(path):
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_the_setting_comes_first(search, monkeypatch):
    mine = _executable(search / "my-chromium")
    monkeypatch.setenv(harness.CHROMIUM_ENV, str(mine))
    assert harness.find_chromium(FakePlaywright("")) == str(mine)


def test_a_wrong_setting_fails_in_one_line_saying_how(search, monkeypatch):
    monkeypatch.setenv(harness.CHROMIUM_ENV, str(search / "nowhere"))
    with pytest.raises(harness.NoBrowser) as failure:
        harness.find_chromium(FakePlaywright(""))
    message = str(failure.value)
    assert "\n" not in message and "nowhere" in message
    assert "apt-get install chromium" in message and "playwright install chromium" in message


def test_a_chromium_on_the_path_comes_next(search, monkeypatch):
    folder = search / "bin"
    folder.mkdir()
    found = _executable(folder / "chromium-browser")
    monkeypatch.setenv("PATH", str(folder))
    assert harness.find_chromium(FakePlaywright("")) == str(found)


def test_else_playwrights_own_chromium(search):
    own = _executable(search / "playwright-chromium")
    assert harness.find_chromium(FakePlaywright(str(own))) is None  # launch() picks its own


def test_playwrights_chromium_is_installed_when_missing(search, monkeypatch):
    own = search / "playwright-chromium"
    installer = f"open({str(own)!r}, 'w').write('')"  # what `playwright install` does
    monkeypatch.setattr(harness, "PLAYWRIGHT_INSTALL", [sys.executable, "-c", installer])
    assert harness.find_chromium(FakePlaywright(str(own))) is None
    assert own.is_file()


def test_no_browser_at_all_fails_in_one_line_saying_how(search):
    with pytest.raises(harness.NoBrowser) as failure:
        harness.find_chromium(FakePlaywright(str(search / "not-installed")))
    message = str(failure.value)
    assert "\n" not in message
    assert message.startswith("no Chromium for the browser tests:")
    assert "playwright install chromium" in message
