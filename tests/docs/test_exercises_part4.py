"""Part 4's exercise answers against independent references: torch modules for a block's parameter
count, the pure-Python model's traced tensors for the shape rule, hand arithmetic for the padding and
the GPU-hours, and the numbers the pages' answer blocks quote (so prose and checkers cannot drift)."""
from __future__ import annotations

import doctest
import math

import pytest

import lmdocs.exercises.part4 as part4
from lmdocs.exercises import reference
from lmdocs.i18n import digits
from support.paths import DOCS

torch = pytest.importorskip("torch")


def test_the_module_examples_hold():
    assert doctest.testmod(part4).failed == 0


def test_block_params_match_a_gpt2_block_built_from_torch_modules():
    C = 768
    block = torch.nn.ModuleList([
        torch.nn.LayerNorm(C), torch.nn.Linear(C, 3 * C), torch.nn.Linear(C, C),   # ln_1, attention
        torch.nn.LayerNorm(C), torch.nn.Linear(C, 4 * C), torch.nn.Linear(4 * C, C),  # ln_2, MLP
    ])
    assert reference("part4.block-params") == sum(p.numel() for p in block.parameters())


def test_block_params_are_a_twelfth_of_what_the_parameter_snippet_prints():
    snippet = (DOCS / "snippets" / "gpt_parameters.py").read_text(encoding="utf-8")
    block = reference("part4.block-params")
    attention, mlp = 28_348_416, 56_669_184     # GPT-2 small's lines in the snippet's expected output
    assert f"attention          {attention:,}" in snippet and f"MLP                {mlp:,}" in snippet
    assert 12 * block == attention + mlp + 12 * 4 * 768


def test_the_shape_rule_matches_the_traced_toy_model():
    from lmdocs.transformer import load_hafez_gpt

    model = load_hafez_gpt()
    ids = model.encode("الا یا ایها")
    steps = {s.name: s.shape for s in model.forward(ids, trace=True).steps}
    weights, logits = part4.shapes(model.config, len(ids))
    assert tuple(weights) == tuple(steps["h.0.attn.weights"]) == (model.config.n_head, 11, 11)
    assert tuple(logits) == tuple(steps["lm_head"])
    assert reference("part4.gpt2-shapes") == [[12, 1024, 1024], [1024, 50257]]


def test_padding_and_gpu_hours_by_hand():
    rows = math.ceil(48_013 / 64) * 64
    assert reference("part4.padded-vocab") == [rows, (rows - 48_013) * 768] == [48_064, 39_168]
    hours = 6 * 124_439_808 * 10e9 / (0.4 * 989e12) / 3600
    assert reference("part4.gpu-hours") == pytest.approx(hours, rel=1e-9)


@pytest.mark.parametrize("page", ["4-transformer.md", "4-transformer.en.md"])
def test_answer_blocks_quote_the_computed_numbers(page):
    text = (DOCS / "series" / page).read_text(encoding="utf-8")
    latex = lambda n: f"{n:,}".replace(",", "{,}")
    block = reference("part4.block-params")
    assert latex(block) in text and latex(12 * block) in text
    rows, extra = reference("part4.padded-vocab")
    assert latex(rows) in text and latex(extra) in text
    hours = f"{reference('part4.gpu-hours'):.1f}"
    assert (digits(hours, lang="fa") if page == "4-transformer.md" else hours) in text
    assert "{,}024 \\times 50{,}257" in text
