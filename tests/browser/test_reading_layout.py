"""Reading comfort in a real browser (headless Chromium), desktop and a 390 px phone:

- inline math in Persian sentences is one unbreakable left-to-right island (issue 18.1);
- no page of either language is wider than a phone, demo elements included (issue 16.8);
- Persian lines of program output are set in Vazirmatn, right to left, code lines keep the
  monospace font (issue 18.2).

The reference is the browser's own layout: line boxes (getClientRects), the document's scroll width,
computed fonts and the positions of the text on screen.
"""
from __future__ import annotations

import pytest

from support.browser import FIRST_RUN_MS, run_code, wait_state
from support.reading import open_page_patiently

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _pages(site, lang: str) -> list[str]:
    """Every page of one language, as paths relative to the site root."""
    paths = []
    for html in site.html_pages():
        relative = html.relative_to(site.path).as_posix()
        if relative.startswith("assets/"):
            continue
        path = relative.removesuffix("index.html")
        if (lang == "en") == path.startswith("en/"):
            paths.append(path)
    return paths


@pytest.fixture
def phone(browser):
    """A phone-sized page whose context is closed however the test ends (a demo left running in a
    leaked context would keep Python busy for the tests after it)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_navigation_timeout(FIRST_RUN_MS)
    yield page
    context.close()


@pytest.fixture
def reader(browser, request):
    """A page at the viewport given by the test's `viewport` parameter; Pyodide is not fetched
    (layout tests need no Python, and the machine's cores are shared)."""
    viewport = request.param
    phone = viewport["width"] < 500
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.route("**/vendor/pyodide/**", lambda route: route.abort())
    yield page
    context.close()


def _load(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function("() => document.fonts.status === 'loaded' && [...document.querySelectorAll('.arithmatex')]"
                           ".every((m) => m.querySelector('.katex'))", timeout=60_000)


# Every inline formula: its box is a single line box, every part of the formula (KaTeX's bases)
# lies within that box's height, and the box stays inside the article's column.
INLINE_MATH = """() => {
  const column = document.querySelector('.md-content__inner').getBoundingClientRect();
  const problems = [];
  const formulas = [...document.querySelectorAll('.md-content span.arithmatex')];
  for (const math of formulas) {
    const tex = (math.querySelector('annotation') || math).textContent.slice(0, 60);
    const boxes = [...math.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (boxes.length !== 1) { problems.push(`${tex}: ${boxes.length} line boxes`); continue; }
    const box = boxes[0];
    for (const part of math.querySelectorAll('.katex-html .katex-base')) {
      const r = part.getBoundingClientRect();
      const middle = (r.top + r.bottom) / 2;
      if (middle < box.top || middle > box.bottom) { problems.push(`${tex}: a part sits on another line`); break; }
    }
    if (box.left < column.left - 1 || box.right > column.right + 1) problems.push(`${tex}: outside the column`);
    // the line's room: the content width of the block the formula sits in (a paragraph of the column,
    // or of a list item or an admonition, which are narrower than the column)
    let block = math.parentElement;
    while (getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    const style = getComputedStyle(block);
    const room = block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (math.scrollWidth > math.clientWidth + 1 && box.width < room - 2)
      problems.push(`${tex}: shows a scroll bar although the line has room for it (${box.width} < ${room})`);
  }
  return { count: formulas.length, problems };
}"""


@pytest.mark.parametrize("reader", [DESKTOP, PHONE], ids=["desktop", "phone"], indirect=True)
def test_every_inline_formula_on_persian_pages_sits_on_one_line(site, server_url, reader):
    checked, problems = 0, []
    for path in _pages(site, "fa"):
        _load(reader, server_url + path)
        result = reader.evaluate(INLINE_MATH)
        checked += result["count"]
        problems += [f"/{path} {problem}" for problem in result["problems"]]
    assert checked > 100, f"only {checked} inline formulas found on the Persian pages"
    assert problems == []


def test_a_formula_longer_than_the_line_scrolls_inside_itself(server_url, phone):
    """A formula wider than a phone's column scrolls within its own box; the page keeps its width."""
    page = phone
    page.route("**/vendor/pyodide/**", lambda route: route.abort())
    _load(page, server_url + "series/2-ngram/")
    page.evaluate(r"""() => {
      const p = document.createElement('p'); p.id = 'long-formula';
      p.append('یک فرمول بلند: ');
      const math = document.createElement('span'); math.className = 'arithmatex';
      math.textContent = '\\(' + Array.from({length: 30}, (_, i) => `x_{${i}}`).join(' + ') + '\\)';
      p.append(math, ' در یک جمله.');
      document.querySelector('.md-content__inner').append(p);
      renderMathInElement(math, {delimiters: [{left: '\\(', right: '\\)', display: false}]});
    }""")
    sizes = page.evaluate("""() => { const m = document.querySelector('#long-formula .arithmatex');
      return {scroll: m.scrollWidth, client: m.clientWidth, boxes: m.getClientRects().length,
              page: document.documentElement.scrollWidth, overflow: getComputedStyle(m).overflowX}; }""")
    assert sizes["scroll"] > sizes["client"] > 0, sizes
    assert sizes["boxes"] == 1 and sizes["overflow"] == "auto", sizes
    assert sizes["page"] <= PHONE["width"], sizes


@pytest.mark.parametrize("reader", [PHONE], ids=["phone"], indirect=True)
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_no_page_is_wider_than_a_phone(site, server_url, reader, lang):
    too_wide = {}
    for path in _pages(site, lang):
        _load(reader, server_url + path)
        width = reader.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
    assert too_wide == {}


def _run_demos(page) -> None:
    """Scroll every demo of the page into view (that starts it) and wait until each has finished."""
    cells = page.locator("div.pyrun")
    for index in range(cells.count()):
        if cells.nth(index).evaluate("(e) => JSON.parse(e.dataset.pyrunConfig).autorun"):
            cells.nth(index).scroll_into_view_if_needed()
            assert wait_state(page, index, timeout=FIRST_RUN_MS * 2) == "ok", f"demo {index} failed"


# Part 2 has the n-gram explorer (a select with long options); part 5 the attention heatmap.
@pytest.mark.parametrize("path", ["series/2-ngram/", "en/series/2-ngram/", "series/5-attention/", "en/series/5-attention/"])
def test_demos_fit_a_phone_and_wide_elements_scroll_inside_their_cell(server_url, phone, path, artifacts_dir):
    page = phone
    open_page_patiently(page, server_url, path)
    _run_demos(page)
    state = page.evaluate("""() => ({
      page: document.documentElement.scrollWidth,
      wide: [...document.querySelectorAll('figure.pyrun-table, figure.pyrun-heatmap')]
        .filter((f) => f.scrollWidth > f.clientWidth + 1)
        .map((f) => ({overflow: getComputedStyle(f).overflowX, more: f.getAttribute('data-pyrun-more'),
                      right: f.getBoundingClientRect().right})),
      selects: [...document.querySelectorAll('.pyrun-input select')].map((s) => s.getBoundingClientRect().right),
    })""")
    page.screenshot(path=str(artifacts_dir / f"reading-demos-{path.strip('/').replace('/', '-')}-phone.png"))
    assert state["page"] <= PHONE["width"], state
    assert all(right <= PHONE["width"] for right in state["selects"]), state
    for figure in state["wide"]:   # scrolls inside its cell, and the hidden side is marked for the shadow
        assert figure["overflow"] == "auto" and figure["more"] in ("left", "right", "left right"), state
        assert figure["right"] <= PHONE["width"], state


OUTPUT_LINES = """(i) => {
  // Each line of the cell's text output: its text, its font, and how far its text is from the left
  // and right edges of the output. A Persian line is one span.pyrun-fa; other lines are text.
  const pre = document.querySelectorAll('div.pyrun')[i].querySelector('pre.pyrun-text');
  const box = pre.getBoundingClientRect(), style = getComputedStyle(pre);
  const left = box.left + parseFloat(style.paddingLeft), right = box.left + pre.clientWidth - parseFloat(style.paddingRight);
  const lines = [];
  const measure = (range, text, element) => {
    const r = range.getBoundingClientRect();
    lines.push({text, font: getComputedStyle(element).fontFamily, fromLeft: r.left - left, fromRight: right - r.right});
  };
  for (const span of pre.querySelectorAll('.pyrun-fa')) {
    const range = document.createRange();
    range.selectNodeContents(span);
    const text = span.textContent;
    // the line's text without its line end: from the span's first text node to its last one
    const nodes = [...span.childNodes];
    range.setStart(nodes[0], 0);
    const lastNode = nodes[nodes.length - 1];
    range.setEnd(lastNode, lastNode.data.replace(/\\n$/, '').length);
    measure(range, text.trim(), span);
  }
  const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('.pyrun-fa')) continue;
    let at = 0;
    for (const text of node.data.split('\\n')) {
      if (text.trim()) {
        const range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + text.length);
        measure(range, text.trim(), node.parentElement);
      }
      at += text.length + 1;
    }
  }
  return lines;
}"""


@pytest.mark.parametrize("path", ["contributing/live-code/", "en/contributing/live-code/"])
@pytest.mark.parametrize("reader_viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_persian_output_lines_read_right_to_left_in_vazirmatn(server_url, browser, path, reader_viewport):
    context = browser.new_context(viewport=reader_viewport)
    page = context.new_page()
    try:
        _persian_output_lines(page, server_url, path)
    finally:
        context.close()


def _persian_output_lines(page, server_url, path):
    open_page_patiently(page, server_url, path)
    code = ('import sys\nprint("سلام، این یک خط فارسی است")\nprint("x = [1, 2, 3]")\n'
            'sys.stdout.write("نیمی از خط ")\nsys.stdout.flush()\nprint("و نیم دیگرش")\n')
    assert run_code(page, 0, code) == "ok"
    page.evaluate("document.fonts.ready")
    lines = page.evaluate(OUTPUT_LINES, 0)
    by_text = {line["text"]: line for line in lines}
    assert set(by_text) == {"سلام، این یک خط فارسی است", "x = [1, 2, 3]", "نیمی از خط و نیم دیگرش"}, lines
    for text in ("سلام، این یک خط فارسی است", "نیمی از خط و نیم دیگرش"):
        line = by_text[text]
        assert line["font"].replace('"', "").startswith("Vazirmatn,"), line
        assert abs(line["fromRight"]) <= 2 and line["fromLeft"] > 20, line      # starts at the right edge
    code_line = by_text["x = [1, 2, 3]"]
    assert "Vazirmatn," not in code_line["font"].replace('"', "") and "Mono" in code_line["font"], code_line
    assert abs(code_line["fromLeft"]) <= 2 and code_line["fromRight"] > 20, code_line   # starts at the left edge
