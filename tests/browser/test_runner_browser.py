"""The live-code runner in Chromium, on the built contributor page (docs/contributing/live-code*.md).

One browser tab serves the whole module (Python starts once; tests that stop it come last). The
reader's actions are real: clicks on Run/Stop/Reset, Shift+Enter in the editor, moving a slider.
Each bad input of the issue is a test: a syntax error, a package the browser lacks, MemoryError,
10 MB of output, HTML in the output, an endless loop.
"""
from __future__ import annotations

import pytest

from support.browser import (FIRST_RUN_MS, collect_page_errors, error_text, get_code, instant_goto, open_page,
                             output_text, run_cell, run_code, set_code, state, wait_state)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EN, FA = "en/contributing/live-code/", "contributing/live-code/"
COUNTS, SHARED, TRAINING, GALLERY = range(4)        # the cells of the contributor page, in page order


def python_starts(page) -> int:
    """How many times Python has started in this tab (the runner's entries in the performance timeline)."""
    return page.evaluate("performance.getEntriesByName('lmdocs: Python start-up').length")


@pytest.fixture(scope="module")
def tab(browser, server_url):
    # No service worker: this module tests the runner on a page that is not cross-origin isolated
    # (Stop restarts Python); tests/browser/test_first_seconds_isolation.py tests the isolated page.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(FIRST_RUN_MS)
    errors = collect_page_errors(page)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_page(page, server_url, EN)
    page.dialogs = dialogs
    page.errors = errors
    yield page
    context.close()


@pytest.fixture
def en(tab, server_url):
    """The English contributor page, freshly loaded only if another test navigated away."""
    if not tab.url.split("#")[0].endswith(EN):       # Material adds the visible heading as #hash
        open_page(tab, server_url, EN)
    return tab


def test_running_a_later_cell_first_runs_the_earlier_ones(en):
    assert run_cell(en, SHARED) == "ok"
    assert state(en, COUNTS) == "ok"                       # ran first, as a prerequisite
    assert "7 different words" in output_text(en, COUNTS)
    shared = output_text(en, SHARED)
    assert "longest word: میخانه" in shared and "cells 1 first" in shared


def test_editor_is_codemirror_left_to_right_and_shift_enter_runs(en):
    cell = en.locator("div.pyrun").nth(COUNTS)
    assert [cell.locator(f"button.pyrun-{b}").inner_text() for b in ("run", "stop", "reset")] == ["Run", "Stop", "Reset"]
    assert cell.locator(".CodeMirror").count() == 1
    assert cell.locator(".pyrun-editor").get_attribute("dir") == "ltr"
    assert cell.locator(".cm-keyword").count() > 0            # Python highlighting (for ... in)
    set_code(en, COUNTS, 'print("via", "keyboard")\n')
    cell.locator(".CodeMirror").click()
    en.keyboard.press("Shift+Enter")
    wait_state(en, COUNTS, ("queued", "running", "ok", "error"))
    assert wait_state(en, COUNTS) == "ok"
    assert "via keyboard" in output_text(en, COUNTS)


def test_reset_restores_the_original_code(en):
    set_code(en, COUNTS, "print('changed')\n")
    en.locator("div.pyrun").nth(COUNTS).locator("button.pyrun-reset").click()
    code = get_code(en, COUNTS)
    assert code.startswith("# Count the words of a line of Hafez")
    assert run_cell(en, COUNTS) == "ok" and "7 different words" in output_text(en, COUNTS)


def test_output_streams_while_the_code_runs(en):
    code = ("import time\nprint('first', flush=True)\nend = time.time() + 2\n"
            "while time.time() < end:\n    pass\nprint('second')\n")
    set_code(en, COUNTS, code)
    # Look at the cell at the very moment 'first' is drawn (a MutationObserver in the page), so the
    # check does not depend on how fast this test polls: the cell must still be running then.
    at_first = en.evaluate("""() => new Promise((resolve) => {
        const cell = document.querySelectorAll('div.pyrun')[0];
        const text = cell.querySelector('.pyrun-text');
        const observer = new MutationObserver(() => {
          if (!text.textContent.includes('first')) return;
          observer.disconnect();
          resolve({ state: cell.dataset.pyrunState, second: text.textContent.includes('second') });
        });
        observer.observe(text, { subtree: true, childList: true, characterData: true });
        cell.querySelector('button.pyrun-run').click();
    })""")
    assert at_first == {"state": "running", "second": False}
    assert wait_state(en, COUNTS) == "ok" and "second" in output_text(en, COUNTS)


