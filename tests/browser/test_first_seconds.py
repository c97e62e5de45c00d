"""The reader's first seconds (issue 16): Python is downloaded on intent only, and a flood of output
never freezes the page. Both languages, in headless Chromium, on the built site.

Bytes are counted by the test's own server (`WireServer`), which compresses text the way static hosts
(GitHub Pages, Netlify, any nginx with gzip on) do and counts what it writes to the socket, so the
budget is what a reader's connection carries, service worker requests included.
"""
from __future__ import annotations

import email.utils
import functools
import gzip
import io
import http.server
import threading
from pathlib import Path

import pytest

from support.browser import FIRST_RUN_MS, collect_page_errors, run_code, set_code, wait_mounted, wait_state
from support.site import _QuietHandler

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STARTED = "() => performance.getEntriesByName('lmdocs: Python start-up').length === 1"
BUDGET = 1_500_000                     # issue 16.1: a page read without nearing a cell
PYODIDE = "/assets/vendor/pyodide/"
# An article whose first cell is several screens below the top (checked by the test, not assumed).
ARTICLES = {"fa": "series/4-transformer/", "en": "en/series/4-transformer/"}
# An article whose first cell is an editor (not a folded demo) far below the top of a phone's window.
EDITOR_FIRST = {"fa": "series/1-ingredients/", "en": "en/series/1-ingredients/"}
COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".py", ".map", ".webmanifest"}


class WireHandler(_QuietHandler):
    """Serves the site like a static host (GitHub Pages): gzip for text when the browser accepts it,
    ten minutes of HTTP caching; counts the bytes of every response body sent."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix in COMPRESSED and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            since = self.headers.get("If-Modified-Since")
            if since and email.utils.parsedate_to_datetime(since).timestamp() >= int(path.stat().st_mtime):
                self.send_response(304)                              # unchanged: no body
                self.end_headers()
                return None
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")      # what GitHub Pages sends
        super().end_headers()

    def copyfile(self, source, outputfile):
        data = source.read()
        self.server.log.append((self.path.split("?")[0], len(data)))
        outputfile.write(data)


class WireServer(http.server.ThreadingHTTPServer):
    def __init__(self, directory: Path):
        super().__init__(("127.0.0.1", 0), functools.partial(WireHandler, directory=str(directory)))
        self.log: list[tuple[str, int]] = []
        self.url = f"http://127.0.0.1:{self.server_address[1]}/"

    def sent(self, prefix: str = "/") -> int:
        return sum(size for path, size in list(self.log) if path.startswith(prefix))


@pytest.fixture(scope="module")
def wire(site_dir):
    server = WireServer(site_dir)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def idle_twice(page) -> None:
    """Wait until the browser has been idle twice (where the old runner preloaded Pyodide) and the
    network is quiet: a condition, not a sleep."""
    page.wait_for_load_state("networkidle")
    page.evaluate("""() => new Promise((resolve) => requestIdleCallback(() => requestIdleCallback(resolve,
                     { timeout: 3000 }), { timeout: 3000 }))""")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_page_read_without_nearing_a_cell_never_downloads_python(browser, wire, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors = collect_page_errors(page)
    wire.log.clear()
    page.goto(wire.url + ARTICLES[lang])
    wait_mounted(page)
    first_cell_top = page.evaluate("document.querySelector('div.pyrun').getBoundingClientRect().top")
    assert first_cell_top > 800 + 600 + 200, "pick an article whose first cell is well below the window"
    idle_twice(page)
    assert wire.sent(PYODIDE) == 0, [p for p, _ in wire.log if p.startswith(PYODIDE)]
    assert not any("/assets/wheels/" in p for p, _ in wire.log)
    total = wire.sent()
    assert total <= BUDGET, f"{total:,} bytes: " + ", ".join(f"{p} {n:,}" for p, n in sorted(wire.log, key=lambda x: -x[1])[:8])
    # Reading on: the first cell comes near the window, and Python starts downloading (no Run needed).
    page.evaluate("document.querySelector('div.pyrun').scrollIntoView({block: 'end'})")
    page.wait_for_function(STARTED, timeout=FIRST_RUN_MS)
    assert wire.sent(PYODIDE) > 5_000_000          # the runtime came from the server
    assert not errors, errors
    context.close()


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_focus_on_an_editor_starts_python_before_run(browser, wire, lang):
    """Keyboard focus reaching an editor is intent too (a phone, the cell far below the window, so
    the near-window watcher cannot be what starts Python)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=False)
    page = context.new_page()
    page.goto(wire.url + EDITOR_FIRST[lang])
    wait_mounted(page)
    idle_twice(page)
    assert page.evaluate(STARTED) is False
    # focus() without scrolling: only the focus itself can be the trigger here
    # the editor's text is contenteditable (editor.js), the element keyboard focus lands on
    page.evaluate("""() => document.querySelector('div.pyrun .CodeMirror [contenteditable=true]').focus({ preventScroll: true })""")
    assert page.evaluate("document.querySelector('div.pyrun').getBoundingClientRect().top") > 844 + 600
    page.wait_for_function(STARTED, timeout=FIRST_RUN_MS)
    context.close()


