"""lmdocs.bpe in Pyodide 314 (Python 3.14, headless Chromium) against CPython.

BPE is integer and string work, so the browser must learn the very same merges and ids, and
the article's snippets and demos must run there as they do in CPython.
"""
from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from support.pyodide import run_in_pyodide
from support.docs_runner import PYODIDE_RUN_DOCS_FILE

pytestmark = [pytest.mark.browser, pytest.mark.slow]
from support.paths import ROOT
SNIPPETS = sorted((ROOT / "docs" / "snippets").glob("bpe_*.py"))
DEMOS = sorted((ROOT / "docs" / "demos").glob("bpe_*.py"))

CODE = PYODIDE_RUN_DOCS_FILE + r"""
import contextlib, hashlib, io, json, os, sys
from lmdocs.bpe import train
from lmdocs.corpora import hafez_split

train_lines, test_lines = hafez_split()
tokenizer = train("\n".join(train_lines[:1500]), 600)
ids = tokenizer.encode("\n".join(test_lines) + " می‌رود 😀")
out = {"python": list(sys.version_info[:2]), "merges": tokenizer.merges,
       "ids": hashlib.sha256(str(ids).encode()).hexdigest(),
       "round_trip": tokenizer.decode(ids) == "\n".join(test_lines) + " می‌رود 😀",
       "snippets": {name: run(name, source) for name, source in SNIPPETS},
       "demos": {name + "/" + lang: run(name, source, lang) for name, source in DEMOS for lang in ("fa", "en")}}
print(json.dumps(out))
"""


def program() -> str:
    read = lambda paths: [(p.name, p.read_text(encoding="utf-8")) for p in paths]  # noqa: E731
    return f"SNIPPETS = {read(SNIPPETS)!r}\nDEMOS = {read(DEMOS)!r}\n" + CODE


@pytest.fixture(scope="module")
def results() -> tuple[dict, dict]:
    pyodide = json.loads(run_in_pyodide(program(), timeout=900).strip().splitlines()[-1])
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(program(), "<bpe-cpython>", "exec"), {"__name__": "__bpe__"})  # noqa: S102 - our code
    return pyodide, json.loads(printed.getvalue())


def test_same_merges_and_ids_in_pyodide(results):
    pyodide, cpython = results
    assert pyodide["python"][0] == 3 and pyodide["python"][1] >= 12
    assert pyodide["merges"] == cpython["merges"] and len(pyodide["merges"]) == 600 - 256
    assert pyodide["ids"] == cpython["ids"] and pyodide["round_trip"]


def test_snippets_and_demos_print_the_same_in_pyodide(results):
    pyodide, cpython = results
    assert len(pyodide["snippets"]) == len(SNIPPETS) and len(pyodide["demos"]) == 2 * len(DEMOS)
    assert pyodide["snippets"] == cpython["snippets"]
    assert pyodide["demos"] == cpython["demos"]
