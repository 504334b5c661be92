"""Citations a reference manager imports: the source register as BibTeX, RIS and CSL-JSON.

    export(dataset, "ris")                                  # the whole register
    export(dataset, "bibtex", source_ids=[...])             # the sources one view cites
    export(dataset, "csl-json", view=url, accessed=today)   # a view: itself + its sources
    cite_view(dataset, url, accessed)                       # text + BibTeX + RIS of a view
    view_sources(dataset, url)                              # which sources a view cites

Writers are the maintained libraries: `bibtexparser` 2 writes BibTeX (LaTeX special
characters encoded with `pylatexenc`, the encoder bibtexparser itself uses), `rispy`
writes RIS, and CSL-JSON is `json`. The only text handling here is what the formats
cannot express: RIS and BibTeX values are one line (whitespace runs become one space),
a ';' in a RIS address is written %3B (rispy splits UR on ';'), and a brace without a
partner is written \\textbraceleft{} / \\textbraceright{} (BibTeX counts braces even
after a backslash, so only balanced pairs may be written \\{ \\}).

Choices, per field:
- key: the source id (lower-case letters, digits and '-': a valid BibTeX key, stable as
  long as the id is); a view's key is `briefing-<view>-<hash of its path and query>`.
- type, by the source's kind:

  | kind               | CSL                | RIS    | BibTeX                       |
  |--------------------|--------------------|--------|------------------------------|
  | news report        | article-newspaper  | NEWS   | @article (journal = outlet)  |
  | opinion            | article-newspaper  | NEWS   | @article, note "Opinion"     |
  | analysis           | report             | RPRT   | @report (institution)        |
  | official statement | document           | GOVDOC | @misc, type                  |
  | treaty text        | treaty             | LEGAL  | @misc, type "Treaty text"    |
  | reference          | entry-encyclopedia | ENCYC  | @misc, type "Reference work" |
  | a view of this app | webpage            | ELEC   | @misc                        |

  @article rather than biblatex's @online for news: every BibTeX style and every
  reference manager knows @article with a journal, and the CSL and RIS types carry the
  precise kind; @report is biblatex's (classic BibTeX falls back to @misc).
- date at its precision: CSL date-parts of one, two or three parts ("circa" when the
  date is inferred); RIS PY = the year and DA = YYYY/MM or YYYY/MM/DD; BibTeX year,
  month (the standard macro, e.g. `apr`) and biblatex's `date` (YYYY, YYYY-MM,
  YYYY-MM-DD). An unknown date is left out, never guessed.
- author as given, split only where the text itself separates people (';', ' and ',
  ' & '). A name that reads as an organisation is a literal (CSL), a braced name
  (BibTeX); a one-word personal name is a family name; any other name is kept whole
  (CSL literal), because a given/family split cannot be justified from the text alone.
  BibTeX reads "First Last" by its own rule. No author recorded: none is invented.
- outlet: the publisher as the page names it, as container (news, opinion, reference)
  or publisher (analysis, statement, treaty text); "publisher not found" is left out.
- accessed: the day a curator checked the page, else the data's as-of day.
- notes: the English title (also RIS TT), "Copy of: <original title>" for a copy,
  and that the date is inferred.
"""

from briefing.references.formats import (
    FORMATS,
    TYPES,
    WRITERS,
    ExportFormat,
    Name,
    Reference,
    bibtex,
    csl_json,
    latex,
    names,
    reference,
    references,
    ris,
    to_bibtex,
    to_csl,
    to_ris,
    unknown_sources,
)
from briefing.references.views import (
    VIEW_TITLES,
    UnknownView,
    ViewCitation,
    ViewSources,
    cite_view,
    export,
    view_reference,
    view_sources,
)

__all__ = [
    "FORMATS",
    "TYPES",
    "VIEW_TITLES",
    "WRITERS",
    "ExportFormat",
    "Name",
    "Reference",
    "UnknownView",
    "ViewCitation",
    "ViewSources",
    "bibtex",
    "cite_view",
    "csl_json",
    "export",
    "latex",
    "names",
    "reference",
    "references",
    "ris",
    "to_bibtex",
    "to_csl",
    "to_ris",
    "unknown_sources",
    "view_reference",
    "view_sources",
]