# ------------------------------------------------------------------ 16.5: a flood of output
LIVE_CODE = {"fa": "contributing/live-code/", "en": "en/contributing/live-code/"}
FLOOD = "for i in range(300_000):\n    print(i)\n"
# How fast the page answers (the issue's goal: 200 ms) is measured in benchmarks/runner.py ("click
# during a flood"), not asserted here: this test checks the behaviour, by order of events only.
_WATCH_CLICKS = """() => {
  const cell = document.querySelector('div.pyrun');
  window.__clicks = 0;
  window.__clicksWhileRunning = 0;      // handled while Python was still printing
  document.addEventListener('click', () => {
    window.__clicks += 1;
    if (cell.dataset.pyrunState === 'running') window.__clicksWhileRunning += 1;
  }, true);
}"""


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_printing_300000_lines_keeps_the_page_answering_clicks(browser, server_url, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(FIRST_RUN_MS)
    errors = collect_page_errors(page)
    page.goto(server_url + LIVE_CODE[lang])
    wait_mounted(page)
    assert run_code(page, 0, "print('warm')\n") == "ok"        # Python started: what follows is the flood only
    page.evaluate(_WATCH_CLICKS)
    set_code(page, 0, FLOOD)
    title = page.locator("h1").first.bounding_box()
    x, y = title["x"] + 5, title["y"] + title["height"] / 2
    page.locator("div.pyrun").first.locator("button.pyrun-run").click()
    during = 0
    while page.evaluate("document.querySelector('div.pyrun').dataset.pyrunState") in ("queued", "running"):
        page.mouse.click(x, y)              # no actionability checks: the click goes straight to the page
        during += 1
    assert wait_state(page, 0) == "ok"
    for _ in range(3):
        page.mouse.click(x, y)
    clicks, while_running = page.evaluate("[window.__clicks, window.__clicksWhileRunning]")
    assert during >= 3 and clicks >= during + 3, (during, clicks)
    # The page answered clicks while Python was still printing, one after another (Playwright's click
    # returns once the page has handled it): a page frozen by the flood handles them after it instead.
    assert while_running >= 3, (during, clicks, while_running)
    text = page.evaluate("document.querySelector('div.pyrun .pyrun-text').textContent")
    assert text.startswith("0") and "299999" not in text          # truncated...
    note = page.locator("div.pyrun").first.locator(".pyrun-note--warning").inner_text()
    assert {"en": "output truncated", "fa": "بقیهٔ خروجی نشان داده نشد"}[lang] in note   # ...with a note
    # Each block ends at a line end (the boundary is the line break): join them with one to read it all.
    shown = page.evaluate("""() => [...document.querySelector('div.pyrun .pyrun-text').children]
                                   .map((block) => block.textContent).join('\\n')""")
    lines = shown.rstrip("\n").split("\n")[:-1]             # the last one may be cut short
    assert lines[:3] == ["0", "1", "2"] and all(a.isdigit() for a in lines)
    assert [int(a) for a in lines] == list(range(len(lines))), "every line once, in order, no blank line"
    assert not errors, errors
    context.close()
