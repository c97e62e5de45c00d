"""Random starting weights for a GPT, as nanoGPT (and ``lmdocs.recipes.model``) draws them.

    Linear and Embedding weights       normal(0, 0.02)
    the two residual projections        normal(0, 0.02 / sqrt(2 * n_layer))   (attn.c_proj, mlp.c_proj)
    every bias                          0
    LayerNorm weights                   1

The residual projections are smaller because each block *adds* their output to the residual
stream: with 2 * n_layer additions the stream's variance would grow with depth (GPT-2 paper,
section 2.3). ``lm_head`` is tied to ``wte``, so it is not drawn separately.

>>> config = GPTConfig(block_size=8, vocab_size=5, n_layer=1, n_head=2, n_embd=4)
>>> weights = init_weights(config, seed=0)
>>> weights["transformer.ln_f.weight"], weights["transformer.h.0.attn.c_attn.bias"][:3]
([1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0])
>>> round(init_std("transformer.h.0.mlp.c_proj.weight", config), 6)  # 0.02 / sqrt(2 * n_layer)
0.014142

The same seed gives the same weights on every Python (``random.Random.gauss``), so a page and a
test start from the same model. torch draws other numbers from its own generator: the rule is the
same, the numbers are not.
"""
from __future__ import annotations

import math
import random

from lmdocs.transformer.config import GPTConfig, parameter_shapes
from lmdocs.transformer.model import GPT
from lmdocs.tokenizers import Tokenizer

INIT_STD = 0.02  # GPT-2's standard deviation for every weight matrix


def init_std(name: str, config: GPTConfig) -> float | None:
    """The standard deviation drawn for weight ``name``; None for LayerNorm weights and biases."""
    if name.endswith(".bias") or ".ln_" in name:
        return None
    if name.endswith("c_proj.weight"):
        return INIT_STD / math.sqrt(2 * config.n_layer)
    return INIT_STD


def init_weights(config: GPTConfig, seed: int = 0) -> dict[str, list]:
    """Every weight of ``parameter_shapes(config)``, as nested lists, drawn with ``random.Random(seed)``."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be an integer, got {seed!r}.")
    rng = random.Random(seed)
    weights: dict[str, list] = {}
    for name, shape in parameter_shapes(config).items():
        std = init_std(name, config)
        if std is None:  # LayerNorm starts as the identity: weight 1, bias 0; Linear biases start at 0
            fill = 1.0 if name.endswith(".weight") else 0.0
            weights[name] = [fill] * shape[0]
        else:
            rows, cols = shape
            weights[name] = [[rng.gauss(0.0, std) for _ in range(cols)] for _ in range(rows)]
    return weights


def random_gpt(config: GPTConfig, tokenizer: Tokenizer | None = None, seed: int = 0) -> GPT:
    """A GPT that knows nothing yet: the starting point of training in the page.

    >>> model = random_gpt(GPTConfig(block_size=8, vocab_size=5, n_layer=1, n_head=2, n_embd=4), seed=1)
    >>> len(model.logits([0, 1, 2])[0])
    5
    """
    if tokenizer is not None and tokenizer.vocab_size > config.vocab_size:
        raise ValueError(f"the tokenizer has {tokenizer.vocab_size} tokens but vocab_size is "
                         f"{config.vocab_size}; raise vocab_size.")
    return GPT(config, init_weights(config, seed), tokenizer, {"init": "nanoGPT normal(0, 0.02)", "seed": seed})
