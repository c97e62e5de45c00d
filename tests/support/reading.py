"""Helpers of the reading-comfort browser tests (tests/browser/test_reading_*.py)."""
from __future__ import annotations

from urllib.parse import urljoin

from .browser import FIRST_RUN_MS

MOUNTED = """() => { const cells = [...document.querySelectorAll('div.pyrun')];
  return cells.length > 0 && cells.every((c) => c.classList.contains('pyrun--live')
         && !c.querySelector(':scope > .pyrun-static') && c.querySelector('.CodeMirror')); }"""


def open_page_patiently(page, server_url: str, path: str) -> None:
    """Like support.browser.open_page (load `path`, wait until every cell has its editor), with the
    first-run time limit: on a loaded shared machine a page with demos can take more than 30 s."""
    page.goto(urljoin(server_url, path), timeout=FIRST_RUN_MS)
    page.wait_for_function(MOUNTED, timeout=FIRST_RUN_MS)
