"""Checkpoints that survive a crash: written atomically, checked when read.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "ckpt.pt"
>>> save_checkpoint(path, {"model_type": "gpt", "model_args": {}, "model": {}, "config": {},
...                        "step": 3, "tokenizer": {"kind": "byte"}})
>>> load_checkpoint(path)["step"]
3
>>> _ = path.write_bytes(path.read_bytes()[:100]); load_checkpoint(path)   # doctest: +ELLIPSIS
Traceback (most recent call last):
...
lmdocs.recipes.config.RecipeError: checkpoint ... is corrupt or truncated (...); use an earlier checkpoint or train again
>>> import shutil; shutil.rmtree(path.parent)

``save_checkpoint`` writes to a temporary file in the same folder, flushes it to disk, then
``os.replace``-s it over the old one (``files.atomic_path``): a process killed at any moment
(SIGKILL included) leaves either the previous checkpoint or the new one, never half of one, and a
full disk leaves the previous one with a one-line RecipeError. ``load_checkpoint`` reads with
``weights_only=True`` (no code runs from the file) and turns a truncated or foreign file into a
one-line RecipeError. ``rng_state``/``set_rng_state`` capture what makes a resumed run draw the
same random numbers as an uninterrupted one (Python, torch CPU, every CUDA device).
Not handled: sharded (FSDP) state; the optimiser state is saved whole by the main process.
"""
from __future__ import annotations

import random
from pathlib import Path

import torch

from lmdocs.recipes.config import RecipeError
from lmdocs.recipes.files import atomic_path, file_error

FORMAT = "lmdocs-recipes/1"
REQUIRED = ("format", "model_type", "model_args", "model", "config", "step", "tokenizer")


def save_checkpoint(path: str | Path, state: dict) -> None:
    """Write ``state`` (plus a format tag) to ``path`` atomically; on failure the old file stays."""
    path = Path(path)
    try:
        with atomic_path(path) as tmp:
            write_state({"format": FORMAT, **state}, tmp)
    except OSError as error:  # a full disk, a folder we may not write in
        raise file_error(error, f"write the checkpoint {path} (the previous one is kept)", "--out_dir") from None
    except RuntimeError as error:  # torch's own writer failing (it names no errno)
        reason = str(error).strip().splitlines()[0][:100]
        raise RecipeError(f"cannot write the checkpoint {path} ({reason}); the previous one is kept; "
                          "check the free disk space") from None


def write_state(state: dict, path: Path) -> None:
    """torch.save through a Python file object, so a failed write raises OSError with its errno."""
    with open(path, "wb") as f:
        torch.save(state, f)


def load_checkpoint(path: str | Path, map_location: str = "cpu") -> dict:
    """Read a checkpoint written by ``save_checkpoint``; RecipeError if missing, corrupt or foreign."""
    path = Path(path)
    if not path.is_file():
        raise RecipeError(f"checkpoint {path} does not exist; train first or check the path")
    try:
        state = torch.load(path, map_location=map_location, weights_only=True)
    except Exception as error:  # torch raises RuntimeError, pickle errors, EOFError... for bad files
        reason = (str(error).strip() or type(error).__name__).splitlines()[0].split(". ")[0][:100]
        raise RecipeError(f"checkpoint {path} is corrupt or truncated ({reason}); "
                          "use an earlier checkpoint or train again") from None
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise RecipeError(f"{path} is not an lmdocs recipes checkpoint (expected format {FORMAT})")
    missing = [key for key in REQUIRED if key not in state]
    if missing:
        raise RecipeError(f"checkpoint {path} lacks {', '.join(missing)}; it is incomplete")
    return state


def rng_state() -> dict:
    """This process's random-number generators."""
    state = {"python": random.getstate(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict) -> None:
    random.setstate(_as_python_state(state["python"]))
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def _as_python_state(state) -> tuple:
    """random.setstate wants tuples; a round trip through torch.load may give lists."""
    version, internal, gauss = state
    return (version, tuple(internal), gauss)
