"""Exercises of part 5 (attention); the page is docs/series/5-attention.md.

The reference answers are computed with lmdocs.transformer where the package does the same thing:
its attention for the averaging and the by-hand exercises, its causal mask for the grid, and the
shipped Hafez GPT's own weights for the parameter count.

    >>> average_past(), mask_cells(), score_std()
    (4.0, 21, 8.0)
    >>> [round(v, 3) for v in one_output()]
    [0.755, 0.335]
    >>> mha_params(), cost_ratio()
    (16640, 256)
"""
from __future__ import annotations

import math

from lmdocs.exercises.registry import exercise

# Exercise 1: one number per token; position 2 averages positions 0, 1 and 2.
AVERAGE_X = [4.0, 8.0, 0.0, 12.0]
# Exercise 4: one query, three keys of width d_k = 4, values of width 2.
QUERY = [1.0, 1.0, 1.0, 1.0]
KEYS = [[1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]
VALUES = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]


@exercise("part5.average-past",
          hint_en="token 2 sees tokens 0, 1 and 2, each with weight 1/3.",
          hint_fa="توکن ۲ توکن‌های ۰، ۱ و ۲ را می‌بیند، هر کدام با وزن ۱/۳.")
def average_past() -> float:
    """Output at position 2 of attention with equal scores (q = k = 0) and the causal mask."""
    from lmdocs.transformer.attention import causal_mask, scaled_dot_product_attention

    x = [[v] for v in AVERAGE_X]
    zeros = [[0.0] for _ in x]
    out, _ = scaled_dot_product_attention(zeros, zeros, x, causal_mask(len(x)))
    return out[2][0]


@exercise("part5.score-std",
          hint_en="the dot product is a sum of d_k independent products, each of variance 1; the standard "
                  "deviation is the square root of the variance.",
          hint_fa="ضرب داخلی جمع d_k حاصل‌ضرب مستقل است که واریانس هر کدام ۱ است؛ انحراف معیار جذر واریانس است.")
def score_std(d_k: int = 64) -> float:
    """Standard deviation of q . k for independent entries of mean 0 and variance 1: sqrt(d_k * 1 * 1)."""
    var_q = var_k = 1.0
    return math.sqrt(sum(var_q * var_k for _ in range(d_k)))   # Var(q_i k_i) = Var(q_i) Var(k_i)


@exercise("part5.mask-cells",
          hint_en="row t of the grid allows t + 1 cells: add 1 + 2 + … + T.",
          hint_fa="سطر t از جدول t + 1 خانهٔ مجاز دارد: ۱ + ۲ + … + T را جمع بزنید.")
def mask_cells(T: int = 6) -> int:
    """How many of the T × T cells the causal mask allows, for T = 6."""
    from lmdocs.transformer.attention import causal_mask

    return sum(sum(row) for row in causal_mask(T))


@exercise("part5.one-output", rel_tol=1e-2, abs_tol=2e-3,
          hint_en="scores q·k / √4 are 2, 1 and 0; softmax them, then take the weighted sum of the values.",
          hint_fa="امتیازهای q·k / √4 برابر ۲، ۱ و ۰ هستند؛ سافت‌مکسشان را بگیرید و بعد جمع وزن‌دار مقدارها را.")
def one_output() -> list[float]:
    """The attention output of QUERY over KEYS and VALUES (two numbers)."""
    from lmdocs.transformer.attention import scaled_dot_product_attention

    out, _ = scaled_dot_product_attention([QUERY], KEYS, VALUES)
    return out[0]


@exercise("part5.mha-params",
          hint_en="W_Q, W_K, W_V and W_O are each C × C with C biases, whatever the number of heads.",
          hint_fa="W_Q، W_K، W_V و W_O هر کدام C × C هستند با C بایاس، هر چند سر که باشد.")
def mha_params() -> int:
    """Parameters of one attention layer of the shipped Hafez GPT (C = 64, 4 heads): c_attn and c_proj."""
    from lmdocs.transformer import load_hafez_gpt

    weights = load_hafez_gpt().weights
    total = 0
    for name in ("c_attn.weight", "c_attn.bias", "c_proj.weight", "c_proj.bias"):
        w = weights[f"transformer.h.0.attn.{name}"]
        total += len(w) * len(w[0]) if isinstance(w[0], list) else len(w)
    return total


@exercise("part5.cost-ratio",
          hint_en="each head's score table has T × T entries: how many times larger is 1024² than 64²?",
          hint_fa="جدول امتیازهای هر سر T × T خانه دارد: ۱۰۲۴ به توان دو چند برابر ۶۴ به توان دو است؟")
def cost_ratio() -> int:
    """How many times larger one head's T × T score table is for GPT-2's context of 1024 tokens than for
    the Hafez GPT's (its block_size, 64 letters)."""
    from lmdocs.transformer import load_hafez_gpt

    small, large = load_hafez_gpt().config.block_size, 1024
    return (large * large) // (small * small)
