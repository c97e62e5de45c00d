"""Stop keeps the reader's variables and input() works (issue 16.4), both languages, in Chromium.

The site's service worker adds COOP/COEP headers, so a page it controls is cross-origin isolated:
Stop then interrupts Python (KeyboardInterrupt; the namespace survives, Python is not restarted) and
input() reads a line from a box in the cell's output. Without the service worker (blocked here, as on
a first visit before it is installed) both fall back with a clear message: Stop restarts Python,
input() says what to write instead.
"""
from __future__ import annotations

import pytest

from support.browser import (FIRST_RUN_MS, collect_page_errors, output_text, run_code, set_code, wait_mounted,
                             wait_state)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = {"fa": "contributing/live-code/", "en": "en/contributing/live-code/"}
STARTS = "performance.getEntriesByName('lmdocs: Python start-up').length"
LOOP = "x += 1\nprint('looping', flush=True)\nwhile True:\n    pass\n"
ASK = "name = input('Your name? ')\nprint('Hello,', name)\n"


def open_tab(browser, server_url, lang, *, service_workers="allow"):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers=service_workers)
    page = context.new_page()
    page.set_default_timeout(FIRST_RUN_MS)
    page.errors = collect_page_errors(page)
    page.goto(server_url + PAGES[lang])
    if service_workers == "allow":              # the first load installs the worker; the next is isolated
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        page.reload()
    wait_mounted(page)
    return context, page


def click(page, button):
    page.locator("div.pyrun").first.locator(f"button.pyrun-{button}").click()


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_isolated_stop_interrupts_and_keeps_variables_and_input_reads_a_line(browser, server_url, lang):
    context, page = open_tab(browser, server_url, lang)
    assert page.evaluate("crossOriginIsolated") is True
    assert run_code(page, 0, "x = 41\n") == "ok"
    set_code(page, 0, LOOP)
    click(page, "run")
    page.wait_for_function("() => document.querySelector('div.pyrun .pyrun-text').textContent.includes('looping')")
    click(page, "stop")
    assert wait_state(page, 0) == "error"
    assert "KeyboardInterrupt" in output_text(page, 0)
    assert run_code(page, 0, "print('x is', x)\n") == "ok"
    assert "x is 42" in output_text(page, 0)                  # the namespace survived the Stop
    assert page.evaluate(STARTS) == 1                         # Python was never restarted
    # input(): the prompt, a box, the reader's line
    typed = {"fa": "آدا", "en": "Ada"}[lang]
    set_code(page, 0, ASK)
    click(page, "run")
    box = page.locator("div.pyrun").first.locator(".pyrun-input-line input")
    box.wait_for()
    assert "Your name?" in output_text(page, 0)
    box.fill(typed)
    box.press("Enter")
    assert wait_state(page, 0) == "ok"
    assert f"Hello, {typed}" in output_text(page, 0)
    assert box.count() == 0
    # Stop while input() waits: interrupted too, and Python still has its variables
    click(page, "run")
    box.wait_for()
    click(page, "stop")
    assert wait_state(page, 0) == "error" and "KeyboardInterrupt" in output_text(page, 0)
    assert run_code(page, 0, "print('x is', x)\n") == "ok" and "x is 42" in output_text(page, 0)
    assert page.evaluate(STARTS) == 1
    assert not page.errors, page.errors
    context.close()


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_without_isolation_stop_restarts_and_input_explains(browser, server_url, lang):
    context, page = open_tab(browser, server_url, lang, service_workers="block")
    assert page.evaluate("crossOriginIsolated") is False
    assert run_code(page, 0, ASK) == "error"
    says = {"en": "put the value in the code instead", "fa": "به‌جایش مقدار را در کد بنویسید"}[lang]
    assert says in output_text(page, 0)
    assert "I/O error" not in output_text(page, 0)
    assert run_code(page, 0, "x = 41\n") == "ok"
    set_code(page, 0, LOOP)
    click(page, "run")
    page.wait_for_function("() => document.querySelector('div.pyrun .pyrun-text').textContent.includes('looping')")
    click(page, "stop")
    wait_state(page, 0, ("idle",))
    restarted = {"en": "Python was restarted", "fa": "پایتون از نو راه افتاد"}[lang]
    assert restarted in output_text(page, 0)
    page.wait_for_function(f"() => {STARTS} === 2")           # a fresh Python, warm for the next run
    assert not page.errors, page.errors
    context.close()
