"""Training speed of the page's GPT: the JavaScript kernel in Pyodide (headless Chromium) against torch.

    .venv/bin/python -m benchmarks.transformer_train                  # the page batch, then 4 and 16
    .venv/bin/python -m benchmarks.transformer_train --batches 8 --rounds 5 --json /tmp/tt.json

Both train the page model (lmdocs/transformer/page_training.py: 2 blocks, 4 heads, width 64, 64
characters of context, Hafez characters) from the same random weights on the same batches: one
step is forward, cross-entropy, backward, clipping at 1.0 and AdamW (weight decay on the 2-D
weights). The peer is the recipe's torch model (``lmdocs.recipes.model.GPT``) on one CPU thread
(``torch.set_num_threads(1)``), in float32 (its default) and in float64 (the kernel's precision).
The kernel is ``Trainer.train`` in Pyodide, timed in chunks of --chunk steps with a callback every
10 steps, as the page runs it (the weights cross the Python/JavaScript bridge around each callback
and with AdamW's moments at each chunk's start and end; that is counted).

On a shared machine the figures move with the load, so torch and the kernel are measured in
alternating rounds, both in chunks of --chunk steps, and each side reports the median chunk and
the best one (other processes only ever add time, so the best chunks are the least disturbed);
the ratios kernel/torch come from the same run. Before timing, the peers are checked: three float64 torch steps must give the
kernel's losses (1e-9 relative), or the ratio would compare different work.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

KERNEL_CODE = r"""
import json, time
from lmdocs.transformer.page_training import page_trainer

def check_losses():
    trainer = page_trainer(seed=SEED)
    return trainer.train(3)

def rates(batch):
    trainer = page_trainer(seed=SEED, batch_size=batch)
    trainer.train(2)  # warm-up: the JavaScript engine compiles the hot loops
    times = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        trainer.train(CHUNK, callback=lambda t: None, every=10)  # as the page: a look at the model every 10 steps
        times.append((time.perf_counter() - began) / CHUNK)
    return times

out = {"check": check_losses(), "times": {}}
for batch in BATCHES:
    out["times"][batch] = rates(batch)
print(json.dumps(out))
"""


def torch_steps(trainer, batches, dtype, steps: int, warmup: int = 2) -> tuple[list[float], list[float]]:
    """Train the recipe's torch model from the trainer's weights on ``batches``; (seconds per step, losses)."""
    import torch

    from lmdocs.recipes.model import GPT, GPTConfig

    torch.set_num_threads(1)
    model = GPT(GPTConfig(**trainer.model.config.to_dict(), dropout=0.0)).to(dtype)
    state = {name: torch.tensor(value, dtype=dtype) for name, value in trainer.model.weights.items()}
    state["lm_head.weight"] = state["transformer.wte.weight"]
    model.load_state_dict(state)
    c = trainer.config
    params = list(model.parameters())
    optimizer = torch.optim.AdamW([{"params": [p for p in params if p.dim() >= 2], "weight_decay": c.weight_decay},
                                   {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0}],
                                  lr=c.learning_rate, betas=(c.beta1, c.beta2), eps=c.eps)
    times, losses = [], []
    for step in range(warmup + steps):
        x, y = batches[step % len(batches)]
        began = time.perf_counter()
        for group in optimizer.param_groups:
            group["lr"] = trainer.lr_at(step)
        _, loss = model(x, y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), c.grad_clip)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(loss.item())
        if step >= warmup:
            times.append(time.perf_counter() - began)
    return times, losses


def page_batches(batch: int, count: int, seed: int):
    """The page trainer (CPython) and its first ``count`` batches as tensors: what the kernel trains on."""
    import torch

    from lmdocs.transformer.page_training import page_trainer

    trainer = page_trainer(seed=seed, kernel="python", batch_size=batch)
    batches = [tuple(torch.tensor(part) for part in trainer.next_batch()) for _ in range(count)]
    return page_trainer(seed=seed, kernel="python", batch_size=batch), batches


def check_peers(kernel_losses: list[float], seed: int) -> None:
    """Three float64 torch steps from the same weights and batches must give the kernel's losses."""
    import torch

    from lmdocs.transformer.page_training import PAGE_TRAINING

    trainer, batches = page_batches(PAGE_TRAINING["batch_size"], 3, seed)
    _, losses = torch_steps(trainer, batches, torch.float64, steps=3, warmup=0)
    for ours, theirs in zip(kernel_losses, losses):
        if abs(ours - theirs) > 1e-9 * abs(theirs):
            raise RuntimeError(f"the kernel's losses {kernel_losses} differ from torch's {losses}: "
                               "the peers do not train the same model, a speed ratio would mean nothing")


