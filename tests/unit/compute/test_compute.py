"""lmdocs.compute against hand-derived numbers and against torch's own FLOP counter."""
import doctest
import math

import pytest

import lmdocs.compute
from lmdocs.compute import (GPUS, MODELS, PEAK_FLOPS, Estimate, estimate, gpu_days, gpu_seconds, human,
                            implied_utilization, peak_flops, training_flops)


def test_docstring_examples():
    result = doctest.testmod(lmdocs.compute)
    assert result.failed == 0 and result.attempted >= 5


# ---------------------------------------------------------------- hand-derived figures
def test_gpt3_flops_is_6_times_175e9_times_300e9():
    assert training_flops(175e9, 300e9) == pytest.approx(3.15e23, rel=1e-12)


@pytest.mark.parametrize("name, flops", [
    ("GPT-3 175B", 3.15e23),            # the GPT-3 paper's table D.1 gives 3.14e23
    ("Chinchilla 70B", 5.88e23),
    ("LLaMA-2 70B", 8.4e23),
    ("Llama 3 405B", 3.7908e25),        # the Llama 3 paper quotes 3.8e25 FLOPs for its flagship
    ("DeepSeek-V3", 3.2856e24),         # 6 * 37e9 active * 14.8e12, not 6 * 671e9 * 14.8e12
    ("Kimi K2", 2.976e24),              # 6 * 32e9 active * 15.5e12
])
def test_known_models(name, flops):
    m = MODELS[name]
    assert training_flops(m.parameters, m.tokens, m.active) == pytest.approx(flops, rel=1e-12)
    assert m.compute_parameters == (m.active or m.parameters)


# ---------------------------------------------------------------- mixture of experts: active parameters
def test_moe_compute_uses_the_active_parameters():
    # DeepSeek-V3: 671B parameters, 37B active per token, 14.8T tokens (DeepSeek-AI, 2024).
    dense_reading = training_flops(671e9, 14.8e12)
    moe = training_flops(671e9, 14.8e12, active=37e9)
    assert moe == pytest.approx(6 * 37e9 * 14.8e12, rel=1e-12)
    assert dense_reading / moe == pytest.approx(671 / 37)
    assert training_flops(70e9, 2e12, active=70e9) == training_flops(70e9, 2e12)   # all active = dense


def test_estimate_passes_active_parameters_through():
    e = estimate(671e9, 14.8e12, "H100", utilization=0.4, n_gpus=2048, active=37e9)
    # 3.2856e24 / (989e12 * 0.4) = 8.305359e9 s = 96,126.8 GPU-days; / 2048 = 46.94 days
    assert e.flops == pytest.approx(3.2856e24)
    assert e.gpu_days == pytest.approx(3.2856e24 / (989e12 * 0.4) / 86_400)
    assert e.days == pytest.approx(e.gpu_days / 2048)


def test_deepseek_v3_reported_gpu_hours_imply_about_35_percent():
    # DeepSeek-AI (2024), table 1: 2,664K H800 GPU-hours of pre-training; the H800 has the H100 SXM's
    # dense BF16 peak (989 TFLOPS). 3.2856e24 / (989e12 * 2.664e6 * 3600) = 3.2856e24 / 9.4848e24
    mfu = implied_utilization(training_flops(671e9, 14.8e12, active=37e9), 989e12, gpu_hours=2_664_000)
    assert mfu == pytest.approx(3.2856e24 / (989e12 * 2.664e6 * 3600))
    assert round(mfu, 3) == 0.346


