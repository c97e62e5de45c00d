"""Export a trained PyTorch GPT to the JSON file the pure-Python ``lmdocs.transformer`` reads.

    python -m lmdocs.recipes.export --ckpt runs/tiny/ckpt.pt --out tiny_gpt.json

The weights are written bit for bit as base64 little-endian float32 (or float64 with
``--dtype float64``), so the browser's model computes with exactly the trained numbers; the format
is described in ``lmdocs/transformer/file_format.py``. The tokenizer (characters, bytes or BPE) is
the run's own ``lmdocs.tokenizers`` object, saved with its ``to_dict``. In Python:

>>> from lmdocs.recipes.model import GPT, GPTConfig
>>> from lmdocs.tokenizers import CharTokenizer
>>> model = GPT(GPTConfig(block_size=8, vocab_size=3, n_layer=1, n_head=2, n_embd=4))
>>> export_model(model, CharTokenizer("abc"), "tiny.json")   # doctest: +SKIP

Not handled: untied ``lm_head`` weights and models other than the GPT (LSTM, minGRU).
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path

import torch

from lmdocs.recipes.model import GPT
from lmdocs.tokenizers import Tokenizer, tokenizer_from_dict
from lmdocs.transformer.config import GPTConfig as PlainConfig
from lmdocs.transformer.config import parameter_shapes
from lmdocs.transformer.file_format import build_document, encode_raw, write_document

_TORCH_DTYPES = {"float32": torch.float32, "float64": torch.float64}


def plain_config(model_args: dict) -> PlainConfig:
    """A GPT's ``model_args`` (what a checkpoint stores) -> the pure-Python GPTConfig (dropout dropped)."""
    fields = ("block_size", "vocab_size", "n_layer", "n_head", "n_embd", "bias")
    return PlainConfig.from_dict({k: model_args[k] for k in fields if k in model_args})


def _clean_state_dict(state_dict: dict) -> dict[str, torch.Tensor]:
    """Drop torch.compile's ``_orig_mod.`` and DDP's ``module.`` prefixes."""
    clean = {}
    for name, tensor in state_dict.items():
        for prefix in ("_orig_mod.", "module."):
            if name.startswith(prefix):
                name = name[len(prefix):]
        clean[name] = tensor
    return clean


def export_state_dict(state_dict: dict, model_args: dict, tokenizer: Tokenizer, path: str | Path,
                      dtype: str = "float32", metadata: dict | None = None) -> dict:
    """Write ``path`` from a GPT state_dict and its ``model_args``; returns the document written."""
    if dtype not in _TORCH_DTYPES:
        raise ValueError(f"dtype must be float32 or float64, got {dtype!r}.")
    plain = plain_config(model_args)
    state = _clean_state_dict(state_dict)
    wte = state.get("transformer.wte.weight")
    head = state.get("lm_head.weight")
    if wte is not None and head is not None and not torch.equal(wte, head):
        raise ValueError("lm_head.weight differs from transformer.wte.weight; only tied GPTs can be exported.")
    tensors = {}
    for name, shape in parameter_shapes(plain).items():
        if name not in state:
            raise ValueError(f"the state_dict has no {name}; is it a GPT with config {plain}?")
        tensor = state[name].detach().to("cpu", _TORCH_DTYPES[dtype]).contiguous()
        if tuple(tensor.shape) != shape:
            raise ValueError(f"{name} has shape {tuple(tensor.shape)}, the config needs {shape}.")
        raw = tensor.numpy().astype("<f4" if dtype == "float32" else "<f8").tobytes()
        tensors[name] = encode_raw(raw, shape, dtype)
    document = build_document(plain, tensors, tokenizer.to_dict(), metadata)
    write_document(document, path)
    return document


def export_model(model: GPT, tokenizer: Tokenizer, path: str | Path, dtype: str = "float32",
                 metadata: dict | None = None) -> dict:
    """Write ``path`` from a ``lmdocs.recipes.model.GPT`` and the tokenizer it was trained with."""
    return export_state_dict(model.state_dict(), asdict(model.config), tokenizer, path, dtype, metadata)


def export_checkpoint(ckpt_path: str | Path, out_path: str | Path, dtype: str = "float32") -> dict:
    """Read a checkpoint written by ``python -m lmdocs.recipes.train`` (a GPT) and export it."""
    from lmdocs.recipes.checkpoint import load_checkpoint

    ckpt = load_checkpoint(ckpt_path, map_location="cpu")
    if ckpt["model_type"] != "gpt":
        raise ValueError(f"{ckpt_path} holds a {ckpt['model_type']} model; only GPT checkpoints can be exported "
                         "to the pure-Python transformer.")
    metadata = {"source": Path(ckpt_path).name, "step": int(ckpt["step"]), "trained_by": "lmdocs.recipes.train"}
    train_config = ckpt.get("config") or {}
    if isinstance(train_config, dict) and "data" in train_config:
        metadata["data"] = str(train_config["data"])
    tokenizer = tokenizer_from_dict(ckpt["tokenizer"])
    return export_state_dict(ckpt["model"], ckpt["model_args"], tokenizer, out_path, dtype, metadata)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lmdocs.recipes.export", description=__doc__.splitlines()[0])
    parser.add_argument("--ckpt", required=True, help="checkpoint written by python -m lmdocs.recipes.train")
    parser.add_argument("--out", required=True, help="the JSON file to write")
    parser.add_argument("--dtype", default="float32", choices=sorted(_TORCH_DTYPES))
    args = parser.parse_args(argv)
    try:
        document = export_checkpoint(args.ckpt, args.out, args.dtype)
    except (ValueError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    size = Path(args.out).stat().st_size
    print(f"wrote {args.out}: {document['config']}, {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
