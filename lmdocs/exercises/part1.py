"""Exercises of part 1 (the ingredients and the compute); the page is docs/series/1-ingredients.md.

The reference answers are computed with lmdocs.compute, the estimator the page's demo runs, so a
change to its GPU table or to the 6·N·D rule shows up here too.

    >>> linear_layer_flops()
    [2000000, 2000000, 2000000]
    >>> round(gpu_days_7b()), f"{moe_flops():.4g}", round(deepseek_mfu(), 3), f"{chinchilla_parameters():.3g}"
    (2458, '2.976e+24', 0.346, '9.13e+10')
"""
from __future__ import annotations

import math

from lmdocs.exercises.registry import exercise

D_IN = D_OUT = 1000          # exercise 1: a bias-free linear layer, y = W x, W is D_OUT × D_IN, one token


@exercise("part1.six-nd",
          hint_en="each weight is used once per token in y = W x, once in dL/dx = Wᵀ dL/dy and once in "
                  "dL/dW = dL/dy xᵀ; each use is a multiply and an add.",
          hint_fa="هر وزن برای هر توکن یک بار در y = W x، یک بار در dL/dx = Wᵀ dL/dy و یک بار در "
                  "dL/dW = dL/dy xᵀ به کار می‌رود؛ هر بار یک ضرب و یک جمع.")
def linear_layer_flops() -> list[int]:
    """[forward, gradient w.r.t. the input, gradient w.r.t. the weights] FLOPs for one token: each is a
    matrix–vector product over all D_OUT·D_IN weights, a multiply and an add per weight."""
    one_product = 2 * D_OUT * D_IN
    return [one_product, one_product, one_product]


@exercise("part1.gpu-days", rel_tol=5e-3,
          hint_en="6 · N · D FLOPs, divided by what one H100 sustains in a day: 989e12 · 0.4 · 86,400.",
          hint_fa="۶ · N · D عمل، تقسیم بر آنچه یک H100 در یک روز واقعاً انجام می‌دهد: 989e12 · 0.4 · 86400.")
def gpu_days_7b() -> float:
    """A dense 7B model on 2T tokens (the size of the smallest LLaMA-2) on H100s at 40%: H100-days."""
    from lmdocs.compute import estimate
    return estimate(7e9, 2e12, "H100", utilization=0.4).gpu_days


@exercise("part1.moe-flops", rel_tol=1e-2,
          hint_en="a mixture of experts does the work of its active parameters only: use 32e9, not 1.04e12.",
          hint_fa="آمیزهٔ متخصصان فقط کار پارامترهای فعالش را انجام می‌دهد: 32e9 را به کار ببرید، نه 1.04e12.")
def moe_flops() -> float:
    """Kimi K2's pre-training: 1.04T parameters, 32B active per token, 15.5T tokens."""
    from lmdocs.compute import training_flops
    return training_flops(1.04e12, 15.5e12, active=32e9)


@exercise("part1.deepseek-mfu", rel_tol=1e-2, abs_tol=1e-3,
          hint_en="utilization = (6 · active · tokens) / (peak FLOP/s · GPU-hours · 3,600); answer as a fraction.",
          hint_fa="بهره‌وری = (۶ · پارامترهای فعال · توکن‌ها) / (اوج FLOP/s · ساعت‌های GPU · ۳۶۰۰)؛ پاسخ را کسری بنویسید.")
def deepseek_mfu() -> float:
    """DeepSeek-V3's pre-training: 37B active parameters, 14.8T tokens, 2,664K H800 GPU-hours; the H800
    has the H100 SXM's dense BF16 peak, 989 TFLOP/s."""
    from lmdocs.compute import GPUS, implied_utilization, training_flops
    return implied_utilization(training_flops(671e9, 14.8e12, active=37e9), GPUS["H100"], gpu_hours=2_664_000)


@exercise("part1.chinchilla-n", rel_tol=1e-2,
          hint_en="put D = 20 N into C = 6 N D: C = 120 N², so N is the square root of C / 120.",
          hint_fa="D = 20 N را در C = 6 N D بگذارید: C = 120 N²، پس N جذر C / 120 است.")
def chinchilla_parameters() -> float:
    """The compute-optimal size for C = 1e24 FLOPs at 20 tokens per parameter: N with 6 · N · 20N = C."""
    from lmdocs.compute import training_flops
    n = math.sqrt(1e24 / 120)
    assert math.isclose(training_flops(n, 20 * n), 1e24)      # the same rule the estimator uses
    return n
