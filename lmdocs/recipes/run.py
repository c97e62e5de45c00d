"""One training run: its state (``Run``), how it starts, fresh or from a checkpoint, and how it is saved.

``start_run`` seeds the generators, prepares the data (the main process writes the token files,
the others wait), builds the model by name (``factory``), its AdamW optimiser and the batch
sampler, loads a checkpoint to continue if one is given, then compiles the model (on CUDA) and
wraps it in DDP (several processes). The result is one ``Run`` object that the trainer's loop
(``train.py``) passes to every step, evaluation and checkpoint, instead of a long list of
arguments. ``save_run`` writes what ``_restore`` reads: weights, optimiser, sampler, every
process's random generators, the config and the tokenizer, so a resumed run continues exactly
as an uninterrupted one would.

>>> from lmdocs.recipes.config import make_config
>>> autocast_for(make_config("tiny"), "cpu")[0]  # no autocast on a CPU
'float32'
"""
from __future__ import annotations

import random
import sys
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from torch.nn.parallel import DistributedDataParallel as DDP

from lmdocs.compute import peak_flops
from lmdocs.recipes.checkpoint import rng_state, save_checkpoint, set_rng_state
from lmdocs.recipes.config import RecipeError, TrainConfig
from lmdocs.recipes.data import BatchSampler, PreparedData, check_long_enough, prepare
from lmdocs.recipes.distributed import Context, all_gather, barrier
from lmdocs.recipes.factory import build_model, model_args_for
from lmdocs.recipes.metrics import MetricsLog


class Diverged(RecipeError):
    """The loss became NaN or infinite."""


@dataclass
class Run:
    """One training run in one process: everything a step, an evaluation and a checkpoint work with."""

    cfg: TrainConfig
    ctx: Context  # this process: rank, world size, device
    data: PreparedData
    model_args: dict  # what the checkpoint stores to rebuild the model (factory.build_model)
    raw_model: torch.nn.Module  # the model itself: its state_dict is what a checkpoint saves
    model: torch.nn.Module  # what a step calls: raw_model, compiled and/or wrapped in DDP
    optimizer: torch.optim.AdamW
    sampler: BatchSampler
    dtype: str  # "float32", or "bfloat16" under autocast
    autocast: AbstractContextManager
    log: MetricsLog
    start: int = 0  # the first step to take: the checkpoint's step when resuming

    @property
    def run_dir(self) -> Path:
        return Path(self.cfg.run_dir)

    @property
    def tokens_per_step(self) -> int:
        cfg = self.cfg
        return cfg.batch_size * cfg.grad_accum * self.ctx.world_size * cfg.block_size

    @property
    def peak(self) -> float | None:
        """The device's dense peak FLOP/s (for MFU); None on a CPU or an unknown GPU."""
        device = self.ctx.device
        return peak_flops(torch.cuda.get_device_name(device), self.dtype) if device.startswith("cuda") else None


