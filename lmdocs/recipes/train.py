"""Train a GPT (or an LSTM / minGRU baseline) on characters, bytes or BPE tokens.

    python -m lmdocs.recipes.train --config=tiny                      # CPU, a few minutes
    python -m lmdocs.recipes.train --config=tiny --max_iters=600 --resume
    torchrun --standalone --nproc_per_node=8 -m lmdocs.recipes.train --config=gpt2-small

One optimiser step: ``grad_accum`` micro-batches per process (bf16 autocast on CUDA), the
gradient all-reduced by DDP on the last one, clipped to ``grad_clip``, then AdamW with a cosine
learning rate after a linear warm-up. Every ``log_interval`` steps a line goes to
runs/<name>/metrics.jsonl (loss, learning rate, tokens/s, MFU); every ``eval_interval`` steps
the validation text is scored in bits per character and loss.png is redrawn; every
``ckpt_interval`` steps runs/<name>/ckpt.pt is replaced atomically. A NaN or infinite loss stops
the run and keeps the last good checkpoint. A RecipeError (bad config, data, device or
checkpoint) prints one line and exits with status 2.
Not handled: FSDP, mixed float16 (use bfloat16), data larger than memory at preparation time.
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
from lmdocs.recipes.data import get_batch
from lmdocs.recipes.distributed import setup, sum_across, teardown
from lmdocs.recipes.evaluate import bits_per_unit, evaluate
from lmdocs.recipes.metrics import Throughput, mfu, plot_metrics
from lmdocs.recipes.run import Diverged, Run, diverged_message, save_run, start_run


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
    ckpt = Path(cfg.run_dir) / "ckpt.pt"
    if not cfg.resume:
        if ckpt.exists() and not cfg.overwrite:
            raise RecipeError(f"{ckpt} already exists; pass --resume to continue it, --overwrite to start "
                              "afresh, or --out_dir=... for a new run")
        return cfg, None
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
            eval_due = done == cfg.max_iters or (cfg.eval_interval and done % cfg.eval_interval == 0)
            ckpt_due = done == cfg.max_iters or (cfg.ckpt_interval and done % cfg.ckpt_interval == 0)
            if not (eval_due or ckpt_due or done % cfg.log_interval == 0):
                continue
            summary.update(_report(run, step_loss, done, throughput, bar))
            if eval_due and len(run.data.val):
                summary.update(_evaluate(run, done))
            if ckpt_due:
                save_run(run, done)
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
    cfg, ctx, model = run.cfg, run.ctx, run.model
    total = torch.zeros((), device=ctx.device)
    for micro in range(cfg.grad_accum):
        x, y = _micro_batch(run)
        last = micro == cfg.grad_accum - 1
        with model.no_sync() if ctx.ddp and not last else nullcontext():  # all-reduce once per step
            with run.autocast:
                _, loss = model(x, y)
            (loss / cfg.grad_accum).backward()
        total += loss.detach().float()
    if cfg.grad_clip > 0:
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
    run.optimizer.step()
    run.optimizer.zero_grad(set_to_none=True)
    return total / cfg.grad_accum


def _micro_batch(run: Run) -> tuple[torch.Tensor, torch.Tensor]:
    """This process's slice of one global batch of windows, on its device."""
    B, T, ctx = run.cfg.batch_size, run.cfg.block_size, run.ctx
    offsets = run.sampler.offsets(B * ctx.world_size, high=len(run.data.train) - T)  # one global batch
    x, y = get_batch(run.data.train, offsets[ctx.rank * B:(ctx.rank + 1) * B], T)  # this process's slice
    if ctx.device.startswith("cuda"):
        x = x.pin_memory().to(ctx.device, non_blocking=True)
        y = y.pin_memory().to(ctx.device, non_blocking=True)
    return x, y


def _report(run: Run, step_loss: torch.Tensor, step: int, throughput: Throughput, bar) -> dict:
    """The loss averaged over processes (NaN or infinite stops the run), tokens/s and MFU: logged and shown."""
    ctx = run.ctx
    loss = float(sum_across(ctx, step_loss)) / ctx.world_size
    if not math.isfinite(loss):
        raise Diverged(diverged_message(loss, step, run.run_dir))
    tokens_per_s = throughput.measure(step)
    util = mfu(run.raw_model.flops_per_token(), tokens_per_s / ctx.world_size, run.peak)
    run.log.write(kind="train", step=step, loss=loss, lr=run.optimizer.param_groups[0]["lr"],
                  tokens_per_s=round(tokens_per_s, 1), mfu=util)
    bar.set_postfix(loss=f"{loss:.3f}", tok_s=f"{tokens_per_s:,.0f}", mfu="n/a" if util is None else f"{util:.1%}")
    return {"step": step, "loss": loss, "tokens_per_s": tokens_per_s, "mfu": util}


def _evaluate(run: Run, step: int) -> dict:
    """Score the validation text (or its first eval_tokens tokens) in bits per character and byte; plot."""
    cfg, data = run.cfg, run.data
    tokens = data.val[:cfg.eval_tokens] if cfg.eval_tokens else data.val
    nats, count = evaluate(run.raw_model, tokens, int(data.train[-1]), cfg.block_size, cfg.batch_size,
                           run.ctx.device, run.autocast, run.ctx)
    if len(tokens) == len(data.val):
        chars, nbytes = data.meta["val_chars"], data.meta["val_bytes"]
    else:
        text = data.tokenizer.decode([int(i) for i in tokens])
        chars, nbytes = len(text), (len(tokens) if cfg.tokenizer == "byte" else len(text.encode("utf-8")))
    result = {"val_loss": nats / count, "bpc": bits_per_unit(nats, chars), "bpb": bits_per_unit(nats, nbytes)}
    run.log.write(kind="eval", step=step, **result)
    if run.ctx.is_main:
        plot_metrics(run.log.read(), run.run_dir / "loss.png", title=f"{cfg.name} ({cfg.model})")
    return result


def _print_header(run: Run) -> None:
    if run.ctx.is_main:
        print(f"{run.cfg.model}: {run.raw_model.num_params() / 1e6:.2f} M parameters, "
              f"{len(run.data.train):,} training tokens, {run.tokens_per_step:,} tokens per step, "
              f"device {run.ctx.device} x{run.ctx.world_size}, {run.dtype}")


def _print_summary(summary: dict, run_dir: Path) -> None:
    parts = [f"step {summary['step']}"]
    if "loss" in summary:
        parts.append(f"train loss {summary['loss']:.4f}")
    if "bpc" in summary:
        parts.append(f"val {summary['bpc']:.4f} bits/char, {summary['bpb']:.4f} bits/byte")
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
