"""The n-gram article's code: snippets print their expected output, the explorer demo runs as a script."""
from __future__ import annotations

from pathlib import Path

import pytest

from support.docs_runner import expected_output, run_script

from support.paths import ROOT
SNIPPETS = sorted((ROOT / "docs" / "snippets").glob("ngram_*.py"))
EXPLORER = ROOT / "docs" / "demos" / "ngram_explorer.py"




def test_there_are_snippets():
    assert len(SNIPPETS) >= 2


@pytest.mark.parametrize("path", SNIPPETS, ids=lambda p: p.name)
def test_snippet_prints_its_expected_output(path):
    assert run_script(path) == expected_output(path)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_explorer_runs_as_a_plain_script(lang):
    output = run_script(EXPLORER, lang)
    lines = output.splitlines()
    title = "محتمل‌ترین کلمه‌های بعدی" if lang == "fa" else "most probable next words"
    bars = lines[lines.index(title) + 1:lines.index(title) + 11]
    probabilities = [float(line.split()[-1]) for line in bars]
    assert len(bars) == 10 and probabilities == sorted(probabilities, reverse=True)
    # The curves: with the same vocabulary for every model, more training text lowers perplexity.
    curve = [float(line.rsplit("=", 1)[1]) for line in lines if "(x=" in line and ("2-gram" in line or "۲-گرم" in line)]
    assert len(curve) == 2 and curve[1] < curve[0]
    if lang == "fa":
        assert "سرگشتگی" in output
