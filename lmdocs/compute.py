"""lmdocs.compute: how much compute does training a language model take? (the 6·N·D rule)

Training a transformer with N parameters on D tokens costs about 6·N·D floating-point operations:
2·N per token for the forward pass (one multiply and one add per weight) and about twice that again
for the backward pass (gradients with respect to the activations and to the weights). Dividing by what
a GPU really sustains (its peak rate times a utilization, the "MFU") gives GPU-seconds.

    >>> flops = training_flops(175e9, 300e9)          # GPT-3: 175B parameters, 300B tokens
    >>> f"{flops:.3g}"
    '3.15e+23'
    >>> round(gpu_days(flops, GPUS["A100"], utilization=0.5))
    23371

A mixture-of-experts model sends each token through a few of its experts only, so N is the number of
parameters *active* per token, not all of them: DeepSeek-V3 holds 671B parameters and uses 37B.

    >>> f"{training_flops(671e9, 14.8e12, active=37e9):.3g}"      # 6 · 37e9 · 14.8e12
    '3.29e+24'

What it does not handle: the attention term (about 6·layers·context·width per token, small next to
6·N for big models), activation recomputation (adds about a forward pass, 8·N·D instead of 6·N·D),
the router of a mixture of experts, sparsity, lower-precision (FP8) peaks, and everything that is not
arithmetic: data loading, restarts, checkpoints and failed runs.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

SECONDS_PER_DAY = 86_400

# Peak dense FLOP/s (no 2:4 sparsity: half the data sheets' starred figures) from NVIDIA's data sheets,
# by input type: "bfloat16" is the 16-bit tensor-core rate (fp16 on the V100 and T4, which have no
# bfloat16), "float32" the TF32 tensor-core rate (plain float32 on the V100 and T4, which have no TF32).
# The one table of GPU peaks in lmdocs: the estimator below and the recipes' MFU
# (lmdocs.recipes.metrics) both read it. Names match whole words of the device name (peak_flops).
PEAK_FLOPS: dict[str, dict[str, float]] = {
    "T4": {"bfloat16": 65e12, "float32": 8.1e12},            # fp16 tensor cores (Colab's free GPU)
    "V100": {"bfloat16": 125e12, "float32": 15.7e12},        # V100 SXM2
    "A100": {"bfloat16": 312e12, "float32": 156e12},         # A100 SXM
    "H100": {"bfloat16": 989e12, "float32": 494.5e12},       # H100 SXM (1979e12 with 2:4 sparsity)
    "H100 PCIe": {"bfloat16": 756e12, "float32": 378e12},
    "H100 NVL": {"bfloat16": 835.5e12, "float32": 417.5e12},  # data sheet: 1671 / 835 with sparsity
    "H200": {"bfloat16": 989e12, "float32": 494.5e12},       # H200 SXM
    "H200 NVL": {"bfloat16": 835.5e12, "float32": 417.5e12},
    "GH200": {"bfloat16": 989e12, "float32": 494.5e12},
    "A10": {"bfloat16": 125e12, "float32": 62.5e12},
    "L4": {"bfloat16": 121e12, "float32": 60e12},
    "L40": {"bfloat16": 181e12, "float32": 90.5e12},
    "L40S": {"bfloat16": 362e12, "float32": 183e12},
    # HGX B200 (1,000 W): 4.5 PFLOPS BF16 and 2.2 TF32 per GPU with sparsity on NVIDIA's data sheet.
    "B200": {"bfloat16": 2.25e15, "float32": 1.1e15},
}
# The GPUs the articles compare, by 16-bit peak: what estimate() and the estimator offer. The H200
# has the H100's arithmetic (more and faster memory), so its row is the same speed.
GPUS: dict[str, float] = {name: PEAK_FLOPS[name]["bfloat16"]
                          for name in ("V100", "A100", "H100", "H200", "B200")}


@dataclass(frozen=True)
class Model:
    """A published training run: all parameters, the parameters active per token (a mixture of experts
    uses a few experts per token; None for a dense model, which uses all), training tokens, source."""
    parameters: float
    tokens: float
    source: str
    active: float | None = None

    @property
    def compute_parameters(self) -> float:
        """The N of 6·N·D: the active parameters of a mixture of experts, all of a dense model."""
        return self.parameters if self.active is None else self.active


# Published model sizes and training tokens (pre-training), from each model's paper.
MODELS: dict[str, Model] = {
    "GPT-3 175B": Model(175e9, 300e9, "Brown et al., 2020, table D.1"),
    "Chinchilla 70B": Model(70e9, 1.4e12, "Hoffmann et al., 2022"),
    "LLaMA-2 70B": Model(70e9, 2e12, "Touvron et al., 2023, table 2"),
    "Llama 3 405B": Model(405e9, 15.6e12, "Llama Team, 2024"),
    "DeepSeek-V3": Model(671e9, 14.8e12, "DeepSeek-AI, 2024", active=37e9),
    "Kimi K2": Model(1.04e12, 15.5e12, "Kimi Team, 2025", active=32e9),
}


def peak_flops(device_name: str, dtype: str = "bfloat16") -> float | None:
    """Dense peak FLOP/s of the GPU whose name contains a name of PEAK_FLOPS as whole words (the longest
    that fits: "NVIDIA A100-SXM4-80GB" is an A100, not an A10; "NVIDIA L40" is not an L4; "NVIDIA H100
    NVL" is not an H100 SXM); None for a device the table does not know.

    >>> peak_flops("NVIDIA H100 80GB HBM3"), peak_flops("NVIDIA A100-SXM4-80GB", "float32"), peak_flops("cpu")
    (989000000000000.0, 156000000000000.0, None)
    >>> peak_flops("NVIDIA L40"), peak_flops("NVIDIA L4"), peak_flops("NVIDIA H100 NVL"), peak_flops("NVIDIA GH200 480GB")
    (181000000000000.0, 121000000000000.0, 835500000000000.0, 989000000000000.0)
    """
    known = [name for name in PEAK_FLOPS
             if re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", device_name)]
    return PEAK_FLOPS[max(known, key=len)].get(dtype) if known else None


def _positive(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number (int or float), got {type(value).__name__}; "
                        f"pass it as e.g. 175e9.")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{what} must be a finite number greater than 0, got {value!r}.")
    return float(value)


def _fraction(value: object, what: str) -> float:
    value = _positive(value, what)
    if value > 1:
        raise ValueError(f"{what} is a fraction of the peak rate and must be in (0, 1], got {value!r}; "
                         f"write 40% as 0.4.")
    return value


def training_flops(parameters: float, tokens: float, active: float | None = None) -> float:
    """Training FLOPs ≈ 6 · parameters · tokens.  training_flops(70e9, 1.4e12) == 5.88e23.
    For a mixture of experts pass `active`, the parameters used per token: 6 · active · tokens."""
    total = _positive(parameters, "parameters")
    tokens = _positive(tokens, "tokens")
    if active is None:
        return 6.0 * total * tokens
    active = _positive(active, "active")
    if active > total:
        raise ValueError(f"active parameters ({active:.3g}) cannot exceed all parameters ({total:.3g}); "
                         f"for a dense model leave active out.")
    return 6.0 * active * tokens


def gpu_seconds(flops: float, peak_flops_per_s: float, utilization: float = 0.4) -> float:
    """Seconds one GPU needs for `flops` when it sustains utilization · peak FLOP/s."""
    sustained = _positive(peak_flops_per_s, "peak_flops_per_s") * _fraction(utilization, "utilization")
    return _positive(flops, "flops") / sustained


def gpu_days(flops: float, peak_flops_per_s: float, utilization: float = 0.4) -> float:
    """GPU-days: gpu_seconds / 86400.  gpu_days(8.64e19, 1e15, 1.0) == 1.0."""
    return gpu_seconds(flops, peak_flops_per_s, utilization) / SECONDS_PER_DAY


def implied_utilization(flops: float, peak_flops_per_s: float, gpu_hours: float) -> float:
    """The utilization a reported GPU-hour figure implies: flops / (peak · seconds)."""
    seconds = _positive(gpu_hours, "gpu_hours") * 3600
    return _positive(flops, "flops") / (_positive(peak_flops_per_s, "peak_flops_per_s") * seconds)


@dataclass(frozen=True)
class Estimate:
    """The result of estimate(): total FLOPs, GPU-days and calendar days on `n_gpus` GPUs."""
    flops: float
    gpu_days: float
    days: float


def estimate(parameters: float, tokens: float, gpu: str = "A100", utilization: float = 0.4,
             n_gpus: int = 1, active: float | None = None) -> Estimate:
    """Compute for training one model on `n_gpus` GPUs of kind `gpu` (a key of GPUS); `active` as in
    training_flops (the parameters a mixture of experts uses per token).

    >>> e = estimate(70e9, 2e12, "A100", utilization=0.5, n_gpus=2048)
    >>> round(e.gpu_days), round(e.days, 1)
    (62322, 30.4)
    """
    if gpu not in GPUS:
        raise ValueError(f"unknown GPU {gpu!r}; choose one of {', '.join(GPUS)} "
                         f"or call gpu_days() with its peak FLOP/s.")
    if isinstance(n_gpus, bool) or not isinstance(n_gpus, int):
        raise TypeError(f"n_gpus must be a whole number, got {type(n_gpus).__name__}.")
    if n_gpus < 1:
        raise ValueError(f"n_gpus must be at least 1, got {n_gpus}.")
    flops = training_flops(parameters, tokens, active)
    days_on_one = gpu_days(flops, GPUS[gpu], utilization)
    return Estimate(flops=flops, gpu_days=days_on_one, days=days_on_one / n_gpus)


def human(number: float) -> str:
    """A count in short scientific notation, which reads the same in both languages:
    human(3.15e23) == '3.15e23', human(1234.5) == '1.23e3', human(7.0) == '7'.
    """
    value = float(number)
    if abs(value) < 1000:
        return f"{value:.3g}"
    mantissa, exponent = f"{value:.2e}".split("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"
