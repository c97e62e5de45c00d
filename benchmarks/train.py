"""Training speed of lmdocs.recipes: tokens per second and MFU on whatever device is present.

    .venv/bin/python -m benchmarks.train                                  # CPU: the tiny GPT
    python benchmarks/train.py --config=gpt2-small --steps=50             # one GPU: GPT-2 small, bf16
    python benchmarks/train.py --config=tiny --models=gpt,lstm,mingru     # the three models side by side

For each model, two figures from the same process and the same batches:
  trainer  `lmdocs.recipes.train.run` (memory-mapped batches, DDP hooks, NaN checks, logging), the
           rate over its last --steps/2 steps, so start-up and torch.compile are not counted;
  peer     a bare nanoGPT-style loop over the same model, optimiser, autocast and compile setting:
           random batches already on the device, forward, backward, clip, step, nothing else.
The ratio trainer/peer is the trainer's overhead (1.0 = none). MFU uses the peak table in
lmdocs.compute (n/a on CPUs and unknown GPUs). Results also go to
benchmarks/results/train.json. Not handled: multi-GPU runs (use torchrun with the trainer itself).
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
from lmdocs.recipes.run import autocast_for, make_optimizer  # noqa: E402
from lmdocs.recipes.train import run  # noqa: E402


def trainer_rate(cfg) -> dict:
    with tempfile.TemporaryDirectory() as out:
        cfg = override(cfg, {"out_dir": out, "log_interval": max(1, cfg.max_iters // 2), "eval_interval": 0,
                             "ckpt_interval": 0, "eval_tokens": cfg.block_size, "progress": False})
        summary = run(cfg)
    return {"tokens_per_s": summary["tokens_per_s"], "mfu": summary["mfu"]}


def peer_rate(cfg, device: str) -> dict:
    """The same model and optimiser in a bare loop: the speed the trainer should reach."""
    torch.manual_seed(cfg.seed)
    data = prepare(cfg.data, cfg.tokenizer, cfg.data_cache, cfg.val_fraction, cfg.bpe_vocab_size)
    vocab = cfg.vocab_size or data.meta["vocab_size"]
    raw = build_model(cfg.model, model_args_for(cfg, vocab)).to(device)
    optimizer = make_optimizer(raw, cfg, device)
    use_compile = cfg.compile if cfg.compile is not None else device.startswith("cuda")
    model = torch.compile(raw) if use_compile else raw
    dtype, autocast = autocast_for(cfg, device)
    x = torch.randint(data.meta["vocab_size"], (cfg.batch_size, cfg.block_size), device=device)

    def steps(n: int) -> float:
        _sync(device)
        began = time.perf_counter()
        for _ in range(n):
            for _ in range(cfg.grad_accum):
                with autocast:
                    _, loss = model(x, x)
                (loss / cfg.grad_accum).backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip or float("inf"))
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
        _sync(device)
        return time.perf_counter() - began

    half = max(1, cfg.max_iters // 2)
    steps(cfg.max_iters - half)  # warm-up (and compilation)
    rate = half * cfg.batch_size * cfg.grad_accum * cfg.block_size / steps(half)
    peak = peak_flops(torch.cuda.get_device_name(device), dtype) if device.startswith("cuda") else None
    return {"tokens_per_s": rate, "mfu": mfu(raw.flops_per_token(), rate, peak)}


def _sync(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize(device)


def _fmt(rate: dict) -> str:
    util = "n/a" if rate["mfu"] is None else f"{rate['mfu']:.1%}"
    return f"{rate['tokens_per_s']:>12,.0f} tok/s, MFU {util}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=None, help="preset (default: gpt2-small on CUDA, tiny elsewhere)")
    parser.add_argument("--steps", type=int, default=20, help="optimiser steps per measurement (half are warm-up)")
    parser.add_argument("--models", default=None, help="comma-separated: gpt,lstm,mingru (default: the preset's)")
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    args, rest = parser.parse_known_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    overrides = dict(arg[2:].split("=", 1) for arg in rest if arg.startswith("--") and "=" in arg)
    device = resolve_device(overrides.get("device", "auto"))
    name = args.config or ("gpt2-small" if device.startswith("cuda") else "tiny")
    base = make_config(name, {**overrides, "max_iters": str(args.steps), "device": device})
    cuda = device.startswith("cuda")
    name_of = torch.cuda.get_device_name(device) if cuda else f"CPU, {torch.get_num_threads()} threads"
    print(f"{name} on {name_of}, torch {torch.__version__}, {args.steps} steps per figure")
    results = []
    for kind in (args.models or base.model).split(","):
        cfg = override(base, {"model": kind})
        row = {"model": kind, "config": name, "device": name_of, "trainer": trainer_rate(cfg),
               "peer": peer_rate(cfg, device)}
        row["ratio"] = row["trainer"]["tokens_per_s"] / row["peer"]["tokens_per_s"]
        results.append(row)
        print(f"{kind:7s} trainer {_fmt(row['trainer'])} | peer {_fmt(row['peer'])} | "
              f"trainer/peer {row['ratio']:.2f}")
    out = ROOT / "benchmarks" / "results" / "train.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
