"""The site's figures: files, pages, captions, alt text, self-containment, palette, freshness.

Figures are discovered from the pages (`--8<-- "figures/<name>.<lang>.svg"`, tests/support/figures.py)
and from docs/figures/, so a new figure is tested without editing this file. How figures are made:
docs/contributing/figures.md.
"""
from __future__ import annotations

import doctest
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from support.figures import (FIGURES, LANGS, figure_build, figure_files, figure_refs, other_language,
                             pages_with_figures)
from support.paths import ROOT

SVG = "{http://www.w3.org/2000/svg}"
PHONE_WIDTH = 358          # the content width of a 390 px phone (Material's margins), in CSS px
MIN_PHONE_PX = 10.5        # the smallest text a reader must read on that phone
PERSIAN = re.compile(r"[\u0600-\u06FF]")
CSS = ROOT / "overrides" / "assets" / "stylesheets" / "figures.css"

_REFS = [ref for page in pages_with_figures() for ref in figure_refs(page)]
_FILES = figure_files()
_FIGURE_PAGES = pages_with_figures()


def test_there_are_figures_to_test():
    assert _REFS and _FILES, "no page includes a figure from docs/figures/"


@pytest.mark.parametrize("ref", _REFS, ids=[r.where for r in _REFS])
def test_included_figure_exists_in_the_page_language(ref):
    assert ref.name, f"{ref.where}: figures/{ref.file} is not named <name>.<fa|en>.svg"
    assert ref.lang == ref.page_lang, (f"{ref.where}: a {ref.page_lang} page includes the {ref.lang} figure "
                                       f"{ref.file}; include {ref.name}.{ref.page_lang}.svg")
    for lang in LANGS:
        assert (FIGURES / f"{ref.name}.{lang}.svg").is_file(), f"{ref.where}: docs/figures/{ref.name}.{lang}.svg is missing"


@pytest.mark.parametrize("page", _FIGURE_PAGES, ids=[p.name for p in _FIGURE_PAGES])
def test_both_languages_of_a_page_show_the_same_figures(page):
    other = other_language(page)
    assert other.is_file(), f"{page.name} has figures but no other-language version {other.name}"
    assert [r.name for r in figure_refs(page)] == [r.name for r in figure_refs(other)], (
        f"{page.name} and {other.name} must include the same figures in the same order")


def test_every_figure_file_is_used_and_has_a_script():
    used = {ref.file for ref in _REFS}
    scripts = set(figure_build().scripts())
    for path in _FILES:
        assert path.name in used, f"docs/figures/{path.name} is not included by any page: use it or delete it"
        assert path.name.split(".")[0] in scripts, f"docs/figures/{path.name} has no script in docs/figures/src/"


def test_committed_figures_equal_what_their_scripts_draw():
    stale = figure_build().stale(list(figure_build().scripts()))
    assert not stale, ("stale figures (run .venv/bin/python docs/figures/src/build.py): "
                       + ", ".join(p.name for p in stale))


# ------------------------------------------------------------------ each SVG file
def _font_sizes(root) -> list[float]:
    return [float(el.get("font-size")) for el in root.iter() if el.get("font-size")]


