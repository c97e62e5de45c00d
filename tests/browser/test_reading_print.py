"""Printing an article (issue 18.6), with Chromium's print media emulated: the prose, figures,
formulas and code are there; the navigation, the runner's buttons and empty output panels are not;
Persian stays right to left. A PDF is also printed and kept as a test artefact."""
from __future__ import annotations

import pytest

from support.reading import open_page_patiently

pytestmark = pytest.mark.browser

HIDDEN = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
          ".pyrun-bar", "button.pyrun-run", ".pyrun-output"]
SHOWN = [".md-typeset h1", ".md-typeset p", ".md-typeset figure.lm-figure svg", ".md-typeset .katex",
         ".md-typeset .CodeMirror-code"]

STATE = """([hidden, shown]) => {
  const visible = (e) => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                           return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; };
  return {
    hidden: Object.fromEntries(hidden.map((s) => [s, [...document.querySelectorAll(s)].filter(visible).length])),
    shown: Object.fromEntries(shown.map((s) => [s, [...document.querySelectorAll(s)].filter(visible).length])),
    direction: getComputedStyle(document.querySelector('.md-content')).direction,
    demoCode: [...document.querySelectorAll('details.pyrun-code')].every((d) => d.open),
    codeScrolls: [...document.querySelectorAll('.md-typeset .CodeMirror-scroll')]
      .some((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'),
  };
}"""


@pytest.mark.parametrize(("path", "direction"), [("series/4-transformer/", "rtl"), ("en/series/4-transformer/", "ltr")])
def test_print_shows_the_article_without_navigation_or_runner_chrome(server_url, page, path, direction, artifacts_dir):
    open_page_patiently(page, server_url, path)
    assert page.locator("div.pyrun .pyrun-bar").first.is_visible()        # on screen, the bar is there
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")         # what the browser sends first
    state = page.evaluate(STATE, [HIDDEN, SHOWN])
    assert state["direction"] == direction
    assert {selector: n for selector, n in state["hidden"].items() if n} == {}, state
    assert all(state["shown"].values()), state
    assert state["demoCode"] and not state["codeScrolls"], state
    pdf = artifacts_dir / f"print-{path.strip('/').replace('/', '-')}.pdf"
    page.pdf(path=str(pdf))
    assert pdf.stat().st_size > 20_000
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert page.locator("div.pyrun .pyrun-bar").first.is_visible()


def test_output_that_was_produced_is_printed(server_url, page):
    from support.browser import run_code

    open_page_patiently(page, server_url, "en/contributing/live-code/")
    assert run_code(page, 0, 'print("printed output")\n') == "ok"
    page.emulate_media(media="print")
    output = page.locator("div.pyrun").nth(0).locator(".pyrun-output")
    assert output.is_visible() and "printed output" in output.inner_text()
    assert not page.locator("div.pyrun").nth(1).locator(".pyrun-output").is_visible()   # never ran: empty
