"""The site builds strictly, in both languages, with every link resolving and every asset self-hosted."""
from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from support.paths import ROOT

DOCS = ROOT / "docs"


class _LinksAndIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.ids.add(attributes["name"])
        if tag == "link" and attributes.get("rel") in ("canonical", "alternate", "prev", "next"):
            tag = "link-to-page"  # a reference to a page, not an asset the browser loads
        for name in ("href", "src"):
            if attributes.get(name):
                self.links.append((tag, attributes[name]))


def parse(path: Path) -> _LinksAndIds:
    parser = _LinksAndIds()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_strict_build_has_no_warnings(site):
    warnings = [line for line in site.log.splitlines() if "WARNING" in line or "ERROR" in line]
    assert warnings == []


def test_persian_is_the_default_language_and_english_lives_under_en(site_dir):
    fa = (site_dir / "index.html").read_text(encoding="utf-8")
    en = (site_dir / "en" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="fa"[^>]*dir="rtl"', fa) or ('lang="fa"' in fa and 'dir="rtl"' in fa)
    assert '<html lang="en"' in en and 'dir="rtl"' not in en


def test_every_page_exists_in_both_languages():
    persian = {p.relative_to(DOCS) for p in DOCS.rglob("*.md") if not p.name.endswith(".en.md")}
    persian -= {p for p in persian if p.parts[0] == "snippets"}
    missing = [str(p) for p in persian if not (DOCS / p).with_name(p.stem + ".en.md").exists()]
    english_only = [
        str(p.relative_to(DOCS)) for p in DOCS.rglob("*.en.md")
        if not p.with_name(p.name.replace(".en.md", ".md")).exists()
    ]
    assert missing == [] and english_only == []


def _target(site_dir: Path, page: Path, url: str) -> tuple[Path, str] | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
        return None
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    base = site_dir if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve()
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def test_every_internal_link_and_anchor_resolves_in_both_languages(site, site_dir):
    broken = []
    parsed: dict[Path, _LinksAndIds] = {}
    for page in site.html_pages():
        if page.is_relative_to(site_dir / "assets"):
            continue
        for tag, url in parse(page).links:
            resolved = _target(site_dir, page, url)
            if resolved is None:
                continue
            target, fragment = resolved
            if not target.exists():
                broken.append(f"{page.relative_to(site_dir)}: {url}")
                continue
            if fragment and target.suffix == ".html":
                if target not in parsed:
                    parsed[target] = parse(target)
                ids = parsed[target].ids
                if fragment not in ids and fragment != "__skip":
                    broken.append(f"{page.relative_to(site_dir)}: {url} (no #{fragment})")
    assert broken == []


def test_no_page_references_a_third_party_asset(site, site_dir):
    external = []
    for page in site.html_pages():
        for tag, url in parse(page).links:
            if tag in ("script", "link", "img", "iframe", "source") and urlsplit(url).netloc:
                external.append(f"{page.relative_to(site_dir)}: <{tag}> {url}")
    assert external == []


@pytest.mark.parametrize(
    "asset",
    [
        "assets/vendor/pyodide/pyodide.mjs",
        "assets/vendor/pyodide/pyodide.asm.wasm",
        "assets/vendor/pyodide/python_stdlib.zip",
        "assets/vendor/katex/katex.min.js",
        "assets/vendor/katex/contrib/auto-render.min.js",
        "assets/vendor/vazirmatn/Vazirmatn-wght.woff2",
        "assets/vendor/codemirror/lib/codemirror.js",
        "assets/vendor/codemirror/mode/python/python.js",
        "assets/vendor/chart.js/chart.umd.min.js",
    ],
)
def test_pinned_front_end_assets_are_vendored(site_dir, asset):
    assert (site_dir / asset).stat().st_size > 1000


def test_katex_fonts_are_vendored_next_to_its_css(site_dir):
    css = (site_dir / "assets/vendor/katex/katex.min.css").read_text(encoding="utf-8")
    font_urls = set(re.findall(r"url\((fonts/[^)]+\.woff2)\)", css))
    assert font_urls and all((site_dir / "assets/vendor/katex" / url).exists() for url in font_urls)


def _served_wheel(site_dir: Path) -> Path:
    import json

    manifest = json.loads((site_dir / "assets/wheels/manifest.json").read_text())
    return site_dir / "assets/wheels" / manifest["wheel"]


def test_the_lmdocs_wheel_is_built_from_the_working_tree_and_served(site_dir):
    wheel = _served_wheel(site_dir)
    assert wheel.name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "lmdocs/__init__.py" in names and "lmdocs/data/hafez.txt" in names
        packaged = {n for n in names if n.startswith("lmdocs/") and n.endswith(".py")}
        assert archive.read("lmdocs/__init__.py") == (ROOT / "lmdocs/__init__.py").read_bytes()
    in_tree = {p.relative_to(ROOT).as_posix() for p in (ROOT / "lmdocs").rglob("*.py")}
    for_the_browser = {n for n in in_tree if not n.startswith("lmdocs/recipes/") and not n.endswith("/__main__.py")}
    assert packaged == for_the_browser


def test_the_wheel_leaves_out_what_the_browser_never_imports(site_dir):
    """No torch-only recipes and no command-line entry points: there is no torch nor command line in a page."""
    with zipfile.ZipFile(_served_wheel(site_dir)) as archive:
        names = archive.namelist()
    assert not [n for n in names if n.startswith("lmdocs/recipes/") or n.endswith("__main__.py")]
    assert (ROOT / "lmdocs/recipes/train.py").exists() and (ROOT / "lmdocs/page/__main__.py").exists()


def test_the_pyodide_tests_load_the_wheel_the_site_serves(site_dir):
    from support.pyodide import browser_wheel

    assert browser_wheel().read_bytes() == _served_wheel(site_dir).read_bytes()
