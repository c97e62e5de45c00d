"""Find the runnable code of the site's pages: ```pyrun blocks and included snippets, per page.

Shared by tests/docs/test_snippets.py (runs them in CPython) and tests/browser/test_live_code_browser.py (runs
them in Chromium). Parsing follows what the build does: a fence of three or more backticks or
tildes opens with `pyrun` (options after it), the same fence closes it, and a line
`--8<-- "path"` inside is replaced by the file docs/path (pymdownx.snippets, base path docs/).

    >>> cells = page_cells(DOCS / "contributing" / "live-code.en.md")
    >>> [c.autorun for c in cells][:2]
    [False, False]

Does not handle: snippet line ranges (`file.py:3:9`) or sections, nested snippets, pyrun fences
inside other fences, or snippets included with the block form (`--8<--` alone on a line).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .paths import ROOT
DOCS = ROOT / "docs"
_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w-]+)?(?P<options>.*)$")
_SNIPPET = re.compile(r"""^[ \t]*-{1,}8<-{1,}[ \t]+(?P<q>["'])(?P<path>[^"']+)(?P=q)[ \t]*$""")
_AUTORUN = re.compile(r"""\bautorun=(["']?)(1|true|yes|on)\1""", re.IGNORECASE)
EXPECTED_MARK = "# Expected output:"
# A snippet whose output differs by page language ends with both blocks, English first:
# "# Expected output (en):" ... then "# Expected output (fa):" ... (docs/contributing/figures.md).
_EXPECTED_LANG = re.compile(r"^# Expected output \((?P<lang>en|fa)\):$")


@dataclass(frozen=True)
class Cell:
    page: Path            # the Markdown file
    number: int           # 1-based position among the page's pyrun blocks (the runner's "<cell N>")
    code: str
    autorun: bool
    sources: tuple[str, ...]   # included snippet files (relative to docs/)

    @property
    def lang(self) -> str:
        return "en" if self.page.name.endswith(".en.md") else "fa"

    @property
    def ident(self) -> str:
        return f"{self.page.relative_to(DOCS).as_posix()}#{self.number}"


def expected_outputs(code: str) -> dict[str, str]:
    """The comment blocks that end `code`: {"": text} for one `# Expected output:` block, or
    {"en": text, "fa": text} for a `# Expected output (en):` block followed by `# Expected output (fa):`.

    >>> sorted(expected_outputs("print(1)\\n# Expected output (en):\\n# 1\\n# Expected output (fa):\\n# ۱\\n").items())
    [('en', '1'), ('fa', '۱')]
    """
    blocks: dict[str, str] = {}
    body: list[str] = []
    for line in reversed(code.rstrip().splitlines()):
        marker = _EXPECTED_LANG.match(line.strip())
        if line.strip() == EXPECTED_MARK or marker:
            blocks[marker["lang"] if marker else ""] = "\n".join(
                text[2:] if text.startswith("# ") else text[1:] for text in reversed(body))
            body = []
        elif line.startswith("#") and not line.startswith("#!"):
            body.append(line)
        else:
            break
    if blocks and set(blocks) not in ({""}, {"en", "fa"}):
        raise ValueError(f"expected-output blocks {sorted(blocks)} at the end of a snippet: write one "
                         f"'{EXPECTED_MARK}' block, or both '# Expected output (en):' and '# Expected output (fa):'.")
    return blocks


def expected_output(code: str, lang: str = "en") -> str | None:
    """The expected output of `code` on a page in `lang` (None when the code has no such block)."""
    blocks = expected_outputs(code)
    return blocks.get(lang, blocks.get(""))


def _expand(lines: list[str]) -> tuple[str, tuple[str, ...]]:
    out, sources = [], []
    for line in lines:
        match = _SNIPPET.match(line)
        if match:
            path = DOCS / match["path"]
            sources.append(match["path"])
            out.append(path.read_text(encoding="utf-8").rstrip("\n"))
        else:
            out.append(line)
    return "\n".join(out) + "\n", tuple(sources)


def _fenced_blocks(text: str):
    """Yield (lang, options, body lines) for every fenced block at any indentation."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = _FENCE_OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        indent, fence = match["indent"], match["fence"]
        closing = re.compile(rf"^{re.escape(indent)}[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        body, i = [], i + 1
        while i < len(lines) and not closing.match(lines[i]):
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].lstrip())
            i += 1
        yield match["lang"] or "", match["options"], body
        i += 1


def page_cells(page: Path) -> list[Cell]:
    """The page's ```pyrun blocks in page order, with snippets expanded."""
    cells = []
    for lang, options, body in _fenced_blocks(page.read_text(encoding="utf-8")):
        if lang == "pyrun":
            code, sources = _expand(body)
            cells.append(Cell(page, len(cells) + 1, code, bool(_AUTORUN.search(options)), sources))
    return cells


def included_snippets(page: Path) -> list[str]:
    """Snippet files included by the page outside ```pyrun blocks (e.g. in static ```python)."""
    found = []
    for lang, _options, body in _fenced_blocks(page.read_text(encoding="utf-8")):
        if lang != "pyrun":
            found += [m["path"] for m in map(_SNIPPET.match, body) if m and m["path"].endswith(".py")]
    return found


def pages() -> list[Path]:
    """Every Markdown page of docs/, both languages."""
    return sorted(DOCS.rglob("*.md"))


def pages_with_cells() -> list[Path]:
    return [p for p in pages() if page_cells(p)]


def page_url(page: Path) -> str:
    """The page's URL relative to the site root (suffix i18n layout, directory URLs)."""
    rel = page.relative_to(DOCS).as_posix()
    lang = "en/" if rel.endswith(".en.md") else ""
    stem = rel[: -len(".en.md")] if rel.endswith(".en.md") else rel[: -len(".md")]
    if stem == "index":
        return lang
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return f"{lang}{stem}/"
