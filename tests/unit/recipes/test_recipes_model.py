"""GPT and the recurrent baselines against formulas written out by hand (float64)."""
import math

import pytest
import torch

from lmdocs.recipes.baselines import LSTM, MinGRU, MinGRULM, RNNConfig
from lmdocs.recipes.factory import build_model
from lmdocs.recipes.model import GPT, Block, GPTConfig, next_token_probs
from lmdocs.transformer.generate import next_token_distribution


def reference_block(block: Block, x: torch.Tensor, n_head: int) -> torch.Tensor:
    """One transformer block from the textbook formulas: explicit mask, softmax, erf GELU."""
    def layer_norm(x, ln):
        mean, var = x.mean(-1, keepdim=True), x.var(-1, unbiased=False, keepdim=True)
        return (x - mean) / torch.sqrt(var + 1e-5) * ln.weight + ln.bias

    def linear(x, lin):
        return x @ lin.weight.T + lin.bias

    B, T, C = x.shape
    hs = C // n_head
    q, k, v = linear(layer_norm(x, block.ln_1), block.attn.c_attn).split(C, dim=2)
    q, k, v = (t.view(B, T, n_head, hs).transpose(1, 2) for t in (q, k, v))
    scores = q @ k.transpose(-2, -1) / math.sqrt(hs)  # (B, nh, T, T)
    scores = scores.masked_fill(torch.triu(torch.ones(T, T, dtype=torch.bool), 1), float("-inf"))
    y = (torch.softmax(scores, -1) @ v).transpose(1, 2).reshape(B, T, C)
    x = x + linear(y, block.attn.c_proj)
    h = linear(layer_norm(x, block.ln_2), block.mlp.c_fc)
    h = 0.5 * h * (1 + torch.erf(h / math.sqrt(2)))  # exact GELU
    return x + linear(h, block.mlp.c_proj)


def test_block_matches_the_formulas():
    torch.manual_seed(0)
    cfg = GPTConfig(block_size=8, vocab_size=11, n_layer=1, n_head=4, n_embd=16)
    block = Block(cfg).double()
    for p in block.parameters():  # random biases and norms too, not just the default 0 and 1
        torch.nn.init.normal_(p, std=0.3)
    x = torch.randn(2, 8, 16, dtype=torch.float64)
    torch.testing.assert_close(block(x), reference_block(block, x, n_head=4), rtol=1e-10, atol=1e-10)


def test_gpt_is_causal_and_ties_its_embedding():
    torch.manual_seed(0)
    model = GPT(GPTConfig(block_size=8, vocab_size=11, n_layer=2, n_head=2, n_embd=8))
    idx = torch.randint(11, (1, 8))
    changed = idx.clone()
    changed[0, 5] = (idx[0, 5] + 1) % 11
    a, b = model(idx)[0], model(changed)[0]
    torch.testing.assert_close(a[:, :5], b[:, :5])  # positions before 5 cannot see token 5
    assert not torch.allclose(a[:, 5:], b[:, 5:])
    assert model.lm_head.weight is model.transformer.wte.weight
    with pytest.raises(ValueError, match="longer than block_size"):
        model(torch.zeros(1, 9, dtype=torch.long))


def test_gpt2_small_has_gpt2s_parameter_count():
    # GPT-2 small as published (Hugging Face "gpt2"): 124,439,808 parameters with the tied head.
    with torch.device("meta"):
        model = GPT(GPTConfig(block_size=1024, vocab_size=50257, n_layer=12, n_head=12, n_embd=768))
    assert model.num_params(non_embedding=False) == 124_439_808
    names = {name for name, _ in model.named_parameters()}
    assert {"transformer.wte.weight", "transformer.h.11.attn.c_attn.weight", "transformer.ln_f.bias"} <= names


def test_loss_is_cross_entropy_with_ignore_index():
    torch.manual_seed(0)
    model = GPT(GPTConfig(block_size=8, vocab_size=11, n_layer=1, n_head=2, n_embd=8))
    idx, targets = torch.randint(11, (2, 8)), torch.randint(11, (2, 8))
    targets[0, :3] = -1
    logits, loss = model(idx, targets)
    log_probs = torch.log_softmax(logits, -1)
    keep = targets >= 0
    expected = -log_probs[keep].gather(-1, targets[keep][:, None]).mean()
    torch.testing.assert_close(loss, expected)


