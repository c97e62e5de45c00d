"""The GPT that the reader trains in the page: its size, its data and its settings, stated once.

The model is the shipped one's shape (``load_hafez_gpt``: 2 blocks, 4 heads, width 64, 64
characters of context, one token per character of Hafez) started from random weights; it trains
on the first 445 ghazals and measures itself on the last 50, which it never sees (the split of
``scripts/train_attention_model.py``). The batch of 8 windows of 64 characters is a trade: smaller
batches update more often for the same characters (what helps in a one-minute run), larger ones
spread each step's fixed costs. benchmarks/transformer_train.py measures this model and batch.

>>> trainer = page_trainer(seed=0, kernel="python")
>>> trainer.model.config.n_layer, trainer.model.config.n_embd, trainer.config.batch_size
(2, 64, 8)
>>> trainer.model.decode(trainer.val_ids[:9])  # the held-out text starts at ghazal 446
'صبا تو نک'
"""
from __future__ import annotations

import os
from functools import lru_cache

from lmdocs.corpora import HAFEZ_TEST_GHAZALS, hafez_ghazals, hafez_text
from lmdocs.transformer.config import GPTConfig
from lmdocs.transformer.init import random_gpt
from lmdocs.transformer.model import GPT
from lmdocs.transformer.save import save_gpt
from lmdocs.tokenizers import CharTokenizer
from lmdocs.transformer.train import TrainConfig, Trainer

PAGE_MODEL = {"n_layer": 2, "n_head": 4, "n_embd": 64, "block_size": 64}  # the vocabulary: Hafez's characters
PAGE_TRAINING = {"batch_size": 8, "seq_len": 64, "learning_rate": 3e-3, "warmup_steps": 20, "weight_decay": 0.1,
                 "beta1": 0.9, "beta2": 0.99, "grad_clip": 1.0}


@lru_cache(maxsize=1)
def hafez_vocab() -> tuple[str, ...]:
    """Every character of the corpus, sorted: the page model's tokens."""
    return tuple(sorted(set(hafez_text())))


def hafez_train_val() -> tuple[str, str]:
    """(training text, held-out text): ghazals one line per half-verse, a blank line between ghazals."""
    ghazals = ["\n".join(lines) for lines in hafez_ghazals()]
    cut = len(ghazals) - HAFEZ_TEST_GHAZALS
    return "\n\n".join(ghazals[:cut]), "\n\n".join(ghazals[cut:])


def page_config() -> GPTConfig:
    return GPTConfig(vocab_size=len(hafez_vocab()), **PAGE_MODEL)


def page_trainer(seed: int = 0, kernel: str = "auto", start_from: GPT | None = None, **settings) -> Trainer:
    """A random page model (weights drawn with ``seed``), or ``start_from`` (a page model saved earlier, to
    train on), and its trainer; ``settings`` override PAGE_TRAINING."""
    tokenizer = CharTokenizer(list(hafez_vocab()))
    if start_from is None:
        model = random_gpt(page_config(), tokenizer, seed=seed)
    elif start_from.config != page_config() or start_from.tokenizer != tokenizer:
        raise ValueError("start_from is not a page model (2 layers, 4 heads, width 64, Hafez's characters); "
                         "train it with page_trainer or leave start_from out.")
    else:
        model = start_from
    train_text, val_text = hafez_train_val()
    config = TrainConfig.from_dict({**PAGE_TRAINING, "seed": seed, **settings})
    return Trainer(model, tokenizer.encode(train_text), tokenizer.encode(val_text), config, kernel=kernel)


# The reader's own model, shared by the demos of parts 4, 5 and 6: part 4's trainer saves it here (the
# export format of save.py), the others read it. In the browser the file lives in Pyodide's in-memory
# file system, which outlives a page (the worker stays warm while the reader moves between pages)
# but not a reload of the tab or the runner's Stop (both start a fresh Python).
READER_GPT_FILE = "lmdocs_my_gpt.json"


def reader_gpt_path() -> str:
    return os.path.join(os.path.expanduser("~"), READER_GPT_FILE)


def save_reader_gpt(model: GPT, metadata: dict | None = None) -> str:
    """Write the reader's model (atomically, float64: bit for bit); returns the path."""
    path = reader_gpt_path()
    save_gpt(model, path, metadata=metadata)
    return path


def load_reader_gpt() -> GPT | None:
    """The model saved by ``save_reader_gpt``, or None when there is none (or it cannot be read)."""
    path = reader_gpt_path()
    if not os.path.exists(path):
        return None
    try:
        return GPT.from_file(path)
    except (OSError, ValueError):
        return None
