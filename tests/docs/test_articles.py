"""The articles as a reader and a translator see them: every page pair in docs/ has the same
sections, includes and demos in both languages; articles end with dated references; glossary
links land on real entries; every article has live code and a demo."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.paths import DOCS
FRAGMENTS = ("snippets", "demos")            # included pieces, not pages
PAGES = sorted(p for p in DOCS.rglob("*.md") if p.relative_to(DOCS).parts[0] not in FRAGMENTS)
PAIRS = [p for p in PAGES if not p.name.endswith(".en.md") and p.with_name(p.stem + ".en.md").exists()]
ARTICLES = sorted(p for p in PAIRS if p.parent.name == "series" or p.name == "tokenization.md")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
ANCHOR = re.compile(r"\{#([A-Za-z0-9_-]+)\}\s*$")
INCLUDE = re.compile(r'^\s*--8<--\s+"([^"]+?)(?::(?:fa|en))?"')   # "file.md:fa" picks a language's section
LATER = re.compile(r"<!--\s*include-later:\s*(\S+)\s*-->")
FENCE = re.compile(r"^\s*(```+|~~~+)\s*(\S*)(.*)$")
GLOSSARY_LINK = re.compile(r"\]\((?:\.\./)*glossary\.md#([A-Za-z0-9_-]+)\)")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def english(page: Path) -> Path:
    return page.with_name(page.stem + ".en.md")


def outline(path: Path) -> dict[str, list]:
    """Headings (level, explicit id), includes, include-later markers and pyrun fences, in order;
    headings inside code fences are ignored."""
    result: dict[str, list] = {"headings": [], "includes": [], "later": [], "pyrun": []}
    fence = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := INCLUDE.match(line):        # a figure is included in the page's language: compare its name
            result["includes"].append(re.sub(r"\.(fa|en)\.svg$", ".<lang>.svg", m.group(1)))
        m = FENCE.match(line)
        if m and fence is None:
            fence = m.group(1)
            if m.group(2) == "pyrun":
                result["pyrun"].append("autorun" if re.search(r'autorun="(1|true)"', m.group(3)) else "run")
            continue
        if m and fence is not None and line.strip().startswith(fence) and not m.group(2):
            fence = None
            continue
        if fence is not None:
            continue
        result["later"] += LATER.findall(line)
        if h := HEADING.match(line):
            anchor = ANCHOR.search(h.group(2))
            result["headings"].append((len(h.group(1)), anchor.group(1) if anchor else None))
    return result


def ids(pages):
    return [str(p.relative_to(DOCS)) for p in pages]


def test_there_are_page_pairs_and_articles():
    assert len(PAIRS) >= 2 and len(ARTICLES) >= 1


def test_every_page_has_its_other_language():
    for page in PAGES:
        if page.name.endswith(".en.md"):
            fa = page.with_name(page.name[:-len(".en.md")] + ".md")
            assert fa.exists(), f"{page.relative_to(DOCS)} has no Persian page {fa.name}"
        else:
            assert english(page).exists(), f"{page.relative_to(DOCS)} has no English page"


@pytest.mark.parametrize("page", PAIRS, ids=ids(PAIRS))
def test_same_sections_in_both_languages(page):
    fa, en = outline(page)["headings"], outline(english(page))["headings"]
    assert [level for level, _ in fa] == [level for level, _ in en], \
        f"{page.name}: heading levels differ between Persian and English"
    for (_, a), (_, b) in zip(fa, en):       # an explicit anchor on one side needs the same on the other
        if a or b:
            assert a == b, f"{page.name}: heading anchors differ: {a!r} (fa) vs {b!r} (en)"


@pytest.mark.parametrize("page", PAIRS, ids=ids(PAIRS))
def test_same_snippets_and_demos_in_both_languages(page):
    fa, en = outline(page), outline(english(page))
    for key in ("includes", "later", "pyrun"):
        assert fa[key] == en[key], f"{page.name}: {key} differ: {fa[key]} (fa) vs {en[key]} (en)"


@pytest.mark.parametrize("page", PAIRS, ids=ids(PAIRS))
def test_include_later_markers_name_files_still_missing(page):
    for name in outline(page)["later"]:
        assert not (DOCS / name).exists(), \
            f"{page.name}: {name} exists now; replace its include-later marker with a ```pyrun block"


def _references(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^## (?:References|منابع)\b.*$", text, flags=re.M)
    assert m, f"{path.name} has no '## References' / '## منابع' section"
    section = re.split(r"^#{1,2} ", text[m.end():], flags=re.M)[0]
    return [line for line in section.splitlines() if re.match(r"\s*(?:[-*]|\d+\.)\s+\S", line)]


@pytest.mark.parametrize("page", ARTICLES, ids=ids(ARTICLES))
def test_articles_end_with_dated_references(page):
    for path in (page, english(page)):
        entries = _references(path)
        assert len(entries) >= 2, f"{path.name}: fewer than 2 references"
        for entry in entries:
            assert YEAR.search(entry), f"{path.name}: reference without a year: {entry.strip()}"


def _glossary_anchors(path: Path) -> set[str]:
    return {m.group(1) for line in path.read_text(encoding="utf-8").splitlines()
            if (h := HEADING.match(line)) and (m := ANCHOR.search(h.group(2)))}


def test_glossary_has_the_same_entries_in_both_languages():
    fa, en = _glossary_anchors(DOCS / "glossary.md"), _glossary_anchors(DOCS / "glossary.en.md")
    assert fa == en and len(fa) >= 40


@pytest.mark.parametrize("page", PAIRS, ids=ids(PAIRS))
def test_glossary_links_land_on_entries(page):
    anchors = _glossary_anchors(DOCS / "glossary.md")
    for path in (page, english(page)):
        missing = set(GLOSSARY_LINK.findall(path.read_text(encoding="utf-8"))) - anchors
        assert not missing, f"{path.name} links to glossary entries that do not exist: {sorted(missing)}"


@pytest.mark.parametrize("page", ARTICLES, ids=ids(ARTICLES))
def test_articles_have_live_code_and_a_demo(page):
    for path in (page, english(page)):
        blocks = outline(path)["pyrun"]
        assert blocks, f"{path.name} has no ```pyrun block"
        assert "autorun" in blocks, f'{path.name} has no demo (```pyrun autorun="1")'


def test_every_snippet_and_demo_is_on_a_page():
    """A file in docs/snippets/ or docs/demos/ that no page includes is dead code (or a missing include)."""
    from support.cells import included_snippets, page_cells
    used = {src for p in DOCS.rglob("*.md") for cell in page_cells(p) for src in cell.sources}
    used |= {src for p in DOCS.rglob("*.md") for src in included_snippets(p)}
    used |= {outline_include for p in PAGES for outline_include in outline(p)["includes"]}
    files = sorted(f"{folder}/{f.name}" for folder in FRAGMENTS for f in (DOCS / folder).iterdir() if f.is_file())
    assert files, "no snippets or demos found: is DOCS right?"
    missing = [f for f in files if f not in used]
    assert not missing, f"snippets or demos that no page includes (include them or delete them): {missing}"
