"""Save a GPT (one trained in the page, say) as the exported-GPT file that the recipes also write.

The file is ``file_format``'s JSON document, the one ``lmdocs.recipes.export`` writes from a torch
checkpoint, so a model trained in the browser loads back with ``GPT.from_file`` and into the
recipe's torch model (its ``state_dict`` names are the tensor names). Weights are stored in
float64 by default: the page trains in float64, so the round trip is bit for bit.

>>> from lmdocs.transformer.config import GPTConfig
>>> from lmdocs.transformer.init import random_gpt
>>> from lmdocs.transformer.model import GPT
>>> from lmdocs.tokenizers import CharTokenizer
>>> model = random_gpt(GPTConfig(block_size=4, vocab_size=3, n_layer=1, n_head=1, n_embd=2),
...                    CharTokenizer(["a", "b", "c"]), seed=0)
>>> GPT.from_dict(gpt_document(model)).weights == model.weights
True

Not handled: models without a tokenizer (the file needs one), optimizer state (the file holds a
model, not a training run).
"""
from __future__ import annotations

from pathlib import Path

from lmdocs.transformer.config import parameter_shapes
from lmdocs.transformer.file_format import build_document, encode_tensor, write_document
from lmdocs.transformer.model import GPT


def gpt_document(model: GPT, dtype: str = "float64", metadata: dict | None = None) -> dict:
    """The model as an exported-GPT document (checked by reading it back before it is returned)."""
    if model.tokenizer is None:
        raise ValueError("this model has no tokenizer; the file needs one to turn its ids back into text.")
    tensors = {}
    for name, shape in parameter_shapes(model.config).items():
        value = model.weights[name]
        flat = [x for row in value for x in row] if len(shape) == 2 else list(value)
        tensors[name] = encode_tensor(flat, shape, dtype)
    return build_document(model.config, tensors, model.tokenizer.to_dict(), {**model.metadata, **(metadata or {})})


def save_gpt(model: GPT, path: str | Path, dtype: str = "float64", metadata: dict | None = None) -> dict:
    """Write ``path``; returns the document written."""
    document = gpt_document(model, dtype, metadata)
    write_document(document, path)
    return document