def test_syntax_error_names_the_line_of_the_readers_code(en):
    assert run_code(en, COUNTS, "x = 1\nprint(x +)\n") == "error"
    text = error_text(en, COUNTS)
    assert "SyntaxError" in text and '"<cell 1>", line 2' in text
    assert "_lmdocs_glue" not in text and "pyodide" not in text.lower()


def test_runtime_error_shows_type_message_and_line_without_internals(en):
    assert run_code(en, COUNTS, "def f(x):\n    return 1 / x\n\nf(0)\n") == "error"
    text = error_text(en, COUNTS)
    assert "ZeroDivisionError: division by zero" in text
    assert '"<cell 1>", line 4' in text and '"<cell 1>", line 2, in f' in text
    assert "_lmdocs_glue" not in text and "/lib/python" not in text


def test_missing_package_says_what_the_browser_has(en):
    assert run_code(en, COUNTS, "import numpy\n") == "error"
    assert "ModuleNotFoundError: No module named 'numpy'" in error_text(en, COUNTS)
    assert "standard library and lmdocs" in output_text(en, COUNTS)


def test_memory_error_is_reported_and_python_keeps_working(en):
    assert run_code(en, COUNTS, "x = [0] * (10 ** 9)\n") == "error"
    assert "MemoryError" in output_text(en, COUNTS)
    assert run_code(en, COUNTS, "print(sum(range(10)))\n") == "ok"
    assert "45" in output_text(en, COUNTS)


def test_html_in_the_output_is_shown_as_text(en):
    assert run_code(en, COUNTS, "print('<script>alert(1)</script><b>bold</b>')\n") == "ok"
    assert "<script>alert(1)</script><b>bold</b>" in output_text(en, COUNTS)
    output = en.locator("div.pyrun").nth(COUNTS).locator(".pyrun-output")
    assert output.locator("script").count() == 0 and output.locator("b").count() == 0
    assert not en.dialogs


def test_ten_megabytes_of_output_are_truncated_in_batches(en):
    code = "for i in range(200_000):\n    print(f'{i:049d}')\nprint('done')\n"   # 50 bytes x 200k = 10 MB
    assert run_code(en, COUNTS, code) == "ok"
    stats = en.evaluate("""() => { const pre = document.querySelectorAll('div.pyrun')[0].querySelector('.pyrun-text');
        return { chars: pre.textContent.length, nodes: pre.querySelectorAll('*').length + pre.childNodes.length }; }""")
    assert stats["chars"] <= 200_000
    assert stats["nodes"] < 500, "output must arrive in batches, not one message per line"
    assert "output truncated" in output_text(en, COUNTS)
    assert en.evaluate("1 + 1") == 2


def test_live_chart_and_slider_rerun_python(en):
    assert run_cell(en, TRAINING) == "ok"
    cell = en.locator("div.pyrun").nth(TRAINING)
    points = """() => { const canvas = document.querySelectorAll('div.pyrun')[2].querySelector('canvas');
                         const chart = window.Chart && canvas && Chart.getChart(canvas);   // drawn once Chart.js loaded
                         return chart && chart.data.datasets.length ? chart.data.datasets[0].data.length : -1; }"""
    en.wait_for_function(f"() => ({points})() === 60")
    first = output_text(en, TRAINING)
    assert "w = 2" in first and "step 40" in first
    slider = cell.locator("input[type=range]")
    slider.evaluate("(el) => { el.value = '0.05'; el.dispatchEvent(new Event('input', {bubbles: true})); }")
    en.wait_for_function("() => document.querySelectorAll('div.pyrun')[2].querySelector('.pyrun-text').textContent.includes('w = 1')")
    assert wait_state(en, TRAINING) == "ok"
    assert en.evaluate(points) == 60                                   # redrawn in place, not appended
    assert cell.locator("canvas").count() == 1


