"""Turn `Section`s into PDFs with Typst: one view, or the whole briefing.

How it is safe and fast:
- The template (`briefing.typ`) is fixed. Everything from the data reaches it as
  ONE JSON string in `sys_inputs["data"]`, read with `json(bytes(sys.inputs.data))`,
  so no data text is ever parsed as Typst markup. Charts travel the same way: the
  SVG text is a JSON string the template turns into an image with `bytes()`.
- Every text is cleaned (`briefing.text.shorten`: no control or bidi-override
  characters, no lone surrogates, a visible ellipsis at the length cap), long
  tokens get break points sized to the column they sit in, and characters no
  shipped font can draw become '�' (`fonts.printable`); see `fitting`.
- Fonts are the committed Noto Sans and Noto Sans Arabic only, system fonts ignored.
- A `typst.Compiler` cannot be shared between threads, so each thread keeps its
  own, in its own folder (a copy of the template plus `stamp.txt`, the generation
  time). The stamp is kept out of the data so that the same view downloaded again a
  minute later is the same input to Typst but for one file, and the compiler reuses
  its earlier layout (about 0.2 s instead of 0.7 s for the whole briefing).
  Chart SVGs are cached by spec (`svg`).

`plan.plan_*` build the JSON document (pure, testable without Typst); `section_pdf`
and `briefing_pdf` here compile it. This module also names what callers use from the
other rooms (`links` for addresses, `plan`, `svg`), so `briefing.report.build` stays the
one place pages, the CLI and the bench import from.
"""

from __future__ import annotations

import json
import threading
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from briefing.report.fitting import CAP
from briefing.report.fonts import FONT_DIR
from briefing.report.links import (
    DEFAULT_BASE,
    MAX_LINK,
    PUBLIC_URL_ENV,
    briefing_url,
    public_base,
    view_url,
)
from briefing.report.plan import (
    DEFAULT_TITLE,
    BuiltSection,
    Citations,
    _cache_lock,
    build_section,
    plan_briefing,
    plan_section,
)
from briefing.report.svg import chart_svg, clear_chart_cache
from briefing.store import Dataset
from briefing.text import ZWSP

TEMPLATE = Path(__file__).resolve().with_name("briefing.typ")


class ReportError(RuntimeError):
    """The PDF could not be produced; the message says why, in plain words."""


# ------------------------------------------------------------------ compile
_local = threading.local()


class _Workspace:
    """One thread's Typst compiler and the folder it compiles in: a copy of the template
    and `stamp.txt`. The folder is removed when the thread (or the process) ends."""

    def __init__(self) -> None:
        import shutil
        import tempfile

        import typst

        try:
            self.folder = Path(tempfile.mkdtemp(prefix="briefing-typst-"))
            shutil.copyfile(TEMPLATE, self.folder / TEMPLATE.name)
            self.stamp = self.folder / "stamp.txt"
            self.stamp.write_text("", encoding="utf-8")
        except OSError as exc:
            raise ReportError(f"no room to prepare the PDF (temporary folder): {exc}") from exc
        weakref.finalize(self, shutil.rmtree, str(self.folder), ignore_errors=True)
        self.compiler = typst.Compiler(
            str(self.folder / TEMPLATE.name),
            root=str(self.folder),
            font_paths=[str(FONT_DIR)],
            ignore_system_fonts=True,
        )

    def compile(self, payload: str, stamp: str, timestamp: datetime) -> bytes:
        self.stamp.write_text(stamp, encoding="utf-8")
        return self.compiler.compile(sys_inputs={"data": payload}, timestamp=timestamp)


def _workspace() -> _Workspace:
    """This thread's compiler (a compiler must not be shared between threads)."""
    workspace = getattr(_local, "workspace", None)
    if workspace is None:
        workspace = _local.workspace = _Workspace()
    return workspace


def _compiler():
    return _workspace().compiler


#: finished PDFs by their whole input (data, stamp and all), shared by every session:
#: the stamp is to the minute, so readers asking for the same view in the same minute
#: get the same bytes without compiling again (each thread's compiler only remembers
#: its own last input).
_PDF_CACHE: OrderedDict[str, bytes] = OrderedDict()
_PDF_CACHE_SIZE = 16


