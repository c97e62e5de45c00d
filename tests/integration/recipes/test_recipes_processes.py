"""Runs that need real processes: two-process DDP over gloo, and a run killed with SIGKILL."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from lmdocs.recipes import train
from lmdocs.recipes.checkpoint import load_checkpoint

from support.paths import ROOT
ENV = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}


@pytest.fixture(autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def tiny(out, cache, *extra):
    return ["--config=tiny", f"--out_dir={out}", f"--data_cache={cache}", "--block_size=16", "--n_layer=1",
            "--n_head=2", "--n_embd=32", "--eval_tokens=300", "--progress=false", "--device=cpu",
            "--log_interval=1", "--warmup_iters=2", *extra]


def records(run_dir, kind="train"):
    lines = (run_dir / "metrics.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, lines) if r["kind"] == kind]


@pytest.mark.slow
def test_two_gloo_processes_follow_one_process_with_twice_the_batch(tmp_path):
    # Each of W processes takes its slice of one global batch and DDP averages the gradients,
    # so 2 processes x batch 4 must match 1 process x batch 8 step for step.
    steps = ["--max_iters=6", "--grad_accum=2", "--eval_interval=6"]
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2",
               "-m", "lmdocs.recipes.train", *tiny(tmp_path / "ddp", tmp_path / "cache", "--batch_size=4", *steps)]
    done = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    assert train.main(tiny(tmp_path / "one", tmp_path / "cache", "--batch_size=8", *steps)) == 0
    ddp, one = records(tmp_path / "ddp"), records(tmp_path / "one")
    assert [r["loss"] for r in ddp] == pytest.approx([r["loss"] for r in one], rel=1e-5)
    assert records(tmp_path / "ddp", "eval")[0]["bpc"] == pytest.approx(records(tmp_path / "one", "eval")[0]["bpc"],
                                                                       rel=1e-5)
    a, b = load_checkpoint(tmp_path / "ddp" / "ckpt.pt"), load_checkpoint(tmp_path / "one" / "ckpt.pt")
    for name, tensor in a["model"].items():
        torch.testing.assert_close(tensor, b["model"][name], rtol=1e-4, atol=1e-5)
    assert len(a["rng"]) == 2  # each process's generators are kept


@pytest.mark.slow
def test_sigkill_loses_only_the_steps_since_the_last_checkpoint(tmp_path):
    argv = tiny(tmp_path, tmp_path / "cache", "--batch_size=8", "--max_iters=100000", "--lr_decay_iters=1000",
                "--ckpt_interval=3", "--eval_interval=0", "--dropout=0.1")
    process = subprocess.Popen([sys.executable, "-m", "lmdocs.recipes.train", *argv], env=ENV, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if (tmp_path / "metrics.jsonl").exists() and len(records(tmp_path)) >= 8:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, process.stderr.read().decode()[-2000:]
    logged = records(tmp_path)  # what the killed run had done
    saved = load_checkpoint(tmp_path / "ckpt.pt")  # never half-written
    step = saved["step"]
    assert step % 3 == 0 and step >= 6 and logged[-1]["step"] - step <= 3
    assert train.main([*argv, "--resume", f"--max_iters={logged[-1]['step']}"]) == 0
    resumed = records(tmp_path)
    assert [r["step"] for r in resumed] == list(range(1, logged[-1]["step"] + 1))
    # the steps lost to the kill are recomputed exactly as the killed run had computed them
    assert [r["loss"] for r in resumed] == pytest.approx([r["loss"] for r in logged], rel=1e-6)
