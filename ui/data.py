"""The dataset, loaded once per folder and shared by every session (cached here, never in
`briefing`): `BRIEFING_DATA_DIR` if set, else the app's own `data/`."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from briefing.store import Dataset, load_dataset
from ui import cache

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "data"
DATA_ENV = "BRIEFING_DATA_DIR"


def data_dir() -> Path:
    """The data folder: BRIEFING_DATA_DIR if set, else the app's own data/."""
    configured = os.environ.get(DATA_ENV, "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_DATA


def _fingerprint(folder: Path) -> tuple:
    """Changes whenever a file in the folder changes, so edits show up on the next run."""
    try:
        return tuple(
            sorted(
                (p.name, p.stat().st_mtime_ns, p.stat().st_size)
                for p in folder.iterdir()
                if p.is_file()
            )
        )
    except OSError:
        return ()


@st.cache_resource(show_spinner=False, max_entries=8)
def _load(folder: str, fingerprint: tuple) -> Dataset:
    data = load_dataset(folder)
    cache.remember(data, folder, fingerprint)  # what results computed from it are filed under
    return data


def dataset() -> Dataset:
    """The validated dataset (immutable, shared between sessions)."""
    folder = data_dir()
    return _load(str(folder), _fingerprint(folder))
