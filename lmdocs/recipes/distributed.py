"""One process or many: DDP setup from torchrun's environment, device choice, collectives.

    torchrun --standalone --nproc_per_node=8 -m lmdocs.recipes.train --config=gpt2-small
    torchrun --nnodes=2 --node_rank=0 --master_addr=HOST --master_port=29500 \\
             --nproc_per_node=8 -m lmdocs.recipes.train --config=gpt2-small

torchrun sets RANK, LOCAL_RANK and WORLD_SIZE; without them the run is a single process. CUDA
processes talk over NCCL, CPU processes over gloo (the tests run two gloo processes on CPU).
Each process takes its own slice of every global batch, so a run on W processes with batch_size
B follows the same loss curve as one process with batch_size W*B.
Not handled: FSDP or tensor parallelism (a GPT-2-sized model fits on one GPU).
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import torch
import torch.distributed as dist

from lmdocs.recipes.config import RecipeError


@dataclass
class Context:
    rank: int = 0
    local_rank: int = 0
    world_size: int = 1
    device: str = "cpu"

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @property
    def ddp(self) -> bool:
        return self.world_size > 1

    @property
    def is_local_main(self) -> bool:
        """The first process on this machine: it prepares the data that this machine's processes read."""
        return self.local_rank == 0


def resolve_device(request: str, local_rank: int = 0, world_size: int = 1) -> str:
    """"auto" -> cuda:LOCAL_RANK when a GPU is present, else cpu; reject a device that is not there."""
    if request == "auto":
        request = "cuda" if torch.cuda.is_available() else "cpu"
    if request.startswith("cuda"):
        if not torch.cuda.is_available():
            raise RecipeError(f"--device={request} was requested but this machine has no CUDA GPU "
                              "(torch.cuda.is_available() is False); use --device=cpu or --device=auto")
        if request != "cuda":
            if world_size > 1:
                raise RecipeError(f"--device={request} names one GPU for all {world_size} processes; use "
                                  "--device=cuda (each process takes the GPU of its local rank)")
            return request
        gpus = torch.cuda.device_count()
        if local_rank >= gpus:
            raise RecipeError(f"this machine has {gpus} GPU{'s' if gpus != 1 else ''} but torchrun started more "
                              f"processes on it (local rank {local_rank}); use --nproc_per_node={gpus} or fewer")
        return f"cuda:{local_rank}"
    if request == "mps" and not torch.backends.mps.is_available():
        raise RecipeError("--device=mps was requested but MPS is not available; use --device=cpu")
    if request not in ("cpu", "mps"):
        raise RecipeError(f"--device={request} is not a device; use auto, cpu, cuda, cuda:N or mps")
    return request


def setup(device_request: str) -> Context:
    """Join the process group when started by torchrun; choose this process's device.

    The device is checked before joining, so a process without a GPU of its own stops with one line
    (torchrun then stops the others) instead of a CUDA error inside the collective set-up.
    """
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    rank, local_rank = int(os.environ.get("RANK", "0")), int(os.environ.get("LOCAL_RANK", "0"))
    device = resolve_device(device_request, local_rank, world_size)
    if world_size > 1:
        if device.startswith("cuda"):
            torch.cuda.set_device(device)
        dist.init_process_group(backend="nccl" if device.startswith("cuda") else "gloo")
    return Context(rank, local_rank, world_size, device)


def teardown(ctx: Context) -> None:
    if ctx.ddp and dist.is_initialized():
        dist.destroy_process_group()


def all_gather(ctx: Context, obj: object) -> list:
    """Every process's ``obj``, in rank order (a one-item list on a single process)."""
    if not ctx.ddp:
        return [obj]
    gathered: list = [None] * ctx.world_size
    dist.all_gather_object(gathered, obj)
    return gathered


def sum_across(ctx: Context, values: torch.Tensor) -> torch.Tensor:
    """Element-wise sum of ``values`` over all processes."""
    if ctx.ddp:
        values = values.clone()
        dist.all_reduce(values, op=dist.ReduceOp.SUM)
    return values


def barrier(ctx: Context) -> None:
    if ctx.ddp:
        dist.barrier()
