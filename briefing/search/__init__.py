"""Full-text search over the briefing: what a page, the search box and the CLI call.

    index = build_index(dataset)              # once per dataset (a page caches it)
    results = search(index, "S400 sanction*", kinds=None, as_of=day)
    for group in results.groups: group.label, group.count, group.results
    result.title_pieces / result.snippet      # ((text, is_match), ...): render as text
    to_markdown(result.snippet)                # escaped Markdown, matches in **bold**
    result.link.href                          # '/capabilities?system=s-400'

SQLite FTS5 from the standard library, BM25 ranking, an in-memory index per dataset.
"""

from briefing.search.index import KIND_LABELS, KINDS, SearchIndex, build_index
from briefing.search.links import LINKS, Link
from briefing.search.results import Group, Result, SearchResults, marked, search, to_markdown
from briefing.search.tokens import MAX_QUERY, parse_query, tokens

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "LINKS",
    "MAX_QUERY",
    "Group",
    "Link",
    "Result",
    "SearchIndex",
    "SearchResults",
    "build_index",
    "marked",
    "parse_query",
    "search",
    "to_markdown",
    "tokens",
]
