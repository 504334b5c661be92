"""Treaty comparison (the /treaties page and its PDF section).

The question a reader brings: what does the 2025 Russia–Iran treaty oblige Russia
to do if Iran is attacked, how does that differ from 2001, and how far is it from
the pledge Russia gave North Korea in 2024? Everything the page and the PDF show
comes from `comparison(...)` and the functions it calls. The rooms:

- `state`: the page's URL keys, defaults, and reading them (`resolve_*`, `url_checks`,
  `view_query`);
- `clauses`: each recorded provision as a `Clause`, the strongest defence pledge, the
  headline facts (`headline`, with the status on the as-of day) and `at_a_glance`;
- `align`: one row per theme, one cell per treaty, plus the relation label between a
  treaty and the one it supersedes; the aligned table and its CSV;
- `diff`: a word-level diff of the two texts of each succession, with a one-line plain
  reading that says when the texts come from different languages or sources, so word
  changes are not over-read;
- `ladder`: each treaty's strongest coded defence pledge on the obligation scale, with
  the comparator clauses as reference points; `chart`: the ladder as an Altair chart;
- `comparison`: the whole view for one set of filters, and the claims about it;
- `coverage`: how many of each briefed treaty's articles the record holds by number, and
  where its full text can be read;
- `report`: the PDF section (`report_section`); `wording`: the page's fixed sentences.

Pure functions of a `Dataset` and plain values; no Streamlit here.
"""

from briefing.treaties.align import align, alignment_csv, alignment_rows
from briefing.treaties.chart import LABEL_LIMIT, NAME_LIMIT, ladder_chart
from briefing.treaties.clauses import (
    DEFENCE_THEMES,
    FACT,
    article_label,
    at_a_glance,
    clauses_for,
    headline,
    headline_rows,
    strongest,
)
from briefing.treaties.comparison import claim_rows, comparison
from briefing.treaties.coverage import Coverage, briefed_coverage, coverage_text, treaty_coverage
from briefing.treaties.diff import (
    Segment,
    diff_markdown,
    diff_plain,
    diff_rows,
    similarity,
    theme_diffs,
    word_diff,
)
from briefing.treaties.ladder import (
    ladder_alt_text,
    ladder_points,
    ladder_rows,
    ladder_source_ids,
    ladder_takeaway,
)
from briefing.treaties.report import report_section
from briefing.treaties.state import (
    DEFAULT_THEMES,
    DEFAULT_TREATIES,
    MAX_TREATIES,
    TEXT_KEY,
    TEXT_MODES,
    THEME_KEY,
    TREATY_KEY,
    URL_PATH,
    default_treaties,
    resolve_mode,
    resolve_themes,
    resolve_treaties,
    treaty_labels,
    treaty_options,
    url_checks,
)
from briefing.treaties.wording import GLANCE_HELP, LADDER_NOTE, NOTHING, TOO_MANY

__all__ = [
    "Coverage",
    "briefed_coverage",
    "coverage_text",
    "treaty_coverage",
    "URL_PATH",
    "TREATY_KEY",
    "THEME_KEY",
    "TEXT_KEY",
    "TEXT_MODES",
    "MAX_TREATIES",
    "DEFAULT_TREATIES",
    "DEFAULT_THEMES",
    "treaty_options",
    "treaty_labels",
    "url_checks",
    "default_treaties",
    "resolve_treaties",
    "resolve_themes",
    "resolve_mode",
    "NOTHING",
    "GLANCE_HELP",
    "LADDER_NOTE",
    "TOO_MANY",
    "DEFENCE_THEMES",
    "article_label",
    "clauses_for",
    "strongest",
    "headline",
    "FACT",
    "headline_rows",
    "at_a_glance",
    "align",
    "alignment_rows",
    "alignment_csv",
    "Segment",
    "word_diff",
    "similarity",
    "diff_markdown",
    "diff_plain",
    "diff_rows",
    "theme_diffs",
    "ladder_points",
    "ladder_alt_text",
    "ladder_takeaway",
    "ladder_source_ids",
    "ladder_rows",
    "LABEL_LIMIT",
    "NAME_LIMIT",
    "ladder_chart",
    "claim_rows",
    "comparison",
    "report_section",
]