def make_optimizer(model: torch.nn.Module, cfg: TrainConfig, device: str) -> torch.optim.AdamW:
    """AdamW that decays matrices only (not biases, norms); the fused CUDA kernel on a GPU."""
    params = [p for p in model.parameters() if p.requires_grad]
    groups = [{"params": [p for p in params if p.dim() >= 2], "weight_decay": cfg.weight_decay},
              {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=cfg.learning_rate, betas=(cfg.beta1, cfg.beta2),
                             fused=device.startswith("cuda"))


def autocast_for(cfg: TrainConfig, device: str) -> tuple[str, AbstractContextManager]:
    """bfloat16 autocast on CUDA (or when asked for); plain float32 otherwise."""
    dtype = cfg.dtype if cfg.dtype != "auto" else ("bfloat16" if device.startswith("cuda") else "float32")
    if dtype == "float32":
        return "float32", nullcontext()
    return dtype, torch.autocast(device_type=device.split(":")[0], dtype=torch.bfloat16)


def start_run(cfg: TrainConfig, ctx: Context, saved: dict | None) -> Run:
    """Seed, prepare the data, build the model and its optimiser, and continue ``saved`` if given."""
    random.seed(cfg.seed + ctx.rank)
    torch.manual_seed(cfg.seed + ctx.rank)  # DDP copies rank 0's weights; dropout differs per rank
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    data = _prepare(cfg, ctx)
    check_long_enough(data, cfg.block_size)
    model_args = model_args_for(cfg, _vocab_size(cfg, data))
    raw_model = build_model(cfg.model, model_args).to(ctx.device)
    optimizer = make_optimizer(raw_model, cfg, ctx.device)
    dtype, autocast = autocast_for(cfg, ctx.device)
    log = MetricsLog(Path(cfg.run_dir) / "metrics.jsonl", enabled=ctx.is_main)
    run = Run(cfg, ctx, data, model_args, raw_model, raw_model, optimizer, BatchSampler(cfg.seed), dtype,
              autocast, log)
    if saved is not None:
        run.start = _restore(run, saved)
    run.model = _compile_and_wrap(run)
    log.truncate_after(run.start) if saved is not None else log.reset()
    return run


def _prepare(cfg: TrainConfig, ctx: Context) -> PreparedData:
    """The main process writes the token files; the others wait, then read them."""
    args = (cfg.data, cfg.tokenizer, cfg.data_cache, cfg.val_fraction, cfg.bpe_vocab_size)
    if not ctx.is_main:
        barrier(ctx)
    data = prepare(*args)
    if ctx.is_main:
        barrier(ctx)
    return data


def _vocab_size(cfg: TrainConfig, data: PreparedData) -> int:
    """The model's vocabulary: the tokenizer's, or larger when --vocab_size pads it."""
    vocab_size = cfg.vocab_size or data.meta["vocab_size"]
    if vocab_size < data.meta["vocab_size"]:
        raise RecipeError(f"--vocab_size={vocab_size} is smaller than the tokenizer's {data.meta['vocab_size']} "
                          "ids; leave it out (none) or make it larger")
    return vocab_size


def _compile_and_wrap(run: Run) -> torch.nn.Module:
    """torch.compile (on CUDA unless --compile says otherwise), then DDP when there are several processes."""
    cfg, ctx = run.cfg, run.ctx
    use_compile = cfg.compile if cfg.compile is not None else ctx.device.startswith("cuda")
    model = torch.compile(run.raw_model) if use_compile else run.raw_model
    if ctx.ddp:  # averages gradients across processes during backward
        model = DDP(model, device_ids=[ctx.local_rank] if ctx.device.startswith("cuda") else None)
    return model


def _restore(run: Run, saved: dict) -> int:
    """Load the checkpoint's weights, optimiser, sampler and random state; returns its step."""
    cfg, ctx = run.cfg, run.ctx
    if saved["model_type"] != cfg.model or saved["model_args"] != run.model_args:
        raise RecipeError(f"the checkpoint holds a {saved['model_type']} with {saved['model_args']}, but this run "
                          f"builds a {cfg.model} with {run.model_args}; drop the overrides that change the model")
    run.raw_model.load_state_dict(saved["model"])
    run.optimizer.load_state_dict(saved["optimizer"])
    run.sampler.load_state_dict(saved["sampler"])
    rngs = saved["rng"]
    if len(rngs) == ctx.world_size:
        set_rng_state(rngs[ctx.rank])
    elif ctx.is_main:
        print(f"warning: the checkpoint was written by {len(rngs)} processes and this run has "
              f"{ctx.world_size}; dropout draws will differ from an uninterrupted run", file=sys.stderr)
    return int(saved["step"])


def save_run(run: Run, step: int) -> None:
    """Checkpoint after ``step`` if every weight is finite (the same on every process)."""
    ctx, path = run.ctx, run.run_dir / "ckpt.pt"
    rngs = all_gather(ctx, rng_state())  # each process's generators, so each resumes its own
    if not all(torch.isfinite(p).all() for p in run.raw_model.parameters()):
        raise Diverged(diverged_message(float("nan"), step, run.run_dir, what="a weight"))
    if ctx.is_main:
        save_checkpoint(path, {"model_type": run.cfg.model, "model_args": run.model_args,
                               "model": run.raw_model.state_dict(), "optimizer": run.optimizer.state_dict(),
                               "config": asdict(run.cfg), "step": step, "sampler": run.sampler.state_dict(),
                               "rng": rngs, "tokenizer": run.data.meta["tokenizer"]})
    barrier(ctx)


def diverged_message(loss: float, step: int, run_dir: Path, what: str = "the loss") -> str:
    ckpt = run_dir / "ckpt.pt"
    kept = f"the last good checkpoint {ckpt} is kept" if ckpt.exists() else "no checkpoint had been written yet"
    return (f"{what} became {loss} at step {step}, so training stopped; {kept}. Lower --learning_rate "
            "or set --grad_clip=1.0, then --resume")
