"""Prepare a corpus once into token files on disk; draw training batches from a memory map.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as cache:
...     prepared = prepare("hafez", "char", cache_dir=cache)
...     prepared.train.dtype, len(prepared.train), prepared.meta["vocab_size"]
(dtype('uint16'), 242879, 37)

``prepare`` reads the text (Hafez, a file, or every ``.txt`` under a folder), splits it into
training and validation text, fits the tokenizer on the training text (characters: on all of it,
so no validation character is unknown), and writes ``train.bin``, ``val.bin`` (uint16 or uint32
token ids) and ``meta.json`` under ``data-cache/<tokenizer>-<hash>/``. Files are written to a
temporary name and renamed, and meta.json comes last, so a half-written cache is never read.
A second call with the same text and tokenizer reads the cache.

Batches are sampled by ``BatchSampler``: the offsets of step k depend only on (seed, k), so a
resumed run draws exactly the batches an uninterrupted run would, and every process of a DDP
run takes its own slice of one global batch. Not handled: corpora larger than memory (the text
is read and tokenised in one piece before it is written).
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from lmdocs.recipes.config import RecipeError
from lmdocs.tokenizers import Tokenizer, tokenizer_from_dict, train_tokenizer


def read_corpus(source: str, val_fraction: float) -> tuple[str, str]:
    """(training text, validation text) of ``source``: "hafez", a text file or a folder."""
    if source == "hafez":
        from lmdocs.corpora import hafez_split
        train_lines, val_lines = hafez_split()  # whole ghazals: no test poem is seen in training
        return "".join(line + "\n" for line in train_lines), "".join(line + "\n" for line in val_lines)
    path = Path(source)
    if not path.exists():
        raise RecipeError(f"data file {source} does not exist; pass --data=hafez, a text file or a folder of .txt files")
    files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
    if not files:
        raise RecipeError(f"the folder {source} has no .txt files; put UTF-8 text files in it")
    try:
        text = "\n".join(f.read_text(encoding="utf-8") for f in files)
    except UnicodeDecodeError as error:
        raise RecipeError(f"{source} is not UTF-8 text ({error.reason}); convert it to UTF-8 first") from None
    if not text.strip():
        raise RecipeError(f"{source} is empty; it needs text to train on")
    cut = len(text) - int(len(text) * val_fraction)
    return text[:cut], text[cut:]


@dataclass
class PreparedData:
    directory: Path
    meta: dict
    train: np.ndarray  # memory-mapped token ids of the training text
    val: np.ndarray  # memory-mapped token ids of the validation text

    @property
    def tokenizer(self) -> Tokenizer:
        return tokenizer_from_dict(self.meta["tokenizer"])


def prepare(source: str, tokenizer: str, cache_dir: str = "data-cache", val_fraction: float = 0.1,
            bpe_vocab_size: int = 512) -> PreparedData:
    """Token files for ``source`` under ``cache_dir``, written on first use and memory-mapped."""
    train_text, val_text = read_corpus(source, val_fraction)
    key = hashlib.sha256(f"{tokenizer}|{bpe_vocab_size}|{len(train_text)}|".encode()
                         + train_text.encode() + b"\0" + val_text.encode()).hexdigest()[:16]
    directory = Path(cache_dir) / f"{tokenizer}-{key}"
    if not (directory / "meta.json").exists():
        _write(directory, source, tokenizer, train_text, val_text, bpe_vocab_size)
    return load_prepared(directory)


def _write(directory: Path, source: str, kind: str, train_text: str, val_text: str, bpe_vocab_size: int) -> None:
    try:
        tok = train_tokenizer(kind, train_text + val_text if kind == "char" else train_text, bpe_vocab_size)
    except ValueError as error:  # e.g. a text of one distinct character
        raise RecipeError(f"cannot fit the {kind} tokenizer to {source}: {error}") from None
    dtype = np.uint16 if tok.vocab_size <= 2**16 else np.uint32
    directory.mkdir(parents=True, exist_ok=True)
    pid = os.getpid()
    counts = {}
    for split, text in (("train", train_text), ("val", val_text)):
        ids = np.asarray(tok.encode(text), dtype=dtype)
        counts[split] = len(ids)
        ids.tofile(directory / f"{split}.bin.{pid}.tmp")
        os.replace(directory / f"{split}.bin.{pid}.tmp", directory / f"{split}.bin")
    meta = {"source": source, "tokenizer": tok.to_dict(), "vocab_size": tok.vocab_size,
            "dtype": np.dtype(dtype).name, "train_tokens": counts["train"], "val_tokens": counts["val"],
            "val_chars": len(val_text), "val_bytes": len(val_text.encode("utf-8"))}
    (directory / f"meta.json.{pid}.tmp").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    os.replace(directory / f"meta.json.{pid}.tmp", directory / "meta.json")


def load_prepared(directory: str | Path) -> PreparedData:
    directory = Path(directory)
    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    arrays = {}
    for split in ("train", "val"):
        if meta[f"{split}_tokens"] == 0:  # np.memmap cannot map an empty file
            arrays[split] = np.zeros(0, dtype=meta["dtype"])
        else:
            arrays[split] = np.memmap(directory / f"{split}.bin", dtype=meta["dtype"], mode="r")
    return PreparedData(directory, meta, arrays["train"], arrays["val"])


class BatchSampler:
    """Random window offsets whose k-th draw depends only on (seed, k): resumable by a counter.

    >>> s = BatchSampler(seed=0)
    >>> first = s.offsets(4, high=100); s.state_dict()
    {'seed': 0, 'draws': 1}
    >>> s.load_state_dict({'seed': 0, 'draws': 0}); bool((s.offsets(4, high=100) == first).all())
    True
    """

    def __init__(self, seed: int):
        self.seed = seed
        self.draws = 0

    def offsets(self, count: int, high: int) -> torch.Tensor:
        """``count`` offsets in [0, high) for the next draw."""
        generator = torch.Generator().manual_seed(self.seed * 1_000_003 + self.draws)
        self.draws += 1
        return torch.randint(high, (count,), generator=generator)

    def state_dict(self) -> dict:
        return {"seed": self.seed, "draws": self.draws}

    def load_state_dict(self, state: dict) -> None:
        self.seed, self.draws = int(state["seed"]), int(state["draws"])


def get_batch(tokens: np.ndarray, offsets: torch.Tensor, block_size: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs (B, T) and next-token targets (B, T) for windows starting at ``offsets``."""
    rows = offsets.numpy()[:, None] + np.arange(block_size + 1)  # (B, T+1) positions in the file
    windows = torch.from_numpy(tokens[rows].astype(np.int64))  # one gather from the memory map
    return windows[:, :-1].contiguous(), windows[:, 1:].contiguous()  # inputs (B, T), targets (B, T)


def check_long_enough(prepared: PreparedData, block_size: int) -> None:
    """A training window needs block_size + 1 tokens; say so plainly when the text is shorter."""
    n = len(prepared.train)
    if n <= block_size:
        raise RecipeError(f"the training text has {n} tokens, fewer than block_size + 1 = {block_size + 1}; "
                          f"use a smaller --block_size (at most {max(n - 1, 1)}) or more text")
