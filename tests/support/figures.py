"""Find the figures of the site's pages: `--8<-- "figures/<name>.<lang>.svg"` lines inside <figure>.

Shared by tests/docs/test_figures.py (files, pages, captions) and tests/browser/test_figures_browser.py
(screenshots), so a new figure is tested as soon as a page includes it.

    >>> [ref.name for ref in figure_refs(DOCS / "series" / "3-rnn.en.md")]
    ['rnn_unrolled']
"""
from __future__ import annotations

import functools
import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .cells import DOCS, pages

FIGURES = DOCS / "figures"
SOURCES = FIGURES / "src"
LANGS = ("fa", "en")
_INCLUDE = re.compile(r"""^[ \t]*-{1,}8<-{1,}[ \t]+(["'])figures/(?P<file>[^"']+)\1[ \t]*$""")
_FILE = re.compile(r"^(?P<name>[a-z0-9_]+)\.(?P<lang>fa|en)\.svg$")


@dataclass(frozen=True)
class FigureRef:
    page: Path          # the Markdown page
    line: int           # 1-based line of the include
    file: str           # the included path under docs/figures/
    name: str           # the figure's name ("" when the file name does not follow <name>.<lang>.svg)
    lang: str           # the figure's language ("" likewise)

    @property
    def page_lang(self) -> str:
        return "en" if self.page.name.endswith(".en.md") else "fa"

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(DOCS).as_posix()}:{self.line}"


def figure_refs(page: Path) -> list[FigureRef]:
    """The figures a page includes, in page order."""
    refs = []
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        match = _INCLUDE.match(line)
        if match:
            parts = _FILE.match(match["file"])
            refs.append(FigureRef(page, number, match["file"], parts["name"] if parts else "",
                                  parts["lang"] if parts else ""))
    return refs


def pages_with_figures() -> list[Path]:
    return [page for page in pages() if figure_refs(page)]


def figure_files() -> list[Path]:
    """Every SVG under docs/figures/."""
    return sorted(FIGURES.glob("*.svg"))


@functools.cache
def figure_build():
    """docs/figures/src/build.py as a module (render(), scripts(), stale())."""
    spec = importlib.util.spec_from_file_location("lmdocs_figures_build", SOURCES / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def other_language(page: Path) -> Path:
    """The same page in the other language (3-rnn.md <-> 3-rnn.en.md)."""
    if page.name.endswith(".en.md"):
        return page.with_name(page.name[: -len(".en.md")] + ".md")
    return page.with_name(page.name[: -len(".md")] + ".en.md")
