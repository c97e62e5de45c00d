"""lmdocs.transformer.attention against PyTorch's scaled_dot_product_attention and known formulas."""
from __future__ import annotations

import math

import pytest

torch = pytest.importorskip("torch")
F = torch.nn.functional

from lmdocs.transformer.attention import (  # noqa: E402
    add_positions,
    causal_mask,
    learned_positions,
    masked_softmax,
    merge_heads,
    multi_head_attention,
    scaled_dot_product_attention,
    sinusoidal_positions,
    split_heads,
)


def rand(seed, *shape):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


def max_abs_diff(nested, tensor):
    return (torch.tensor(nested, dtype=torch.float64) - tensor).abs().max().item()


@pytest.mark.parametrize("causal", [False, True])
@pytest.mark.parametrize("t, d, dv", [(1, 1, 1), (3, 2, 1), (7, 5, 3)])
def test_sdpa_matches_torch(t, d, dv, causal):
    q, k, v = rand(1, t, d), rand(2, t, d), rand(3, t, dv)
    out, weights = scaled_dot_product_attention(q.tolist(), k.tolist(), v.tolist(),
                                                causal_mask(t) if causal else None)
    assert max_abs_diff(out, F.scaled_dot_product_attention(q, k, v, is_causal=causal)) < 1e-12
    for i, row in enumerate(weights):
        assert abs(sum(row) - 1.0) < 1e-12
        if causal:
            assert all(w == 0.0 for w in row[i + 1:])


def test_three_tokens_by_hand():
    # q = k, scale 1/sqrt(2); query 1 = (0, 1) scores 0 and 1/sqrt(2) against keys 0 and 1
    q = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
    _, weights = scaled_dot_product_attention(q, q, [[1.0], [2.0], [3.0]], causal_mask(3))
    e = math.exp(1 / math.sqrt(2))
    assert weights[1] == pytest.approx([1 / (1 + e), e / (1 + e), 0.0], abs=1e-15)


@pytest.mark.parametrize("n_queries, n_keys", [(1, 1), (4, 4), (1, 5), (3, 7), (0, 2)])
def test_causal_mask_is_torch_tril_with_offset(n_queries, n_keys):
    expected = torch.ones(n_queries, n_keys).tril(diagonal=n_keys - n_queries).bool().tolist()
    assert causal_mask(n_queries, n_keys) == expected


def test_mask_errors():
    with pytest.raises(ValueError, match="n_queries <= n_keys"):
        causal_mask(3, 2)
    with pytest.raises(ValueError, match="no key"):
        masked_softmax([[1.0, 2.0]], [[False, False]])
    with pytest.raises(ValueError, match="same width"):
        scaled_dot_product_attention([[1.0, 2.0]], [[1.0]], [[1.0]])
    with pytest.raises(ValueError, match="every key needs a value"):
        scaled_dot_product_attention([[1.0]], [[1.0], [2.0]], [[1.0]])


def test_split_and_merge_heads_match_torch_view():
    x = rand(4, 5, 12)
    heads = split_heads(x.tolist(), 3)
    assert max_abs_diff(heads, x.view(5, 3, 4).transpose(0, 1)) == 0.0
    assert merge_heads(heads) == x.tolist()
    with pytest.raises(ValueError, match="equal heads"):
        split_heads(x.tolist(), 5)


def test_multi_head_attention_with_cached_keys_matches_torch():
    nh, t, s, c = 2, 3, 6, 8  # 3 new queries after 3 cached keys
    q, k, v = rand(5, t, c), rand(6, s, c), rand(7, s, c)
    out, weights = multi_head_attention(q.tolist(), k.tolist(), v.tolist(), nh, causal=True)
    split = lambda m: m.view(-1, nh, c // nh).transpose(0, 1)  # noqa: E731
    mask = torch.ones(t, s).tril(diagonal=s - t).bool()
    expected = F.scaled_dot_product_attention(split(q), split(k), split(v), attn_mask=mask)
    assert max_abs_diff(out, expected.transpose(0, 1).reshape(t, c)) < 1e-12
    assert len(weights) == nh and len(weights[0]) == t and len(weights[0][0]) == s


def test_sinusoidal_positions_match_the_usual_torch_code():
    n, d = 50, 16  # the PyTorch tutorial's PositionalEncoding
    position = torch.arange(n, dtype=torch.float64).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d, 2, dtype=torch.float64) * (-math.log(10000.0) / d))
    pe = torch.zeros(n, d, dtype=torch.float64)
    pe[:, 0::2], pe[:, 1::2] = torch.sin(position * div_term), torch.cos(position * div_term)
    assert max_abs_diff(sinusoidal_positions(n, d), pe) < 1e-12


def test_a_shift_is_a_rotation_of_each_pair():
    table, d, shift = sinusoidal_positions(40, 8), 8, 7
    for i in range(0, d, 2):
        w = shift / 10000 ** (i / d)
        for pos in range(30):
            s, c = table[pos][i], table[pos][i + 1]
            assert table[pos + shift][i] == pytest.approx(s * math.cos(w) + c * math.sin(w), abs=1e-12)
            assert table[pos + shift][i + 1] == pytest.approx(c * math.cos(w) - s * math.sin(w), abs=1e-12)


def test_positions_errors_and_addition():
    with pytest.raises(ValueError, match="even dim"):
        sinusoidal_positions(4, 3)
    table = [[0.0, 1.0], [2.0, 3.0]]
    assert learned_positions(table, 1) == [[0.0, 1.0]]
    with pytest.raises(ValueError, match="block_size"):
        learned_positions(table, 3)
    assert add_positions([[1.0, 1.0], [1.0, 1.0]], table) == [[1.0, 2.0], [3.0, 4.0]]