@pytest.mark.parametrize("path", _FILES, ids=[p.name for p in _FILES])
def test_svg_is_accessible_and_self_contained(path):
    text = path.read_text(encoding="utf-8")
    root = ET.fromstring(text)                       # parses as XML
    name, lang = path.name.split(".")[:2]
    assert root.tag == f"{SVG}svg" and root.get("role") == "img" and root.get("lang") == lang
    title = root.find(f"{SVG}title")
    assert title is not None and title.get("id") == root.get("aria-labelledby") and len(title.text.strip()) > 20, (
        f"{path.name}: needs alt text, a <title> referenced by aria-labelledby")
    assert bool(PERSIAN.search(title.text)) == (lang == "fa"), f"{path.name}: alt text must be in {lang}"
    assert len([el for el in root.iter() if el.tag in (f"{SVG}rect", f"{SVG}path", f"{SVG}text")]) >= 5
    for el in root.iter():
        assert el.tag not in (f"{SVG}image", f"{SVG}script", f"{SVG}foreignObject", f"{SVG}style"), el.tag
        for attr, value in el.attrib.items():
            assert not attr.endswith("href"), f"{path.name}: {attr}={value!r}: figures link to nothing"
            assert not el.get("id") or el.get("id").startswith(f"{name}-"), (
                f"{path.name}: id {el.get('id')!r} must start with '{name}-' (ids are unique per page)")
    outside = text.replace('xmlns="http://www.w3.org/2000/svg"', "", 1)
    for needle in ("http:", "https:", "//", "@import", "url(", "<!DOCTYPE", "<?xml"):
        assert needle not in outside, f"{path.name} contains {needle!r}: figures are self-contained, inline SVG"
    labels = "".join(span.text or "" for el in root.iter(f"{SVG}text") if el.get("lang", lang) == lang
                     for span in el.iter(f"{SVG}tspan"))   # a sample of another language (lang=...) is data
    assert bool(PERSIAN.search(labels)) == (lang == "fa"), f"{path.name}: labels must be in {lang}"


@pytest.mark.parametrize("path", _FILES, ids=[p.name for p in _FILES])
def test_smallest_text_is_legible_on_a_phone(path):
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    width = float(root.get("viewBox").split()[2])
    scale = min(1.0, PHONE_WIDTH / width)
    smallest = min(_font_sizes(root))
    assert smallest * scale >= MIN_PHONE_PX, (
        f"{path.name}: text of size {smallest} in a figure {width:g} wide is {smallest * scale:.1f} px on a "
        f"390 px phone; make the figure narrower or the text larger (at least {MIN_PHONE_PX} px)")


SIGNED_NUMBER = re.compile(r"(?<![\w.,٫٬\u2066])[-−][0-9۰-۹]")   # a minus sign starting a number
_PERSIAN_FILES = [p for p in _FILES if p.name.endswith(".fa.svg")]


@pytest.mark.parametrize("path", _PERSIAN_FILES, ids=[p.name for p in _PERSIAN_FILES])
def test_persian_labels_keep_a_numbers_minus_sign_before_its_digits(path):
    """In a right-to-left label "-۰٫۶" would be drawn "۰٫۶-": every number with a minus sign is isolated
    as left-to-right text (U+2066 ... U+2069). Math (`direction="ltr"`) is left to right already."""
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    for text in root.iter(f"{SVG}text"):
        if text.get("direction") == "ltr":
            continue
        for span in text.iter(f"{SVG}tspan"):
            label = span.text or ""
            bare = [m.group() for m in SIGNED_NUMBER.finditer(label)]
            assert not bare, f"{path.name}: {label!r}: wrap {bare} in U+2066 ... U+2069 (figkit's text() does)"
            opened = sum(label.count(c) for c in "\u2066\u2067\u2068")   # LRI, RLI, FSI
            assert opened == label.count("\u2069"), f"{path.name}: {label!r}: an isolate without its PDI"


def test_figkit_isolates_signed_numbers_only_in_persian():
    figkit = figure_build().figkit
    fa = figkit.Figure("x", 100, 100, lang="fa", alt_en="A test figure.", alt_fa="شکل آزمایشی.")
    en = figkit.Figure("x", 100, 100, lang="en", alt_en="A test figure.", alt_fa="شکل آزمایشی.")
    for fig in (fa, en):
        fig.text(50, 50, "-۰٫۶ و −1.5", lines=("GPT-3، ۳-۲",))
    assert "\u2066-۰٫۶\u2069 و \u2066−1.5\u2069" in fa.svg() and "GPT-3، ۳-۲<" in fa.svg()  # not names, not ranges
    assert "\u2066" not in en.svg()


# ------------------------------------------------------------------ palette and stylesheet
def _scheme_block(css: str, selector: str) -> str:
    match = re.search(re.escape(selector) + r"\s*\{(?P<body>[^}]*)\}", css)
    assert match, f"figures.css has no {selector} block"
    return match["body"]