def test_demo_starts_when_visible_and_inputs_call_python(en):
    cell = en.locator("div.pyrun").nth(GALLERY)
    cell.scroll_into_view_if_needed()
    wait_state(en, GALLERY, ("queued", "running", "ok", "error"))
    assert wait_state(en, GALLERY) == "ok"
    assert cell.locator(".pyrun-token").count() == 6
    assert cell.locator(".pyrun-heatmap td").count() == 36
    assert cell.locator("canvas").count() == 1 and cell.locator(".pyrun-table td").count() == 2
    assert "6 <pieces>" in cell.locator(".pyrun-plain").inner_text()         # html_text stays text
    cell.locator("select").select_option("char")
    en.wait_for_function("() => document.querySelectorAll('div.pyrun')[3].querySelectorAll('.pyrun-token').length === 17")
    cell.locator("button.pyrun-widget-button").click()
    en.wait_for_function("() => document.querySelectorAll('div.pyrun')[3].querySelector('.pyrun-token').textContent === 'm'")
    box = cell.locator("input[type=text]")
    box.fill("a b")
    box.press("Enter")
    en.wait_for_function("() => document.querySelectorAll('div.pyrun')[3].querySelectorAll('.pyrun-token').length === 2")
    assert not en.errors, en.errors


def test_persian_page_has_translated_labels_and_runs(tab, server_url):
    instant_goto(tab, server_url, FA)
    cell = tab.locator("div.pyrun").nth(COUNTS)
    assert cell.locator("button.pyrun-run").inner_text() == "اجرا"
    assert cell.locator("button.pyrun-stop").inner_text() == "توقف"
    assert cell.locator("button.pyrun-reset").inner_text() == "بازنشانی"
    assert tab.evaluate("document.body.dir") == "rtl"
    assert cell.locator(".pyrun-editor").evaluate("(el) => getComputedStyle(el).direction") == "ltr"
    assert run_cell(tab, SHARED) == "ok"
    assert "خانه‌های پیشین" in output_text(tab, SHARED)
    # the gallery speaks Persian on this page (page.lang() == "fa")
    tab.locator("div.pyrun").nth(GALLERY).scroll_into_view_if_needed()
    wait_state(tab, GALLERY, ("queued", "running", "ok", "error"))
    assert wait_state(tab, GALLERY) == "ok"
    assert tab.locator("div.pyrun").nth(GALLERY).locator(".pyrun-token").first.inner_text() == "دوش"


def test_stop_ends_an_endless_loop_and_resets_the_state(en):
    assert run_code(en, COUNTS, "secret = 7\nprint(secret)\n") == "ok"
    set_code(en, SHARED, "print('looping', flush=True)\nwhile True:\n    pass\n")
    en.locator("div.pyrun").nth(SHARED).locator("button.pyrun-run").click()
    en.wait_for_function("() => document.querySelectorAll('div.pyrun')[1].querySelector('.pyrun-text').textContent.includes('looping')")
    starts = python_starts(en)
    en.locator("div.pyrun").nth(SHARED).locator("button.pyrun-stop").click()
    assert wait_state(en, SHARED, ("idle",)) == "idle"
    assert "Stopped" in output_text(en, SHARED) and "reset" in output_text(en, SHARED)
    en.wait_for_function("(n) => performance.getEntriesByName('lmdocs: Python start-up').length === n + 1",
                         arg=starts, timeout=FIRST_RUN_MS)                  # a fresh Python started
    # the namespace is new: running cell 2 runs cell 1 again first, which defines `secret` again
    set_code(en, SHARED, "print(secret * 6)\n")
    assert run_cell(en, SHARED) == "ok" and "42" in output_text(en, SHARED)


def test_a_wheel_that_fails_to_load_is_reported_and_the_standard_library_still_runs(browser, server_url):
    context = browser.new_context(service_workers="block")     # page.route must see the worker's requests
    try:
        page = context.new_page()
        page.route("**/assets/wheels/manifest.json",
                   lambda route: route.fulfill(json={"wheel": "lmdocs-0.0.0-missing.whl"}))
        open_page(page, server_url, EN)
        assert run_code(page, COUNTS, "import json\nprint(json.dumps([1]))\n") == "ok"
        text = output_text(page, COUNTS)
        assert "[1]" in text and "lmdocs package could not be loaded" in text
        assert page.evaluate("performance.getEntriesByName('lmdocs: Python start-up')[0].detail.wheelOk") is False
        assert run_code(page, COUNTS, "import lmdocs\n") == "error"
    finally:
        context.close()
