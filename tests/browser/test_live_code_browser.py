"""Every runnable block of every page, in both languages, run in Chromium through the built site.

The pages are found from docs/ (tests/support/cells.py), so a new ```pyrun block gets this test without
editing this file. One browser page is reused for the whole module and the pages are visited with
Material's instant navigation, so Python starts once and stays warm. For every cell: press Run (a
demo may already have started on its own when it scrolled into view), wait, and check that it
finished without error, showed output (text or page elements) and raised no page error.
"""
from __future__ import annotations

import pytest

from support.browser import (FIRST_RUN_MS, FINISHED, click_run, collect_page_errors, error_text, instant_goto,
                           open_page, state, wait_state)
from support.cells import page_cells, page_url, pages_with_cells

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_PAGES = pages_with_cells()


@pytest.fixture(scope="module")
def tab(browser, server_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(FIRST_RUN_MS)
    errors = collect_page_errors(page)
    open_page(page, server_url, page_url(_PAGES[0]))
    yield page, errors
    context.close()


def _has_output(page, index: int) -> bool:
    return page.evaluate("""(i) => { const out = document.querySelectorAll('div.pyrun')[i].querySelector('.pyrun-output');
        return !out.hidden && (out.querySelector('.pyrun-text').textContent.trim().length > 0
                               || out.querySelector('.pyrun-elements').children.length > 0); }""", index)


@pytest.mark.parametrize("doc", _PAGES, ids=[page_url(p) or "home" for p in _PAGES])
def test_every_cell_of_the_page_runs_in_the_browser(tab, server_url, doc) -> None:
    page, errors = tab
    errors.clear()
    instant_goto(page, server_url, page_url(doc))
    cells = page_cells(doc)
    assert page.locator("div.pyrun").count() == len(cells), "the built page and docs/ disagree on the cells"
    for i, cell in enumerate(cells):
        page.locator("div.pyrun").nth(i).scroll_into_view_if_needed()
        if cell.autorun:                      # a demo starts by itself once visible; let it finish first
            wait_state(page, i, ("queued", "running", *FINISHED), FIRST_RUN_MS)
            wait_state(page, i, FINISHED, FIRST_RUN_MS)
        click_run(page, i)
        final = wait_state(page, i, FINISHED, FIRST_RUN_MS)
        assert final == "ok", f"{cell.ident} failed in the browser:\n{error_text(page, i)}"
        assert _has_output(page, i), f"{cell.ident} showed no output in the browser"
    assert not errors, f"errors on {page_url(doc)}: {errors}"
