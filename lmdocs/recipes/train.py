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
import random
import sys
import time
from contextlib import nullcontext
from dataclasses import asdict
from pathlib import Path

import torch
from torch.nn.parallel import DistributedDataParallel as DDP

from lmdocs.recipes.baselines import build_model, model_args_for
from lmdocs.recipes.checkpoint import load_checkpoint, rng_state, save_checkpoint, set_rng_state
from lmdocs.recipes.config import (RecipeError, TrainConfig, config_from_dict, describe, make_config, override,
                                   split_args)
from lmdocs.recipes.data import BatchSampler, PreparedData, check_long_enough, get_batch, prepare
from lmdocs.recipes.distributed import Context, all_gather, barrier, setup, sum_across, teardown
from lmdocs.recipes.evaluate import bits_per_unit, evaluate
from lmdocs.recipes.metrics import MetricsLog, mfu, peak_flops, plot_metrics


class Diverged(RecipeError):
    """The loss became NaN or infinite."""


def lr_at(step: int, cfg: TrainConfig) -> float:
    """Linear warm-up to learning_rate, cosine decay to min_lr at lr_decay_iters, then flat."""
    decay_iters = cfg.lr_decay_iters or cfg.max_iters
    if step < cfg.warmup_iters:
        return cfg.learning_rate * (step + 1) / (cfg.warmup_iters + 1)
    if step >= decay_iters:
        return cfg.min_lr
    ratio = (step - cfg.warmup_iters) / max(1, decay_iters - cfg.warmup_iters)
    return cfg.min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (cfg.learning_rate - cfg.min_lr)