def test_moe_compute_matches_torch_flop_counter_for_routed_experts():
    """A toy mixture of experts (4 bias-free experts, each token routed to one): torch counts the FLOPs
    of the experts the tokens went through, which is 6 · active · tokens, not 6 · all · tokens."""
    torch = pytest.importorskip("torch")
    from torch.utils.flop_counter import FlopCounterMode

    torch.manual_seed(0)
    experts = torch.nn.ModuleList(torch.nn.Linear(16, 16, bias=False) for _ in range(4))
    tokens = 24
    x = torch.randn(tokens, 16, requires_grad=True)
    route = torch.arange(tokens) % 4                     # a fixed router: 6 tokens per expert
    with FlopCounterMode(display=False) as counter:
        out = torch.zeros_like(x)
        for e, expert in enumerate(experts):
            chosen = route == e
            out = out.index_add(0, chosen.nonzero().squeeze(1), expert(x[chosen]))
        out.sum().backward()
    total = sum(p.numel() for p in experts.parameters())
    active = total // 4
    assert counter.get_total_flops() == training_flops(total, tokens, active=active)


def test_active_parameters_are_checked():
    with pytest.raises(ValueError, match="cannot exceed all parameters"):
        training_flops(37e9, 1e12, active=671e9)
    with pytest.raises(ValueError, match="active must be a finite number greater than 0"):
        training_flops(671e9, 1e12, active=0)
    with pytest.raises(TypeError, match="active must be a number"):
        estimate(671e9, 1e12, active="37e9")


def test_one_day_of_a_petaflop_gpu():
    # 1e15 FLOP/s for 86,400 s is 8.64e19 FLOPs: exactly one GPU-day at full utilization.
    assert gpu_days(8.64e19, 1e15, utilization=1.0) == pytest.approx(1.0)
    assert gpu_seconds(8.64e19, 1e15, utilization=0.5) == pytest.approx(2 * 86_400)


def test_gpt3_on_a100_at_half_utilization():
    # 3.15e23 / (312e12 * 0.5) = 2.019230769e9 s = 23,370.73 days
    assert gpu_days(3.15e23, GPUS["A100"], 0.5) == pytest.approx(2.019230769e9 / 86_400, rel=1e-9)
    assert round(gpu_days(3.15e23, GPUS["A100"], 0.5)) == 23371


def test_h100_is_989_over_312_times_faster_than_a100():
    ratio = gpu_days(1e22, GPUS["A100"], 0.4) / gpu_days(1e22, GPUS["H100"], 0.4)
    assert ratio == pytest.approx(989 / 312)


def test_estimate_spreads_gpu_days_over_gpus():
    e = estimate(70e9, 2e12, "A100", utilization=0.5, n_gpus=2048)
    assert isinstance(e, Estimate)
    assert e.flops == pytest.approx(8.4e23)
    # 8.4e23 / 1.56e14 = 5.384615e9 s = 62,321.9 GPU-days; / 2048 = 30.43 days
    assert e.gpu_days == pytest.approx(5.384615384615e9 / 86_400, rel=1e-9)
    assert e.days == pytest.approx(e.gpu_days / 2048)


def test_llama2_reported_gpu_hours_imply_43_percent():
    # Touvron et al. (2023): 1,720,320 A100 GPU-hours for the 70B model.
    # 8.4e23 / (312e12 * 1,720,320 * 3600) = 8.4e23 / 1.9322634e24 = 0.43472
    mfu = implied_utilization(8.4e23, GPUS["A100"], gpu_hours=1_720_320)
    assert mfu == pytest.approx(8.4e23 / (312e12 * 1_720_320 * 3600))
    assert round(mfu, 3) == 0.435


def test_implied_utilization_inverts_gpu_days():
    days = gpu_days(5.88e23, GPUS["H100"], 0.37)
    assert implied_utilization(5.88e23, GPUS["H100"], gpu_hours=days * 24) == pytest.approx(0.37)


@pytest.mark.parametrize("value, text", [(3.15e23, "3.15e23"), (8.4e23, "8.4e23"), (1e12, "1e12"),
                                         (1234.5, "1.23e3"), (7.0, "7"), (0.5, "0.5")])
def test_human(value, text):
    assert human(value) == text


