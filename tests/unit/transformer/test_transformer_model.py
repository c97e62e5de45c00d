"""The pure-Python GPT against PyTorch (lmdocs.recipes.model.GPT) as the reference.

Tolerance: lmdocs computes in float64, so the reference is torch in float64 (for a float32 file,
the float32 weights cast to float64, which is exact) and the logits agree to 1e-9 absolute.
"""
from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from lmdocs.recipes.export import export_model  # noqa: E402
from lmdocs.recipes.model import GPT as TorchGPT  # noqa: E402
from lmdocs.recipes.model import GPTConfig as TorchConfig  # noqa: E402
from lmdocs.tokenizers import CharTokenizer  # noqa: E402
from lmdocs.transformer import GPT, KVCache, generate  # noqa: E402

CONFIGS = [  # block_size, vocab_size, n_layer, n_head, n_embd, bias
    (16, 11, 1, 1, 8, True),
    (12, 23, 2, 2, 8, False),
    (20, 7, 3, 4, 16, True),
    (9, 40, 2, 3, 12, True),
]


def make_pair(tmp_path, fields, seed, dtype=torch.float64, std=0.3):
    """A random torch GPT (weights of std ``std`` so that the logits are far from zero), exported and reloaded."""
    block_size, vocab_size, n_layer, n_head, n_embd, bias = fields
    torch.manual_seed(seed)
    config = TorchConfig(block_size=block_size, vocab_size=vocab_size, n_layer=n_layer, n_head=n_head,
                         n_embd=n_embd, dropout=0.0, bias=bias)
    model = TorchGPT(config).to(dtype).eval()
    with torch.no_grad():
        for p in model.parameters():
            p.normal_(0.0, std)
    tokenizer = CharTokenizer([chr(0x0627 + i) for i in range(vocab_size)])
    path = tmp_path / "model.json"
    export_model(model, tokenizer, path, dtype="float64" if dtype == torch.float64 else "float32")
    return model, GPT.from_file(path)


def torch_logits(model, ids):
    with torch.no_grad():
        logits, _ = model(torch.tensor([ids]))
    return logits[0].double()


def max_abs_diff(nested, tensor):
    return (torch.tensor(nested, dtype=torch.float64) - tensor.double()).abs().max().item()


def random_ids(seed, vocab_size, length):
    g = torch.Generator().manual_seed(seed)
    return torch.randint(vocab_size, (length,), generator=g).tolist()


@pytest.mark.parametrize("fields", CONFIGS)
@pytest.mark.parametrize("seed", [0, 1])
def test_logits_match_torch_float64(tmp_path, fields, seed):
    model, plain = make_pair(tmp_path, fields, seed)
    ids = random_ids(seed, fields[1], fields[0])  # a full window
    assert max_abs_diff(plain.logits(ids), torch_logits(model, ids)) < 1e-9


@pytest.mark.parametrize("fields", CONFIGS)
def test_a_float32_file_loads_the_float32_weights_exactly(tmp_path, fields):
    """A float32 export holds the float32 weights; lmdocs computes with them in float64, so the
    reference is the same torch model cast to float64 (casting float32 to float64 is exact): agreement
    to 1e-9. Torch's own float32 arithmetic is not the reference: its rounding depends on the kernel
    MKL/oneDNN picks (memory alignment, threads), so a fixed tolerance against it flakes."""
    model, plain = make_pair(tmp_path, fields, seed=3, dtype=torch.float32, std=1.0)
    ids = random_ids(3, fields[1], fields[0])
    reference = torch_logits(model.double(), ids)
    assert reference.abs().max() > 1.0  # the comparison is not between two near-zero tensors
    assert max_abs_diff(plain.logits(ids), reference) < 1e-9


def unbatch(out):
    """(1, T, ...) -> (T, ...); wpe's output has no batch dimension."""
    out = out.detach().double()
    return out[0] if out.dim() == 3 else out


def module_outputs(model, ids):
    """Every named submodule's output, keyed like the trace (``transformer.`` dropped)."""
    outputs, handles = {}, []
    for name, module in model.named_modules():
        if name and not name.endswith(".h") and name not in ("transformer", "transformer.h"):
            key = name.removeprefix("transformer.")
            handles.append(module.register_forward_hook(
                lambda _m, _i, out, key=key: outputs.__setitem__(key, unbatch(out))))
    torch_logits(model, ids)
    for handle in handles:
        handle.remove()
    return outputs


def test_every_traced_module_output_matches_torch(tmp_path):
    fields = (10, 13, 2, 2, 8, True)
    model, plain = make_pair(tmp_path, fields, seed=5)
    ids = random_ids(5, 13, 7)
    reference = module_outputs(model, ids)
    steps = plain.forward(ids, trace=True).steps
    compared = [s for s in steps if s.name in reference]
    # wte, wpe; per layer ln_1, attn.c_attn, attn.c_proj, ln_2, mlp.c_fc, mlp.gelu, mlp.c_proj, the block;
    # ln_f, lm_head
    assert len(compared) == 2 + 8 * 2 + 2
    for step in compared:
        expected = reference[step.name]
        assert step.shape == tuple(expected.shape), step.name
        assert max_abs_diff(step.value, expected) < 1e-9, step.name


