"""Train a GPT (or an LSTM / minGRU baseline) on characters, bytes or BPE tokens.

    python -m lmdocs.recipes.train --config=tiny                      # CPU, a few minutes
    python -m lmdocs.recipes.train --config=tiny --max_iters=600 --resume
    python -m lmdocs.recipes.train --config=my_run.toml --dropout=0.1  # a config file, then overrides
    torchrun --standalone --nproc_per_node=8 -m lmdocs.recipes.train --config=gpt2-small

One optimiser step: ``grad_accum`` micro-batches per process (bf16 autocast on CUDA; float16 with
a loss scaler on GPUs without bf16), the gradient all-reduced by DDP on the last one, clipped to
``grad_clip``, then AdamW with a cosine learning rate after a linear warm-up. Every
``log_interval`` steps a line goes to runs/<name>/metrics.jsonl (loss, learning rate, tokens/s,
MFU); every ``eval_interval`` steps, and at every checkpoint, the validation text is scored in
bits per character, a plain line is printed (``step 100: train loss 2.1042, val loss 2.1893
(3.1586 bits/char), tok/s 41,233, mfu n/a``; with or without the progress bar) and loss.png is
redrawn; every ``ckpt_interval`` steps runs/<name>/ckpt.pt is replaced atomically, best.pt keeps
the lowest validation loss (``outputs.py``). A NaN or infinite loss stops the run and keeps the
last good checkpoint. A RecipeError (bad config, data, device, file system or checkpoint) prints
one line and exits with status 2.
Not handled: FSDP, data larger than memory at preparation time.
"""
from __future__ import annotations

import math
import sys
from contextlib import nullcontext
from pathlib import Path

import torch

from lmdocs.recipes.checkpoint import load_checkpoint
from lmdocs.recipes.config import (RecipeError, TrainConfig, config_from_dict, describe, make_config, override,
                                   split_args)
from lmdocs.recipes.distributed import setup, sum_across, teardown
from lmdocs.recipes.metrics import Throughput, log_line, mfu, plot_metrics
from lmdocs.recipes.outputs import Diverged, diverged_message, save_run
from lmdocs.recipes.run import Run, start_run


def lr_at(step: int, cfg: TrainConfig) -> float:
    """Linear warm-up to learning_rate, cosine decay to min_lr at lr_decay_iters, then flat."""
    decay_iters = cfg.lr_decay_iters or cfg.max_iters
    if step < cfg.warmup_iters:
        return cfg.learning_rate * (step + 1) / (cfg.warmup_iters + 1)
    if step >= decay_iters:
        return cfg.min_lr
    ratio = (step - cfg.warmup_iters) / max(1, decay_iters - cfg.warmup_iters)
    return cfg.min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (cfg.learning_rate - cfg.min_lr)


def load_run_config(argv: list[str]) -> tuple[TrainConfig, dict | None]:
    """The config to run and, with --resume, the checkpoint it continues (its config + these overrides)."""
    name, overrides = split_args(argv)
    cfg = make_config(name, overrides)
    if cfg.init_from is not None:
        raise RecipeError("--init_from is for fine-tuning (python -m lmdocs.recipes.sft); the trainer starts from "
                          "random weights, or from its own checkpoint with --resume")
    ckpt = Path(cfg.run_dir) / "ckpt.pt"
    if not cfg.resume:
        if ckpt.exists() and not cfg.overwrite:
            raise RecipeError(f"{ckpt} already exists; pass --resume to continue it, --overwrite to start "
                              "afresh, or --out_dir=... for a new run")
        return cfg, None
    if cfg.overwrite:
        raise RecipeError("--resume continues the run in out_dir and --overwrite replaces it; choose one")
    if not ckpt.exists():
        raise RecipeError(f"--resume: there is no checkpoint at {ckpt}; start without --resume")
    saved = load_checkpoint(ckpt)
    before = config_from_dict(saved["config"])
    cfg = override(before, {**overrides, "resume": True})
    if cfg.max_iters != before.max_iters and "lr_decay_iters" not in overrides and before.lr_decay_iters is None:
        # a run extended past its end keeps its schedule and goes on at min_lr
        cfg = override(cfg, {"lr_decay_iters": before.max_iters})
    return cfg, saved


def run(cfg: TrainConfig, saved: dict | None = None) -> dict:
    """Train with ``cfg`` (continuing ``saved`` if given); returns the last metrics."""
    ctx = setup(cfg.device)
    try:
        return train(start_run(cfg, ctx, saved))
    finally:
        teardown(ctx)


def _due(interval: int, done: int, last: bool) -> bool:
    """An evaluation or checkpoint every ``interval`` steps and at the end (0: only at the end; -1: never)."""
    return interval >= 0 and (last or (interval > 0 and done % interval == 0))


