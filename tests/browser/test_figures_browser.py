"""Every page's figures in Chromium: both languages, both themes, desktop and a 390 px phone.

Screenshots go to test-artifacts/figures/<page>-<lang>-<theme>-<device>-<figure>.png (look at them).
Checked in the browser, where CSS and fonts apply: the figure follows the theme (its colours change
with the scheme and are never the default black), its labels use the page's fonts (Vazirmatn, KaTeX
for math), text and lines contrast with the page, and on the phone the figure fits the column with
text of at least 10.5 px.
"""
from __future__ import annotations

import pytest

from support.cells import page_url
from support.figures import figure_refs, pages_with_figures

pytestmark = pytest.mark.browser

DEVICES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
THEMES = ("default", "slate")
MIN_PHONE_PX = 10.5
_PAGES = pages_with_figures()

# Facts about each figure on the page, measured by the browser.
_MEASURE = r"""
() => {
  const rgb = (c) => { const m = c.match(/[\d.]+/g).map(Number); return c.startsWith('color(')
        ? m.slice(0, 3).map((v) => v * 255) : m.slice(0, 3); };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const alpha = (c) => { const m = c.match(/[\d.]+/g).map(Number); return m.length > 3 ? m[3] : 1; };
  const bg = rgb(getComputedStyle(document.body).backgroundColor);
  const column = document.querySelector('.md-content__inner').getBoundingClientRect();
  return [...document.querySelectorAll('figure.lm-figure')].map((figure) => {
    const svg = figure.querySelector('svg.lm-figure__svg');
    const art = figure.querySelector('.lm-figure__art');
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll('text')];
    const sizes = [...svg.querySelectorAll('text, tspan')].map((el) => parseFloat(getComputedStyle(el).fontSize) * scale);
    const labelFonts = [...svg.querySelectorAll('.fk-text')].map((el) => getComputedStyle(el).fontFamily);
    const mathFonts = [...svg.querySelectorAll('.fk-mi')].map((el) => getComputedStyle(el).fontFamily);
    const lowText = texts.filter((el) => alpha(getComputedStyle(el).fill) === 1)
        .map((el) => contrast(rgb(getComputedStyle(el).fill), bg));
    const lowLines = [...svg.querySelectorAll('.fk-line, .fk-box')]
        .map((el) => contrast(rgb(getComputedStyle(el).stroke), bg));
    const fills = [...svg.querySelectorAll('.fk-box:not(.fk-ink), .fk-square, .fk-head')]
        .map((el) => getComputedStyle(el).fill);
    return {
      name: svg.dataset.figure, width: box.width, height: box.height, minText: Math.min(...sizes),
      overflow: Math.max(art.scrollWidth - art.clientWidth, column.left - box.left, box.right - column.right,
                         ...[...figure.children].map((c) => c.getBoundingClientRect())
                             .map((r) => Math.max(column.left - r.left, r.right - column.right))),
      labelFonts, mathFonts,
      textContrast: Math.min(...lowText), lineContrast: Math.min(...lowLines),
      blackFills: fills.filter((f) => f === 'rgb(0, 0, 0)').length,
      stateColour: svg.querySelector('.fk-box:not(.fk-ink)') ? getComputedStyle(svg.querySelector('.fk-box:not(.fk-ink)')).stroke : '',
      captionLength: figure.querySelector('figcaption').innerText.trim().length,
    };
  });
}
"""


def _open(page, url: str) -> None:
    page.route("**/assets/vendor/pyodide/**", lambda route: route.abort())   # figures need no Python
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function("() => document.querySelectorAll('figure.lm-figure svg').length > 0")
    page.evaluate("() => document.fonts.ready")
    page.wait_for_function("""() => document.fonts.check('16px Vazirmatn')
                                   && document.fonts.check('italic 20px KaTeX_Math')""")


def _set_theme(page, scheme: str) -> None:
    page.evaluate("(s) => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    page.wait_for_function("(s) => document.body.dataset.mdColorScheme === s", arg=scheme)


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("doc", _PAGES, ids=[p.name for p in _PAGES])
def test_figures_render_in_both_themes(browser, server_url, artifacts_dir, doc, device):
    context = browser.new_context(viewport=DEVICES[device], device_scale_factor=2 if device == "phone" else 1)
    page = context.new_page()
    _open(page, server_url + page_url(doc))
    out = artifacts_dir / "figures"
    out.mkdir(parents=True, exist_ok=True)
    names = [ref.name for ref in figure_refs(doc)]
    colours = {}
    for scheme in THEMES:
        _set_theme(page, scheme)
        facts = page.evaluate(_MEASURE)
        assert [f["name"] for f in facts] == names
        for index, fact in enumerate(facts):
            where = f"{doc.name} {fact['name']} ({scheme}, {device})"
            lang = "en" if doc.name.endswith(".en.md") else "fa"
            shot = out / f"{doc.name.split('.')[0]}-{lang}-{scheme}-{device}-{fact['name']}.png"
            page.locator("figure.lm-figure").nth(index).screenshot(path=str(shot))
            assert shot.stat().st_size > 5_000, f"{where}: the screenshot is empty"
            assert fact["width"] > 250 and fact["height"] > 100, f"{where}: the figure is {fact['width']}×{fact['height']}"
            assert fact["blackFills"] == 0, f"{where}: shapes fall back to black: figures.css is not applied"
            assert all("Vazirmatn" in f for f in fact["labelFonts"]), f"{where}: labels not in the page font"
            assert all(f.startswith("KaTeX_Math") for f in fact["mathFonts"]), f"{where}: math not in KaTeX's font"
            assert fact["textContrast"] >= 4.5, f"{where}: text contrast {fact['textContrast']:.2f} < 4.5"
            assert fact["lineContrast"] >= 3, f"{where}: line contrast {fact['lineContrast']:.2f} < 3"
            assert fact["captionLength"] > 20, f"{where}: no caption"
            assert fact["overflow"] <= 0.5, f"{where}: the figure sticks out of the text column by {fact['overflow']:.0f} px"
            if device == "phone":
                assert fact["minText"] >= MIN_PHONE_PX, f"{where}: smallest text {fact['minText']:.1f} px"
            colours.setdefault(fact["name"], set()).add(fact["stateColour"])
    for name, seen in colours.items():
        assert len(seen) == len(THEMES), f"{doc.name} {name}: same colours in light and dark: {seen}"
    context.close()
