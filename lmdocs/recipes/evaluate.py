"""Validation in bits per character and per byte, so models with different tokenizers compare.

A model with characters as tokens and one with BPE tokens both pay, in total, some number of nats
to encode the same validation text. Dividing that total by ln 2 and by the text's length in
characters (or UTF-8 bytes) gives bits per character (byte): a property of the text, not of the
tokenizer. Loss per token would not compare: a BPE token carries several characters.

    bpc = sum over tokens of -ln p(token | context) / ln 2 / number of characters

The validation tokens are cut into consecutive windows of block_size; every token is predicted
once. The very first one is conditioned on the last training token (the text before it), so the
whole validation text is paid for. Tokens early in a window see a short context, which costs a
little; the same holds for every model, so the comparison is fair.
Not handled: sliding windows with overlap (a lower, slower estimate).
"""
from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F

from lmdocs.recipes.distributed import Context, sum_across


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