def test_mingru_scan_equals_the_step_by_step_recurrence():
    torch.manual_seed(0)
    cell = MinGRU(6, bias=True).double()
    x = (3 * torch.randn(2, 40, 6, dtype=torch.float64)).requires_grad_()
    parallel, sequential = cell(x), cell.forward_sequential(x)
    torch.testing.assert_close(parallel, sequential, rtol=1e-9, atol=1e-9)
    g_par = torch.autograd.grad(parallel.square().sum(), [x, *cell.parameters()])
    g_seq = torch.autograd.grad(sequential.square().sum(), [x, *cell.parameters()])
    for a, b in zip(g_par, g_seq):
        torch.testing.assert_close(a, b, rtol=1e-8, atol=1e-8)


@pytest.mark.parametrize("kind", ["lstm", "mingru"])
def test_baselines_are_causal_language_models(kind):
    torch.manual_seed(0)
    model = build_model(kind, dict(block_size=8, vocab_size=11, n_layer=2, n_embd=8))
    assert isinstance(model, LSTM if kind == "lstm" else MinGRULM)
    idx = torch.randint(11, (1, 8))
    changed = idx.clone()
    changed[0, 6] = (idx[0, 6] + 1) % 11
    torch.testing.assert_close(model(idx)[0][:, :6], model(changed)[0][:, :6])
    logits, loss = model(idx, idx)
    assert logits.shape == (1, 8, 11) and loss.ndim == 0
    assert isinstance(model.config, RNNConfig) and model.flops_per_token() > 0


def test_top_k_one_is_greedy_decoding():
    torch.manual_seed(0)
    model = GPT(GPTConfig(block_size=4, vocab_size=11, n_layer=1, n_head=2, n_embd=8)).eval()
    idx = torch.tensor([[1, 2]])
    expected = idx
    for _ in range(6):  # argmax of the last position, context cropped to block_size
        next_id = model(expected[:, -4:])[0][:, -1].argmax(-1, keepdim=True)
        expected = torch.cat([expected, next_id], dim=1)
    assert torch.equal(model.generate(idx, 6, temperature=0.7, top_k=1), expected)


@pytest.mark.parametrize("top_p, kept", [(0.5, 1), (0.5000001, 2), (0.8, 2), (0.81, 3), (1.0, 4)])
def test_top_p_keeps_the_smallest_set_whose_mass_reaches_p(top_p, kept):
    """probabilities 0.5, 0.3, 0.15, 0.05: p = 0.8 keeps {0.5, 0.3} (mass 0.8 >= 0.8), p = 0.81 one more."""
    probs = [0.15, 0.5, 0.05, 0.3]
    logits = torch.tensor(probs, dtype=torch.float64).log()
    out = next_token_probs(logits, top_p=top_p)
    likeliest = sorted(range(4), key=lambda i: -probs[i])[:kept]
    assert sorted(torch.nonzero(out).flatten().tolist()) == sorted(likeliest)
    assert out.sum().item() == pytest.approx(1.0, abs=1e-12)
    assert out.tolist() == pytest.approx(next_token_distribution(logits.tolist(), top_p=top_p), abs=1e-12)


@pytest.mark.parametrize("temperature, top_k, top_p", [(1.0, None, 0.9), (0.7, None, 0.5), (1.3, 5, 0.95),
                                                       (0.5, 3, 1.0), (1.0, None, 0.3)])
def test_top_p_matches_lmdocs_transformer_on_random_logits(temperature, top_k, top_p):
    """The recipes' nucleus (torch, a batch) against lmdocs.transformer's (pure Python, one row at a time)."""
    logits = torch.randn(6, 38, generator=torch.Generator().manual_seed(3), dtype=torch.float64) * 2
    logits[0, :4] = 1.5  # ties: the lower index goes first in both
    out = next_token_probs(logits, temperature, top_k, top_p)
    for row, expected in zip(out.tolist(), (next_token_distribution(r, temperature, top_k, top_p)
                                            for r in logits.tolist())):
        assert row == pytest.approx(expected, abs=1e-12)


def test_bad_top_p_is_a_clear_error():
    model = GPT(GPTConfig(block_size=4, vocab_size=11, n_layer=1, n_head=2, n_embd=8)).eval()
    for bad in (0.0, 1.5):
        with pytest.raises(ValueError, match=r"top_p must be in \(0, 1\]"):
            model.generate(torch.tensor([[1]]), 2, top_p=bad)
