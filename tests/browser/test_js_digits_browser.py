"""Numbers the page's JavaScript draws are in the page's digits: Persian (۰–۹, «٫», «٬») on Persian
pages, ASCII on English ones, written as Python's lmdocs.i18n.num writes them (issue 18.2).

On the contributor page (docs/contributing/live-code*.md): the cell numbers of the "ran the earlier
cells" note, the training demo's slider readout and its chart's ticks, the gallery's toy heatmap
(checked against values computed here), its tokens' ids (titles) and its bar chart's ticks. In Part 5, the attention map's
cells, checked against the weight the demo's Python prints. Screenshots of the Persian training chart
and (phone width) attention map go to test-artifacts/.
"""
from __future__ import annotations

import math
import re

import pytest

from lmdocs.i18n import digits, num
from support.browser import FIRST_RUN_MS, FINISHED, collect_page_errors, error_text, instant_goto, open_page, \
    output_text, run_cell, wait_state
from support.cells import DOCS, page_cells
from support.paths import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHARED, TRAINING, GALLERY = 1, 2, 3                 # cells of the contributor page (test_runner_browser.py)
NUMBER = {"en": re.compile(r"-?[0-9][0-9,.]*"), "fa": re.compile(r"-?[۰-۹][۰-۹٬٫]*")}
PHONE = {"width": 390, "height": 844}


def prefix(lang: str) -> str:
    return "en/" if lang == "en" else ""


def cell(page, index: int):
    return page.locator("div.pyrun").nth(index)


def wait_started_demo(page, index: int) -> None:
    """Scroll a demo that runs when visible into view and wait until it has run without error."""
    cell(page, index).scroll_into_view_if_needed()
    wait_state(page, index, ("queued", "running", *FINISHED), FIRST_RUN_MS)
    assert wait_state(page, index, FINISHED, FIRST_RUN_MS) == "ok", error_text(page, index)


def heatmap_cells(page, index: int) -> list[str]:
    return cell(page, index).locator(".pyrun-heatmap td").all_inner_texts()


def chart_ticks(page, index: int, axis: str) -> list[dict]:
    """The ticks of a chart's axis once drawn: {value, label} as Chart.js holds them."""
    script = """([i, axis]) => { const canvas = document.querySelectorAll('div.pyrun')[i].querySelector('canvas');
                                 const chart = window.Chart && canvas && Chart.getChart(canvas);
                                 const ticks = chart && chart.scales[axis] ? chart.scales[axis].ticks : [];
                                 return ticks.length ? ticks.map((t) => ({ value: t.value, label: t.label })) : null; }"""
    return page.wait_for_function(script, arg=[index, axis]).json_value()


def tooltip_of_point(page, index: int, point: int, points: int) -> dict:
    """Show the tooltip of a line chart's point as hovering does, once all `points` of its first run are
    drawn (Chart.js draws on the next animation frame): the point {x, y}, the title and body lines."""
    return page.wait_for_function("""([i, n, points]) => {
        const chart = Chart.getChart(document.querySelectorAll('div.pyrun')[i].querySelector('canvas'));
        const drawn = chart && chart.data.datasets.length && chart.getDatasetMeta(0).data;
        if (!drawn || drawn.length !== points || chart.data.datasets[0].data.length !== points) return null;
        const { x, y } = drawn[n];
        chart.tooltip.setActiveElements([{ datasetIndex: 0, index: n }], { x, y });
        const { x: value, y: loss } = chart.data.datasets[0].data[n];
        return { x: value, y: loss, title: chart.tooltip.title, body: chart.tooltip.body.map((b) => b.lines.join(" ")) };
    }""", arg=[index, point, points]).json_value()