def render(document: dict[str, Any], generated: datetime | None = None) -> bytes:
    """Compile template data (from a `plan_*` function) to PDF bytes."""
    import hashlib

    import typst

    meta = document.get("meta") or {}
    stamp = str(meta.get("generated", "time not recorded"))
    data = {**document, "meta": {k: v for k, v in meta.items() if k != "generated"}}
    payload = json.dumps(data, ensure_ascii=False, allow_nan=False)
    timestamp = (generated or datetime.now(UTC)).replace(microsecond=0)
    key = hashlib.sha256(f"{timestamp.isoformat()}\n{stamp}\n{payload}".encode()).hexdigest()
    with _cache_lock:
        if key in _PDF_CACHE:
            _PDF_CACHE.move_to_end(key)
            return _PDF_CACHE[key]
    try:
        pdf = _workspace().compile(payload, stamp, timestamp)
    except typst.TypstError as exc:
        where = "; ".join(str(line) for line in (exc.trace or [])[:3])
        raise ReportError(f"the PDF template failed: {exc.message} {where}".strip()) from exc
    with _cache_lock:
        _PDF_CACHE[key] = pdf
        while len(_PDF_CACHE) > _PDF_CACHE_SIZE:
            _PDF_CACHE.popitem(last=False)
    return pdf


def section_pdf(
    dataset: Dataset, key: str, state: dict[str, Any] | None = None, url: str | None = None
) -> bytes:
    """One view, as filtered by `state` (its URL filters plus "as_of"), as a PDF."""
    generated = datetime.now(UTC).replace(microsecond=0)
    return render(plan_section(dataset, key, state, url, generated=generated), generated)


def briefing_pdf(
    dataset: Dataset,
    keys: Sequence[str] | None = None,
    as_of: date | None = None,
    title: str = "",
    audience: str = "",
    url: str | None = None,
    *,
    since: date | None = None,
) -> bytes:
    """The whole briefing (chosen sections in briefing order) as a PDF; with `since`,
    plus "What changed since <since>" after the overview."""
    generated = datetime.now(UTC).replace(microsecond=0)
    document = plan_briefing(
        dataset, keys, as_of, title, audience, url, generated=generated, since=since
    )
    return render(document, generated)


# ------------------------------------------------------------------ outline
@dataclass(frozen=True)
class OutlineEntry:
    level: int  # 1: a part of the document, 2: a heading inside it
    text: str
    note: str = ""


def outline(
    dataset: Dataset,
    keys: Sequence[str] | None = None,
    as_of: date | None = None,
    title: str = "",
    audience: str = "",
    *,
    since: date | None = None,
) -> list[OutlineEntry]:
    """What the briefing PDF will contain, without drawing charts or compiling."""
    plan = plan_briefing(dataset, keys, as_of, title, audience, draw=False, since=since)
    meta = plan["meta"]
    strip = _strip
    entries = [OutlineEntry(1, strip(meta["doc_title"]), strip(meta["subtitle"]))]
    if meta["audience"]:
        entries.append(OutlineEntry(2, f"Prepared for: {strip(meta['audience'])}"))
    entries.append(OutlineEntry(1, "Key judgements", f"{len(plan['judgements'])} judgements"))
    for section in plan["sections"]:
        kinds = [block["kind"] for block in section["blocks"]]
        note = ", ".join(
            f"{count} {name}{'' if count == 1 else 's'}"
            for name, count in (("table", kinds.count("table")), ("chart", kinds.count("chart")))
            if count
        )
        if section["problem"]:
            note = "could not be produced"
        entries.append(OutlineEntry(1, strip(section["title"]), note))
        for block in section["blocks"]:
            if block["kind"] == "heading":
                entries.append(OutlineEntry(2, strip(block["text"])))
    entries.append(OutlineEntry(1, "Sources", f"{len(plan['sources'])} numbered sources"))
    entries.append(OutlineEntry(1, "Method", "confidence and obligation scales"))
    return entries


def _strip(text: str) -> str:
    return text.replace(ZWSP, "")


__all__ = [
    # compiling (this module)
    "TEMPLATE",
    "ReportError",
    "OutlineEntry",
    "render",
    "section_pdf",
    "briefing_pdf",
    "outline",
    # the rooms it draws on
    "CAP",
    "DEFAULT_BASE",
    "MAX_LINK",
    "PUBLIC_URL_ENV",
    "briefing_url",
    "public_base",
    "view_url",
    "DEFAULT_TITLE",
    "BuiltSection",
    "Citations",
    "build_section",
    "plan_briefing",
    "plan_section",
    "chart_svg",
    "clear_chart_cache",
]
