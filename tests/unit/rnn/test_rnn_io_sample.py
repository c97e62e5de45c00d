"""Checkpoints (versioned JSON, exact round trip, clear errors) and sampling (seeded, temperature)."""
import json
import math
from collections import Counter

import pytest

from lmdocs.corpora import hafez_text
from lmdocs.rnn import (CELLS, CharRNN, CharTokenizer, checkpoint_from_json, checkpoint_to_json, load_checkpoint,
                        load_pretrained, sample, save_checkpoint)
from lmdocs.rnn.sample import pick

TEXT = hafez_text()[:2000]


@pytest.mark.parametrize("cell", CELLS)
def test_float64_round_trip_is_exact_and_saving_again_gives_the_same_bytes(cell, tmp_path):
    model = CharRNN(CharTokenizer.from_text(TEXT + "😀"), cell=cell, hidden_size=5, seed=3)
    save_checkpoint(tmp_path / "a.json", model)
    loaded = load_checkpoint(tmp_path / "a.json").model
    assert loaded.params() == model.params()
    assert loaded.tokenizer == model.tokenizer and loaded.cell_kind == cell
    save_checkpoint(tmp_path / "b.json", loaded)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    doc = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"], doc["precision"]) == ("lmdocs.rnn", 1, "float64")


@pytest.mark.parametrize("precision, rel", [("float32", 1e-7), ("float16", 1e-3)])
def test_smaller_precisions_round_each_weight(precision, rel):
    model = CharRNN(CharTokenizer.from_text(TEXT), cell="gru", hidden_size=4, seed=1)
    loaded = checkpoint_from_json(checkpoint_to_json(model, precision=precision)).model
    for name, value in model.params().items():
        rows = value if isinstance(value[0], list) else [value]
        got = loaded.params()[name] if isinstance(value[0], list) else [loaded.params()[name]]
        for row, got_row in zip(rows, got):
            assert got_row == pytest.approx(row, rel=rel, abs=1e-4 if precision == "float16" else 1e-12)


def test_float16_refuses_weights_it_cannot_hold():
    model = CharRNN(CharTokenizer.from_text("ab"), cell="rnn", hidden_size=2)
    model.Wy[0][0] = 1e6
    with pytest.raises(ValueError, match="too large to store as float16"):
        checkpoint_to_json(model, precision="float16")


@pytest.mark.parametrize("edit, message", [
    (lambda d: d.update(format="other"), "not an lmdocs.rnn checkpoint"),
    (lambda d: d.update(version=99), "version 99 is not supported"),
    (lambda d: d["params"]["Wy"].update(shape=[3, 3]), "holds"),
    (lambda d: d["params"].pop("Wh"), "Wh is missing"),
    (lambda d: d.pop("chars"), "incomplete or damaged"),
    (lambda d: d.update(precision="float8"), "unknown precision"),
])
def test_broken_checkpoints_give_clear_errors(edit, message):
    model = CharRNN(CharTokenizer.from_text("abc"), cell="rnn", hidden_size=2)
    doc = json.loads(checkpoint_to_json(model))
    edit(doc)
    with pytest.raises(ValueError, match=message):
        checkpoint_from_json(json.dumps(doc))
    with pytest.raises(ValueError, match="not JSON"):
        checkpoint_from_json("{half a file")


def test_sampling_is_seeded_and_the_prompt_must_use_known_characters():
    model = CharRNN(CharTokenizer.from_text(TEXT), cell="lstm", hidden_size=6, seed=0)
    a = sample(model, "دل", 40, temperature=0.8, seed=5)
    assert a == sample(model, "دل", 40, temperature=0.8, seed=5)
    assert a != sample(model, "دل", 40, temperature=0.8, seed=6)
    assert len(a) == 40 and set(a) <= set(model.tokenizer.chars)
    with pytest.raises(ValueError, match="never saw these characters: 'Q'"):
        sample(model, "دلQ", 10)
    with pytest.raises(ValueError, match="non-empty"):
        sample(model, "", 10)
    for bad in (-1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="temperature"):
            sample(model, "د", 5, temperature=bad)


def test_temperature_zero_is_greedy_and_temperature_one_follows_softmax():
    logits = [0.0, 1.0, 2.0]
    import random
    assert pick(logits, 0.0, random.Random(0)) == 2
    rng = random.Random(0)
    counts = Counter(pick(logits, 1.0, rng) for _ in range(20000))
    z = sum(math.exp(v) for v in logits)
    for i, v in enumerate(logits):
        p = math.exp(v) / z
        assert counts[i] / 20000 == pytest.approx(p, abs=4 * math.sqrt(p * (1 - p) / 20000))
    rng = random.Random(0)
    cold = Counter(pick(logits, 0.25, rng) for _ in range(2000))
    assert cold[2] > 0.95 * 2000


@pytest.mark.parametrize("cell", CELLS)
def test_the_shipped_checkpoints_load_and_write_hafez_like_text(cell):
    checkpoint = load_pretrained(cell)
    model = checkpoint.model
    assert model.tokenizer == CharTokenizer.from_text(hafez_text()) and model.hidden_size == 64
    assert "held-out loss" in checkpoint.note
    text = sample(model, "\n", 300, temperature=0.7, seed=0)
    words = text.split()
    assert len(words) > 20  # spaces between words, not one long string
    assert sum(len(w) for w in words) / len(words) < 8


def test_the_shipped_files_stay_small():
    from pathlib import Path

    import lmdocs
    data = Path(lmdocs.__file__).parent / "data"
    assert sum((data / f"rnn_hafez_{c}.json").stat().st_size for c in CELLS) < 300 * 1024


def test_unknown_pretrained_cell():
    with pytest.raises(ValueError, match="no pretrained checkpoint"):
        load_pretrained("transformer")
