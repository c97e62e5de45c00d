"""What a run leaves in its folder, and how a run is saved, checked and restored.

    runs/<name>/ckpt.pt          the last good checkpoint: --resume continues from it
                 best.pt          the checkpoint with the lowest validation loss so far (nanoGPT's best_val_loss)
                 ckpt-000400.pt   the last --keep_last checkpoints, by step (hard links: no extra disk or time)
                 metrics.jsonl    one JSON object per log line and evaluation
                 loss.png         the loss curves, redrawn at each evaluation
                 previous/        the files of the run that --overwrite moved aside

A checkpoint is written only when it is *good*: every weight finite and its loss (the validation
loss when the step was evaluated, else the training loss) finite and not exploding, that is at most
``EXPLODING`` times the best loss of the same kind seen so far. A step whose loss explodes keeps
the previous ckpt.pt, and a run that then diverges names the step of the checkpoint it keeps.
Every checkpoint holds what ``restore`` needs to continue exactly: weights, optimiser, the float16
loss scaler, the sampler, every process's random generators, the best losses, the config and the
tokenizer.

>>> from types import SimpleNamespace
>>> from lmdocs.recipes.config import make_config
>>> diverging = SimpleNamespace(cfg=make_config("tiny", {"out_dir": "runs/x"}), kept=(200, "val", 1.91))
>>> print(diverged_message(diverging, "the loss", float("nan"), 230))
the loss became nan at step 230, so training stopped; runs/x/ckpt.pt (step 200, val loss 1.9100) is the last good checkpoint: lower the learning rate (now 0.003), continue from it with --resume --learning_rate=0.001
"""
from __future__ import annotations

import math
import os
import shutil
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import torch

from lmdocs.recipes.checkpoint import rng_state, save_checkpoint, set_rng_state
from lmdocs.recipes.config import RecipeError
from lmdocs.recipes.distributed import all_gather, barrier
from lmdocs.recipes.files import atomic_path, file_error

if TYPE_CHECKING:
    from lmdocs.recipes.run import Run

EXPLODING = 1.5  # a loss above this many times the best so far is exploding: its checkpoint is not kept
OUTPUTS = ("ckpt.pt", "best.pt", "metrics.jsonl", "loss.png")  # and ckpt-STEP.pt


class Diverged(RecipeError):
    """The loss or a weight became NaN or infinite."""


def move_aside(run_dir: Path) -> None:
    """--overwrite: move an earlier run's files to run_dir/previous/ (ckpt.pt first), before anything is written."""
    found = [run_dir / name for name in OUTPUTS if (run_dir / name).exists()] + sorted(run_dir.glob("ckpt-*.pt"))
    if not found:
        return
    previous = run_dir / "previous"
    try:
        if previous.exists():
            shutil.rmtree(previous)
        previous.mkdir()
        for path in found:  # a crash in between leaves no old ckpt.pt for --resume to mistake for this run's
            os.replace(path, previous / path.name)
    except OSError as error:
        raise file_error(error, f"move the previous run in {run_dir} aside (--overwrite)", "--out_dir") from None
    print(f"--overwrite: the previous run's files are now in {previous}", file=sys.stderr)


def checkpoint_state(run: Run, step: int, loss: tuple[str, float]) -> dict:
    """Everything a checkpoint holds; gathers every process's random generators (call on every process)."""
    return {"model_type": run.cfg.model, "model_args": run.model_args, "model": run.raw_model.state_dict(),
            "optimizer": run.optimizer.state_dict(), "config": asdict(run.cfg), "step": step,
            "sampler": run.sampler.state_dict(), "rng": all_gather(run.ctx, rng_state()),
            "tokenizer": run.data.meta["tokenizer"], "loss": list(loss),
            "scaler": run.scaler.state_dict() if run.scaler is not None else None,
            "best_val_loss": run.best_val_loss, "best_train_loss": run.best_train_loss}


