"""Training speed of lmdocs.recipes: tokens per second and MFU on whatever device is present.

    .venv/bin/python -m benchmarks.train                                  # CPU: the tiny GPT
    python benchmarks/train.py --config=gpt2-small --steps=50             # one GPU: GPT-2 small, bf16
    python benchmarks/train.py --config=gpt2-small --no-peer --loss_chunk=4096 --batch_size=32 --grad_accum=2 \\
        --min_mfu=0.5                                                     # the levers, and a threshold
    python benchmarks/train.py --config=gpt2-small --micro_batches=16,32,64 --loss_chunk=4096 --compile=false
    python benchmarks/train.py --config=tiny --models=gpt,lstm,mingru     # the three models side by side

For each model, two figures from the same process and the same batches:
  trainer  `lmdocs.recipes.train.run` (memory-mapped batches, DDP hooks, NaN checks, logging), the
           rate over its last --steps/2 steps, so start-up and torch.compile are not counted; no
           evaluation and no checkpoint (a GPT-2 checkpoint is 1.5 GB);
  peer     a bare nanoGPT-style loop over the same model, optimiser, autocast and compile setting:
           random batches already on the device, forward, backward, clip, step, nothing else
           (--no-peer skips it: one torch.compile instead of two).
The ratio trainer/peer is the trainer's overhead (1.0 = none). ``--micro_batches`` measures the
trainer at several micro-batch sizes with the same tokens per step (grad_accum adjusted), skipping
sizes that run out of GPU memory: the larger micro-batch where memory allows. ``--min_mfu`` makes
the run fail (exit status 1) when the best trainer MFU is below it. Any other ``--key=value`` is a
trainer option (--loss_chunk, --compile_mode, ...). MFU uses the peak table in lmdocs.compute (n/a
on CPUs and unknown GPUs). Results also go to benchmarks/results/train.json.
Not handled: multi-GPU runs (use torchrun with the trainer itself).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

from lmdocs.compute import peak_flops  # noqa: E402
from lmdocs.recipes.config import make_config, override  # noqa: E402
from lmdocs.recipes.data import prepare  # noqa: E402
from lmdocs.recipes.distributed import resolve_device  # noqa: E402
from lmdocs.recipes.factory import build_model, model_args_for  # noqa: E402
from lmdocs.recipes.metrics import mfu  # noqa: E402
from lmdocs.recipes.run import autocast_for, make_optimizer, make_scaler  # noqa: E402
from lmdocs.recipes.train import run  # noqa: E402


def trainer_rate(cfg) -> dict:
    with tempfile.TemporaryDirectory() as out:
        cfg = override(cfg, {"out_dir": out, "log_interval": max(1, cfg.max_iters // 2), "eval_interval": -1,
                             "ckpt_interval": -1, "progress": False})
        summary = run(cfg)
    return {"tokens_per_s": summary["tokens_per_s"], "mfu": summary["mfu"]}


def peer_rate(cfg, device: str) -> dict:
    """The same model and optimiser in a bare loop: the speed the trainer should reach."""
    torch.manual_seed(cfg.seed)
    data = prepare(cfg.data, cfg.tokenizer, cfg.data_cache, cfg.val_fraction, cfg.bpe_vocab_size)
    vocab = cfg.vocab_size or data.meta["vocab_size"]
    raw = build_model(cfg.model, model_args_for(cfg, vocab)).to(device)
    raw.loss_chunk = cfg.loss_chunk
    optimizer = make_optimizer(raw, cfg, device)
    use_compile = cfg.compile if cfg.compile is not None else device.startswith("cuda")
    model = torch.compile(raw, mode=cfg.compile_mode) if use_compile else raw
    dtype, autocast = autocast_for(cfg, device)
    scaler = make_scaler(dtype, device)
    x = torch.randint(data.meta["vocab_size"], (cfg.batch_size, cfg.block_size), device=device)

    def steps(n: int) -> float:
        _sync(device)
        began = time.perf_counter()
        for _ in range(n):
            for _ in range(cfg.grad_accum):
                with autocast:
                    _, loss = model(x, x)
                share = loss / cfg.grad_accum
                (scaler.scale(share) if scaler else share).backward()
            if scaler:
                scaler.unscale_(optimizer)
            torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip or float("inf"))
            scaler.step(optimizer) if scaler else optimizer.step()
            if scaler:
                scaler.update()
            optimizer.zero_grad(set_to_none=True)
        _sync(device)
        return time.perf_counter() - began

    half = max(1, cfg.max_iters // 2)
    steps(cfg.max_iters - half)  # warm-up (and compilation)
    rate = half * cfg.batch_size * cfg.grad_accum * cfg.block_size / steps(half)
    peak = peak_flops(torch.cuda.get_device_name(device), "float32" if dtype == "float32" else "bfloat16") \
        if device.startswith("cuda") else None
    return {"tokens_per_s": rate, "mfu": mfu(raw.flops_per_token(), rate, peak)}


def micro_batch_sweep(cfg, sizes: list[int]) -> list[dict]:
    """The trainer at each micro-batch size with the same tokens per step; sizes that run out of memory are
    reported as such, not fatal."""
    per_step = cfg.batch_size * cfg.grad_accum
    rows = []
    for size in sizes:
        if per_step % size:
            rows.append({"batch_size": size, "skipped": f"does not divide the {per_step} sequences of a step"})
        else:
            try:
                rate = trainer_rate(override(cfg, {"batch_size": size, "grad_accum": per_step // size}))
                rows.append({"batch_size": size, "grad_accum": per_step // size, **rate})
            except torch.cuda.OutOfMemoryError:
                rows.append({"batch_size": size, "skipped": "out of GPU memory"})
            if torch.cuda.is_available():
                torch.cuda.empty_cache()
        print(f"  micro-batch {size:3d}: " + (_fmt(rows[-1]) if "tokens_per_s" in rows[-1] else rows[-1]["skipped"]))
    return rows


def _sync(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize(device)


def _fmt(rate: dict) -> str:
    util = "n/a" if rate["mfu"] is None else f"{rate['mfu']:.1%}"
    return f"{rate['tokens_per_s']:>12,.0f} tok/s, MFU {util}"


def check_threshold(results: list[dict], min_mfu: float | None) -> int:
    """0 when the best trainer MFU reaches ``min_mfu`` (or no threshold / MFU unknown, said so), else 1."""
    if min_mfu is None:
        return 0
    measured = [r["mfu"] for row in results for r in [row["trainer"], *row.get("sweep", [])] if r.get("mfu")]
    if not measured:
        print(f"MFU threshold {min_mfu:.0%} not checked: no peak FLOP/s for this device (a CPU or an unknown GPU)")
        return 0
    best = max(measured)
    print(f"MFU {best:.1%} {'>=' if best >= min_mfu else '<'} threshold {min_mfu:.0%}: "
          f"{'PASS' if best >= min_mfu else 'FAIL'}")
    return 0 if best >= min_mfu else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=None, help="preset (default: gpt2-small on CUDA, tiny elsewhere)")
    parser.add_argument("--steps", type=int, default=20, help="optimiser steps per measurement (half are warm-up)")
    parser.add_argument("--models", default=None, help="comma-separated: gpt,lstm,mingru (default: the preset's)")
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    parser.add_argument("--no-peer", dest="peer", action="store_false", help="measure the trainer only")
    parser.add_argument("--micro_batches", default=None, help="comma-separated micro-batch sizes to sweep")
    parser.add_argument("--min_mfu", type=float, default=None, help="fail when the best trainer MFU is below this")
    args, rest = parser.parse_known_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    overrides = dict(arg[2:].split("=", 1) for arg in rest if arg.startswith("--") and "=" in arg)
    device = resolve_device(overrides.get("device", "auto"))
    name = args.config or ("gpt2-small" if device.startswith("cuda") else "tiny")
    base = make_config(name, {**overrides, "max_iters": str(args.steps), "device": device})
    cuda = device.startswith("cuda")
    name_of = torch.cuda.get_device_name(device) if cuda else f"CPU, {torch.get_num_threads()} threads"
    print(f"{name} on {name_of}, torch {torch.__version__}, {args.steps} steps per figure, micro-batch "
          f"{base.batch_size} x {base.grad_accum}, loss_chunk {base.loss_chunk}, compile "
          f"{base.compile if base.compile is not None else cuda} ({base.compile_mode})")
    results = []
    for kind in (args.models or base.model).split(","):
        cfg = override(base, {"model": kind})
        row = {"model": kind, "config": name, "device": name_of, "options": overrides, "trainer": trainer_rate(cfg)}
        line = f"{kind:7s} trainer {_fmt(row['trainer'])}"
        if args.peer:
            row["peer"] = peer_rate(cfg, device)
            row["ratio"] = row["trainer"]["tokens_per_s"] / row["peer"]["tokens_per_s"]
            line += f" | peer {_fmt(row['peer'])} | trainer/peer {row['ratio']:.2f}"
        print(line)
        if args.micro_batches:
            row["sweep"] = micro_batch_sweep(cfg, [int(s) for s in args.micro_batches.split(",")])
        results.append(row)
    out = ROOT / "benchmarks" / "results" / "train.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"wrote {out.relative_to(ROOT)}")
    return check_threshold(results, args.min_mfu)


if __name__ == "__main__":
    sys.exit(main())
