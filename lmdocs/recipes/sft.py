"""Supervised fine-tuning: teach a trained recipe model to answer, from a JSONL file of conversations.

    python -m lmdocs.recipes.sft --init_from=runs/hafez-char/best.pt --data=chat.jsonl
    python -m lmdocs.recipes.sft --init_from=runs/hafez-char/best.pt --data=chat.jsonl --max_iters=400 --resume
    torchrun --standalone --nproc_per_node=8 -m lmdocs.recipes.sft --init_from=... --data=chat.jsonl
    python -m lmdocs.recipes.sample --ckpt runs/sft/best.pt --prompt_file question.txt   # prompt: "> ...\\n< "

Each line of ``--data`` is ``{"messages": [{"role": "user", "content": ...}, {"role": "assistant",
"content": ...}]}``. The conversations are written with the chat template of ``lmdocs.chat`` (the
one the page's fine-tuning uses) and the loss counts only the assistant's answers
(``conversations.py``). The model, its shape and its tokenizer come from ``--init_from`` (a
checkpoint of ``python -m lmdocs.recipes.train``, or of this command); a character tokenizer gains
the characters it never saw (the template's ">" and "<" at least), and the model an embedding row
for each. Everything else is the trainer's: the ``sft`` preset (a low learning rate, 200 steps) and
``--key=value`` overrides or a config file, DDP under torchrun, atomic checkpoints in runs/sft/
(ckpt.pt, best.pt by validation loss on the held-out answers), ``--resume`` that continues exactly,
and one-line errors (a malformed line is named by its number).
Not handled: LoRA or other adapters (every weight is trained), packing short conversations together.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

from lmdocs import chat
from lmdocs.recipes.checkpoint import load_checkpoint
from lmdocs.recipes.config import (RecipeError, TrainConfig, config_from_dict, describe, make_config, override,
                                   split_args)
from lmdocs.recipes.conversations import Conversations, load_conversations, read_conversations
from lmdocs.recipes.distributed import setup, teardown
from lmdocs.recipes.factory import grow_vocabulary
from lmdocs.recipes.run import start_run
from lmdocs.recipes.train import train
from lmdocs.tokenizers import tokenizer_from_dict

MODEL_FIELDS = ("block_size", "n_layer", "n_head", "n_embd", "bias")  # taken from the checkpoint it fine-tunes


def load_sft_config(argv: list[str]) -> tuple[TrainConfig, dict | None, dict | None]:
    """(config, the run's own checkpoint when resuming, the checkpoint to start from when not)."""
    name, overrides = split_args(argv, default="sft")
    cfg = make_config(name, overrides)
    ckpt = Path(cfg.run_dir) / "ckpt.pt"
    if cfg.resume:
        if not ckpt.exists():
            raise RecipeError(f"--resume: there is no checkpoint at {ckpt}; start without --resume")
        saved = load_checkpoint(ckpt)
        return override(config_from_dict(saved["config"]), {**overrides, "resume": True}), saved, None
    if ckpt.exists() and not cfg.overwrite:
        raise RecipeError(f"{ckpt} already exists; pass --resume to continue it, --overwrite to start afresh, "
                          "or --out_dir=... for a new run")
    if cfg.init_from is None:
        raise RecipeError("--init_from is missing: give the checkpoint to fine-tune, e.g. "
                          "--init_from=runs/hafez-char/best.pt")
    if cfg.data == "hafez" or not cfg.data.endswith(".jsonl"):
        raise RecipeError(f"--data={cfg.data} is not a .jsonl file of conversations; see python -m "
                          "lmdocs.recipes.sft --help")
    base = load_checkpoint(cfg.init_from)
    args = base["model_args"]
    shape = {key: args[key] for key in MODEL_FIELDS if key in args}
    kind = tokenizer_from_dict(base["tokenizer"]).kind
    return override(cfg, {**shape, "model": base["model_type"], "vocab_size": args["vocab_size"],
                          "tokenizer": kind}), None, base


def prepare_sft(cfg: TrainConfig, saved: dict | None, base: dict | None) -> tuple[TrainConfig, Conversations, dict | None]:
    """The conversations encoded with the (extended) tokenizer, the config with the model's final
    vocabulary, and the starting weights (the base model's, grown) when not resuming."""
    if saved is not None:
        tokenizer = tokenizer_from_dict(saved["tokenizer"])
    else:
        tokenizer = chat.extend_tokenizer(tokenizer_from_dict(base["tokenizer"]), read_conversations(cfg.data))
    data = load_conversations(cfg.data, tokenizer, cfg.block_size, cfg.val_fraction)
    if saved is not None:
        return cfg, data, None
    vocab_size = max(base["model_args"]["vocab_size"], tokenizer.vocab_size)
    torch.manual_seed(cfg.seed)  # the new embedding rows, the same in every process
    args, weights = grow_vocabulary(base["model_type"], base["model_args"], base["model"], vocab_size)
    return override(cfg, {"vocab_size": args["vocab_size"]}), data, weights


def run_sft(cfg: TrainConfig, saved: dict | None = None, base: dict | None = None) -> dict:
    """Fine-tune (or continue fine-tuning); returns the last metrics."""
    cfg, data, weights = prepare_sft(cfg, saved, base)
    ctx = setup(cfg.device)
    try:
        return train(start_run(cfg, ctx, saved, data=data, weights=weights))
    finally:
        teardown(ctx)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "-h" in argv or "--help" in argv:
        print(__doc__.split("\n\n")[1] + "\n\n" + describe("python -m lmdocs.recipes.sft", preset="sft"))
        return 0
    try:
        run_sft(*load_sft_config(argv))
    except RecipeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
