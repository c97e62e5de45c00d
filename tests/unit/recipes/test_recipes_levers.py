"""The levers toward 50% MFU (issue 17.17) change speed, not numbers: a fused output layer + cross-entropy
against torch autograd, the micro-batch size at a fixed step, and torch.compile's mode."""
import json

import pytest
import torch
import torch.nn.functional as F

from lmdocs.recipes import run as run_module
from lmdocs.recipes import train
from lmdocs.recipes.config import make_config
from lmdocs.recipes.distributed import Context
from lmdocs.recipes.factory import build_model
from lmdocs.recipes.loss import linear_cross_entropy


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def plain(hidden, weight, bias, targets):
    return F.cross_entropy(F.linear(hidden, weight, bias), targets, ignore_index=-1)


@pytest.mark.parametrize("rows, chunk, with_bias", [(37, 1, False), (37, 5, True), (37, 37, False), (37, 100, True),
                                                    (64, 16, False)])
def test_fused_loss_and_gradients_equal_autograd_in_float64(rows, chunk, with_bias):
    torch.manual_seed(rows + chunk)
    hidden = torch.randn(rows, 12, dtype=torch.float64, requires_grad=True)
    weight = torch.randn(29, 12, dtype=torch.float64, requires_grad=True)
    bias = torch.randn(29, dtype=torch.float64, requires_grad=True) if with_bias else None
    targets = torch.randint(29, (rows,))
    targets[::3] = -1  # left out, as padding and prompts are in fine-tuning
    if chunk < rows:
        targets[:chunk] = -1  # a whole chunk with nothing to count
    inputs = [t for t in (hidden, weight, bias) if t is not None]
    fused = linear_cross_entropy(hidden, weight, bias, targets, chunk)
    reference = plain(hidden, weight, bias, targets)
    torch.testing.assert_close(fused, reference, rtol=1e-12, atol=0)
    upstream = torch.tensor(0.37, dtype=torch.float64)  # backward scales by the incoming gradient
    for got, want in zip(torch.autograd.grad(fused * upstream, inputs), torch.autograd.grad(reference * upstream, inputs)):
        torch.testing.assert_close(got, want, rtol=1e-12, atol=1e-15)


def test_fused_loss_under_bfloat16_autocast_is_the_autocast_loss():
    torch.manual_seed(0)
    hidden, weight = torch.randn(40, 16, requires_grad=True), torch.randn(50, 16, requires_grad=True)
    targets = torch.randint(50, (40,))
    with torch.autocast("cpu", dtype=torch.bfloat16):
        fused = linear_cross_entropy(hidden, weight, None, targets, chunk=8)
        reference = plain(hidden, weight, None, targets)
    assert fused.dtype == reference.dtype == torch.float32
    torch.testing.assert_close(fused, reference, rtol=1e-3, atol=1e-3)  # both: bf16 products, float32 softmax
    g_fused = torch.autograd.grad(fused, [hidden, weight])
    g_ref = torch.autograd.grad(reference, [hidden, weight])
    for got, want in zip(g_fused, g_ref):
        assert got.dtype == want.dtype
        torch.testing.assert_close(got, want, rtol=3e-2, atol=2e-3)


@pytest.mark.parametrize("kind", ["gpt", "lstm", "mingru"])
def test_every_model_gives_the_same_loss_and_gradients_with_the_fused_head(kind):
    torch.manual_seed(1)
    model = build_model(kind, dict(block_size=8, vocab_size=23, n_layer=1, n_head=2, n_embd=8)
                        if kind == "gpt" else dict(block_size=8, vocab_size=23, n_layer=1, n_embd=8)).double()
    idx, targets = torch.randint(23, (3, 8)), torch.randint(23, (3, 8))
    targets[0, :4] = -1
    logits, loss = model(idx, targets)
    reference = torch.autograd.grad(loss, list(model.parameters()))
    model.loss_chunk = 5
    no_logits, fused = model(idx, targets)
    assert no_logits is None and logits.shape == (3, 8, 23)
    torch.testing.assert_close(fused, loss, rtol=1e-12, atol=0)
    for got, want in zip(torch.autograd.grad(fused, list(model.parameters())), reference):
        torch.testing.assert_close(got, want, rtol=1e-10, atol=1e-13)
    assert model(idx)[0].shape == (3, 8, 23)  # without targets (sampling, evaluation) the logits are there


def tiny(out, cache, *extra):
    return ["--config=tiny", f"--out_dir={out}", f"--data_cache={cache}", "--block_size=16", "--n_layer=1",
            "--n_head=2", "--n_embd=32", "--eval_tokens=256", "--progress=false", "--device=cpu",
            "--log_interval=1", "--warmup_iters=2", "--max_iters=5", "--ckpt_interval=-1", "--eval_interval=-1", *extra]


def losses(run_dir):
    return [json.loads(line)["loss"] for line in (run_dir / "metrics.jsonl").read_text().splitlines()]


def test_training_is_the_same_with_the_levers(tmp_path):
    cache = tmp_path / "cache"
    assert train.main(tiny(tmp_path / "plain", cache, "--batch_size=8", "--grad_accum=2")) == 0
    assert train.main(tiny(tmp_path / "fused", cache, "--batch_size=8", "--grad_accum=2", "--loss_chunk=48")) == 0
    assert train.main(tiny(tmp_path / "wide", cache, "--batch_size=16", "--grad_accum=1")) == 0
    reference = losses(tmp_path / "plain")
    assert len(reference) == 5
    # the same windows in every step whatever the micro-batch: one global batch per step, sliced
    assert losses(tmp_path / "fused") == pytest.approx(reference, rel=1e-5)
    assert losses(tmp_path / "wide") == pytest.approx(reference, rel=1e-5)


def test_the_compile_mode_reaches_torch_compile(tmp_path, monkeypatch):
    seen = {}

    def fake_compile(model, mode=None):
        seen["mode"] = mode
        return model

    monkeypatch.setattr(torch, "compile", fake_compile)
    cfg = make_config("tiny", {"out_dir": str(tmp_path), "data_cache": str(tmp_path / "cache"), "n_layer": 1,
                               "n_embd": 16, "compile": True, "compile_mode": "max-autotune-no-cudagraphs",
                               "loss_chunk": 64})
    run = run_module.start_run(cfg, Context(), None)
    assert seen["mode"] == "max-autotune-no-cudagraphs" and run.raw_model.loss_chunk == 64
