"""Part 5 (attention) against independent references: the page's snippets and exercise answers are
recomputed with torch (nn.MultiheadAttention, F.scaled_dot_product_attention, a lower-triangular
matmul), and the numbers the page's answer blocks quote must be the computed ones."""
from __future__ import annotations

import doctest
import math
import runpy

import pytest

import lmdocs.exercises.part5 as part5
from lmdocs.exercises import reference
from support.paths import DOCS

torch = pytest.importorskip("torch")
F = torch.nn.functional
SNIPPETS = DOCS / "snippets"


def run_snippet(name: str, capsys) -> dict:
    """Run docs/snippets/<name> as the English page does and return its globals."""
    namespace = runpy.run_path(str(SNIPPETS / name), run_name="__main__")
    capsys.readouterr()
    return namespace


def close(got, want) -> None:
    """Nested lists from lmdocs against a torch tensor, in float64, to 1e-12."""
    torch.testing.assert_close(torch.tensor(got, dtype=torch.float64), want.to(torch.float64), atol=1e-12, rtol=0)


def causal(T: int):
    return torch.tril(torch.ones(T, T, dtype=torch.bool))


def test_the_module_examples_hold():
    assert doctest.testmod(part5).failed == 0


def test_heads_snippet_matches_torch_multihead_attention(capsys):
    ns = run_snippet("attention_heads.py", capsys)
    C, n_head = ns["C"], ns["n_head"]
    x = torch.tensor(ns["x"], dtype=torch.float64)
    T = x.shape[0]
    mha = torch.nn.MultiheadAttention(C, n_head, bias=False, batch_first=True, dtype=torch.float64)
    with torch.no_grad():     # torch keeps W_Q, W_K, W_V stacked in one (3C, C) in_proj_weight, (out, in)
        mha.in_proj_weight.copy_(torch.tensor(ns["W_Q"] + ns["W_K"] + ns["W_V"], dtype=torch.float64))
        mha.out_proj.weight.copy_(torch.tensor(ns["W_O"], dtype=torch.float64))
    y, w = mha(x[None], x[None], x[None], attn_mask=~causal(T), average_attn_weights=False)
    close(ns["y"], y[0])
    close(ns["attn"], w[0])          # (n_head, T, T)
    # each head's queries come from the whole vector: a head's W_Q rows have C inputs, not C / n_head
    assert len(ns["W_Q"][:ns["hs"]][0]) == C


def test_heads_differ_and_the_page_describes_them(capsys):
    ns = run_snippet("attention_heads.py", capsys)
    row0, row1 = ns["attn"][0][2], ns["attn"][1][2]
    assert max(range(3), key=row0.__getitem__) == 2 and max(range(3), key=row1.__getitem__) == 0
    assert row0[2] > 0.8 and row1[0] > 0.8


def test_average_past_snippet_matches_a_lower_triangular_matmul(capsys):
    ns = run_snippet("attention_average_past.py", capsys)
    x = torch.tensor(ns["x"], dtype=torch.float64)
    T = x.shape[0]
    W = torch.tril(torch.ones(T, T, dtype=torch.float64))
    W = W / W.sum(dim=1, keepdim=True)
    close(ns["out"], (W @ x))
    wei = torch.zeros(T, T, dtype=torch.float64).masked_fill(~causal(T), float("-inf")).softmax(dim=-1)
    close(ns["weights"], wei)


def test_by_hand_snippet_matches_torch_sdpa(capsys):
    ns = run_snippet("attention_by_hand.py", capsys)
    q, k, v = (torch.tensor(ns[n], dtype=torch.float64) for n in "qkv")
    close(ns["out"], F.scaled_dot_product_attention(q, k, v))


def test_causal_mask_snippet_matches_torch_sdpa(capsys):
    ns = run_snippet("attention_causal_mask.py", capsys)
    x = torch.tensor(ns["x"], dtype=torch.float64)
    scores = (x @ x.T / math.sqrt(x.shape[1])).masked_fill(~causal(len(x)), float("-inf"))
    close(ns["weights"], scores.softmax(dim=-1))


def test_average_past_answer_matches_torch():
    x = torch.tensor(part5.AVERAGE_X, dtype=torch.float64)
    W = torch.tril(torch.ones(4, 4, dtype=torch.float64))
    assert reference("part5.average-past") == pytest.approx(((W / W.sum(1, keepdim=True)) @ x)[2].item())


def test_score_std_matches_a_sample():
    g = torch.Generator().manual_seed(0)
    q = torch.randn(200_000, 64, generator=g, dtype=torch.float64)
    k = torch.randn(200_000, 64, generator=g, dtype=torch.float64)
    dots = (q * k).sum(dim=1)
    assert reference("part5.score-std") == pytest.approx(dots.std().item(), rel=0.01)
    assert (dots / 8).std().item() == pytest.approx(1.0, rel=0.01)           # scaled: spread back to 1


def test_mask_cells_match_torch_tril():
    assert reference("part5.mask-cells") == int(torch.tril(torch.ones(6, 6)).sum()) == 6 * 7 // 2


def test_one_output_matches_torch_sdpa():
    q = torch.tensor([part5.QUERY], dtype=torch.float64)
    k = torch.tensor(part5.KEYS, dtype=torch.float64)
    v = torch.tensor(part5.VALUES, dtype=torch.float64)
    assert reference("part5.one-output") == pytest.approx(F.scaled_dot_product_attention(q, k, v)[0].tolist(),
                                                          abs=1e-12)


@pytest.mark.parametrize("n_head", [1, 4, 8])
def test_mha_params_match_torch_for_any_number_of_heads(n_head):
    mha = torch.nn.MultiheadAttention(64, n_head, bias=True)
    assert reference("part5.mha-params") == sum(p.numel() for p in mha.parameters()) == 4 * 64 * 64 + 4 * 64


def test_cost_ratio_is_the_square_of_the_context_ratio():
    assert reference("part5.cost-ratio") == (1024 // 64) ** 2 == 256


@pytest.mark.parametrize("page", ["5-attention.md", "5-attention.en.md"])
def test_answer_blocks_quote_the_computed_numbers(page):
    text = (DOCS / "series" / page).read_text(encoding="utf-8")
    out = reference("part5.one-output")
    assert f"({out[0]:.3f},\\; {out[1]:.3f})" in text
    assert f"{reference('part5.mha-params'):,}".replace(",", "{,}") in text
    assert f"{reference('part5.cost-ratio')}" in text
