"""Articles 4 and 5's code: lmdocs.transformer's docstring examples, the snippets and the demos."""
from __future__ import annotations

import doctest
import importlib
import re
import runpy
from pathlib import Path

import pytest

from support.docs_runner import expected_output, run_script

from lmdocs import page

from support.paths import ROOT
MODULES = ["lmdocs.transformer.attention", "lmdocs.transformer.config", "lmdocs.transformer.file_format",
           "lmdocs.transformer.ops"]
SNIPPETS = sorted((ROOT / "docs" / "snippets").glob("attention_*.py")) + sorted(
    (ROOT / "docs" / "snippets").glob("transformer_*.py"))
DEMOS = [ROOT / "docs" / "demos" / "attention_map.py", ROOT / "docs" / "demos" / "transformer_shapes.py"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0 and result.attempted > 0




def test_there_are_snippets():
    assert len(SNIPPETS) >= 5


@pytest.mark.parametrize("path", SNIPPETS, ids=lambda p: p.name)
def test_snippet_prints_its_expected_output(path):
    assert run_script(path) == expected_output(path)


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("path", DEMOS, ids=lambda p: p.name)
def test_demo_runs_as_a_plain_script(path, lang):
    output = run_script(path, lang)
    assert "0." in output  # a table or heatmap of numbers was printed
    if lang == "fa":
        assert "لایه" in output or "گام" in output  # Persian labels


def test_attention_map_demo_reacts_to_the_reader(capsys):
    with page.cell(block="test-attention-map"):
        runpy.run_path(str(DEMOS[0]), run_name="__main__")
        capsys.readouterr()
        page.dispatch("layer", "2")
        page.dispatch("head", "head 3")
        assert "layer 2, head 3" in capsys.readouterr().out
        page.dispatch("text", "دل A می‌رود")  # Latin letter and ZWNJ are not in the vocabulary
        out = capsys.readouterr().out
        assert "left out" in out and "'A'" in out
        page.dispatch("text", "ABC")
        assert "type some Persian text" in capsys.readouterr().out


def test_transformer_shapes_demo_follows_the_chosen_letter(capsys):
    with page.cell(block="test-shapes"):
        runpy.run_path(str(DEMOS[1]), run_name="__main__")
        first = capsys.readouterr().out
        assert re.search(r"h\.1\.attn\.weights +4 × 11 × 11 ", first)
        page.dispatch("position", "1: ا")
        second = capsys.readouterr().out
        assert "character after «ا»" in second and second != first
