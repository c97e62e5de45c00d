"""Prepare a corpus once into token files on disk; draw training batches from a memory map.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as cache:
...     prepared = prepare("hafez", "char", cache_dir=cache)
...     prepared.train.dtype, len(prepared.train), prepared.meta["vocab_size"]
(dtype('uint16'), 242878, 38)

    python -m lmdocs.recipes.data --config=hafez-bpe        # prepare what that training run will read

``prepare`` reads the text (Hafez, a file, or every ``.txt`` under a folder), refuses text a model
cannot learn from (fewer than two distinct characters, or mostly control characters such as a
file of NUL bytes), splits it into training and validation text, fits the tokenizer on the
training text (characters: on all of it, so no validation character is unknown), and writes
``train.bin``, ``val.bin`` (uint16 or uint32 token ids) and ``meta.json`` under
``data-cache/<tokenizer>-<hash>/``. Files are written to a temporary name and renamed, and
meta.json comes last, so a half-written cache is never read. A second call with the same text and
tokenizer reads the cache. In a run of several processes, the first process of each machine
writes the cache and the others wait for its meta.json to appear (``writer=False``): a file, not
a collective, so a preparation that takes longer than the process group's timeout is fine.

Batches are sampled by ``BatchSampler``: the offsets of step k depend only on (seed, k), so a
resumed run draws exactly the batches an uninterrupted run would. One draw is the step's global
batch (micro-batches x processes x batch size windows); every process takes its own slices, so
the micro-batch size is a speed setting that does not change what a step computes. Not handled:
corpora larger than memory (the text is read and tokenised in one piece before it is written).
"""
from __future__ import annotations

import hashlib
import json
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from lmdocs.recipes.config import RecipeError, TrainConfig
from lmdocs.recipes.distributed import Context
from lmdocs.recipes.files import atomic_path, file_error
from lmdocs.tokenizers import Tokenizer, tokenizer_from_dict, train_tokenizer

WAIT_SECONDS = 3600.0  # how long a process waits for another to prepare the data
LAYOUT = {"\n", "\r", "\t"}  # control characters that are ordinary text


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
    check_learnable(text, source)
    cut = len(text) - int(len(text) * val_fraction)
    return text[:cut], text[cut:]


def check_learnable(text: str, source: str) -> None:
    """Refuse text with fewer than two distinct characters or mostly control characters (not text).

    >>> check_learnable("\\0" * 100 + "ab", "nul.txt")
    Traceback (most recent call last):
    ...
    lmdocs.recipes.config.RecipeError: nul.txt is 98% control characters (such as '\\x00'), so it is not text; ...
    """
    distinct = set(text)
    if len(distinct) < 2:
        raise RecipeError(f"{source} holds only the character {next(iter(distinct))!r}; a model needs at least "
                          "two different symbols to learn anything")
    controls = [c for c in text if c not in LAYOUT and unicodedata.category(c) == "Cc"]
    if len(controls) * 2 > len(text):
        raise RecipeError(f"{source} is {len(controls) / len(text):.0%} control characters (such as "
                          f"{controls[0]!r}), so it is not text; check the file (is it binary?) or convert it")


@dataclass
class PreparedData:
    directory: Path
    meta: dict
    train: np.ndarray  # memory-mapped token ids of the training text
    val: np.ndarray  # memory-mapped token ids of the validation text

    @property
    def tokenizer(self) -> Tokenizer:
        return tokenizer_from_dict(self.meta["tokenizer"])

    def describe(self) -> str:
        return f"{len(self.train):,} training tokens"

    @property
    def has_validation(self) -> bool:
        return len(self.val) > 0

    def step_batches(self, sampler: BatchSampler, cfg: TrainConfig, ctx: Context) -> list[tuple[torch.Tensor, torch.Tensor]]:
        """This process's micro-batches (inputs, targets) of the next step's global batch of windows."""
        T = cfg.block_size
        offsets = sampler.offsets(cfg.batch_size * cfg.grad_accum * ctx.world_size, high=len(self.train) - T)
        return [get_batch(self.train, offsets[rows], T) for rows in micro_batch_rows(cfg, ctx)]

    def validate(self, model: torch.nn.Module, cfg: TrainConfig, ctx: Context, autocast) -> dict:
        """Validation loss per token, bits per character and per byte (of the first eval_tokens, if set)."""
        from lmdocs.recipes.evaluate import bits_per_unit, evaluate

        tokens = self.val[:cfg.eval_tokens] if cfg.eval_tokens else self.val
        nats, count = evaluate(model, tokens, int(self.train[-1]), cfg.block_size, cfg.batch_size, ctx.device,
                               autocast, ctx)
        if len(tokens) == len(self.val):
            chars, nbytes = self.meta["val_chars"], self.meta["val_bytes"]
        else:
            text = self.tokenizer.decode([int(i) for i in tokens])
            chars, nbytes = len(text), (len(tokens) if cfg.tokenizer == "byte" else len(text.encode("utf-8")))
        return {"val_loss": nats / count, "bpc": bits_per_unit(nats, chars), "bpb": bits_per_unit(nats, nbytes)}


