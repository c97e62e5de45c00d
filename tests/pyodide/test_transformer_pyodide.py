"""lmdocs.transformer in Pyodide 314 (Python 3.14, headless Chromium) against CPython.

The browser loads the shipped Hafez GPT with the standard library only and must compute the same
logits (to 1e-9 absolute: math.sumprod, exp and erf may differ in the last bit), the same greedy
text, and print the snippets' expected outputs; the demos must run in both languages.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.pyodide import run_in_pyodide
from support.cells import expected_output
from support.docs_runner import PYODIDE_RUN_DOCS_FILE
from lmdocs.transformer import generate, load_hafez_gpt

pytestmark = [pytest.mark.browser, pytest.mark.slow]
from support.paths import ROOT
SNIPPETS = sorted((ROOT / "docs" / "snippets").glob("attention_*.py")) + sorted(
    (ROOT / "docs" / "snippets").glob("transformer_*.py"))
DEMOS = [ROOT / "docs" / "demos" / "attention_map.py", ROOT / "docs" / "demos" / "transformer_shapes.py"]
VERSE = "صلاح کار کجا و من خراب کجا"

CODE = PYODIDE_RUN_DOCS_FILE + r"""
import contextlib, io, json, math, os, sys
from lmdocs.transformer import generate, load_hafez_gpt

model = load_hafez_gpt()
ids = model.encode(VERSE)
result = model.forward(ids, trace=True)
out = {"python": list(sys.version_info[:2]), "has_sumprod": hasattr(math, "sumprod"),
       "logits": result.logits, "shapes": [[s.name, list(s.shape)] for s in result.steps],
       "greedy": generate(model, ids[:5], 30, temperature=0),
       "snippets": {name + "/" + lang: run(name, source, lang) for name, source in SNIPPETS for lang in ("en", "fa")},
       "demos": {name + "/" + lang: run(name, source, lang) for name, source in DEMOS for lang in ("fa", "en")}}
print(json.dumps(out))
"""


def lines(text: str) -> list[str]:
    """Printed text as lines, without trailing spaces (the expected-output comments have none)."""
    return [line.rstrip() for line in text.rstrip("\n").splitlines()]


@pytest.fixture(scope="module")
def pyodide_results() -> dict:
    read = lambda paths: [(p.name, p.read_text(encoding="utf-8")) for p in paths]  # noqa: E731
    program = f"SNIPPETS = {read(SNIPPETS)!r}\nDEMOS = {read(DEMOS)!r}\nVERSE = {VERSE!r}\n" + CODE
    return json.loads(run_in_pyodide(program, timeout=900).strip().splitlines()[-1])


def test_runs_on_python_3_14_with_sumprod(pyodide_results):
    assert pyodide_results["python"] == [3, 14] and pyodide_results["has_sumprod"]


def test_same_logits_shapes_and_greedy_text_as_cpython(pyodide_results):
    model = load_hafez_gpt()
    ids = model.encode(VERSE)
    result = model.forward(ids, trace=True)
    diff = max(abs(a - b) for ra, rb in zip(result.logits, pyodide_results["logits"]) for a, b in zip(ra, rb))
    assert diff < 1e-9
    assert pyodide_results["shapes"] == [[s.name, list(s.shape)] for s in result.steps]
    assert pyodide_results["greedy"] == generate(model, ids[:5], 30, temperature=0)


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("path", SNIPPETS, ids=lambda p: p.name)
def test_snippets_print_their_expected_output_in_the_browser(pyodide_results, path, lang):
    expected = expected_output(path.read_text(encoding="utf-8"), lang)
    assert expected is not None, f"{path.name} has no expected output for {lang}"
    assert lines(pyodide_results["snippets"][f"{path.name}/{lang}"]) == lines(expected)


def test_demos_run_in_the_browser_runtime(pyodide_results):
    assert len(pyodide_results["demos"]) == 4
    assert "لایه" in pyodide_results["demos"]["attention_map.py/fa"]
    assert "h.1.attn.weights" in pyodide_results["demos"]["transformer_shapes.py/en"]