def train(run: Run) -> dict:
    """Steps from run.start to max_iters, logging, evaluating and saving when due; returns the last metrics."""
    cfg, ctx = run.cfg, run.ctx
    _print_header(run)
    from tqdm import tqdm
    bar = tqdm(total=cfg.max_iters, initial=run.start, disable=not (ctx.is_main and cfg.progress), unit="step")
    summary: dict = {"step": run.start}
    throughput = Throughput(run.start, run.tokens_per_step)
    try:
        for step in range(run.start, cfg.max_iters):
            for group in run.optimizer.param_groups:
                group["lr"] = lr_at(step, cfg)
            step_loss = train_step(run)
            bar.update(1)
            done = step + 1
            last = done == cfg.max_iters
            ckpt_due = _due(cfg.ckpt_interval, done, last)
            eval_due = cfg.eval_interval >= 0 and run.data.has_validation and (
                ckpt_due or _due(cfg.eval_interval, done, last))  # a checkpoint's loss says whether it is good
            log_due = done % cfg.log_interval == 0
            if not (eval_due or ckpt_due or log_due):
                continue
            summary.update(_report(run, step_loss, done, throughput, bar))
            scores = _evaluate(run, done) if eval_due else None
            summary.update(scores or {})
            if ctx.is_main and (scores or not cfg.progress):
                tqdm.write(log_line(summary if scores else {**summary, "val_loss": None}))
            if ckpt_due or scores:
                save_run(run, done, summary["loss"], scores and scores["val_loss"], ckpt_due)
            run.best_train_loss = min(run.best_train_loss, summary["loss"])
            throughput.restart()  # evaluation and saving do not count against tokens/s
    except KeyboardInterrupt:
        bar.close()
        if ctx.is_main:
            print(f"\ninterrupted; the last checkpoint is in {run.run_dir} (continue with --resume)", file=sys.stderr)
        raise
    bar.close()
    if ctx.is_main:
        _print_summary(summary, run.run_dir)
    return summary


def train_step(run: Run) -> torch.Tensor:
    """One optimiser step over grad_accum micro-batches; returns this process's mean loss (on device)."""
    cfg, ctx, model, scaler = run.cfg, run.ctx, run.model, run.scaler
    batches = run.data.step_batches(run.sampler, cfg, ctx)
    total = torch.zeros((), device=ctx.device)
    for micro, (x, y) in enumerate(batches):
        x, y = _to_device(x, ctx.device), _to_device(y, ctx.device)
        last = micro == len(batches) - 1
        with model.no_sync() if ctx.ddp and not last else nullcontext():  # all-reduce once per step
            with run.autocast:
                _, loss = model(x, y)
            share = loss / len(batches)
            (scaler.scale(share) if scaler is not None else share).backward()
        total += loss.detach().float()
    if scaler is not None:
        scaler.unscale_(run.optimizer)  # clip the true gradients, not the scaled ones
    if cfg.grad_clip > 0:
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
    if scaler is not None:
        scaler.step(run.optimizer)  # skips the step when a gradient overflowed, and lowers the scale
        scaler.update()
    else:
        run.optimizer.step()
    run.optimizer.zero_grad(set_to_none=True)
    return total / len(batches)


def _to_device(tensor: torch.Tensor, device: str) -> torch.Tensor:
    if device.startswith("cuda"):
        return tensor.pin_memory().to(device, non_blocking=True)
    return tensor.to(device)


def _report(run: Run, step_loss: torch.Tensor, step: int, throughput: Throughput, bar) -> dict:
    """The loss averaged over processes (NaN or infinite stops the run), tokens/s and MFU: logged and shown."""
    ctx = run.ctx
    loss = float(sum_across(ctx, step_loss)) / ctx.world_size
    if not math.isfinite(loss):
        raise Diverged(diverged_message(run, "the loss", loss, step))
    tokens_per_s = throughput.measure(step)
    util = mfu(run.raw_model.flops_per_token(), tokens_per_s / ctx.world_size, run.peak)
    run.log.write(kind="train", step=step, loss=loss, lr=run.optimizer.param_groups[0]["lr"],
                  tokens_per_s=round(tokens_per_s, 1), mfu=util)
    bar.set_postfix(loss=f"{loss:.3f}", tok_s=f"{tokens_per_s:,.0f}", mfu="n/a" if util is None else f"{util:.1%}")
    return {"step": step, "loss": loss, "tokens_per_s": tokens_per_s, "mfu": util}


def _evaluate(run: Run, step: int) -> dict:
    """Score the validation data (``run.data.validate``), log it and redraw the plot."""
    result = run.data.validate(run.raw_model, run.cfg, run.ctx, run.autocast)
    run.log.write(kind="eval", step=step, **result)
    if run.ctx.is_main:
        plot_metrics(run.log.read(), run.run_dir / "loss.png", title=f"{run.cfg.name} ({run.cfg.model})")
    return result


def _print_header(run: Run) -> None:
    if run.ctx.is_main:
        print(f"{run.cfg.model}: {run.raw_model.num_params() / 1e6:.2f} M parameters, "
              f"{run.data.describe()}, {run.tokens_per_step:,} tokens per step, "
              f"device {run.ctx.device} x{run.ctx.world_size}, {run.dtype}")


def _print_summary(summary: dict, run_dir: Path) -> None:
    parts = [f"step {summary['step']}"]
    if "loss" in summary:
        parts.append(f"train loss {summary['loss']:.4f}")
    if "bpc" in summary:
        per_byte = f", {summary['bpb']:.4f} bits/byte" if "bpb" in summary else ""
        parts.append(f"val {summary['bpc']:.4f} bits/char{per_byte}")
    if "tokens_per_s" in summary:
        util = summary.get("mfu")
        parts.append(f"{summary['tokens_per_s']:,.0f} tokens/s, MFU {'n/a' if util is None else f'{util:.1%}'}")
    print("; ".join(parts) + f"; outputs in {run_dir}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "-h" in argv or "--help" in argv:
        print(describe())
        return 0
    try:
        run(*load_run_config(argv))
    except RecipeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
