"""Attention, piece by piece, in plain Python (part 5 of the series teaches from this file).

Each token asks a question (its query ``q``), every token offers a label (its key ``k``) and a
content (its value ``v``). The answer for a token is a weighted average of the values, with
weights ``softmax(q . k / sqrt(d))`` (Vaswani et al., 2017). A GPT adds two things: the causal
mask (a token may look only at itself and earlier tokens) and several heads: every head sees the
whole vector (the projections W_Q, W_K, W_V take all C numbers in) and attends independently on its
own slice of the *projected* q, k, v. Word order reaches the model through positional
vectors added to the token embeddings: fixed sinusoids (Vaswani et al.) or a learned table (GPT).

Three tokens, two dimensions, by hand:

>>> q = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
>>> out, weights = scaled_dot_product_attention(q, q, [[1.0], [2.0], [3.0]], causal_mask(3))
>>> [[round(w, 3) for w in row] for row in weights]
[[1.0, 0.0, 0.0], [0.33, 0.67, 0.0], [0.248, 0.248, 0.503]]

Shapes: q (T, d), k and v (S, d) and (S, d_v), weights (T, S), output (T, d_v). Not handled:
batches, dropout on the weights, and padding masks.
"""
from __future__ import annotations

import math

from lmdocs.transformer.ops import Matrix, dot, softmax, transpose

Mask = list[list[bool]]  # mask[i][j] is True when query i may look at key j


def causal_mask(n_queries: int, n_keys: int | None = None) -> Mask:
    """Who may look at whom: query i sees key j only when j is not in its future.

    With fewer queries than keys (new tokens after a cache of earlier ones) the queries are the
    *last* ``n_queries`` positions, so query i sits at position ``i + n_keys - n_queries``.

    >>> causal_mask(3)
    [[True, False, False], [True, True, False], [True, True, True]]
    >>> causal_mask(1, 3)  # one new token after two cached ones sees all three
    [[True, True, True]]
    """
    n_keys = n_queries if n_keys is None else n_keys
    if not 0 <= n_queries <= n_keys:
        raise ValueError(f"causal_mask needs 0 <= n_queries <= n_keys, got {n_queries} and {n_keys}.")
    offset = n_keys - n_queries
    return [[j <= i + offset for j in range(n_keys)] for i in range(n_queries)]


def attention_scores(q: Matrix, k: Matrix) -> Matrix:
    """scores[i][j] = q[i] . k[j] / sqrt(d): how well query i matches key j, (T, S).

    Dividing by sqrt(d) keeps the scores' spread near 1 whatever the width d, so the softmax
    does not saturate into a one-hot choice at initialisation.
    """
    scale = 1.0 / math.sqrt(len(q[0]))
    return [[dot(qi, kj) * scale for kj in k] for qi in q]


def masked_softmax(scores: Matrix, mask: Mask | None = None) -> Matrix:
    """Softmax of each row over the allowed keys; forbidden keys get weight exactly 0.

    Same as setting forbidden scores to -inf before the softmax. Every row must allow at least
    one key.
    """
    if mask is None:
        return [softmax(row) for row in scores]
    weights = []
    for row, allowed in zip(scores, mask):
        if not any(allowed):
            raise ValueError("a mask row allows no key at all; every query must see at least one key.")
        kept = softmax([s for s, ok in zip(row, allowed) if ok])
        kept_iter = iter(kept)
        weights.append([next(kept_iter) if ok else 0.0 for ok in allowed])
    return weights


def scaled_dot_product_attention(q: Matrix, k: Matrix, v: Matrix,
                                 mask: Mask | None = None) -> tuple[Matrix, Matrix]:
    """softmax(q k^T / sqrt(d), masked) v -> (output (T, d_v), weights (T, S)).

    Each output row is the weighted average sum_j weights[i][j] * v[j].
    """
    if not q or not k:
        raise ValueError("attention needs at least one query and one key.")
    if len(k) != len(v):
        raise ValueError(f"every key needs a value: got {len(k)} keys and {len(v)} values.")
    if len(q[0]) != len(k[0]):
        raise ValueError(f"queries and keys must have the same width, got {len(q[0])} and {len(k[0])}.")
    weights = masked_softmax(attention_scores(q, k), mask)
    v_columns = transpose(v)  # (d_v, S): output column c is weights . v[:, c]
    out = [[dot(w_row, column) for column in v_columns] for w_row in weights]
    return out, weights


