"""Accessibility of the pages and the runner, in headless Chromium (issues 18.4 and 16.9):

- the runner's status (also «خطا» / "Failed"), buttons, output, errors and notes meet WCAG AA
  contrast (4.5:1) against what is behind them, in the light and the dark scheme; the contrast is
  computed here from the colours the browser paints, with WCAG 2's formula;
- axe-core (pinned in package.json, from node_modules) finds no serious or critical violation on any
  page in either language, and none on a page after a demo has run;
- the keyboard runs a cell (Shift+Enter, Ctrl+Enter) and the output announces itself politely.
"""
from __future__ import annotations

import re
import pytest

from support.browser import FIRST_RUN_MS, output_text, set_code, wait_state
from support.reading import open_page_patiently
from support.paths import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHEMES = {"light": "default", "dark": "slate"}


def _luminance(rgb: tuple[float, float, float]) -> float:
    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    """WCAG 2 contrast ratio of two opaque sRGB colours (0-255)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _parse(css: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    if not css.startswith("rgb") or len(numbers) < 3:
        raise AssertionError(f"cannot read the colour {css!r}")
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def _over(top, below):
    """`top` (r, g, b, alpha) painted over the opaque colour `below`."""
    *rgb, alpha = top
    return tuple(alpha * t + (1 - alpha) * b for t, b in zip(rgb, below))


def test_contrast_formula_matches_wcag_reference_values():
    # WCAG's own end points and a documented pair: #767676 on white is 4.54:1 (the lightest grey
    # that passes AA), black on white 21:1.
    assert round(contrast((0, 0, 0), (255, 255, 255)), 2) == 21.0
    assert round(contrast((0x76, 0x76, 0x76), (255, 255, 255)), 2) == 4.54
    assert contrast((0x77, 0x77, 0x77), (255, 255, 255)) < 4.5


# The runner's parts that carry text, each with how to make it appear without running Python: the
# state and the elements are the runner's own classes (runner.css styles them by these alone).
RUNNER_PARTS = """([failed]) => {
  const cell = document.querySelectorAll('div.pyrun')[0];
  const out = cell.querySelector('.pyrun-output');
  cell.dataset.pyrunState = 'error';
  cell.querySelector('.pyrun-status').textContent = failed;
  cell.querySelector('button.pyrun-stop').disabled = false;
  out.hidden = false;
  const text = out.querySelector('pre.pyrun-text'); text.hidden = false;
  text.innerHTML = '<span class="pyrun-stdout">stdout 123</span><span class="pyrun-stderr">stderr 123</span>';
  const error = document.createElement('pre'); error.className = 'pyrun-error'; error.textContent = 'ValueError: x';
  out.querySelector(':scope > div:not(.pyrun-elements):not(.pyrun-notes)').append(error);
  for (const kind of ['info', 'warning', 'error']) {
    const note = document.createElement('p'); note.className = `pyrun-note pyrun-note--${kind}`; note.textContent = kind;
    out.querySelector('.pyrun-notes').append(note);
  }
  const parts = {status: '.pyrun-status', run: 'button.pyrun-run', stop: 'button.pyrun-stop',
    reset: 'button.pyrun-reset', stdout: '.pyrun-stdout', stderr: '.pyrun-stderr', error: 'pre.pyrun-error',
    'note info': '.pyrun-note--info', 'note warning': '.pyrun-note--warning', 'note error': '.pyrun-note--error',
    'line number': '.CodeMirror-linenumber'};
  const result = {};
  for (const [name, selector] of Object.entries(parts)) {
    const element = cell.querySelector(selector);
    const layers = [];          // backgrounds from the element up to the root, then the text colour
    for (let e = element; e; e = e.parentElement) layers.push(getComputedStyle(e).backgroundColor);
    result[name] = {color: getComputedStyle(element).color, layers, opacity: getComputedStyle(element).opacity};
  }
  return result;
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("path", "failed"), [("contributing/live-code/", "خطا"), ("en/contributing/live-code/", "Failed")])
def test_runner_colours_meet_wcag_aa_in_light_and_dark(server_url, page, path, failed, scheme):
    open_page_patiently(page, server_url, path)
    page.evaluate("(scheme) => document.body.setAttribute('data-md-color-scheme', scheme)", SCHEMES[scheme])
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    parts = page.evaluate(RUNNER_PARTS, [failed])
    low = {}
    for name, part in parts.items():
        assert part["opacity"] == "1", f"{name} is drawn translucent"
        background = (255, 255, 255)      # the canvas; then every background from the root down
        for layer in reversed(part["layers"]):
            background = _over(_parse(layer), background)
        ratio = contrast(_over(_parse(part["color"]), background), background)
        if ratio < 4.5:
            low[name] = round(ratio, 2)
    assert low == {}, f"below 4.5:1 in the {scheme} scheme: {low}"


