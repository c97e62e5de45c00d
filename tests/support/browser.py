"""Helpers that drive the live-code runner in the built site with Playwright (sync API).

A cell is addressed by its index among the page's `.pyrun` blocks. The helpers read what the page
shows, as a reader would: a cell is mounted once its static copy of the code has given way to the
editor (CodeMirror, whose own API `element.CodeMirror` sets the code), and its state is the
`data-pyrun-state` attribute the runner's stylesheet uses (idle | queued | running | ok | error).
"""
from __future__ import annotations

from urllib.parse import urljoin

FIRST_RUN_MS = 120_000     # a cold Pyodide start on a loaded 2-core machine can take tens of seconds
RUN_MS = 60_000
FINISHED = ("ok", "error")


def open_page(page, server_url: str, path: str) -> None:
    """Load `path` (relative to the site root) and wait until every runnable block has its editor."""
    page.goto(urljoin(server_url, path))
    wait_mounted(page)


def wait_mounted(page) -> None:
    """Wait until every runnable block of the page has its editor (the static copy is gone)."""
    page.wait_for_function(
        """() => { const cells = [...document.querySelectorAll('div.pyrun')];
                   return cells.length > 0 && cells.every((c) => c.classList.contains('pyrun--live')
                          && !c.querySelector(':scope > .pyrun-static') && c.querySelector('.CodeMirror')); }""",
        timeout=30_000)


def instant_goto(page, server_url: str, path: str) -> None:
    """Follow a link to `path` the way a reader does, so Material's instant navigation handles it.

    Material changes the URL before the new page is in the document, so this waits for the page's
    content itself to be replaced (Material swaps the container element) and then for its cells.
    """
    url = urljoin(server_url, path)
    leave_page(page)
    page.evaluate("""(url) => { const a = document.createElement('a'); a.href = url;
                                document.querySelector('.md-content').append(a); a.click(); }""", url)
    wait_for_new_page(page, url)
    wait_mounted(page)


def leave_page(page) -> None:
    """Remember the page's content element before a navigation (see wait_for_new_page)."""
    page.evaluate("() => { window.__leftContainer = document.querySelector('[data-md-component=container]'); }")


def wait_for_new_page(page, url: str) -> None:
    """Wait until instant navigation shows ``url``: the address, and the content replaced too."""
    page.wait_for_function("""(url) => location.href.split('#')[0] === url
                              && document.querySelector('[data-md-component=container]') !== window.__leftContainer""",
                           arg=url, timeout=30_000)


def cell_count(page) -> int:
    return page.locator("div.pyrun").count()


def state(page, index: int) -> str:
    return page.locator("div.pyrun").nth(index).get_attribute("data-pyrun-state") or ""


def wait_state(page, index: int, states=FINISHED, timeout: float = RUN_MS) -> str:
    page.wait_for_function(
        "([i, states]) => states.includes(document.querySelectorAll('div.pyrun')[i].dataset.pyrunState)",
        arg=[index, list(states)], timeout=timeout)
    return state(page, index)


def click_run(page, index: int) -> None:
    cell = page.locator("div.pyrun").nth(index)
    cell.scroll_into_view_if_needed()
    cell.locator("button.pyrun-run").click()


def run_cell(page, index: int, timeout: float = FIRST_RUN_MS) -> str:
    """Press Run on cell `index` and wait until it has finished; returns its final state."""
    click_run(page, index)
    return wait_state(page, index, FINISHED, timeout)


def set_code(page, index: int, code: str) -> None:
    page.evaluate("([i, code]) => document.querySelectorAll('div.pyrun')[i].querySelector('.CodeMirror').CodeMirror"
                  ".setValue(code)", [index, code])


def get_code(page, index: int) -> str:
    return page.evaluate("(i) => document.querySelectorAll('div.pyrun')[i].querySelector('.CodeMirror').CodeMirror"
                         ".getValue()", index)


def run_code(page, index: int, code: str, timeout: float = FIRST_RUN_MS) -> str:
    set_code(page, index, code)
    return run_cell(page, index, timeout)


def output_text(page, index: int) -> str:
    """The text the reader sees in the cell's output panel (stdout, stderr, errors, notes)."""
    return page.locator("div.pyrun").nth(index).locator(".pyrun-output").inner_text()


def error_text(page, index: int) -> str:
    return page.evaluate(
        "(i) => [...document.querySelectorAll('div.pyrun')[i].querySelectorAll('.pyrun-error')]"
        ".map((e) => e.textContent).join('\\n')", index)


def collect_page_errors(page) -> list[str]:
    """Start collecting uncaught page errors and console errors (a failed request is one too)."""
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(f"pageerror: {err}"))
    page.on("console", lambda msg: errors.append(f"console: {msg.text} ({msg.location.get('url', '')})")
            if msg.type == "error" else None)
    return errors
