"""Every registered page under the global as-of date, set in the link (?as_of=).

For each as-of value the link is opened once (the app frame reads the date into the
sidebar widget), then every page in the app's registry (briefing/site.py) is visited in
turn, as a reader would by clicking through. Checked: no page raises for any date; a bad date
(after the data's own as-of, before the offered range, garbage) gives a notice and
the same view as no date at all; and on each page the date changes what is shown
(on 10 October 2024 the 2025 treaty is not yet signed; on 3 October 2025 it is in force).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from briefing import site
from briefing.store import load_dataset
from tests.conftest import DATA, ROOT
from tests.tables import all_tables

APP = ROOT / "app.py"
LATEST = load_dataset(DATA).as_of
EVE = "2024-10-10"  # the day before the Ashgabat meeting
IN_FORCE = "2025-10-03"  # the day after the 2025 treaty entered into force
BEFORE_2001 = "1995-06-01"  # inside the offered range, before the 2001 treaty
GOOD = (EVE, IN_FORCE, BEFORE_2001)
BAD = {
    "after the data": (LATEST + timedelta(days=1)).isoformat(),
    "before the range": "1900-01-01",
    "garbage": "<b>10/10/2024</b>",
}


def registered_pages() -> list[str]:
    """Page files of the app's one registry (briefing/site.py), relative to app.py."""
    return [page.file for page in site.PAGES]


def name(page: str) -> str:
    """'pages/treaties.py' -> 'treaties.py' (the key of a page's visit and checks)."""
    return Path(page).name


FILES = registered_pages()
PAGES = [name(page) for page in FILES]


@dataclass
class Seen:
    """What a reader sees on one page (or in the frame's sidebar)."""

    exceptions: list[str] = field(default_factory=list)
    title: str = ""
    infos: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    metrics: dict[str, str] = field(default_factory=dict)
    markdown: str = ""
    tables: list[pd.DataFrame] = field(default_factory=list)


def seen(at: AppTest, *, sidebar: bool = False) -> Seen:
    root = at.sidebar if sidebar else at
    return Seen(
        exceptions=[e.value for e in at.exception],
        title=at.title[0].value if at.title else "",
        infos=[i.value for i in root.info],
        warnings=[w.value for w in root.warning],
        metrics={m.label: m.value for m in root.metric},
        markdown=" ".join(m.value for m in root.markdown),
        tables=all_tables(root),
    )


@cache
def tour(as_of: str | None) -> dict[str, Seen]:
    """Open the app with ?as_of=, then visit every registered page. Key 'frame': the sidebar."""
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(APP), default_timeout=120)
    if as_of is not None:
        at.query_params["as_of"] = as_of
    at.run()
    visits = {"frame": seen(at, sidebar=True)}
    visits["frame"].exceptions = [e.value for e in at.exception]
    for page in FILES:
        at.switch_page(page)
        at.run()
        visits[name(page)] = seen(at)
    return visits


def table_with(visit: Seen, column: str) -> pd.DataFrame:
    return next(df for df in visit.tables if column in df.columns)


@pytest.mark.parametrize("as_of", [None, *GOOD, *BAD.values()])
def test_no_page_raises_for_any_as_of(as_of):
    visits = tour(as_of)
    failures = {name: visit.exceptions for name, visit in visits.items() if visit.exceptions}
    assert not failures, failures
    assert all(visits[page].title for page in PAGES if page != "briefing.py")


@pytest.mark.parametrize("kind", list(BAD))
def test_a_bad_as_of_gives_a_notice_and_the_latest_view(kind):
    visits, default = tour(BAD[kind]), tour(None)
    notice = " ".join(visits["frame"].infos)
    assert "showing the latest data" in notice, notice
    assert not visits["frame"].warnings  # no time-travel notice: this is the latest view
    for page in PAGES:
        assert visits[page].metrics == default[page].metrics, page
        assert len(visits[page].tables) == len(default[page].tables), page
        for shown, latest in zip(visits[page].tables, default[page].tables, strict=True):
            assert shown.equals(latest), page


@pytest.mark.parametrize("as_of", GOOD)
def test_a_good_as_of_is_taken_quietly_and_said_in_the_sidebar(as_of):
    frame = tour(as_of)["frame"]
    assert not frame.infos, frame.infos
    assert any("Time travel" in warning for warning in frame.warnings)


# ------------------------------------------------ what the date changes, page by page
def metric(visit: Seen, starts: str) -> str:
    """The value of the metric whose label (Markdown escapes removed) starts with `starts`."""
    found = [v for k, v in visit.metrics.items() if k.replace("\\", "").startswith(starts)]
    assert len(found) == 1, (starts, list(visit.metrics))
    return found[0]


def check_overview(eve: dict[str, Seen], in_force: dict[str, Seen], early: dict[str, Seen]):
    assert metric(eve["app.py"], "status of the 2025 treaty on 2024-10-10") == "not yet"
    assert metric(in_force["app.py"], "status of the 2025 treaty on 2025-10-03") == "in force"
    assert metric(early["app.py"], "status of the 2025 treaty on 1995-06-01") == "not yet"