def main(argv: list[str] | None = None) -> int:
    import torch

    from lmdocs.transformer.page_training import PAGE_TRAINING
    from support.pyodide import run_in_pyodide

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", default=None, help="comma-separated batch sizes (default: the page's, 4, 16)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of torch and the kernel")
    parser.add_argument("--chunk", type=int, default=30, help="kernel steps per timed chunk (a callback every 10)")
    parser.add_argument("--chunks", type=int, default=3, help="timed chunks per batch size, side and round")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    page_batch = PAGE_TRAINING["batch_size"]
    sizes = [int(b) for b in args.batches.split(",")] if args.batches else [page_batch, 4, 16]
    seq_len = PAGE_TRAINING["seq_len"]
    header = (f"SEED = {args.seed}\nBATCHES = {sizes!r}\nROUNDS = {args.chunks}\n"
              f"CHUNK = {args.chunk}\n")
    torch_times = {(b, d): [] for b in sizes for d in ("float32", "float64")}
    kernel_times = {b: [] for b in sizes}
    checked = False
    for round_ in range(args.rounds):
        for b in sizes:
            trainer, batches = page_batches(b, 8, args.seed)
            for name, dtype in (("float32", torch.float32), ("float64", torch.float64)):
                steps = torch_steps(trainer, batches, dtype, args.chunk * args.chunks)[0]
                torch_times[(b, name)] += [statistics.fmean(steps[i:i + args.chunk])
                                           for i in range(0, len(steps), args.chunk)]
        out = json.loads(run_in_pyodide(header + KERNEL_CODE, timeout=1800).strip().splitlines()[-1])
        if not checked:
            check_peers(out["check"], args.seed)
            checked = True
        for b in sizes:
            kernel_times[b] += out["times"][str(b)]
        print(f"round {round_ + 1}/{args.rounds} done (load {os.getloadavg()[0]:.1f})", flush=True)
    report = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}",
              "seq_len": seq_len, "rows": []}
    print(f"\nGPT training tokens per second, page model ({report['machine']}); {args.rounds} alternating "
          f"rounds of {args.chunks} chunks of {args.chunk} steps per side")
    print(f"{'batch':>5s} {'':6s} {'torch f32':>10s} {'torch f64':>10s} {'kernel':>8s} {'kernel/f32':>10s} "
          f"{'kernel/f64':>10s}")
    for b in sizes:
        tokens = b * seq_len
        row = {"batch": b, "page_default": b == page_batch}
        for label, pick in (("median", statistics.median), ("best", min)):
            f32 = tokens / pick(torch_times[(b, "float32")])
            f64 = tokens / pick(torch_times[(b, "float64")])
            js = tokens / pick(kernel_times[b])
            row[label] = {"torch_float32": f32, "torch_float64": f64, "kernel": js}
            mark = "  <- the page's batch" if b == page_batch and label == "median" else ""
            print(f"{b:5d} {label:6s} {f32:10.0f} {f64:10.0f} {js:8.0f} {js / f32:10.2f} {js / f64:10.2f}{mark}")
        report["rows"].append(row)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
