"""Hostile input in a real browser: data whose every text field is an attack, and garbage in
every URL parameter of every page.

The hostile data folder comes from `tests/hostile_data.py`: every payload that could run
script sets `window.__briefingPwned` or opens a dialog, so "no script ran" is a fact the
browser can be asked about, and the payload's markers let us tell literal text from
interpreted markup.
"""

from __future__ import annotations

import hostile_data as hd
import pytest
from harness import alerts, exceptions, page_registry, query_of, screenshot, widget_state

from briefing.schema import TABLES
from briefing.store import load_dataset

REGISTRY = page_registry()
#: Known faults, (test, page) -> reason, run as expected failures until fixed; none now.
KNOWN: dict[tuple[str, str], str] = {}


def known(test: str) -> list:
    params = []
    for spec in REGISTRY:
        reason = KNOWN.get((test, spec.name))
        marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
        params.append(pytest.param(spec, id=spec.name, marks=marks))
    return params


# ------------------------------------------------------------ the hostile folder
def test_hostile_copy_loads_and_poisons_every_free_text_column(hostile_copy):
    data = load_dataset(hostile_copy.folder)
    assert data.errors == ()
    assert data.version == hd.VERSION
    references = {"supersedes", "subject_id", "subject_ids", "basis_ids", "claimed_by"}
    for spec in TABLES:
        rows = hd.read_table(hostile_copy.folder, spec)
        if not rows:
            continue
        free = set(hd.free_text_columns(spec, rows[0]))
        injected = hostile_copy.injected.get(spec.name, set())
        reverted = hostile_copy.reverted.get(spec.name, set())
        assert free - injected <= reverted, f"{spec.name}: not poisoned {free - injected}"
        assert reverted <= references, f"{spec.name}: put back {reverted}"
        text = "\n".join(cell for row in rows for cell in row.values())
        if injected - {"url"}:
            for piece in (hd.FORMULA, hd.SCRIPT, hd.IMG, hd.MD_LINK,
                          hd.BIDI, hd.CONTROL, hd.LONG_WORD):  # fmt: skip
                assert piece in text, f"{spec.name} lacks {piece[:20]!r}"


# -------------------------------------------------------------- in the browser
#: what the page would contain if any payload had been interpreted rather than shown:
#: a script that ran, an element the data made (<b>, a heading, a link, an image...), an
#: event handler or script element from the data, a javascript: link, maths typeset from
#: the data's LaTeX, or bidi/terminal control characters left in text outside the grids
INTERPRETED_JS = """
() => {
  const found = [];
  if (window.__briefingPwned !== undefined) found.push('script ran: ' + window.__briefingPwned);
  const tags = 'b, strong, em, i, h1, h2, h3, h4, h5, h6, a, img, li, blockquote';
  for (const el of document.querySelectorAll(tags)) {
    const text = (el.innerText || el.getAttribute('alt') || '').trim();
    if (text.startsWith('HOSTILE-')) found.push(el.tagName + ': ' + el.outerHTML.slice(0, 160));
  }
  for (const el of document.querySelectorAll('[onerror], [onload], script, iframe, object, embed')) {
    const html = el.outerHTML;
    if (html.includes('__briefingPwned') || html.includes('alert(1)')) {
      found.push('element: ' + html.slice(0, 160));
    }
  }
  for (const a of document.querySelectorAll('a[href]')) {
    if (a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')) {
      found.push('javascript link: ' + a.outerHTML.slice(0, 160));
    }
  }
  for (const tex of document.querySelectorAll('annotation[encoding="application/x-tex"]')) {
    if (tex.textContent.includes('frac{1}{0}')) {
      const box = tex.closest('[data-testid]');
      found.push('maths from data in ' + (box ? box.getAttribute('data-testid') : '?'));
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    if (node.parentElement.closest('[data-testid="stDataFrame"], script, style')) continue;
    if (/[\u202a-\u202e\u2066-\u2069\u0007\u001b]/.test(node.textContent)) {
      found.push('control/bidi: ' + JSON.stringify(node.textContent.slice(0, 80)));
    }
  }
  return found.slice(0, 10);
}
"""  # noqa: E501

#: links the page made from addresses inside data text (the data's own URL column,
#: shown through sources_line, is checked and encoded: those are fine)
AUTOLINKS_JS = """
() => Array.from(document.querySelectorAll('a[href*="evil.invalid"]')).map(a => {
  const box = a.closest('[data-testid="stElementContainer"]');
  const owner = box && box.querySelector('[data-testid]');
  return (owner ? owner.getAttribute('data-testid') : '?') + ': ' + a.outerHTML.slice(0, 120);
}).slice(0, 5)
"""


@pytest.mark.parametrize("spec", known("hostile"))
def test_hostile_data_is_shown_literally(hostile, spec):
    page = hostile.view(spec.route)
    screenshot(page, f"hostile-{spec.name}")
    assert exceptions(page) == []
    assert hostile.visit.dialogs == [], "a dialog opened"
    assert hostile.visit.problems == []
    assert page.evaluate(INTERPRETED_JS) == []
    # the data reached the page, as text: the sidebar's data version is an <img> tag
    assert hd.VERSION in page.locator('[data-testid="stSidebar"]').inner_text()
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert text.count("HOSTILE-BOLD") == text.count("<b>HOSTILE-BOLD")
    assert text.count("HOSTILE-LINK") == text.count("[HOSTILE-LINK]")


@pytest.mark.parametrize("spec", known("autolink"))
def test_addresses_in_data_text_are_not_made_links(hostile, spec):
    """A bare http address typed into a text field must not become a clickable link."""
    page = hostile.view(spec.route)
    assert page.evaluate(AUTOLINKS_JS) == []


# ------------------------------------------------------------------ garbage URLs
GARBAGE = [
    "<script>alert(1)</script>bad{n}",
    "bad{n}\u202e\x07%00" + "Z" * 5000,
]


@pytest.mark.parametrize("spec", known("garbage"))
def test_garbage_in_every_url_parameter_gives_a_notice(desktop, spec):
    from test_browser_pages import EXAMPLES

    page = desktop.view(spec.route)
    keys = sorted(set(widget_state(page)) | set(EXAMPLES.get(spec.name, {})) | {"as_of"})
    for template in GARBAGE:
        query = {key: template.format(n=n) for n, key in enumerate(keys)}
        query["not-a-setting"] = "zzz"
        page = desktop.open(spec.route, query)
        assert exceptions(page) == [], f"{spec.route} with garbage {template[:20]!r}"
        assert desktop.visit.problems == []
        kept = query_of(page.url)
        notices = " ".join(alerts(page))
        for n, key in enumerate(keys):
            if key in kept:  # still in the URL: Streamlit did not bind it to a widget
                continue
            assert f"bad{n}" in notices or key in notices, f"no notice for {key}: {notices}"
