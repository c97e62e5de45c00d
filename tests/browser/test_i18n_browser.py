"""A snippet prints Persian on the Persian page and English on the English one, in the browser.

The whole chain: the runner tells Python the page's language, `lmdocs.page.lang()` reads it and
`lmdocs.i18n.tr` picks the sentence and the digits; the output must equal the snippet's
`# Expected output (fa):` / `(en):` block.
"""
from __future__ import annotations

import pytest

from support.browser import open_page, output_text, run_cell
from support.cells import DOCS, expected_output, page_cells, page_url

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SNIPPET = "snippets/compute_gpt3.py"
PAGES = [DOCS / "series" / "1-ingredients.md", DOCS / "series" / "1-ingredients.en.md"]


@pytest.mark.parametrize("doc", PAGES, ids=[p.name for p in PAGES])
def test_snippet_prints_in_the_page_language(browser, server_url, doc):
    cells = page_cells(doc)
    index = next(i for i, cell in enumerate(cells) if SNIPPET in cell.sources)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_page(page, server_url, page_url(doc))
    assert run_cell(page, index) == "ok"
    lang = cells[index].lang
    got = [line.rstrip() for line in output_text(page, index).strip().splitlines()]
    assert got == expected_output(cells[index].code, lang).splitlines(), f"{doc.name} printed {got}"
    context.close()
