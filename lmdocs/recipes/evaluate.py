"""Validation in bits per character and per byte, so models with different tokenizers compare.

    python -m lmdocs.recipes.evaluate --ckpt runs/tiny/best.pt --text held_out.txt

A model with characters as tokens and one with BPE tokens both pay, in total, some number of nats
to encode the same validation text. Dividing that total by ln 2 and by the text's length in
characters (or UTF-8 bytes) gives bits per character (byte): a property of the text, not of the
tokenizer. Loss per token would not compare: a BPE token carries several characters.

    bpc = sum over tokens of -ln p(token | context) / ln 2 / number of characters

The validation tokens are cut into consecutive windows of block_size; every token is predicted
once. The very first one is conditioned on the last training token (the text before it), so the
whole validation text is paid for. Tokens early in a window see a short context, which costs a
little; the same holds for every model, so the comparison is fair.
A text file scored on its own (``score_text``, the command) is conditioned on a line break before
its first character, as if it started a new line of the training text.
Not handled: sliding windows with overlap (a lower, slower estimate).
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from lmdocs.recipes.config import RecipeError
from lmdocs.recipes.distributed import Context, resolve_device, sum_across


def eval_windows(n: int, block_size: int) -> list[tuple[int, int]]:
    """(start, length) of windows over [context] + n tokens that predict each of the n once.

    >>> eval_windows(10, block_size=4)  # window (0, 4) reads stream[0:4] and predicts stream[1:5]
    [(0, 4), (4, 4), (8, 2)]
    """
    return [(start, min(block_size, n - start)) for start in range(0, n, block_size)]


@torch.no_grad()
def evaluate(model: torch.nn.Module, tokens: np.ndarray, context_token: int, block_size: int,
             batch_size: int, device: str, autocast, ctx: Context | None = None) -> tuple[float, int]:
    """(total nats, tokens predicted) over ``tokens``; each process of a DDP run does every W-th window."""
    ctx = ctx or Context()
    stream = np.concatenate([np.asarray([context_token], dtype=np.int64), np.asarray(tokens, dtype=np.int64)])
    windows = eval_windows(len(tokens), block_size)[ctx.rank::ctx.world_size]
    was_training = model.training
    model.eval()
    total = torch.zeros(2, dtype=torch.float64, device=device)  # nats, tokens
    for length in sorted({length for _, length in windows}):  # full windows batch together; the last is shorter
        starts = [start for start, n in windows if n == length]
        for i in range(0, len(starts), batch_size):
            chunk = starts[i:i + batch_size]
            x = torch.tensor(np.stack([stream[s:s + length] for s in chunk]), device=device)  # (B, T)
            y = torch.tensor(np.stack([stream[s + 1:s + 1 + length] for s in chunk]), device=device)
            with autocast:
                logits, _ = model(x)
            nats = F.cross_entropy(logits.float().view(-1, logits.size(-1)), y.view(-1), reduction="sum")
            total += torch.stack([nats.double(), torch.tensor(y.numel(), dtype=torch.float64, device=device)])
    model.train(was_training)
    total = sum_across(ctx, total)
    return float(total[0]), int(total[1])


def bits_per_unit(total_nats: float, units: int) -> float:
    """Total nats -> bits per character (or byte): nats / ln 2 / units.

    >>> round(bits_per_unit(total_nats=100 * math.log(2), units=50), 6)  # 100 bits over 50 characters
    2.0
    """
    return total_nats / math.log(2) / units


def score_text(model: torch.nn.Module, tokenizer, text: str, batch_size: int = 16, device: str = "cpu",
               autocast=None) -> dict:
    """Bits per character and per byte, and loss per token, of ``model`` on ``text`` (after a line break)."""
    from contextlib import nullcontext

    try:
        ids = tokenizer.encode(text)
    except ValueError as error:  # characters the model never saw
        raise RecipeError(f"the text cannot be scored: {error}") from None
    if len(ids) < 2:
        raise RecipeError("the text is empty or one token long; give a file with text to score")
    newline = tokenizer.encode("\n", skip_unknown=True)
    context, tokens = (newline[0], ids) if len(newline) == 1 else (ids[0], ids[1:])
    scored = text if len(newline) == 1 else tokenizer.decode(tokens)
    nats, count = evaluate(model, np.asarray(tokens), context, model.config.block_size, batch_size, device,
                           autocast or nullcontext())
    return {"tokens": count, "chars": len(scored), "loss": nats / count, "bpc": bits_per_unit(nats, len(scored)),
            "bpb": bits_per_unit(nats, len(scored.encode("utf-8")))}


def main(argv: list[str] | None = None) -> int:
    from lmdocs.recipes.sample import load_model, sampling_autocast

    p = argparse.ArgumentParser(prog="python -m lmdocs.recipes.evaluate",
                                description="Bits per character of a checkpoint on a text file.")
    p.add_argument("--ckpt", required=True, help="checkpoint file, e.g. runs/tiny/best.pt")
    p.add_argument("--text", required=True, help="a UTF-8 text file to score")
    p.add_argument("--batch_size", "--batch-size", type=int, default=16, help="windows per forward pass")
    p.add_argument("--device", default="cpu", help="cpu, cuda, cuda:N or auto")
    p.add_argument("--dtype", default="auto", choices=("auto", "bfloat16", "float16", "float32"))
    args = p.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        try:
            text = Path(args.text).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise RecipeError(f"--text {args.text} does not exist") from None
        except UnicodeDecodeError as error:
            raise RecipeError(f"--text {args.text} is not UTF-8 text ({error.reason}); convert it first") from None
        if args.batch_size < 1:
            raise RecipeError(f"--batch_size must be at least 1, got {args.batch_size}")
        device = resolve_device(args.device)
        model, tokenizer = load_model(args.ckpt, device)
        scores = score_text(model, tokenizer, text, args.batch_size, device, sampling_autocast(args.dtype, device))
    except RecipeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{args.text}: {scores['bpc']:.4f} bits per character, {scores['bpb']:.4f} bits per byte, "
          f"{scores['loss']:.4f} nats per token ({scores['chars']:,} characters, {scores['tokens']:,} tokens)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