def _axe(page) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (axe-core is pinned in package.json).",
                    pytrace=False)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
      .violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.length}× e.g. ${v.nodes[0].target.join(' ')}`)""", AXE_TAGS)
    return violations


def _pages(site) -> list[str]:
    paths = []
    for html in site.html_pages():
        relative = html.relative_to(site.path).as_posix()
        if not relative.startswith("assets/"):
            paths.append(relative.removesuffix("index.html"))
    return paths


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_serious_violation_on_any_page(site, server_url, browser, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route("**/vendor/pyodide/**", lambda route: route.abort())    # the pages as read, before any run
    found = {}
    for path in _pages(site):
        page.goto(server_url + path, wait_until="domcontentloaded")
        page.wait_for_function("() => [...document.querySelectorAll('div.pyrun')].every((c) => c.querySelector('.CodeMirror'))"
                               " && [...document.querySelectorAll('.arithmatex')].every((m) => m.querySelector('.katex'))",
                               timeout=60_000)
        page.evaluate("(scheme) => document.body.setAttribute('data-md-color-scheme', scheme)", SCHEMES[scheme])
        # Material fades colours on a change of scheme: measure once every transition has ended.
        page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
        if violations := _axe(page):
            found[path] = violations
    context.close()
    assert found == {}


@pytest.mark.parametrize("path", ["series/2-ngram/", "en/series/2-ngram/"])
def test_axe_finds_no_serious_violation_after_a_demo_ran(server_url, page, path):
    open_page_patiently(page, server_url, path)
    cells = page.locator("div.pyrun")
    demos = [i for i in range(cells.count()) if cells.nth(i).evaluate("(e) => JSON.parse(e.dataset.pyrunConfig).autorun")]
    assert demos, f"{path} has no demo"
    for index in demos:
        cells.nth(index).scroll_into_view_if_needed()
        assert wait_state(page, index, timeout=FIRST_RUN_MS * 2) == "ok"
    assert _axe(page) == []


@pytest.mark.parametrize("keys", ["Shift+Enter", "Control+Enter"])
@pytest.mark.parametrize("path", ["contributing/live-code/", "en/contributing/live-code/"])
def test_the_keyboard_alone_runs_a_cell_and_output_is_announced_politely(server_url, page, path, keys):
    open_page_patiently(page, server_url, path)
    set_code(page, 0, 'print("from the keyboard")\n')
    # The editor's text is a contenteditable element: in the Tab order like any text field.
    editor = page.locator("div.pyrun").nth(0).locator(".CodeMirror-code[contenteditable=true]")
    assert editor.evaluate("(e) => e.tabIndex") >= 0
    editor.focus()
    assert page.evaluate("document.activeElement.closest('div.pyrun') === document.querySelectorAll('div.pyrun')[0]")
    page.keyboard.press(keys)
    assert wait_state(page, 0, timeout=FIRST_RUN_MS) == "ok"
    assert "from the keyboard" in output_text(page, 0)
    output = page.locator("div.pyrun").nth(0).locator(".pyrun-output")
    assert output.get_attribute("aria-live") == "polite"
    assert page.locator("div.pyrun").nth(0).locator(".pyrun-status").get_attribute("role") == "status"