def micro_batch_rows(cfg: TrainConfig, ctx: Context) -> list[slice]:
    """This process's rows of a step's global batch, one slice per micro-batch (micro-batch-major).

    >>> from lmdocs.recipes.config import make_config
    >>> micro_batch_rows(make_config("tiny", {"batch_size": 2, "grad_accum": 2}), Context(rank=1, world_size=2))
    [slice(2, 4, None), slice(6, 8, None)]
    """
    B, W = cfg.batch_size, ctx.world_size
    return [slice((m * W + ctx.rank) * B, (m * W + ctx.rank + 1) * B) for m in range(cfg.grad_accum)]


def prepare(source: str, tokenizer: str, cache_dir: str = "data-cache", val_fraction: float = 0.1,
            bpe_vocab_size: int = 512, writer: bool = True) -> PreparedData:
    """Token files for ``source`` under ``cache_dir``, written on first use and memory-mapped.

    ``writer=False``: another process writes them; wait for its meta.json (up to WAIT_SECONDS).
    """
    train_text, val_text = read_corpus(source, val_fraction)
    key = hashlib.sha256(f"{tokenizer}|{bpe_vocab_size}|{len(train_text)}|".encode()
                         + train_text.encode() + b"\0" + val_text.encode()).hexdigest()[:16]
    directory = Path(cache_dir) / f"{tokenizer}-{key}"
    if not (directory / "meta.json").exists():
        if writer:
            _write(directory, source, tokenizer, train_text, val_text, bpe_vocab_size)
        else:
            wait_for_file(directory / "meta.json", WAIT_SECONDS)
    return load_prepared(directory)


def wait_for_file(path: Path, timeout: float) -> None:
    """Poll until ``path`` exists (another process writes it atomically); RecipeError after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise RecipeError(f"waited {timeout:.0f} s for the first process to prepare {path.parent}; "
                              "did it fail? Prepare the data alone first: python -m lmdocs.recipes.data ...")
        time.sleep(0.2)


def _write(directory: Path, source: str, kind: str, train_text: str, val_text: str, bpe_vocab_size: int) -> None:
    try:
        tok = train_tokenizer(kind, train_text + val_text if kind == "char" else train_text, bpe_vocab_size)
    except ValueError as error:  # e.g. a text of one distinct character
        raise RecipeError(f"cannot fit the {kind} tokenizer to {source}: {error}") from None
    dtype = np.uint16 if tok.vocab_size <= 2**16 else np.uint32
    counts = {}
    try:
        for split, text in (("train", train_text), ("val", val_text)):
            ids = np.asarray(tok.encode(text), dtype=dtype)
            counts[split] = len(ids)
            with atomic_path(directory / f"{split}.bin", sole_writer=False) as tmp:
                ids.tofile(tmp)
        meta = {"source": source, "tokenizer": tok.to_dict(), "vocab_size": tok.vocab_size,
                "dtype": np.dtype(dtype).name, "train_tokens": counts["train"], "val_tokens": counts["val"],
                "val_chars": len(val_text), "val_bytes": len(val_text.encode("utf-8"))}
        with atomic_path(directory / "meta.json", sole_writer=False) as tmp:  # last: the cache is complete
            tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    except OSError as error:
        raise file_error(error, f"write the prepared data in {directory.parent}", "--data_cache") from None


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


def main(argv: list[str] | None = None) -> int:
    """``python -m lmdocs.recipes.data [--config=...] [--data=...] [--tokenizer=...]``: prepare, print what was made."""
    from lmdocs.recipes.config import describe, parse_args

    argv = sys.argv[1:] if argv is None else argv
    if "-h" in argv or "--help" in argv:
        print("Prepare the token files a training run reads (the same options as the trainer; only the data "
              "options matter).\n\n" + describe("python -m lmdocs.recipes.data"))
        return 0
    try:
        cfg = parse_args(argv)
        data = prepare(cfg.data, cfg.tokenizer, cfg.data_cache, cfg.val_fraction, cfg.bpe_vocab_size)
    except RecipeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    meta = data.meta
    print(f"{data.directory}: {meta['tokenizer']['kind']} tokenizer, {meta['vocab_size']} token ids; "
          f"{meta['train_tokens']:,} training and {meta['val_tokens']:,} validation tokens "
          f"({meta['val_chars']:,} validation characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
