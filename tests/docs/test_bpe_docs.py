"""The tokenization article's code: lmdocs.bpe's docstring examples, snippets and demos."""
from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from support.docs_runner import expected_output, run_script
from support.paths import ROOT

MODULES = ["lmdocs.bpe", "lmdocs.patching", "lmdocs.bpe.pretokenize", "lmdocs.bpe.tokenizer", "lmdocs.bpe.trainer",
           "lmdocs.bpe.trace", "lmdocs.bpe.model_file"]
SNIPPETS = sorted((ROOT / "docs" / "snippets").glob("bpe_*.py"))
DEMOS = sorted((ROOT / "docs" / "demos").glob("bpe_*.py"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0 and result.attempted > 0


def test_there_are_snippets_and_demos():
    assert len(SNIPPETS) >= 3 and len(DEMOS) >= 3


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("path", SNIPPETS, ids=lambda p: p.name)
def test_snippet_prints_its_expected_output_in_the_pages_language(path, lang):
    assert run_script(path, lang) == expected_output(path, lang)


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("path", DEMOS, ids=lambda p: p.name)
def test_demo_runs_as_a_plain_script(path, lang):
    output = run_script(path, lang)
    assert "|" in output  # page.tokens prints pieces joined by '|' in CPython
    if lang == "fa":
        assert any("\u0600" <= c <= "\u06ff" for c in output)  # Persian labels
