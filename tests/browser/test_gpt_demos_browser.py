"""The GPT demos in Chromium: train in Part 4 (the JavaScript kernel), see that model's attention in
Part 5, fine-tune in Part 6, as a reader does, with instant navigation so Python stays the same.

Each demo trains for TRAIN_SECONDS per click; the test edits that constant down in the cell's editor
(as a reader may) and runs the cell, then presses the demo's button and waits for what it reports.
Nothing is timed: the waits are on what the page shows.
"""
from __future__ import annotations

import re

import pytest

from support.browser import FIRST_RUN_MS, FINISHED, collect_page_errors, error_text, get_code, instant_goto, \
    open_page, run_code, wait_state
from support.cells import DOCS, page_cells

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def cell_of(page_md: str, demo: str) -> int:
    """The index of the block that includes docs/demos/<demo> on that page."""
    cells = page_cells(DOCS / page_md)
    return next(i for i, cell in enumerate(cells) if f"demos/{demo}" in cell.sources)


def elements_text(page, index: int) -> str:
    return page.locator("div.pyrun").nth(index).locator(".pyrun-elements").inner_text()


def wait_for_text(page, index: int, pattern: str) -> str:
    page.wait_for_function(
        """([i, pattern]) => new RegExp(pattern).test(
               document.querySelectorAll('div.pyrun')[i].querySelector('.pyrun-elements').textContent)""",
        arg=[index, pattern], timeout=FIRST_RUN_MS)
    return elements_text(page, index)


def start_demo(page, index: int, seconds: int) -> None:
    """Let the demo finish its own start, then run it again with TRAIN_SECONDS lowered."""
    page.locator("div.pyrun").nth(index).scroll_into_view_if_needed()
    wait_state(page, index, ("queued", "running", *FINISHED), FIRST_RUN_MS)
    wait_state(page, index, FINISHED, FIRST_RUN_MS)
    code = get_code(page, index)
    assert "TRAIN_SECONDS = 20" in code
    assert run_code(page, index, code.replace("TRAIN_SECONDS = 20", f"TRAIN_SECONDS = {seconds}")) == "ok", \
        error_text(page, index)


def press(page, index: int, button: int) -> None:
    page.locator("div.pyrun").nth(index).locator("button.pyrun-widget-button").nth(button).click()


def chart_points(page, index: int) -> list[int]:
    return page.evaluate("""(i) => { const canvas = document.querySelectorAll('div.pyrun')[i].querySelector('canvas');
                                     const chart = window.Chart && canvas && Chart.getChart(canvas);
                                     return chart ? chart.data.datasets.map((d) => d.data.length) : []; }""", index)


@pytest.fixture(scope="module")
def tab(browser, server_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(FIRST_RUN_MS)
    errors = collect_page_errors(page)
    yield page, errors
    context.close()


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_train_in_part_4_see_its_attention_in_part_5_fine_tune_in_part_6(tab, server_url, lang):
    page, errors = tab
    prefix, suffix = ("en/", ".en.md") if lang == "en" else ("", ".md")
    open_page(page, server_url, prefix + "series/4-transformer/")

    trainer = cell_of("series/4-transformer" + suffix, "gpt_trainer.py")
    start_demo(page, trainer, seconds=3)
    first = wait_for_text(page, trainer, "random weights: |وزن‌های تصادفی: ")
    assert ("38 characters" if lang == "en" else "۳۸ حرف") in first
    press(page, trainer, 0)  # train 3 more seconds
    done = wait_for_text(page, trainer, r"characters trained \(|حرف آموزش دید \(")
    if lang == "en":
        trained = int(re.search(r"([\d,]+) characters trained", done).group(1).replace(",", ""))
        assert trained > 0 and trained % 512 == 0  # whole batches of 8 windows of 64 characters
    train_points, held_out_points = chart_points(page, trainer)
    assert train_points >= 1 and held_out_points >= 2  # the untrained point and the one after training

    instant_goto(page, server_url, prefix + "series/5-attention/")
    attention = cell_of("series/5-attention" + suffix, "gpt_attention_own.py")
    page.locator("div.pyrun").nth(attention).scroll_into_view_if_needed()
    wait_state(page, attention, ("queued", "running", *FINISHED), FIRST_RUN_MS)
    assert wait_state(page, attention, FINISHED, FIRST_RUN_MS) == "ok", error_text(page, attention)
    shown = elements_text(page, attention)
    assert ("your model: trained on" if lang == "en" else "مدل شما: آموزش‌دیده روی") in shown  # Part 4's model
    assert page.locator("div.pyrun").nth(attention).locator(".pyrun-heatmap").count() == 2

    instant_goto(page, server_url, prefix + "series/6-gpt-to-chat/")
    sft = cell_of("series/6-gpt-to-chat" + suffix, "sft_chat.py")
    start_demo(page, sft, seconds=3)
    press(page, sft, 0)  # fine-tune 3 more seconds
    wait_for_text(page, sft, "conversations trained: |گفت‌وگوهای آموزش‌دیده: ")
    tables = page.locator("div.pyrun").nth(sft).locator(".pyrun-table")
    assert tables.count() == 2  # the held-out examples, and the chat box's answers side by side
    assert not errors, errors
