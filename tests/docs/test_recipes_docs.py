"""The recipe pages in the built site: one code file, run at build time on the tiny CPU configuration."""
from __future__ import annotations

import re
import sys

import nbformat
import pytest
from bs4 import BeautifulSoup

from support.paths import DOCS, ROOT

sys.path.insert(0, str(ROOT / "hooks"))

import notebooks  # noqa: E402

PAGES = {"fa": "recipes/train-gpt", "en": "en/recipes/train-gpt"}
TITLES = {"fa": "آموزش یک GPT روی دیوان حافظ", "en": "Train a GPT on Hafez"}


@pytest.fixture(scope="module")
def soups(site_dir) -> dict[str, BeautifulSoup]:
    return {lang: BeautifulSoup((site_dir / path / "index.html").read_text(encoding="utf-8"), "html.parser")
            for lang, path in PAGES.items()}


def _code_cells(soup: BeautifulSoup) -> dict[str, tuple[str, str]]:
    """Each rendered code cell by name: (its source, the text of its outputs)."""
    cells = {}
    for cell in soup.select('.jupyter-wrapper div.jp-CodeCell[id^="cell-id="]'):
        source = cell.select_one(".clipboard-copy-txt").get_text()
        outputs = "\n".join(o.get_text() for o in cell.select(".jp-OutputArea-output"))
        cells[cell["id"].removeprefix("cell-id=")] = (source, outputs)
    return cells


def test_both_pages_show_the_one_code_file(soups):
    code = notebooks.parse_code_cells((DOCS / "recipes" / "train-gpt.py").read_text(encoding="utf-8"), "code")
    expected = [(cell.name, cell.source) for cell in code]
    for soup in soups.values():
        assert [(name, source) for name, (source, _) in _code_cells(soup).items()] == expected
    fa, en = (_code_cells(soup) for soup in soups.values())
    assert fa == en  # the same outputs too: the code ran once for both languages


def test_the_pages_show_what_the_tiny_cpu_run_printed(soups):
    for lang, soup in soups.items():
        assert soup.html["lang"] == lang and soup.title.text.startswith(TITLES[lang])
        cells = {name: output for name, (_, output) in _code_cells(soup).items()}
        assert "CUDA GPU: False" in cells["setup"]
        assert "38 characters; 242878 training and 29314 validation tokens" in cells["prepare"]
        assert "(uniform: ln 38 = 3.638)" in cells["model"]
        # the tiny preset on the CPU, as the first cell sets it: 300 steps, then 300 more on resume
        assert "gpt: 0.10 M parameters" in cells["train"] and "device cpu x1, float32" in cells["train"]
        assert "300/300" in cells["train"] and "step 300; train loss" in cells["train"]
        for step in (100, 200, 300):  # one plain line per evaluation, under the progress bar
            assert re.search(rf"step {step}: train loss [0-9.]+, val loss [0-9.]+ \([0-9.]+ bits/char\), "
                             r"tok/s [0-9,]+, mfu n/a", cells["train"]), step
        assert "['best.pt', 'ckpt.pt', 'loss.png', 'metrics.jsonl']" in cells["train"]
        assert cells["metrics"].count("bits per character") == 3  # evaluations at steps 100, 200, 300
        assert cells["sample"].strip().startswith("الا یا") and len(cells["sample"]) > 150
        assert "lstm-tiny" in cells["baselines"] and "mingru-tiny" in cells["baselines"]
        assert "600/600" in cells["resume"]
        plot = soup.select_one('div.jp-CodeCell[id="cell-id=plot"] .jp-OutputArea-output img')
        assert plot["src"].startswith("data:image/png;base64,") and len(plot["src"]) > 10_000
        assert "torchrun" in soup.text and "gpt2-small" in soup.text  # the GPU sections are there


def test_the_pages_show_the_journey_of_your_own_text(soups):
    # issue 17.16: your own text -> prepare -> train -> sample -> export -> the page's pure-Python GPT
    for soup in soups.values():
        cells = {name: output for name, (_, output) in _code_cells(soup).items()}
        assert re.search(r"data-cache/char-[0-9a-f]{16}: char tokenizer, \d+ token ids; [0-9,]+ training and "
                         r"[0-9,]+ validation tokens", cells["own-text"])
        assert "step 50: train loss" in cells["own-train"] and "step 400: train loss" in cells["own-train"]
        assert "outputs in runs/my_text" in cells["own-train"] and "val loss" in cells["own-train"]
        assert cells["own-sample"].strip().startswith("Every spring my grandmother")
        assert "wrote my_gpt.json: {'block_size': 64" in cells["own-export"]
        text, _, last = cells["own-load"].strip().rpartition("\n")
        assert text.startswith("Every spring my grandmother") and len(text) > 150  # 150 sampled characters
        gap = float(last.removeprefix("largest difference from PyTorch's logits: "))
        assert gap < 1e-4  # float32 torch against the float64 pure-Python forward pass
        assert "python -m lmdocs.recipes.sft" in soup.text and "lmdocs.chat" in soup.text


def test_every_table_of_contents_link_reaches_a_heading(soups):
    for lang, soup in soups.items():
        links = [a["href"] for a in soup.select(".md-sidebar--secondary nav.md-nav--secondary a.md-nav__link")]
        assert len(links) >= 10 and all(link.startswith("#") for link in links)
        for link in links:
            target = soup.find(id=link[1:])
            assert target is not None and target.name in ("h2", "h3"), link
        if lang == "fa":
            assert "#آمادهسازی-داده" in links  # a Persian slug, as on every other page of the site


def test_the_executed_notebook_is_served_next_to_each_page(site_dir, soups):
    for lang, path in PAGES.items():
        assert soups[lang].select_one('.jupyter-wrapper a[href="train-gpt.ipynb"]')  # the page links to it
        notebook = nbformat.read(site_dir / path / "train-gpt.ipynb", as_version=4)
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert len(code) == 15 and all(cell.outputs for cell in code)
        assert notebook.metadata["lmdocs"]["source"] == "docs/recipes/train-gpt.py"
        assert notebook.metadata["lmdocs"]["executed"] is True