@pytest.fixture(scope="module")
def tab(browser, server_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(FIRST_RUN_MS)
    page.errors = collect_page_errors(page)
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_contributor_page_draws_numbers_in_the_page_digits(tab, server_url, lang):
    open_page(tab, server_url, prefix(lang) + "contributing/live-code/")
    assert run_cell(tab, SHARED) == "ok"
    assert ("the earlier cells 1 first" if lang == "en" else "خانه‌های پیشین ۱ اول") in output_text(tab, SHARED)

    assert run_cell(tab, TRAINING) == "ok", error_text(tab, TRAINING)
    readout = cell(tab, TRAINING).locator(".pyrun-input output")
    assert readout.inner_text() == num(0.3, lang=lang)                    # 0.3 | ۰٫۳
    x_ticks = chart_ticks(tab, TRAINING, "x")
    assert all(t["value"] == int(t["value"]) for t in x_ticks)          # steps 0..59
    assert [t["label"] for t in x_ticks] == [num(int(t["value"]), ",", lang=lang) for t in x_ticks]
    for t in chart_ticks(tab, TRAINING, "y"):
        assert NUMBER[lang].fullmatch(t["label"]), t
    tip = tooltip_of_point(tab, TRAINING, 5, points=60)                 # the demo trains 60 steps
    assert tip["title"] == [num(tip["x"], lang=lang)]
    loss = f"{tip['y']:,.3f}".rstrip("0").rstrip(".")                   # Chart.js: at most 3 decimals
    assert tip["body"] == [f"MSE: {digits(loss, lang=lang)}"], tip
    cell(tab, TRAINING).locator("input[type=range]").evaluate(
        "(el) => { el.value = '0.05'; el.dispatchEvent(new Event('input', {bubbles: true})); }")
    assert readout.inner_text() == num(0.05, lang=lang)                   # 0.05 | ۰٫۰۵
    assert wait_state(tab, TRAINING) == "ok"
    if lang == "fa":
        ARTIFACTS.mkdir(exist_ok=True)
        cell(tab, TRAINING).locator(".pyrun-elements").screenshot(path=str(ARTIFACTS / "js-digits-chart-fa.png"))

    wait_started_demo(tab, GALLERY)
    shown = range(6)                                  # the toy map: softmax of minus the distance
    expected = [num(math.exp(-abs(i - j)) / sum(math.exp(-abs(i - k)) for k in shown), ".2f", lang=lang)
                for i in shown for j in shown]
    assert heatmap_cells(tab, GALLERY) == expected
    chips = cell(tab, GALLERY).locator(".pyrun-token")            # a token's title is its id in the vocabulary
    pieces = chips.all_inner_texts()
    assert [chips.nth(i).get_attribute("title") for i in range(len(pieces))] == \
        [num(sorted(set(pieces)).index(p), lang=lang) for p in pieces]
    for t in chart_ticks(tab, GALLERY, "y"):           # the bar chart's counts
        assert NUMBER[lang].fullmatch(t["label"]), t
    assert not tab.errors, tab.errors


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_attention_map_cells_are_in_the_page_digits(tab, server_url, lang):
    suffix = ".en.md" if lang == "en" else ".md"
    demo = next(c.number - 1 for c in page_cells(DOCS / ("series/5-attention" + suffix))
                if "demos/attention_map.py" in c.sources)
    instant_goto(tab, server_url, prefix(lang) + "series/5-attention/")
    wait_started_demo(tab, demo)
    cells = heatmap_cells(tab, demo)
    assert cells and all(NUMBER[lang].fullmatch(text) for text in cells), cells
    # the demo's Python names the last letter's largest weight (num(weight, ".2f")): a cell of the last row
    weight = re.search(r"(?:weight|وزن) (\S+?)\)", cell(tab, demo).locator(".pyrun-elements").inner_text()).group(1)
    size = math.isqrt(len(cells))
    assert weight in cells[-size:], (weight, cells[-size:])
    title = cell(tab, demo).locator(".pyrun-heatmap td").first.get_attribute("title")
    assert NUMBER[lang].fullmatch(title) and len(re.split("[.٫]", title)[1]) == 3
    if lang == "fa":
        tab.set_viewport_size(PHONE)
        ARTIFACTS.mkdir(exist_ok=True)
        figure = cell(tab, demo).locator(".pyrun-heatmap")
        figure.scroll_into_view_if_needed()
        figure.screenshot(path=str(ARTIFACTS / "js-digits-attention-fa-phone.png"))
        tab.set_viewport_size({"width": 1280, "height": 900})
    assert not tab.errors, tab.errors
