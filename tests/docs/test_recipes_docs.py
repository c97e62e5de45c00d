"""The recipe pages: the Persian and English notebooks share their code, and the code runs."""
import os
import subprocess
import sys
from pathlib import Path

import jupytext
import pytest

from support.paths import ROOT
PAGES = ROOT / "docs" / "recipes"


def test_both_languages_have_the_same_cells_and_code():
    fa, en = jupytext.read(PAGES / "train-gpt.py"), jupytext.read(PAGES / "train-gpt.en.py")
    assert [c.cell_type for c in fa.cells] == [c.cell_type for c in en.cells]
    for a, b in zip(fa.cells, en.cells):
        if a.cell_type == "code":
            assert a.source == b.source
    persian = "".join(c.source for c in fa.cells if c.cell_type == "markdown")
    assert "آموزش" in persian and "## Install" not in persian
    assert fa.cells[0].source.startswith("# ") and en.cells[0].source.startswith("# ")


@pytest.mark.slow
def test_the_english_page_runs_as_a_script(tmp_path):
    env = {**os.environ, "MAX_ITERS": "2", "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(PAGES / "train-gpt.en.py")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "bits per character" in done.stdout and "الا یا" in done.stdout
    for run in ("tiny", "lstm-tiny", "mingru-tiny"):
        assert (tmp_path / "runs" / run / "ckpt.pt").is_file()


def test_recipe_pages_render_in_both_languages(site_dir):
    pages = {"fa": site_dir / "recipes" / "train-gpt" / "index.html",
             "en": site_dir / "en" / "recipes" / "train-gpt" / "index.html"}
    titles = {"fa": "آموزش یک GPT روی دیوان حافظ", "en": "Train a GPT on Hafez"}
    for lang, page in pages.items():
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html and titles[lang] in html
        assert html.count("jp-CodeCell") >= 10 and "train.main" in html  # the code cells, not run
        assert "torchrun" in html and "gpt2-small" in html  # the GPU section is there
