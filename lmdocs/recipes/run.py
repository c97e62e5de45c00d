"""One training run: its state (``Run``) and how it starts, fresh, from a checkpoint, or from given data.

``start_run`` seeds the generators, moves an old run aside (``--overwrite``), prepares the data
(the first process of each machine writes the token files, the others wait for them), builds the
model by name (``factory``), its AdamW optimiser, the loss scaler for float16 and the batch
sampler, loads a checkpoint to continue if one is given, then compiles the model (on CUDA) and
wraps it in DDP (several processes). The result is one ``Run`` object that the trainer's loop
(``train.py``) passes to every step, evaluation and checkpoint, instead of a long list of
arguments. What a run writes to its folder and how it is read back is ``outputs.py``.

>>> from lmdocs.recipes.config import make_config
>>> autocast_for(make_config("tiny"), "cpu")[0]  # no autocast on a CPU
'float32'
>>> autocast_for(make_config("tiny", {"dtype": "float16"}), "cpu")[0]  # float16 (with loss scaling) on request
'float16'
"""
from __future__ import annotations

import math
import random
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import torch
from torch.nn.parallel import DistributedDataParallel as DDP

from lmdocs.compute import peak_flops
from lmdocs.recipes.config import RecipeError, TrainConfig
from lmdocs.recipes.data import BatchSampler, PreparedData, check_long_enough, prepare
from lmdocs.recipes.distributed import Context
from lmdocs.recipes.factory import build_model, model_args_for
from lmdocs.recipes.files import writable_dir
from lmdocs.recipes.metrics import MetricsLog
from lmdocs.recipes.outputs import move_aside, restore


@dataclass
class Run:
    """One training run in one process: everything a step, an evaluation and a checkpoint work with."""

    cfg: TrainConfig
    ctx: Context  # this process: rank, world size, device
    data: PreparedData  # or any data with the same step_batches / validate / describe / meta (sft's Conversations)
    model_args: dict  # what the checkpoint stores to rebuild the model (factory.build_model)
    raw_model: torch.nn.Module  # the model itself: its state_dict is what a checkpoint saves
    model: torch.nn.Module  # what a step calls: raw_model, compiled and/or wrapped in DDP
    optimizer: torch.optim.AdamW
    sampler: BatchSampler
    dtype: str  # "float32", or "bfloat16" / "float16" under autocast
    autocast: AbstractContextManager
    log: MetricsLog
    scaler: torch.amp.GradScaler | None = None  # float16 only: scales the loss so small gradients survive
    start: int = 0  # the first step to take: the checkpoint's step when resuming
    best_val_loss: float = math.inf  # the lowest validation loss so far (best.pt holds that model)
    best_train_loss: float = math.inf  # the lowest training loss reported so far
    kept: tuple[int, str, float] | None = None  # (step, "val"/"train", loss) of ckpt.pt, the last good checkpoint

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
        if not device.startswith("cuda"):
            return None
        return peak_flops(torch.cuda.get_device_name(device), "float32" if self.dtype == "float32" else "bfloat16")


def make_optimizer(model: torch.nn.Module, cfg: TrainConfig, device: str) -> torch.optim.AdamW:
    """AdamW that decays matrices only (not biases, norms); the fused CUDA kernel on a GPU."""
    params = [p for p in model.parameters() if p.requires_grad]
    groups = [{"params": [p for p in params if p.dim() >= 2], "weight_decay": cfg.weight_decay},
              {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=cfg.learning_rate, betas=(cfg.beta1, cfg.beta2),
                             fused=device.startswith("cuda"))


def autocast_for(cfg: TrainConfig, device: str) -> tuple[str, AbstractContextManager]:
    """bfloat16 autocast on CUDA (float16 on GPUs without bfloat16: T4, V100), or as asked; else float32."""
    dtype = cfg.dtype
    if dtype == "auto":
        if device.startswith("cuda"):
            dtype = "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
        else:
            dtype = "float32"
    if dtype == "float32":
        return "float32", nullcontext()
    return dtype, torch.autocast(device_type=device.split(":")[0], dtype=getattr(torch, dtype))


def make_scaler(dtype: str, device: str) -> torch.amp.GradScaler | None:
    """A GradScaler for float16 autocast (its 5 exponent bits lose small gradients); None otherwise."""
    return torch.amp.GradScaler(device.split(":")[0]) if dtype == "float16" else None


def start_run(cfg: TrainConfig, ctx: Context, saved: dict | None, data=None, weights: dict | None = None) -> Run:
    """Seed, prepare the data (unless ``data`` is given), build the model and its optimiser, start from
    ``weights`` (a state_dict: fine-tuning) if given, and continue ``saved`` (a checkpoint) if given."""
    random.seed(cfg.seed + ctx.rank)
    torch.manual_seed(cfg.seed + ctx.rank)  # DDP copies rank 0's weights; dropout differs per rank
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    if ctx.is_main:
        writable_dir(cfg.run_dir, "--out_dir")
        if saved is None and cfg.overwrite:
            move_aside(Path(cfg.run_dir))
    if data is None:
        data = prepare(cfg.data, cfg.tokenizer, cfg.data_cache, cfg.val_fraction, cfg.bpe_vocab_size,
                       writer=ctx.is_local_main)
        check_long_enough(data, cfg.block_size)
    model_args = model_args_for(cfg, _vocab_size(cfg, data))
    raw_model = build_model(cfg.model, model_args).to(ctx.device)
    raw_model.loss_chunk = cfg.loss_chunk
    if weights is not None:
        raw_model.load_state_dict(weights)
    optimizer = make_optimizer(raw_model, cfg, ctx.device)
    dtype, autocast = autocast_for(cfg, ctx.device)
    log = MetricsLog(Path(cfg.run_dir) / "metrics.jsonl", enabled=ctx.is_main)
    run = Run(cfg, ctx, data, model_args, raw_model, raw_model, optimizer, BatchSampler(cfg.seed), dtype,
              autocast, log, make_scaler(dtype, ctx.device))
    if saved is not None:
        restore(run, saved)
    run.model = _compile_and_wrap(run)
    log.truncate_after(run.start) if saved is not None else log.reset()
    return run


def _vocab_size(cfg: TrainConfig, data) -> int:
    """The model's vocabulary: the tokenizer's, or larger when --vocab_size pads it."""
    vocab_size = cfg.vocab_size or data.meta["vocab_size"]
    if vocab_size < data.meta["vocab_size"]:
        raise RecipeError(f"--vocab_size={vocab_size} is smaller than the tokenizer's {data.meta['vocab_size']} "
                          "ids; leave it out (none) or make it larger")
    return vocab_size


def _compile_and_wrap(run: Run) -> torch.nn.Module:
    """torch.compile (on CUDA unless --compile says otherwise, in --compile_mode), then DDP when there are
    several processes."""
    cfg, ctx = run.cfg, run.ctx
    use_compile = cfg.compile if cfg.compile is not None else ctx.device.startswith("cuda")
    model = torch.compile(run.raw_model, mode=cfg.compile_mode) if use_compile else run.raw_model
    if ctx.ddp:  # averages gradients across processes during backward
        model = DDP(model, device_ids=[ctx.local_rank] if ctx.device.startswith("cuda") else None)
    return model
