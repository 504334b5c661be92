"""The /briefing page through AppTest: section picker, outline preview, the download
button, and settings taken from (or garbage in) the URL. The PDF itself is tested in
test_pdf_*.py; the callable behind the button is checked here to build the same PDF."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from briefing.report import sections
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
PAGE = "pages/briefing.py"


def run(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def command_line(at: AppTest) -> str:
    """The command-line block, which is built once the reader opens its expander."""
    assert not at.code  # drawn closed: the code element is built only when opened (bench/)
    at.session_state["command_open"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at.code[0].value


def text_of(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.value for h in at.title] + [h.value for h in at.subheader]
    parts += [i.value for i in at.info] + [w.value for w in at.warning]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def outline_text(at: AppTest) -> str:
    lists = [m.value for m in at.markdown if m.value.lstrip().startswith("- **")]
    assert lists, "no outline shown"
    return re.sub(r"\\(.)", r"\1", lists[0])


def test_default_offers_every_available_section_and_previews_the_outline():
    at = run()
    assert at.title[0].value == "Briefing PDF"
    picker = at.multiselect(key="sections")
    ready = list(sections.available())
    assert ready, "no view offers a report_section"
    assert picker.value == ready
    outline = outline_text(at)
    for key in ready:
        assert sections.SECTION_BY_KEY[key].title in outline
    for part in ("Key judgements", "Sources", "Method"):
        assert part in outline
    assert re.search(r"Sources\*\* · \d+ numbered sources", outline)
    buttons = [b for b in at.get("download_button") if not b.key.startswith("dl-cite-")]
    assert len(buttons) == 1  # (besides the frame's "Cite this view" files)
    assert "Download briefing PDF" in str(buttons[0].proto)


def test_sections_title_and_audience_come_from_the_url():
    at = run(sections="treaties", title="Desk note", audience="Middle East desk")
    assert at.multiselect(key="sections").value == ["treaties"]
    outline = outline_text(at)
    assert "Treaty comparison" in outline
    assert "Military capabilities" not in outline
    assert "Desk note" in outline
    assert "Prepared for: Middle East desk" in outline
    command = command_line(at)
    assert "--sections treaties" in command
    assert "--title 'Desk note'" in command


def test_garbage_in_the_url_gives_a_notice_not_an_exception():
    at = run(sections="nonsense<script>", title="x" * 500)
    text = text_of(at)
    assert "were not understood and were ignored" in text
    assert "sections=nonsense" in text
    assert at.multiselect(key="sections").value == list(sections.available())


def test_no_section_chosen_says_what_to_do():
    at = run()
    at.multiselect(key="sections").set_value([]).run()
    assert not at.exception
    assert "Pick at least one section" in text_of(at)
    assert not at.get("download_button")


def test_the_button_builds_the_pdf_the_outline_promised(monkeypatch):
    """The page hands the button a callable; run it on another thread, as Streamlit does
    on click, and it gives the chosen briefing with the page's settings."""
    from concurrent.futures import ThreadPoolExecutor

    from streamlit.runtime.media_file_manager import MediaFileManager

    captured = []
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, *args, **kwargs):
        captured.append(
            (data_callable, kwargs.get("file_name", args[2] if len(args) > 2 else None))
        )
        return original(self, data_callable, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    at = run(sections="treaties", title="Button check", audience="Desk", as_of="2025-02-01")
    assert captured, "the download button was not given a callable"
    build_pdf, file_name = next(c for c in reversed(captured) if c[1].endswith(".pdf"))
    assert file_name == "russia-iran-briefing-2025-02-01.pdf"
    with ThreadPoolExecutor(1) as pool:
        pdf = pool.submit(build_pdf).result()
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Button check" in text
    assert "Prepared for: Desk" in text
    assert "Treaty comparison" in text
    assert "Military capabilities" not in text
    assert "as of 1 February 2025" in text
    links = [
        annot.get_object()["/A"]["/URI"]
        for annot in reader.pages[0].get("/Annots", [])
        if "/URI" in annot.get_object().get("/A", {})
    ]
    assert any(
        "/briefing?sections=treaties" in link and "as_of=2025-02-01" in link for link in links
    )
    assert not at.exception
