"""Save a trained tokenizer to a JSON file and load it back.

The file is small and readable (merges are pairs of ids, in rank order; the vocabulary is
rebuilt from them), and versioned, so a file from another format or version is refused
with a clear message instead of decoding to the wrong text:

    {"format": "lmdocs-bpe", "version": 1, "pretokenizer": "'s|'t|...",
     "vocab_size": 1024, "merges": [[217, 135], [32, 216], ...], "special_tokens": []}

>>> import pathlib, tempfile
>>> from lmdocs.bpe import Tokenizer
>>> with tempfile.TemporaryDirectory() as folder:
...     save(Tokenizer([(97, 97)], special_tokens=["<|end|>"]), pathlib.Path(folder) / "tiny.json")
...     load(pathlib.Path(folder) / "tiny.json").encode("aaa<|end|>", allowed_special="all")
[256, 97, 257]
"""
from __future__ import annotations

import json
import os

from lmdocs.bpe.pretokenize import GPT2_PATTERN
from lmdocs.bpe.tokenizer import Tokenizer

FORMAT_NAME = "lmdocs-bpe"
FORMAT_VERSION = 1


def to_dict(tokenizer: Tokenizer) -> dict:
    """The JSON-ready description of `tokenizer` (what `save` writes)."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "pretokenizer": GPT2_PATTERN,
        "vocab_size": tokenizer.vocab_size,
        "merges": [list(pair) for pair in tokenizer.merges],
        "special_tokens": list(tokenizer.special_tokens),
    }


def from_dict(model: object, source: str = "the model") -> Tokenizer:
    """Rebuild a tokenizer from `to_dict`'s output; ValueError names what is wrong."""
    if not isinstance(model, dict) or model.get("format") != FORMAT_NAME:
        raise ValueError(f"{source} is not an lmdocs BPE model (no \"format\": \"{FORMAT_NAME}\"); "
                         "make one with `python -m lmdocs.bpe train` or lmdocs.bpe.save.")
    version = model.get("version")
    if version != FORMAT_VERSION:
        raise ValueError(f"{source} has format version {version!r}, but this lmdocs reads version "
                         f"{FORMAT_VERSION}; retrain the tokenizer or use the lmdocs that wrote it.")
    if model.get("pretokenizer") != GPT2_PATTERN:
        raise ValueError(f"{source} was trained with another pre-tokenisation pattern; "
                         "its merges would not fit this tokenizer's chunks. Retrain it.")
    merges, specials = model.get("merges"), model.get("special_tokens", [])
    if not isinstance(merges, list) or not all(_is_pair(m) for m in merges):
        raise ValueError(f"{source} is corrupt: \"merges\" must be a list of [left_id, right_id] pairs.")
    if not isinstance(specials, list):
        raise ValueError(f"{source} is corrupt: \"special_tokens\" must be a list of strings.")
    try:
        tokenizer = Tokenizer([tuple(m) for m in merges], specials)
    except ValueError as error:
        raise ValueError(f"{source} is corrupt: {error}") from None
    if model.get("vocab_size") != tokenizer.vocab_size:
        raise ValueError(f"{source} is corrupt: it says vocab_size {model.get('vocab_size')!r}, "
                         f"but its merges make {tokenizer.vocab_size} tokens.")
    return tokenizer


def save(tokenizer: Tokenizer, path: str | os.PathLike) -> None:
    """Write `tokenizer` to `path` as UTF-8 JSON."""
    with open(path, "w", encoding="utf-8") as file:
        json.dump(to_dict(tokenizer), file, ensure_ascii=False)
        file.write("\n")


def load(path: str | os.PathLike) -> Tokenizer:
    """Read a tokenizer written by `save`."""
    with open(path, "rb") as file:
        data = file.read()
    try:
        model = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{os.fspath(path)!r} is not an lmdocs BPE model: it is not valid "
                         f"UTF-8 JSON ({error}).") from None
    return from_dict(model, repr(os.fspath(path)))


def _is_pair(item: object) -> bool:
    return (isinstance(item, list) and len(item) == 2
            and all(type(i) is int and i >= 0 for i in item))
