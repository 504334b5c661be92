"""The overview (the home page "/" and the briefing's first section): key judgements,
headline figures, 2001 → 2025, and the October 2024 question.

The rooms: `figures` (everything the page shows, read from the data), `war` (what the
2026 war showed: our sentences, each resting on named rows) and `report` (the PDF section,
`report_section`). The overview has no URL state of its own beyond the
frame's as-of date.

Everything here is read from the data; nothing is typed in. Where a row the overview
expects is missing (an analyst's own data folder may lack it), the function says so in
the output instead of failing. No Streamlit here.
"""

from briefing.overview.figures import (
    Change,
    Headline,
    QuestionAnswer,
    assessment_counts,
    changes_2001_to_2025,
    headline_figures,
    october_question,
    reach_notice,
    strongest_pledge,
)
from briefing.overview.report import report_section
from briefing.war import WarTest, war_test

__all__ = [
    "Change",
    "Headline",
    "QuestionAnswer",
    "assessment_counts",
    "changes_2001_to_2025",
    "headline_figures",
    "october_question",
    "strongest_pledge",
    "reach_notice",
    "report_section",
    "WarTest",
    "war_test",
]