def test_every_role_has_a_colour_in_both_themes():
    figkit = figure_build().figkit
    css = CSS.read_text(encoding="utf-8")
    light = _scheme_block(css, '[data-md-color-scheme="default"]')
    dark = _scheme_block(css, '[data-md-color-scheme="slate"]')
    for role in figkit.ROLES:
        if role in ("ink", "muted"):            # the page's own text colours
            continue
        for block, scheme in ((light, "light"), (dark, "dark")):
            assert re.search(rf"--lm-fig-{role}:\s*#[0-9a-f]{{6}};", block), f"role {role!r} has no {scheme} colour"
        assert f".lm-figure__svg .fk-{role} {{" in css, f"figures.css does not map class fk-{role} to its colour"
    used = {cls[3:] for path in _FILES for cls in re.findall(r"\bfk-[a-z]+", path.read_text(encoding="utf-8"))}
    shapes = {"box", "line", "head", "text", "math", "mi", "mn", "square", "behind", "dashed"}
    assert used - shapes <= set(figkit.ROLES), f"unknown roles in figures: {sorted(used - shapes - set(figkit.ROLES))}"


def test_stylesheet_is_loaded_by_the_site():
    assert "assets/stylesheets/figures.css" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_figkit_examples_run():
    result = doctest.testmod(figure_build().figkit)
    assert result.attempted > 0 and result.failed == 0


def test_figkit_refuses_unknown_roles_and_tiny_text():
    figkit = figure_build().figkit
    fig = figkit.Figure("x", 100, 100, lang="fa", alt_en="A test figure.", alt_fa="شکل آزمایشی.")
    with pytest.raises(ValueError, match="unknown role 'query'"):
        fig.box(0, 0, 10, 10, role="query")
    with pytest.raises(ValueError, match="legible"):
        fig.text(0, 0, "x", size=9)
    with pytest.raises(ValueError, match="alt text in both languages"):
        figkit.Figure("x", 100, 100, lang="en", alt_en="", alt_fa="شکل")
    assert fig.start(10, 20) == 70 and figkit.Figure("x", 100, 100, lang="en", alt_en="a", alt_fa="b").start(10) == 10


def test_a_broken_figure_script_is_named(tmp_path, monkeypatch):
    build = figure_build()
    (tmp_path / "broken.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(build, "SRC", tmp_path)
    with pytest.raises(ValueError, match=r"broken\.py must define draw"):
        build.render("broken")
    with pytest.raises(ValueError, match="no figure script 'nothing'"):
        build.render("nothing")


# ------------------------------------------------------------------ the built pages
class _Figures(HTMLParser):
    """Collects, per <figure class="lm-figure">, its SVG's data-figure and its caption text; and all ids."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: list[dict] = []
        self.ids: list[str] = []
        self._caption = False
        self._inside = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "figure" and "lm-figure" in (attrs.get("class") or "").split():
            self.figures.append({"svg": [], "caption": ""})
            self._inside = True
        elif tag == "svg" and self._inside:
            self.figures[-1]["svg"].append(attrs.get("data-figure"))
        elif tag == "figcaption" and self._inside:
            self._caption = True

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self._caption = False
        elif tag == "figure":
            self._inside = False

    def handle_data(self, data):
        if self._caption:
            self.figures[-1]["caption"] += data


@pytest.mark.parametrize("page", _FIGURE_PAGES, ids=[p.name for p in _FIGURE_PAGES])
def test_built_page_shows_each_figure_inline_with_a_caption(page, site_dir):
    from support.cells import page_url

    html = (site_dir / page_url(page) / "index.html").read_text(encoding="utf-8")
    parsed = _Figures()
    parsed.feed(html)
    assert [f["svg"] for f in parsed.figures] == [[r.name] for r in figure_refs(page)], (
        f"{page.name}: each figure must be <figure class=\"lm-figure\" markdown> holding one inline SVG")
    for figure in parsed.figures:
        caption = figure["caption"].strip()
        assert len(caption) > 20, f"{page.name}: figure {figure['svg'][0]} needs a <figcaption> that says what to look at"
        assert bool(PERSIAN.search(caption)) == (page.name.endswith(".en.md") is False)
    duplicates = {i for i in parsed.ids if parsed.ids.count(i) > 1}
    assert not duplicates, f"{page.name}: ids used twice on the page: {sorted(duplicates)}"
