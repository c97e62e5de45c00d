"""Run docs/ files (snippets, demos) as the page of a language runs them, and read their expected output.

In CPython ``run_script`` uses ``python -m lmdocs.page --lang``; in Pyodide, ``PYODIDE_RUN_DOCS_FILE``
defines ``run(name, source, lang)`` with ``lmdocs.page.cell``. Both put the page's language in
lmdocs.page's context, as the site's runner does.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import cells
from .paths import ROOT


def run_script(path: Path, lang: str = "en", timeout: float = 120) -> str:
    """Run a docs/ file as the page in language ``lang`` runs it (``python -m lmdocs.page``); return its stdout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-m", "lmdocs.page", "--lang", lang, str(path)], capture_output=True,
                            text=True, encoding="utf-8", env=env, cwd=path.parent, timeout=timeout)
    assert result.returncode == 0, result.stderr
    return result.stdout


def expected_output(path: Path, lang: str = "en") -> str:
    """The expected output (for a page in ``lang``) at the end of a snippet file, without the comment marks."""
    text = cells.expected_output(path.read_text(encoding="utf-8"), lang)
    if text is None:
        raise ValueError(f"{path.name} has no '# Expected output:' block at its end.")
    return text + "\n"


# Python source for programs run in Pyodide (support.pyodide.run_in_pyodide): defines
# run(name, source, lang) which executes a docs/ file as __main__ in page language `lang` and
# returns what it printed.
PYODIDE_RUN_DOCS_FILE = r'''
import contextlib, io
from lmdocs import page

def run(name, source, lang="en"):
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), page.cell(block=name, lang=lang):
        exec(compile(source, name, "exec"), {"__name__": "__main__"})
    return printed.getvalue()
'''
