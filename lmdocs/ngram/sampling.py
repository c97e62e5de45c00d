"""Drawing the next word from a distribution, with temperature and top-k.

    q(w) ∝ p(w) ** (1 / T)        over the k most probable words when top_k = k

T = 1 samples from the model as it is; T → 0 approaches always taking the most probable word
(T = 0 does exactly that); large T approaches uniform over the kept words. Example:
p = {a: 0.8, b: 0.2} at T = 0.5 gives q ∝ {0.64, 0.04}, i.e. q(a) = 0.64/0.68 ≈ 0.94.

``<unk>`` is never sampled: it stands for many words, none of which can be written out.
"""
from __future__ import annotations

import heapq
import random

from lmdocs.ngram.counts import UNK


def check_sampling(temperature: object, top_k: object) -> None:
    """Raise a clear error for a temperature or top_k that cannot be used."""
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) or not temperature >= 0:
        raise ValueError(f"temperature must be a number >= 0 (1 = as the model says), got {temperature!r}")
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1):
        raise ValueError(f"top_k must be None (keep every word) or a positive int, got {top_k!r}")


def tempered(distribution: dict[str, float], temperature: float = 1.0,
             top_k: int | None = None) -> dict[str, float]:
    """The distribution actually sampled from, renormalised.

    >>> q = tempered({"a": 0.8, "b": 0.2}, temperature=0.5)
    >>> round(q["a"], 4), round(0.64 / 0.68, 4)
    (0.9412, 0.9412)
    """
    check_sampling(temperature, top_k)
    items = [(w, p) for w, p in distribution.items() if p > 0.0 and w != UNK]
    if not items:
        raise ValueError("nothing to sample: every word has probability 0 in this context")
    if top_k is not None and top_k < len(items):
        items = heapq.nlargest(top_k, items, key=lambda item: item[1])
    if temperature == 0:
        best = max(items, key=lambda item: item[1])
        return {best[0]: 1.0}
    top = max(p for _, p in items)
    weights = [(w, (p / top) ** (1.0 / temperature)) for w, p in items]
    total = sum(x for _, x in weights)
    return {w: x / total for w, x in weights}


def sample_word(distribution: dict[str, float], rng: random.Random, temperature: float = 1.0,
                top_k: int | None = None) -> str:
    """One word drawn from :func:`tempered` with ``rng`` (seeded for repeatable samples)."""
    q = tempered(distribution, temperature, top_k)
    return rng.choices(list(q), weights=list(q.values()))[0]
