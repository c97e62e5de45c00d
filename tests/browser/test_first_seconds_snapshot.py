"""Python restored from a memory snapshot (issue 16.2), both languages, in headless Chromium.

The first visit starts Python and saves a snapshot of it (lmdocs imported) in the browser's Cache
Storage (overrides/assets/javascripts/runner/snapshot.js); later visits restore it. Checked here: a
restored Python runs a cell right, imports a submodule it never imported before (lmdocs.ngram) and
reads the package's data files (lmdocs.corpora, against CPython's lmdocs in this process), and two
restored visits draw different random numbers. A damaged snapshot (its bytes, or its header with a
matching digest, so that Pyodide itself refuses it) falls back to a plain start: the reader sees the
right output and no error, and a new snapshot replaces the bad one.
How Python started is read from the runner's performance entry ("lmdocs: Python start-up", detail
`start`). Service workers are blocked: the snapshot is the worker's own cache, not the site's.
"""
from __future__ import annotations

import pytest

from lmdocs import corpora
from support.browser import FIRST_RUN_MS, collect_page_errors, output_text, run_code, wait_mounted

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = {"fa": "contributing/live-code/", "en": "en/contributing/live-code/"}
START = "performance.getEntriesByName('lmdocs: Python start-up').at(-1).detail"
SNAPSHOT = "performance.getEntriesByName('lmdocs: Python snapshot')"
CHECK = """import random
import lmdocs.ngram
from lmdocs import corpora
print(6 * 7)
print(lmdocs.ngram.__name__, corpora.parallel_fa_en()[9][1])
print("draw", random.random())
"""

# Damage the saved snapshot inside the page (Cache Storage is per origin and browser context).
_DAMAGE = """async (how) => {
  const cache = await caches.open('lmdocs:python-snapshot');
  const requests = await cache.keys();
  for (const request of requests) {
    const response = await cache.match(request);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const headers = new Headers(response.headers);
    if (how === 'bytes') bytes[bytes.length >> 1] ^= 0xff;          // the digest no longer matches
    else {                                                          // a wrong magic number, digest kept right
      bytes[0] ^= 0xff;
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      headers.set('X-Lmdocs-Sha256', Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''));
    }
    await cache.put(request, new Response(bytes, { headers }));
  }
  return requests.length;
}"""


def visit(context, server_url: str, lang: str):
    page = context.new_page()
    page.set_default_timeout(FIRST_RUN_MS)
    page.errors = collect_page_errors(page)
    page.goto(server_url + PAGES[lang])
    wait_mounted(page)
    return page


def run_and_wait_for_snapshot(page) -> dict:
    """Run a cell (Python starts), then wait until the snapshot made at this start is saved."""
    assert run_code(page, 0, "print('first')\n") == "ok"
    page.wait_for_function(f"() => {SNAPSHOT}.length > 0")
    saved = page.evaluate(f"{SNAPSHOT}.at(-1).detail")
    assert saved["saved"] is True and saved["bytes"] > 10_000_000, saved
    return page.evaluate(START)


def expected_lines() -> list[str]:
    return ["42", f"lmdocs.ngram {corpora.parallel_fa_en()[9][1]}"]


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_second_visit_restores_python_from_the_snapshot(browser, server_url, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    first = visit(context, server_url, lang)
    assert run_and_wait_for_snapshot(first)["start"] == "made"
    assert not first.errors, first.errors
    first.close()
    draws = []
    for _ in range(2):
        page = visit(context, server_url, lang)
        assert run_code(page, 0, CHECK) == "ok", output_text(page, 0)
        detail = page.evaluate(START)
        assert detail["start"] == "restored", detail
        lines = page.evaluate("document.querySelector('div.pyrun .pyrun-text').innerText").strip().split("\n")
        assert lines[:2] == expected_lines(), lines
        assert lines[2].startswith("draw 0.")
        draws.append(float(lines[2].split()[1]))
        assert page.evaluate(f"{SNAPSHOT}.length") == 0          # a restored start makes no new snapshot
        assert not page.errors, page.errors
        page.close()
    assert draws[0] != draws[1], "two restored visits drew the same random number: random was not re-seeded"
    context.close()


@pytest.mark.parametrize(("lang", "damage"), [("fa", "bytes"), ("en", "header")])
def test_a_damaged_snapshot_falls_back_to_a_plain_start(browser, server_url, lang, damage):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    first = visit(context, server_url, lang)
    run_and_wait_for_snapshot(first)
    assert first.evaluate(_DAMAGE, damage) == 1
    first.close()
    page = visit(context, server_url, lang)
    assert run_code(page, 0, CHECK) == "ok", output_text(page, 0)
    detail = page.evaluate(START)
    assert detail["start"] == "fallback", detail
    assert ("damaged" if damage == "bytes" else "magic") in detail["snapshotError"], detail
    lines = page.evaluate("document.querySelector('div.pyrun .pyrun-text').innerText").strip().split("\n")
    assert lines[:2] == expected_lines(), lines
    assert "snapshot" not in output_text(page, 0).lower()      # nothing about it reaches the reader
    page.wait_for_function(f"() => {SNAPSHOT}.length > 0")     # a good snapshot replaces the bad one
    assert page.evaluate(f"{SNAPSHOT}.at(-1).detail.saved") is True
    assert not page.errors, page.errors
    page.close()
    again = visit(context, server_url, lang)
    assert run_code(again, 0, "print(6 * 7)\n") == "ok"
    assert again.evaluate(START)["start"] == "restored"
    context.close()