def check_treaties(eve, in_force, early):
    def facts(visit: Seen) -> pd.DataFrame:  # the headline facts, one row per fact
        return table_with(visit, "Fact").set_index("Fact")

    assert facts(eve["treaties.py"]).loc["Signed", "Russia–Iran 2025"].startswith("not yet")
    assert any("Russia–Iran 2025 had not been signed" in w for w in eve["treaties.py"].warnings)
    assert facts(in_force["treaties.py"]).loc["In force", "Russia–Iran 2025"] == "2 October 2025"
    assert facts(in_force["treaties.py"]).loc["Status", "Russia–Iran 2025"].startswith("in force")
    assert facts(early["treaties.py"]).loc["Signed", "Russia–Iran 2001"].startswith("not yet")


def check_capabilities(eve, in_force, early):
    def ids(visit: Seen) -> set[str]:
        return set(table_with(visit, "id")["id"])

    assert "sat-nahid-2" not in ids(eve["capabilities.py"])  # launched 25 July 2025
    assert "sat-nahid-2" in ids(in_force["capabilities.py"])
    assert "shahed-136" in ids(eve["capabilities.py"])
    assert "shahed-136" not in ids(early["capabilities.py"])  # first shipment 2022


def check_exchange(eve, in_force, early):
    def status(visit: Seen, item: str) -> str:
        """The item's status wherever the page lists it (ledger, deal builder)."""
        found = {
            str(row["status_on_date"])
            for table in visit.tables
            if {"id", "status_on_date"} <= set(table.columns)
            for _, row in table[table["id"] == item].iterrows()
        }
        assert len(found) == 1, (item, found)
        return found.pop()

    assert status(eve["exchange.py"], "x-defence-pact").startswith("not yet")
    assert status(in_force["exchange.py"], "x-defence-pact") == "not granted"
    assert status(in_force["exchange.py"], "x-non-assistance-pledge") == "in the treaty"


def check_timeline(eve, in_force, early):
    def state(visit: Seen, event_id: str) -> str:
        return table_with(visit, "as_of").set_index("id").loc[event_id, "as_of"]

    ashgabat, entry = "ev-2024-10-11-ashgabat-putin-pezeshkian", "ev-2025-10-02-ru-ir-2025-in-force"
    assert state(eve["timeline.py"], ashgabat) == "after the as-of date (10 October 2024)"
    assert state(eve["timeline.py"], entry).startswith("after the as-of date")
    assert state(in_force["timeline.py"], entry) == "happened by 3 October 2025"
    assert state(early["timeline.py"], "ev-2001-03-12-ru-ir-treaty-signed").startswith("after")


def check_changes(eve, in_force, early):
    """The window ends on the as-of date; the default start is the first preset it allows."""

    def shown(visit: Seen) -> str:
        return visit.markdown.replace("\\", "")

    assert "**Window:** after 3 July 2024, up to and including 10 October 2024." in shown(
        eve["changes.py"]
    )  # before the signing: the last 90 days of data
    assert "after 17 January 2025, up to and including 3 October 2025." in shown(
        in_force["changes.py"]
    )
    assert "entered into force on 2 October 2025" in shown(in_force["changes.py"])
    assert "entered into force" not in shown(eve["changes.py"])
    assert "up to and including 1 June 1995." in shown(early["changes.py"])


def check_briefing(eve, in_force, early):
    assert "As of 2024\\-10\\-10" in eve["briefing.py"].markdown
    assert "As of 2025\\-10\\-03" in in_force["briefing.py"].markdown


def check_search(eve, in_force, early):
    # with no query the page says which day its results will be as of (results: their
    # marks and links as of a day are checked in test_pages_search.py)
    assert "as of **10 October 2024**" in eve["search.py"].markdown
    assert "as of **3 October 2025**" in in_force["search.py"].markdown


AS_OF_CHECKS = {
    "app.py": check_overview,
    "treaties.py": check_treaties,
    "capabilities.py": check_capabilities,
    "exchange.py": check_exchange,
    "timeline.py": check_timeline,
    "changes.py": check_changes,
    "briefing.py": check_briefing,
    "search.py": check_search,
}
#: pages whose content does not depend on the date, and why
TIMELESS = {
    "sources.py": "the source list, the two scales and the data dictionary are not dated views",
}


def test_every_registered_page_is_checked_for_the_as_of_date():
    assert set(PAGES) == set(AS_OF_CHECKS) | set(TIMELESS), (
        "a page was added or removed: give it an as-of check here (or say why it is timeless)"
    )


@pytest.mark.parametrize("page", list(AS_OF_CHECKS))
def test_the_as_of_date_changes_what_the_page_shows(page):
    if page not in PAGES:
        pytest.fail(f"{page} is no longer registered in briefing/site.py")
    AS_OF_CHECKS[page](tour(EVE), tour(IN_FORCE), tour(BEFORE_2001))