# ---------------------------------------------------------------- independent reference: torch
def test_six_n_d_matches_torch_flop_counter_for_a_linear_stack():
    """For bias-free linear layers, forward = 2ND and backward = 4ND FLOPs exactly (torch counts)."""
    torch = pytest.importorskip("torch")
    from torch.utils.flop_counter import FlopCounterMode

    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(32, 64, bias=False), torch.nn.Tanh(),
                                torch.nn.Linear(64, 48, bias=False))
    tokens = 20
    x = torch.randn(tokens, 32, requires_grad=True)      # grad w.r.t. the input, as inside a deep net
    with FlopCounterMode(display=False) as counter:
        model(x).sum().backward()
    n_params = sum(p.numel() for p in model.parameters())
    assert counter.get_total_flops() == training_flops(n_params, tokens)


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize("parameters, tokens", [(-1, 10), (0, 10), (10, math.nan), (10, math.inf)])
def test_training_flops_rejects_non_positive_values(parameters, tokens):
    with pytest.raises(ValueError, match="greater than 0"):
        training_flops(parameters, tokens)


@pytest.mark.parametrize("parameters", ["175e9", True, None, [1]])
def test_training_flops_rejects_non_numbers(parameters):
    with pytest.raises(TypeError, match="must be a number"):
        training_flops(parameters, 1e9)


@pytest.mark.parametrize("utilization", [40, 1.01, 0, -0.2])
def test_utilization_is_a_fraction(utilization):
    with pytest.raises(ValueError, match="utilization"):
        gpu_days(1e20, GPUS["A100"], utilization)


def test_estimate_rejects_unknown_gpu_and_bad_gpu_counts():
    with pytest.raises(ValueError, match="unknown GPU 'TPU'.*A100"):
        estimate(1e9, 2e10, "TPU")
    with pytest.raises(ValueError, match="at least 1"):
        estimate(1e9, 2e10, n_gpus=0)
    with pytest.raises(TypeError, match="whole number"):
        estimate(1e9, 2e10, n_gpus=2.5)


@pytest.mark.parametrize("device_name, dtype, peak", [
    ("NVIDIA H100 80GB HBM3", "bfloat16", 989e12),     # what torch.cuda.get_device_name says on an H100 SXM
    ("NVIDIA H100 PCIe", "bfloat16", 756e12),
    ("NVIDIA A100-SXM4-80GB", "float32", 156e12),      # an A100, although "A10" is in its name too
    ("NVIDIA A10", "bfloat16", 125e12),
    ("NVIDIA L40S", "bfloat16", 362e12),               # not the L4
    ("NVIDIA L40", "bfloat16", 181e12),                # not the L4 either (issue 17.11)
    ("NVIDIA L4", "float32", 60e12),
    ("NVIDIA H100 NVL", "bfloat16", 835.5e12),         # data sheet 1,671 TFLOPS with sparsity, not the SXM's
    ("NVIDIA H200 NVL", "float32", 417.5e12),
    ("NVIDIA H200", "bfloat16", 989e12),
    ("NVIDIA B200", "bfloat16", 2.25e15),              # HGX B200: 4.5 PFLOPS BF16 with sparsity, half dense
    ("NVIDIA GB200", "bfloat16", None),                # not a B200 (its own, higher, peak)
    ("Tesla T4", "bfloat16", 65e12),                   # its fp16 tensor cores (no bfloat16)
    ("NVIDIA GH200 480GB", "float32", 494.5e12),
    ("Tesla V100-SXM2-16GB", "float32", 15.7e12),
    ("cpu", "bfloat16", None),
    ("NVIDIA H100 80GB HBM3", "float16", None),        # a type the table does not list
])
def test_peak_flops_finds_the_gpu_in_its_device_name(device_name, dtype, peak):
    assert peak_flops(device_name, dtype) == peak


def test_the_estimators_gpus_are_the_16_bit_column_of_the_one_table():
    assert GPUS == {"V100": 125e12, "A100": 312e12, "H100": 989e12, "H200": 989e12, "B200": 2.25e15}
    assert all(GPUS[name] == PEAK_FLOPS[name]["bfloat16"] for name in GPUS)