def make_optimizer(model: torch.nn.Module, cfg: TrainConfig, device: str) -> torch.optim.AdamW:
    """AdamW that decays matrices only (not biases, norms); the fused CUDA kernel on a GPU."""
    params = [p for p in model.parameters() if p.requires_grad]
    groups = [{"params": [p for p in params if p.dim() >= 2], "weight_decay": cfg.weight_decay},
              {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=cfg.learning_rate, betas=(cfg.beta1, cfg.beta2),
                             fused=device.startswith("cuda"))


def autocast_for(cfg: TrainConfig, device: str):
    """bfloat16 autocast on CUDA (or when asked for); plain float32 otherwise."""
    dtype = cfg.dtype if cfg.dtype != "auto" else ("bfloat16" if device.startswith("cuda") else "float32")
    if dtype == "float32":
        return "float32", nullcontext()
    return dtype, torch.autocast(device_type=device.split(":")[0], dtype=torch.bfloat16)


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


def train_step(model, optimizer, data: PreparedData, sampler: BatchSampler, cfg: TrainConfig,
               ctx: Context, autocast) -> torch.Tensor:
    """One optimiser step over grad_accum micro-batches; returns this process's mean loss (on device)."""
    B, T = cfg.batch_size, cfg.block_size
    total = torch.zeros((), device=ctx.device)
    for micro in range(cfg.grad_accum):
        offsets = sampler.offsets(B * ctx.world_size, high=len(data.train) - T)  # one global batch
        x, y = get_batch(data.train, offsets[ctx.rank * B:(ctx.rank + 1) * B], T)  # this process's slice
        if ctx.device.startswith("cuda"):
            x = x.pin_memory().to(ctx.device, non_blocking=True)
            y = y.pin_memory().to(ctx.device, non_blocking=True)
        last = micro == cfg.grad_accum - 1
        with model.no_sync() if ctx.ddp and not last else nullcontext():  # all-reduce once per step
            with autocast:
                _, loss = model(x, y)
            (loss / cfg.grad_accum).backward()
        total += loss.detach().float()
    if cfg.grad_clip > 0:
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    return total / cfg.grad_accum


def run(cfg: TrainConfig, saved: dict | None = None) -> dict:
    """Train with ``cfg`` (continuing ``saved`` if given); returns the last metrics."""
    ctx = setup(cfg.device)
    try:
        return _run(cfg, saved, ctx)
    finally:
        teardown(ctx)


def _run(cfg: TrainConfig, saved: dict | None, ctx: Context) -> dict:
    random.seed(cfg.seed + ctx.rank)
    torch.manual_seed(cfg.seed + ctx.rank)  # DDP copies rank 0's weights; dropout differs per rank
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    run_dir = Path(cfg.run_dir)
    data = _prepare(cfg, ctx)
    check_long_enough(data, cfg.block_size)
    vocab_size = cfg.vocab_size or data.meta["vocab_size"]
    if vocab_size < data.meta["vocab_size"]:
        raise RecipeError(f"--vocab_size={vocab_size} is smaller than the tokenizer's {data.meta['vocab_size']} "
                          "ids; leave it out (none) or make it larger")
    model_args = model_args_for(cfg.model, cfg, vocab_size)
    raw_model = build_model(cfg.model, model_args).to(ctx.device)
    optimizer = make_optimizer(raw_model, cfg, ctx.device)
    sampler, start = BatchSampler(cfg.seed), 0
    if saved is not None:
        start = _restore(saved, cfg, ctx, model_args, raw_model, optimizer, sampler)
    use_compile = cfg.compile if cfg.compile is not None else ctx.device.startswith("cuda")
    compiled = torch.compile(raw_model) if use_compile else raw_model
    model = compiled
    if ctx.ddp:  # averages gradients across processes during backward
        model = DDP(compiled, device_ids=[ctx.local_rank] if ctx.device.startswith("cuda") else None)
    dtype, autocast = autocast_for(cfg, ctx.device)
    peak = peak_flops(torch.cuda.get_device_name(ctx.device), dtype) if ctx.device.startswith("cuda") else None
    tokens_per_step = cfg.batch_size * cfg.grad_accum * ctx.world_size * cfg.block_size
    log = MetricsLog(run_dir / "metrics.jsonl", enabled=ctx.is_main)
    log.truncate_after(start) if saved is not None else log.reset()
    if ctx.is_main:
        print(f"{cfg.model}: {raw_model.num_params() / 1e6:.2f} M parameters, {len(data.train):,} training tokens, "
              f"{tokens_per_step:,} tokens per step, device {ctx.device} x{ctx.world_size}, {dtype}")
    from tqdm import tqdm
    bar = tqdm(total=cfg.max_iters, initial=start, disable=not (ctx.is_main and cfg.progress), unit="step")
    summary: dict = {"step": start}
    last_time, last_step = time.perf_counter(), start
    try:
        for step in range(start, cfg.max_iters):
            for group in optimizer.param_groups:
                group["lr"] = lr_at(step, cfg)
            step_loss = train_step(model, optimizer, data, sampler, cfg, ctx, autocast)
            bar.update(1)
            done = step + 1
            final = done == cfg.max_iters
            eval_due = final or (cfg.eval_interval and done % cfg.eval_interval == 0)
            ckpt_due = final or (cfg.ckpt_interval and done % cfg.ckpt_interval == 0)
            if not (final or eval_due or ckpt_due or done % cfg.log_interval == 0):
                continue
            loss = float(sum_across(ctx, step_loss)) / ctx.world_size
            if not math.isfinite(loss):
                raise Diverged(_diverged_message(loss, done, run_dir))
            now = time.perf_counter()
            tokens_per_s = (done - last_step) * tokens_per_step / (now - last_time)
            last_time, last_step = now, done
            util = mfu(raw_model.flops_per_token(), tokens_per_s / ctx.world_size, peak)
            summary.update(step=done, loss=loss, tokens_per_s=tokens_per_s, mfu=util)
            log.write(kind="train", step=done, loss=loss, lr=optimizer.param_groups[0]["lr"],
                      tokens_per_s=round(tokens_per_s, 1), mfu=util)
            bar.set_postfix(loss=f"{loss:.3f}", tok_s=f"{tokens_per_s:,.0f}",
                            mfu="n/a" if util is None else f"{util:.1%}")
            if eval_due and len(data.val):
                summary.update(_evaluate(raw_model, data, cfg, ctx, autocast, done, log))
                if ctx.is_main:
                    plot_metrics(log.read(), run_dir / "loss.png", title=f"{cfg.name} ({cfg.model})")
            if ckpt_due:
                _save(run_dir / "ckpt.pt", cfg, ctx, model_args, raw_model, optimizer, sampler, data, done)
            last_time = time.perf_counter()  # evaluation and saving do not count against tokens/s
    except KeyboardInterrupt:
        bar.close()
        if ctx.is_main:
            print(f"\ninterrupted; the last checkpoint is in {run_dir} (continue with --resume)", file=sys.stderr)
        raise
    bar.close()
    if ctx.is_main:
        _print_summary(summary, run_dir)
    return summary


def _prepare(cfg: TrainConfig, ctx: Context) -> PreparedData:
    """The main process writes the token files; the others wait, then read them."""
    args = (cfg.data, cfg.tokenizer, cfg.data_cache, cfg.val_fraction, cfg.bpe_vocab_size)
    if not ctx.is_main:
        barrier(ctx)
    data = prepare(*args)
    if ctx.is_main:
        barrier(ctx)
    return data


def _restore(saved: dict, cfg: TrainConfig, ctx: Context, model_args: dict, model, optimizer, sampler) -> int:
    if saved["model_type"] != cfg.model or saved["model_args"] != model_args:
        raise RecipeError(f"the checkpoint holds a {saved['model_type']} with {saved['model_args']}, but this run "
                          f"builds a {cfg.model} with {model_args}; drop the overrides that change the model")
    model.load_state_dict(saved["model"])
    optimizer.load_state_dict(saved["optimizer"])
    sampler.load_state_dict(saved["sampler"])
    rngs = saved["rng"]
    if len(rngs) == ctx.world_size:
        set_rng_state(rngs[ctx.rank])
    elif ctx.is_main:
        print(f"warning: the checkpoint was written by {len(rngs)} processes and this run has "
              f"{ctx.world_size}; dropout draws will differ from an uninterrupted run", file=sys.stderr)
    return int(saved["step"])


def _save(path: Path, cfg: TrainConfig, ctx: Context, model_args: dict, model, optimizer,
          sampler: BatchSampler, data: PreparedData, step: int) -> None:
    """Checkpoint after ``step`` if every weight is finite (the same on every process)."""
    rngs = all_gather(ctx, rng_state())  # each process's generators, so each resumes its own
    if not all(torch.isfinite(p).all() for p in model.parameters()):
        raise Diverged(_diverged_message(float("nan"), step, path.parent, what="a weight"))
    if ctx.is_main:
        save_checkpoint(path, {"model_type": cfg.model, "model_args": model_args, "model": model.state_dict(),
                               "optimizer": optimizer.state_dict(), "config": asdict(cfg), "step": step,
                               "sampler": sampler.state_dict(), "rng": rngs, "tokenizer": data.meta["tokenizer"]})
    barrier(ctx)


def _evaluate(model, data: PreparedData, cfg: TrainConfig, ctx: Context, autocast, step: int,
              log: MetricsLog) -> dict:
    """Score the validation text (or its first eval_tokens tokens) in bits per character and byte."""
    tokens = data.val[:cfg.eval_tokens] if cfg.eval_tokens else data.val
    nats, count = evaluate(model, tokens, int(data.train[-1]), cfg.block_size, cfg.batch_size,
                           ctx.device, autocast, ctx)
    if len(tokens) == len(data.val):
        chars, nbytes = data.meta["val_chars"], data.meta["val_bytes"]
    else:
        text = data.tokenizer.decode([int(i) for i in tokens])
        chars, nbytes = len(text), (len(tokens) if cfg.tokenizer == "byte" else len(text.encode("utf-8")))
    result = {"val_loss": nats / count, "bpc": bits_per_unit(nats, chars), "bpb": bits_per_unit(nats, nbytes)}
    log.write(kind="eval", step=step, **result)
    return result


def _diverged_message(loss: float, step: int, run_dir: Path, what: str = "the loss") -> str:
    ckpt = run_dir / "ckpt.pt"
    kept = f"the last good checkpoint {ckpt} is kept" if ckpt.exists() else "no checkpoint had been written yet"
    return (f"{what} became {loss} at step {step}, so training stopped; {kept}. Lower --learning_rate "
            "or set --grad_clip=1.0, then --resume")


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
