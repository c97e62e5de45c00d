"""The shipped Hafez GPT (lmdocs/data/tiny_gpt_hafez.json): loads, equals PyTorch, has learned something."""
from __future__ import annotations

import math
from collections import Counter

import pytest

from lmdocs.corpora import hafez_split, hafez_text
from lmdocs.tokenizers import CharTokenizer
from lmdocs.transformer import GPT, load_hafez_gpt

from support.paths import ROOT
MODEL_FILE = ROOT / "lmdocs" / "data" / "tiny_gpt_hafez.json"


def test_shipped_file_is_small_and_complete():
    assert MODEL_FILE.stat().st_size < 1.5e6
    model = load_hafez_gpt()
    cfg = model.config
    assert (cfg.n_layer, cfg.n_head, cfg.n_embd, cfg.block_size) == (2, 4, 64, 64)
    assert model.tokenizer == CharTokenizer.from_text(hafez_text())
    assert model.metadata["trained_by"] == "scripts/train_attention_model.py"


def cross_entropy(model, text: str) -> float:
    """Mean -ln p(next char) over windows of block_size characters (nats per character)."""
    ids, total, count = model.encode(text), 0.0, 0
    size = model.config.block_size
    for start in range(0, len(ids) - 1, size):
        window = ids[start:start + size + 1]
        for row, target in zip(model.logits(window[:-1]), window[1:]):
            top = max(row)
            total += top + math.log(sum(math.exp(v - top) for v in row)) - row[target]
            count += 1
    return total / count


def test_model_beats_the_unigram_baseline_on_held_out_ghazals():
    train, test = hafez_split()
    held_out = "\n".join(test[:8])  # four unseen couplets
    counts = Counter("\n".join(train))
    n = sum(counts.values())
    unigram = -sum(math.log(counts[c] / n) for c in held_out[1:]) / (len(held_out) - 1)
    model_loss = cross_entropy(load_hafez_gpt(), held_out)
    assert unigram > 2.9  # ~3.0 nats: letter frequencies alone
    assert model_loss < 0.8 * unigram  # the trained model uses the context


def test_attention_on_a_real_verse_is_causal_and_normalised():
    model = load_hafez_gpt()
    ids = model.encode("صلاح کار کجا و من خراب کجا")
    for layer in model.attention(ids):
        for head in layer:
            for i, row in enumerate(head):
                assert abs(sum(row) - 1.0) < 1e-12 and all(w == 0.0 for w in row[i + 1:])


def test_shipped_model_equals_torch():
    torch = pytest.importorskip("torch")
    from lmdocs.recipes.model import GPT, GPTConfig

    plain = load_hafez_gpt()
    model = GPT(GPTConfig(**plain.config.to_dict())).eval()
    state = {name: torch.tensor(value) for name, value in plain.weights.items()}
    state["lm_head.weight"] = state["transformer.wte.weight"]
    model.load_state_dict(state)
    ids = plain.encode(hafez_split()[1][0] + "\n" + hafez_split()[1][1])[:64]
    ours = torch.tensor(plain.logits(ids), dtype=torch.float64)
    with torch.no_grad():
        float32, _ = model(torch.tensor([ids]))
        float64, _ = model.double()(torch.tensor([ids]))
    # same float32 weights, both computing in float64: agree to 1e-9 absolute
    assert (ours - float64[0]).abs().max().item() < 1e-9
    # torch computing in float32: agree to 1e-5 relative to the largest logit (about 1e-4 absolute here)
    scale = float32.abs().max().item()
    assert scale > 5.0 and (ours - float32[0].double()).abs().max().item() < 1e-5 * scale