def split_heads(x: Matrix, n_head: int) -> list[Matrix]:
    """(T, C) -> (n_head, T, C // n_head): head h gets columns h*hs .. (h+1)*hs - 1 of every row.

    >>> split_heads([[1, 2, 3, 4], [5, 6, 7, 8]], 2)
    [[[1, 2], [5, 6]], [[3, 4], [7, 8]]]
    """
    width = len(x[0])
    if width % n_head != 0:
        raise ValueError(f"width {width} does not split into {n_head} equal heads; choose a divisor.")
    hs = width // n_head
    return [[row[h * hs:(h + 1) * hs] for row in x] for h in range(n_head)]


def merge_heads(heads: list[Matrix]) -> Matrix:
    """(n_head, T, hs) -> (T, n_head * hs): the heads' outputs side by side, inverse of split_heads."""
    return [[v for head in heads for v in head[t]] for t in range(len(heads[0]))]


def multi_head_attention(q: Matrix, k: Matrix, v: Matrix, n_head: int,
                         causal: bool = True) -> tuple[Matrix, list[Matrix]]:
    """Split q, k, v (T or S, C) into heads, attend in each, merge -> (output (T, C), weights (n_head, T, S)).

    q, k, v are already projected from the whole vector (one C x C matrix each, which is the same as
    n_head separate C x C//n_head matrices side by side); each head attends on its own slice of width
    C // n_head of them, so it can look for a different
    relation (the previous letter, the start of the word, ...) at the cost of one full-width head.
    """
    mask = causal_mask(len(q), len(k)) if causal else None
    outputs, weights = [], []
    for qh, kh, vh in zip(split_heads(q, n_head), split_heads(k, n_head), split_heads(v, n_head)):
        out, w = scaled_dot_product_attention(qh, kh, vh, mask)
        outputs.append(out)
        weights.append(w)
    return merge_heads(outputs), weights


def sinusoidal_positions(n_positions: int, dim: int, base: float = 10000.0) -> Matrix:
    """The fixed positional vectors of Vaswani et al. (2017), (n_positions, dim).

    PE[pos][2i] = sin(pos / base^(2i/dim)) and PE[pos][2i+1] = cos(pos / base^(2i/dim)).
    Each pair of columns is a clock turning at its own speed, so moving k positions is a fixed
    rotation of every pair: the model can read relative offsets with a linear map.

    >>> [round(v, 4) for v in sinusoidal_positions(2, 4)[1]]
    [0.8415, 0.5403, 0.01, 1.0]
    """
    if n_positions < 0 or dim <= 0 or dim % 2 != 0:
        raise ValueError(f"need n_positions >= 0 and an even dim > 0, got {n_positions} and {dim}.")
    table = []
    for pos in range(n_positions):
        row = []
        for i in range(0, dim, 2):
            angle = pos / base ** (i / dim)
            row += [math.sin(angle), math.cos(angle)]
        table.append(row)
    return table


def learned_positions(table: Matrix, n_positions: int) -> Matrix:
    """GPT's way: position p's vector is row p of a trained table ``wpe`` (block_size, C).

    The table has as many rows as the longest context seen in training; it cannot extrapolate.
    """
    if n_positions > len(table):
        raise ValueError(f"{n_positions} positions asked for, but the table has only {len(table)} rows "
                         "(the model's block_size); shorten the text.")
    return table[:n_positions]


def add_positions(token_vectors: Matrix, position_vectors: Matrix) -> Matrix:
    """x[t] = token vector t + position vector t: the same letter at two places now differs."""
    return [[a + b for a, b in zip(tok, pos)] for tok, pos in zip(token_vectors, position_vectors)]