def test_trace_shapes(tmp_path):
    fields = (10, 13, 2, 2, 8, True)
    _, plain = make_pair(tmp_path, fields, seed=6)
    t, c, nh, vocab = 6, 8, 2, 13
    shapes = {s.name: s.shape for s in plain.forward(random_ids(6, vocab, t), trace=True).steps}
    assert shapes["wte"] == shapes["wpe"] == shapes["embed"] == (t, c)
    assert shapes["h.1.attn.c_attn"] == (t, 3 * c)
    assert shapes["h.1.attn.q"] == shapes["h.1.attn.k"] == shapes["h.1.attn.v"] == (nh, t, c // nh)
    assert shapes["h.1.attn.weights"] == (nh, t, t)
    assert shapes["h.0.mlp.c_fc"] == shapes["h.0.mlp.gelu"] == (t, 4 * c)
    assert shapes["h.1"] == shapes["ln_f"] == (t, c)
    assert shapes["lm_head"] == shapes["probs"] == (t, vocab)
    assert plain.forward([1, 2], trace=False).steps == []


def test_attention_weights_match_torch_and_are_causal(tmp_path):
    fields = (12, 9, 2, 4, 16, True)
    model, plain = make_pair(tmp_path, fields, seed=7)
    ids = random_ids(7, 9, 10)
    t, nh, hs = len(ids), 4, 4
    c_attn = module_outputs(model, ids)
    attention = plain.attention(ids)
    assert len(attention) == 2 and all(len(layer) == nh for layer in attention)
    for layer in range(2):  # reference: softmax(q k^T / sqrt(hs)) with -inf above the diagonal, in torch
        q, k, _ = c_attn[f"h.{layer}.attn.c_attn"].split(16, dim=1)
        q, k = (m.view(t, nh, hs).transpose(0, 1) for m in (q, k))
        scores = q @ k.transpose(1, 2) / hs ** 0.5
        scores = scores.masked_fill(torch.ones(t, t).triu(1).bool(), float("-inf"))
        assert max_abs_diff(attention[layer], torch.softmax(scores, dim=-1)) < 1e-12
        for head in attention[layer]:
            for i, row in enumerate(head):
                assert abs(sum(row) - 1.0) < 1e-12
                assert all(w == 0.0 for w in row[i + 1:])


def test_kv_cache_gives_the_same_logits_as_one_pass(tmp_path):
    _, plain = make_pair(tmp_path, (16, 11, 2, 2, 8, True), seed=8)
    ids = random_ids(8, 11, 15)
    whole = plain.logits(ids)
    cache = KVCache(plain.config.n_layer)
    pieces = plain.forward(ids[:4], cache=cache).logits + plain.forward(ids[4:5], cache=cache).logits
    pieces += plain.forward(ids[5:], cache=cache).logits
    assert cache.length == 15
    assert max(abs(a - b) for ra, rb in zip(whole, pieces) for a, b in zip(ra, rb)) < 1e-12


def test_greedy_generation_matches_torch_past_the_block_size(tmp_path):
    model, plain = make_pair(tmp_path, (8, 11, 2, 2, 8, True), seed=9)
    prompt = [1, 2, 3]
    idx = torch.tensor([prompt])
    for _ in range(20):  # nanoGPT's loop, greedy: crop to block_size, argmax of the last logits
        logits, _ = model(idx[:, -8:])
        idx = torch.cat([idx, logits[:, -1].argmax(-1, keepdim=True)], dim=1)
    assert generate(plain, prompt, 20, temperature=0) == idx[0].tolist()


def test_sampling_is_seeded_and_top_k_1_is_greedy(tmp_path):
    _, plain = make_pair(tmp_path, (8, 11, 1, 2, 8, True), seed=10, std=0.05)
    first = generate(plain, [1], 25, temperature=1.0, seed=4)
    assert first == generate(plain, [1], 25, temperature=1.0, seed=4)
    assert first != generate(plain, [1], 25, temperature=1.0, seed=5)
    assert generate(plain, [1], 25, temperature=1.3, top_k=1, seed=4) == generate(plain, [1], 25, temperature=0)


@pytest.mark.parametrize("ids, message", [
    ([], "non-empty"),
    ([1, 11], "out of range"),
    ([-1], "out of range"),
    ([1, 2.0], "out of range"),
    ([True], "out of range"),
    (list(range(5)) * 4, "block_size 16"),
])
def test_bad_token_ids_are_clear_errors(tmp_path, ids, message):
    _, plain = make_pair(tmp_path, (16, 11, 1, 1, 8, True), seed=11)
    with pytest.raises(ValueError, match=message):
        plain.forward(ids)


def test_bad_generation_arguments(tmp_path):
    _, plain = make_pair(tmp_path, (16, 11, 1, 1, 8, True), seed=12)
    with pytest.raises(ValueError, match="temperature"):
        generate(plain, [1], 3, temperature=-1)
    with pytest.raises(ValueError, match="top_k"):
        generate(plain, [1], 3, top_k=0)
    with pytest.raises(ValueError, match="out of range"):
        generate(plain, [99], 3)
