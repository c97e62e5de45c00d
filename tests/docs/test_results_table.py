"""scripts/results_table.py: its n-gram scores agree with lmdocs.ngram.NGramModel (tested against KenLM),
its windowed evaluation of a network equals scoring every character from its own prefix, and the
table file it writes has both language sections with the same numbers."""
from __future__ import annotations

import importlib.util
import math
import re
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from lmdocs.corpora import hafez_ghazals  # noqa: E402
from lmdocs.ngram.model import NGramModel  # noqa: E402

from support.paths import ROOT


def load_script():
    spec = importlib.util.spec_from_file_location("results_table", ROOT / "scripts" / "results_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rt = load_script()


def small_split():
    ghazals = hafez_ghazals()
    train = [line for g in ghazals[:40] for line in g]
    test = [line for g in ghazals[-4:] for line in g] + ["ABC الا"]  # unknown characters too
    return train, test


@pytest.mark.parametrize("order", [2, 3, 5])
def test_ngram_bits_match_the_ngram_model(order):
    train, test = small_split()
    bits, _ = rt.ngram_bits(train, test, order)
    model = NGramModel(order, "modified-kneser-ney", discount_fallback=True).fit([list(s) for s in train])
    total_log10 = sum(model.score(list(s)) for s in test)
    n_chars = sum(len(s) + 1 for s in test)  # every character and the end of each line
    assert bits == pytest.approx(-total_log10 / math.log10(2) / n_chars, rel=1e-9)


def test_windowed_network_bits_equal_scoring_each_character_from_its_prefix():
    torch.manual_seed(0)
    block = 8
    model = rt.build("gpt", vocab_size=11, block_size=block).eval()
    ids = np.random.default_rng(0).integers(0, 11, size=3 * block + 5).astype(np.uint16)  # a ragged tail
    bits = rt.network_bits(model, ids, block, batch=2)
    nats = 0.0
    with torch.no_grad():
        for t in range(1, len(ids)):
            start = (t - 1) // block * block  # the window that predicts position t starts here
            x = torch.from_numpy(ids[start:t].astype(np.int64)).unsqueeze(0)
            logits, _ = model(x)
            nats -= torch.log_softmax(logits[0, -1], dim=-1)[int(ids[t])].item()
    assert bits == pytest.approx(nats / math.log(2) / (len(ids) - 1), rel=1e-5)


def test_table_has_both_languages_with_the_same_numbers(tmp_path):
    rows = [dict(kind="uniform", params=None, bpc=5.2094, seconds=None),
            dict(kind="ngram5", params=98480, bpc=2.7191, seconds=9.6),
            dict(kind="shipped", params=106560, bpc=2.8441, seconds=None, steps=3000)]
    args = type("Args", (), dict(steps=500, batch_size=32, block_size=64, lr=3e-3, seed=1337))()
    text = rt.render(rows, args, (242879, 29314), 5.0)
    en = text.split("[start:en]")[1].split("[end:en]")[0]
    fa = text.split("[start:fa]")[1].split("[end:fa]")[0]
    to_latin = str.maketrans("۰۱۲۳۴۵۶۷۸۹٫", "0123456789.")
    assert re.findall(r"\| (\d\.\d{3}) \|", en) == ["5.209", "2.719", "2.844"]
    assert re.findall(r"\| (\d\.\d{3}) \|", fa.translate(to_latin)) == ["5.209", "2.719", "2.844"]
    assert "3000 steps" in en and "۳۰۰۰ گام" in fa


# ------------------------------------------------------------------ the committed table
# Everything in docs/snippets/results_table.md that does not need the networks trained again is
# recomputed from the corpus, the shipped model and the script's own code, so a table left over
# from another corpus or another shipped model fails here.
TABLE = (ROOT / "docs" / "snippets" / "results_table.md").read_text(encoding="utf-8")
TO_LATIN = str.maketrans("۰۱۲۳۴۵۶۷۸۹٫٬", "0123456789.,")


def table_rows(lang: str) -> dict[str, tuple[str, str]]:
    """Row label (the script's NAMES key) -> (parameters, bits per character), Latin digits."""
    section = TABLE.split(f"[start:{lang}]")[1].split(f"[end:{lang}]")[0]
    cells = [line.strip("|").split("|") for line in section.splitlines() if line.startswith("| ")][1:]
    index = 1 if lang == "fa" else 0
    labels = {names[index].split("{")[0].strip(): kind for kind, names in rt.NAMES.items()}
    rows = {}
    for name, params, bits, _ in cells:
        kind = next(kind for label, kind in labels.items() if name.strip().startswith(label))
        rows[kind] = (params.strip().translate(TO_LATIN), bits.strip().translate(TO_LATIN))
    return rows


def split_ids():
    from lmdocs.corpora import hafez_split
    from lmdocs.tokenizers import CharTokenizer

    train, test = hafez_split()
    train_text, val_text = "".join(s + "\n" for s in train), "".join(s + "\n" for s in test)
    return train, test, train_text, val_text, CharTokenizer.from_text(train_text + val_text)


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_committed_table_has_every_row_and_the_same_numbers_in_both_languages(lang):
    assert list(table_rows(lang)) == ["uniform", "ngram3", "ngram5", "rnn", "lstm", "mingru", "gpt", "shipped"]
    assert table_rows(lang) == table_rows("en")


def test_committed_table_matches_the_corpus_and_the_parameter_counts():
    _, _, train_text, val_text, tokenizer = split_ids()
    rows = table_rows("en")
    assert rows["uniform"][1] == f"{math.log2(tokenizer.vocab_size):.3f}"
    assert f"the {len(train_text):,} characters of the first 445 ghazals" in TABLE
    assert f"the {len(val_text):,} characters of the last 50" in TABLE
    for kind in ("rnn", "lstm", "mingru", "gpt"):
        model = rt.build(kind, tokenizer.vocab_size, 64)
        assert rows[kind][0] == f"{sum(p.numel() for p in model.parameters()):,}", kind


@pytest.mark.slow
@pytest.mark.parametrize("order", [3, 5])
def test_committed_ngram_rows_are_recomputed(order):
    train, test, _, _, _ = split_ids()
    bits, size = rt.ngram_bits(train, test, order)
    assert table_rows("en")[f"ngram{order}"] == (f"{size:,}", f"{bits:.3f}")


def test_committed_shipped_row_scores_the_shipped_model():
    from lmdocs.transformer import load_hafez_gpt

    _, _, _, val_text, tokenizer = split_ids()
    model = rt.shipped_gpt(tokenizer)  # refuses a model trained on other characters
    bits = rt.network_bits(model, np.asarray(tokenizer.encode(val_text), dtype=np.uint16), 64)
    steps = load_hafez_gpt().metadata["steps"]
    assert table_rows("en")["shipped"] == (f"{sum(p.numel() for p in model.parameters()):,}", f"{bits:.3f}")
    assert f"for {steps} steps, {steps / 500:g} times the budget above" in TABLE
    assert "Every network trained here had the same budget: 500 steps" in TABLE