def save_run(run: Run, step: int, train_loss: float, val_loss: float | None, checkpoint_due: bool) -> None:
    """After ``step``: check the run's health, then write ckpt.pt (when due and good), best.pt (when the
    validation loss improved) and the --keep_last copies. The same decisions on every process."""
    kind, loss = ("val", val_loss) if val_loss is not None else ("train", train_loss)
    if not math.isfinite(loss):
        raise Diverged(diverged_message(run, f"the {kind} loss", loss, step))
    if not all(torch.isfinite(p).all() for p in run.raw_model.parameters()):
        raise Diverged(diverged_message(run, "a weight", float("nan"), step))
    best = run.best_val_loss if kind == "val" else run.best_train_loss
    improved = val_loss is not None and val_loss < run.best_val_loss
    if improved:
        run.best_val_loss = val_loss
    if checkpoint_due and math.isfinite(best) and loss > EXPLODING * best:
        checkpoint_due = False
        if run.ctx.is_main:
            print(f"step {step}: {kind} loss {loss:.4f} is more than {EXPLODING} times the best ({best:.4f}); "
                  f"{_kept(run)} stays the checkpoint", file=sys.stderr)
    if not (checkpoint_due or improved):
        return
    state = checkpoint_state(run, step, (kind, loss))
    if run.ctx.is_main:
        ckpt = run.run_dir / "ckpt.pt"
        if checkpoint_due:
            save_checkpoint(ckpt, state)
            _keep_last(run.run_dir, step, run.cfg.keep_last)
        if improved:
            _copy(ckpt, run.run_dir / "best.pt") if checkpoint_due else save_checkpoint(run.run_dir / "best.pt", state)
    if checkpoint_due:
        run.kept = (step, kind, loss)
    barrier(run.ctx)


def _keep_last(run_dir: Path, step: int, keep: int) -> None:
    """ckpt.pt also as ckpt-STEP.pt, and only the newest ``keep`` of those."""
    if keep <= 0:
        return
    _copy(run_dir / "ckpt.pt", run_dir / f"ckpt-{step:06d}.pt")
    for old in sorted(run_dir.glob("ckpt-*.pt"))[:-keep]:
        old.unlink(missing_ok=True)


def _copy(source: Path, target: Path) -> None:
    """``target`` becomes the same file as ``source``: a hard link (instant), or a copy, atomically."""
    try:
        with atomic_path(target) as tmp:
            tmp.unlink()
            try:
                os.link(source, tmp)
            except OSError:  # a file system without hard links
                shutil.copyfile(source, tmp)
    except OSError as error:
        raise file_error(error, f"write {target}") from None


def restore(run: Run, saved: dict) -> None:
    """Load a checkpoint's weights, optimiser, scaler, sampler, random state and best losses into ``run``."""
    cfg, ctx = run.cfg, run.ctx
    if saved["model_type"] != cfg.model or saved["model_args"] != run.model_args:
        raise RecipeError(f"the checkpoint holds a {saved['model_type']} with {saved['model_args']}, but this run "
                          f"builds a {cfg.model} with {run.model_args}; drop the overrides that change the model")
    run.raw_model.load_state_dict(saved["model"])
    run.optimizer.load_state_dict(saved["optimizer"])
    run.sampler.load_state_dict(saved["sampler"])
    if run.scaler is not None and saved.get("scaler"):
        run.scaler.load_state_dict(saved["scaler"])
    run.best_val_loss = float(saved.get("best_val_loss", math.inf))
    run.best_train_loss = float(saved.get("best_train_loss", math.inf))
    run.start = int(saved["step"])
    kind, loss = saved.get("loss", ("train", math.nan))
    run.kept = (run.start, kind, float(loss))
    rngs = saved["rng"]
    if len(rngs) == ctx.world_size:
        set_rng_state(rngs[ctx.rank])
    elif ctx.is_main:
        print(f"warning: the checkpoint was written by {len(rngs)} processes and this run has "
              f"{ctx.world_size}; dropout draws will differ from an uninterrupted run", file=sys.stderr)


def _kept(run: Run) -> str:
    ckpt = Path(run.cfg.run_dir) / "ckpt.pt"
    if run.kept is None:
        return "no checkpoint"
    step, kind, loss = run.kept
    return f"{ckpt} (step {step}, {kind} loss {loss:.4f})" if math.isfinite(loss) else f"{ckpt} (step {step})"


def diverged_message(run: Run, what: str, value: float, step: int) -> str:
    """Why training stopped, which checkpoint is good, and what to change: one line."""
    cfg = run.cfg
    advice = [f"lower the learning rate (now {cfg.learning_rate:g})"]
    if cfg.grad_clip == 0:
        advice.append("clip the gradients (--grad_clip=1.0)")
    if run.kept is None:
        advice.append("train again with --overwrite")
        return (f"{what} became {value} at step {step}, so training stopped before any good checkpoint was "
                f"written: {', '.join(advice)}")
    flags = f"--resume --learning_rate={cfg.learning_rate / 3:.2g}" + (" --grad_clip=1.0" if cfg.grad_clip == 0 else "")
    advice.append(f"continue from it with {flags}")
    return (f"{what} became {value} at step {step}, so training stopped; {_kept(run)} is the last good "
            f"checkpoint: {', '.join(advice)}")
