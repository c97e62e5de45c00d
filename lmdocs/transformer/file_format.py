"""The exported-GPT file: one JSON document, weights as base64 little-endian floats (``lmdocs.tensor_json``).

Written by ``lmdocs.recipes.export`` (PyTorch side), read here with the standard library only, so
the browser loads it. The floats are stored bit for bit (float32 by default), so the pure-Python
model computes with exactly the weights PyTorch trained. Layout (version 2)::

    {"format": "lmdocs-gpt", "version": 2,
     "config": {"block_size": 64, "vocab_size": 38, "n_layer": 2, "n_head": 4, "n_embd": 64, "bias": true},
     "tokenizer": {"kind": "char", "chars": ["\\n", " ", "ء", "آ", ...]}
                  or  {"kind": "byte"}  or  {"kind": "bpe", ...},
     "tensors": {"transformer.wte.weight": {"shape": [38, 64], "dtype": "float32",
                                            "crc32": 1315048220, "data": "<base64>"}, ...},
     "metadata": {...free-form: corpus, steps, losses...}}

``tensors`` holds exactly the names of ``config.parameter_shapes`` (nanoGPT's state_dict names);
``lm_head.weight`` is absent because it is tied to ``transformer.wte.weight``. ``crc32`` is
``binascii.crc32`` of the raw bytes, so a damaged file is refused instead of computing nonsense.
``tokenizer`` is what ``lmdocs.tokenizers`` writes (``to_dict``). Version 1 differed only in
spelling its tokenizer ``{"kind": "chars", "vocab": [...]}`` or ``{"kind": "bytes"}``, and is still
read. The shipped ``tiny_gpt_hafez.json`` (38 characters, those of the ZWNJ Hafez) is the layout above:

>>> from importlib import resources
>>> shipped = json.loads(resources.files("lmdocs.data").joinpath("tiny_gpt_hafez.json").read_text(encoding="utf-8"))
>>> shipped["version"], shipped["config"]["vocab_size"], shipped["tokenizer"]["chars"][:4]
(2, 38, ['\\n', ' ', 'ء', 'آ'])
>>> {k: v for k, v in shipped["tensors"]["transformer.wte.weight"].items() if k in ("shape", "dtype")}
{'shape': [38, 64], 'dtype': 'float32'}

>>> blob = encode_tensor([0.5, -2.0], (2,))
>>> blob["data"], decode_tensor(blob, "x")
('AAAAPwAAAMA=', [0.5, -2.0])
"""
from __future__ import annotations

import base64
import binascii
import json
import math
import os
from pathlib import Path

from lmdocs import tensor_json
from lmdocs.tokenizers import tokenizer_from_dict
from lmdocs.transformer.config import GPTConfig, parameter_shapes

FORMAT_NAME = "lmdocs-gpt"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)  # version 1 spelled the tokenizer differently; tokenizer_from_dict reads both


def encode_tensor(values: list[float], shape: tuple[int, ...], dtype: str = "float32") -> dict:
    """Flat values (row-major) -> ``{"shape", "dtype", "crc32", "data"}``."""
    return encode_raw(tensor_json.to_bytes(values, dtype), shape, dtype)


def encode_raw(raw: bytes, shape: tuple[int, ...], dtype: str = "float32") -> dict:
    """Already packed little-endian bytes -> the tensor's JSON object (the exporter uses this for speed)."""
    if dtype not in tensor_json.DTYPES:
        raise ValueError(f"dtype must be one of {', '.join(tensor_json.DTYPES)}, got {dtype!r}.")
    return {"shape": list(shape), "dtype": dtype, "crc32": binascii.crc32(raw),
            "data": base64.b64encode(raw).decode("ascii")}


def decode_tensor(blob: dict, name: str) -> list[float]:
    """``{"shape", "dtype", "crc32", "data"}`` -> flat list of floats, checked against shape and crc32."""
    if not isinstance(blob, dict) or not {"shape", "dtype", "data"} <= set(blob):
        raise ValueError(f"tensor {name} must be an object with shape, dtype and data.")
    dtype = blob["dtype"]
    if dtype not in tensor_json.DTYPES:
        raise ValueError(f"tensor {name} has dtype {dtype!r}; this reader knows {', '.join(tensor_json.DTYPES)}.")
    raw = tensor_json.from_base64(blob["data"], f"tensor {name}")
    values = tensor_json.from_bytes(raw, dtype, math.prod(blob["shape"]), f"tensor {name}")
    if "crc32" in blob and binascii.crc32(raw) != blob["crc32"]:
        raise ValueError(f"tensor {name}: checksum mismatch; the file is damaged. Export it again.")
    return values


def build_document(config: GPTConfig, tensors: dict[str, dict], tokenizer: dict,
                   metadata: dict | None = None) -> dict:
    """Assemble (and validate) the JSON document from already encoded tensors."""
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "config": config.to_dict(),
                "tokenizer": tokenizer, "tensors": tensors, "metadata": metadata or {}}
    read_document(document)  # refuse to write a file we could not read back
    return document


def read_document(document: object) -> tuple[GPTConfig, dict[str, list], object, dict]:
    """Validate a parsed document -> (config, {name: nested weights}, tokenizer, metadata)."""
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ValueError(f"this is not an exported lmdocs GPT (expected \"format\": \"{FORMAT_NAME}\"); "
                         "create one with python -m lmdocs.recipes.export.")
    if document.get("version") not in READABLE_VERSIONS:
        raise ValueError(f"file format version {document.get('version')!r} is not supported; this lmdocs "
                         f"reads versions {READABLE_VERSIONS[0]} to {FORMAT_VERSION}. Export the checkpoint "
                         "again with this lmdocs.")
    config = GPTConfig.from_dict(document.get("config"))
    tokenizer = tokenizer_from_dict(document.get("tokenizer"))
    if tokenizer.vocab_size > config.vocab_size:
        raise ValueError(f"the tokenizer has {tokenizer.vocab_size} tokens but the model only "
                         f"{config.vocab_size}; the file is inconsistent.")
    tensors = document.get("tensors")
    if not isinstance(tensors, dict):
        raise ValueError("the file has no \"tensors\" object.")
    expected = parameter_shapes(config)
    missing, extra = sorted(set(expected) - set(tensors)), sorted(set(tensors) - set(expected))
    if missing or extra:
        raise ValueError(f"the tensors do not match the config: missing {missing[:3]}, unexpected {extra[:3]}.")
    weights = {}
    for name, shape in expected.items():
        if tuple(tensors[name].get("shape", ())) != shape:
            raise ValueError(f"tensor {name} has shape {tensors[name].get('shape')}, the config needs {list(shape)}.")
        weights[name] = tensor_json.reshape(decode_tensor(tensors[name], name), shape)
    metadata = document.get("metadata") or {}
    return config, weights, tokenizer, metadata


def write_document(document: dict, path: str | Path) -> None:
    """Write compact JSON (UTF-8, Persian characters kept readable) to a temporary file, then rename
    it over ``path``: a crash never leaves half a file."""
    path = Path(path)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def load_document(path: str | Path) -> dict:
    """Read and parse the JSON; a file that is not JSON raises ValueError."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path} is not a JSON file exported by lmdocs ({error}).") from None
