"""A small GPT in pure Python: load an exported model, follow every tensor, read the attention.

>>> from lmdocs.transformer import load_hafez_gpt            # doctest: +SKIP
>>> model = load_hafez_gpt()                                  # doctest: +SKIP
>>> model.decode(generate(model, model.encode("الا یا"), 30, temperature=0.8, seed=0))  # doctest: +SKIP
"""
from lmdocs.tokenizers import ByteTokenizer, CharTokenizer, Tokenizer
from lmdocs.transformer.attention import (
    causal_mask,
    multi_head_attention,
    scaled_dot_product_attention,
    sinusoidal_positions,
)
from lmdocs.transformer.config import GPTConfig, parameter_shapes
from lmdocs.transformer.generate import generate, iter_generate
from lmdocs.transformer.hafez_model import HAFEZ_MODEL_FILE, load_hafez_gpt
from lmdocs.transformer.model import GPT, ForwardPass, KVCache, Step

__all__ = [
    "ByteTokenizer", "CharTokenizer", "GPT", "GPTConfig", "ForwardPass", "HAFEZ_MODEL_FILE", "KVCache", "Step",
    "Tokenizer", "causal_mask", "generate",
    "iter_generate", "load_hafez_gpt", "multi_head_attention", "parameter_shapes",
    "scaled_dot_product_attention", "sinusoidal_positions",
]
