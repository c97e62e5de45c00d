"""Text from a GPT, one token at a time: greedy, or sampled with a temperature, top-k, top-p and a seed.

Each step feeds the context (cropped to the last ``block_size`` tokens, as nanoGPT does) and turns
the last position's logits into the next token. Until the context is full a key/value cache
makes a step cost one token's work; once it is full, every step recomputes the whole window
(positions shift, so cached keys no longer fit).

>>> model = GPT.from_file("tiny.json")                                   # doctest: +SKIP
>>> model.decode(generate(model, model.encode("الا"), 20, temperature=0.8, seed=1))  # doctest: +SKIP

``temperature=0`` is greedy (argmax, first index on ties). Top-k keeps the ``k`` likeliest tokens;
top-p (nucleus sampling, Holtzman et al. 2020) keeps the smallest set of likeliest tokens whose
probabilities add up to at least ``p``; with both, top-k is applied first (as Hugging Face does). The same seed gives the same text on
the same Python; CPython and Pyodide may rarely differ where exp() differs in the last bit.
Not handled: beam search, repetition penalties, stop tokens.
"""
from __future__ import annotations

import math
import random
from collections.abc import Iterator

from lmdocs.transformer.model import GPT, KVCache
from lmdocs.transformer.ops import Vector, softmax


def next_token_distribution(logits: Vector, temperature: float = 1.0, top_k: int | None = None,
                            top_p: float | None = None) -> Vector:
    """softmax(logits / temperature), with every token outside the ``top_k`` best, then outside the
    nucleus of probability ``top_p``, set to probability 0 and the rest renormalized.

    >>> [round(p, 3) for p in next_token_distribution([2.0, 1.0, 0.0, -1.0], top_p=0.8)]
    [0.731, 0.269, 0.0, 0.0]
    """
    if temperature <= 0:
        raise ValueError(f"temperature must be > 0 to sample, got {temperature}; use 0 in generate() for greedy.")
    scaled = [v / temperature for v in logits]
    if top_k is not None:
        if top_k < 1:
            raise ValueError(f"top_k must be at least 1, got {top_k}.")
        cutoff = sorted(scaled, reverse=True)[min(top_k, len(scaled)) - 1]
        scaled = [v if v >= cutoff else -math.inf for v in scaled]
    probs = softmax(scaled)
    if top_p is None:
        return probs
    if not 0 < top_p <= 1:
        raise ValueError(f"top_p must be in (0, 1], got {top_p}; 1 keeps every token.")
    keep, total = set(), 0.0
    for i in sorted(range(len(probs)), key=lambda i: -probs[i]):   # likeliest first, lower index on ties
        keep.add(i)
        total += probs[i]
        if total >= top_p - 1e-12:                                   # the nucleus: the smallest such set
            break
    return [p / total if i in keep else 0.0 for i, p in enumerate(probs)]


def iter_generate(model: GPT, ids: list[int], max_new_tokens: int, temperature: float = 1.0,
                  top_k: int | None = None, seed: int | None = None, top_p: float | None = None) -> Iterator[int]:
    """Yield ``max_new_tokens`` new token ids one by one (stop iterating to stop early).

    Arguments are checked at the call, before the first token is asked for.
    """
    check_generate_args(model, ids, max_new_tokens, temperature, top_k, top_p)
    return _tokens(model, list(ids), max_new_tokens, temperature, top_k, random.Random(seed), top_p)


def check_generate_args(model: GPT, ids: list[int], max_new_tokens: int, temperature: float,
                        top_k: int | None, top_p: float | None = None) -> None:
    """Raise ValueError for a bad temperature, length, top_k, top_p or prompt (ids outside the vocabulary)."""
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0 (0 is greedy), got {temperature}.")
    if max_new_tokens < 0:
        raise ValueError(f"max_new_tokens must be >= 0, got {max_new_tokens}.")
    if temperature > 0:
        next_token_distribution([0.0], temperature, top_k, top_p)  # validates top_k and top_p
    model.check_ids(list(ids)[-model.config.block_size:])


def choose_token(logits: Vector, temperature: float, top_k: int | None, rng: random.Random,
                 top_p: float | None = None) -> int:
    """The next token: the argmax when temperature is 0 (first index on ties), else a draw with ``rng``."""
    if temperature == 0:
        return max(range(len(logits)), key=logits.__getitem__)
    probs = next_token_distribution(logits, temperature, top_k, top_p)
    return rng.choices(range(len(probs)), weights=probs)[0]


def _tokens(model: GPT, context: list[int], max_new_tokens: int, temperature: float,
            top_k: int | None, rng: random.Random, top_p: float | None = None) -> Iterator[int]:
    block_size = model.config.block_size
    cache, pending = KVCache(model.config.n_layer), context[-block_size:]
    for _ in range(max_new_tokens):
        token = choose_token(model.forward(pending, cache=cache).logits[-1], temperature, top_k, rng, top_p)
        context.append(token)
        yield token
        if cache.length < block_size:
            pending = [token]
        else:  # the window is full: crop and start a fresh cache
            cache, pending = KVCache(model.config.n_layer), context[-block_size:]


def generate(model: GPT, ids: list[int], max_new_tokens: int, temperature: float = 1.0,
             top_k: int | None = None, seed: int | None = None, top_p: float | None = None) -> list[int]:
    """The prompt ids followed by ``max_new_tokens`` generated ids."""
    return list(ids) + list(iter_generate(model, ids, max_new_tokens, temperature, top_k, seed, top_p))
