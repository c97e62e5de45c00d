"""Interpolated Kneser-Ney and modified Kneser-Ney, computed exactly as KenLM's ``lmplz``.

For an n-gram ``h w`` with adjusted count a(h w) (see :func:`counts.adjusted_counts`):

    p(w | h) = (a(h w) - D(a(h w))) / Σ_x a(h x)  +  γ(h) · p(w | h')        h' = h without its first word
    γ(h)     = (D1·N1(h •) + D2·N2(h •) + D3·N3+(h •)) / Σ_x a(h x)

where Nc(h •) counts the words seen after h with adjusted count c (3+: three or more). The
recursion ends at unigrams, which interpolate with the uniform distribution 1/|V|, |V| counting
``<unk>`` and ``</s>`` but not ``<s>``. Modified Kneser-Ney (Chen and Goodman 1998) has three
discounts per order, estimated from counts-of-counts n1..n4 (their equation 26):

    Y = n1 / (n1 + 2·n2),     Dc = c - (c + 1)·Y·n(c+1)/n(c)     for c = 1, 2, 3

Plain interpolated Kneser-Ney uses the single discount D = Y for every count.
Worked example: n = [_, 4, 2, 1, 1] gives Y = 4/8 = 0.5, D1 = 1 - 2·0.5·2/4 = 0.5,
D2 = 2 - 3·0.5·1/2 = 1.25, D3 = 3 - 4·0.5·1/1 = 1.0.

The result is a backoff model (log10 probabilities of seen n-grams, log10 backoff γ(h) of
contexts), the very numbers an ARPA file stores. Not handled: pruning, lmplz's ``--interpolate_unigrams 0``.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from itertools import compress, repeat

from lmdocs.ngram.counts import BOS, UNK, apply_lmplz_quirk

LMPLZ_FALLBACK = (0.5, 1.0, 1.5)  # lmplz --discount_fallback defaults for D1, D2, D3+
KN_FALLBACK = 0.75  # the classic single discount (Kneser and Ney 1995) when it cannot be estimated

Discounts = tuple[float, float, float]


def log10(p: float) -> float:
    """log10 that maps probability 0 to -inf instead of raising."""
    return math.log10(p) if p > 0.0 else -math.inf


def estimate_discounts(n: Sequence[int], modified: bool, fallback: bool, k: int) -> Discounts:
    """(D1, D2, D3+) for one order from its counts-of-counts ``n[1..4]``.

    >>> estimate_discounts([0, 4, 2, 1, 1], modified=True, fallback=False, k=1)
    (0.5, 1.25, 1.0)
    """
    needed = 4 if modified else 2
    missing = [c for c in range(1, needed) if n[c] == 0]
    if missing:
        if fallback:
            return LMPLZ_FALLBACK if modified else (KN_FALLBACK,) * 3
        raise ValueError(
            f"cannot estimate Kneser-Ney discounts for {k}-grams: no {k}-gram has adjusted count "
            f"{missing[0]}; the text is too small or artificial (characters?). "
            "Pass discount_fallback=True (as lmplz --discount_fallback) or explicit discounts"
        )
    y = n[1] / (n[1] + 2 * n[2])
    if not modified:
        return (y, y, y)
    d = tuple(c - (c + 1) * y * n[c + 1] / n[c] for c in (1, 2, 3))
    bad = [c for c in (1, 2, 3) if not 0.0 <= d[c - 1] <= c]
    if bad:
        if fallback:
            return LMPLZ_FALLBACK
        c = bad[0]
        raise ValueError(
            f"the estimated discount D{c} = {d[c - 1]:.4f} for {k}-grams is outside [0, {c}]: "
            "the counts look unusual. Pass discount_fallback=True or explicit discounts"
        )
    return d  # type: ignore[return-value]


def check_discounts(discounts: object, order: int, modified: bool) -> list[Discounts]:
    """Validate user-given discounts; return one (D1, D2, D3+) triple per order.

    Plain Kneser-Ney takes one number (all orders) or one per order; modified Kneser-Ney takes one
    triple (all orders) or one triple per order. Each Dc must lie in [0, c].
    """
    def triple(value: object) -> Discounts:
        if modified:
            if not (isinstance(value, (list, tuple)) and len(value) == 3):
                raise TypeError(f"modified Kneser-Ney needs discounts (D1, D2, D3+), got {value!r}")
            ds = tuple(value)
        else:
            ds = (value,) * 3
        for c, d in enumerate(ds, start=1):
            if isinstance(d, bool) or not isinstance(d, (int, float)):
                raise TypeError(f"a discount must be a number, got {d!r}")
            limit = c if modified else 1
            if not 0.0 <= d <= limit:
                raise ValueError(f"discount D{c if modified else ''} = {d} is outside its valid range [0, {limit}]")
        return tuple(float(d) for d in ds)  # type: ignore[return-value]

    per_order = isinstance(discounts, (list, tuple)) and (
        (modified and len(discounts) > 0 and isinstance(discounts[0], (list, tuple))) or
        (not modified)
    )
    if not per_order:
        return [triple(discounts)] * order
    if len(discounts) != order:  # type: ignore[arg-type]
        raise ValueError(f"give one discount entry per order: expected {order}, got {len(discounts)}")  # type: ignore[arg-type]
    return [triple(d) for d in discounts]  # type: ignore[union-attr]


def encode(grams: list[tuple[str, ...]], ids: dict[str, int], base: int) -> list[int]:
    """Each n-gram as one int, its word ids as digits in base ``base``: (a, b, c) -> (a·B + b)·B + c.

    Why: a tuple recomputes its hash from its words at every dictionary lookup and slicing one
    builds a new tuple, while an int hashes in one step and the context (a, b) of (a, b, c) is
    ``code // B``, its lower-order n-gram (b, c) is ``code % B²``: arithmetic, no new tuples.

    >>> encode([("x", "y"), ("y", "x")], {"x": 0, "y": 1}, 2)
    [1, 2]
    """
    if not grams:
        return []
    k = len(grams[0])
    if k == 1:
        return [ids[a] for (a,) in grams]
    if k == 2:
        return [ids[a] * base + ids[b] for a, b in grams]
    if k == 3:
        return [(ids[a] * base + ids[b]) * base + ids[c] for a, b, c in grams]
    codes = [0] * len(grams)
    for j in range(k):
        codes = [code * base + ids[gram[j]] for code, gram in zip(codes, grams)]
    return codes


def kneser_ney(
    counts: list, modified: bool = True, discounts: object = None, discount_fallback: bool = False
) -> tuple[dict, dict, list[Discounts]]:
    """Backoff tables ``(logp, backoff, discounts)`` from raw counts (see :func:`count_ngrams`).

    ``logp[gram]`` is log10 p(w | h) for every n-gram in the text plus ``<unk>``, ``<s>`` (log10 p
    written as 0, like lmplz: it is never predicted); ``backoff[h]`` is log10 γ(h) for every context.

    How: the formulas of the module docstring, one order at a time, on parallel lists (one entry
    per k-gram: its code, see :func:`encode`, and its adjusted count a) combined with ``map``,
    ``zip`` and ``Counter``, so that the loops over the n-grams run in C. Read it next to the
    dictionary-per-quantity version keyed by word tuples: :func:`counts.adjusted_counts` and
    :func:`counts.lmplz_counts_of_counts` compute the same adjusted counts and discounts' inputs.
    The tests compare the result with the ARPA files lmplz writes.
    """
    order = len(counts) - 1
    grams = [list(c) for c in counts]
    ids = {gram[0]: i for i, gram in enumerate(grams[1])}
    base = len(ids)
    codes = [encode(g, ids, base) for g in grams]
    raw = [list(c.values()) for c in counts]
    adjusted = adjusted_lists(codes, raw, base, ids[BOS])
    if discounts is None:
        stats = [[0] + list(map(Counter(a).__getitem__, range(1, 5))) for a in adjusted]
        apply_lmplz_quirk(stats, counts, lambda k, gram: lookup(codes[k], adjusted[k], encode([gram], ids, base)[0]))
        ds = [estimate_discounts(stats[k], modified, discount_fallback, k) for k in range(1, order + 1)]
    else:
        ds = check_discounts(discounts, order, modified)
    logp: dict = {}
    backoff: dict = {}
    vocab_size = sum(map(bool, adjusted[1])) + 1  # the words but <s> (adjusted count 0), plus <unk>
    prob = {0: 1.0 / vocab_size}  # p(w | h) of the order below, by code; below unigrams: uniform
    for k in range(1, order + 1):
        ks, values, words = codes[k], adjusted[k], grams[k]
        if k == 1:  # <s> is never predicted
            keep = list(map(bool, values))
            ks, values, words = (list(compress(x, keep)) for x in (ks, values, words))
        contexts = [code // base for code in ks]  # (a, b, c) -> (a, b); a unigram -> 0, no context
        total = context_totals(k, codes, raw, base) if k > 1 else {0: sum(values)}
        gamma = gammas(contexts, values, total, ds[k - 1])
        if k == 1:
            unk = gamma[0] / vocab_size
        else:
            names = dict(zip(codes[k - 1], grams[k - 1]))
            backoff.update(zip(map(names.__getitem__, gamma),
                               map(log10 if 0.0 in gamma.values() else math.log10, gamma.values())))
        d1, d2, d3 = ds[k - 1]
        discount = [0.0, d1, d2] + [d3] * (max(values, default=0) - 2)  # D(a), indexed by a
        lower = base ** (k - 1)  # (a, b, c) -> (b, c) is code % base²; a unigram -> 0 (uniform)
        probs = [(a - discount[a]) / total[h] + gamma[h] * prob[code % lower]
                 for code, a, h in zip(ks, values, contexts)]
        if k < order:
            prob = dict(zip(ks, probs))
        logp.update(zip(words, map(math.log10, probs)))  # every seen n-gram has p > 0
    logp[(UNK,)] = log10(unk)
    logp[(BOS,)] = 0.0
    backoff.setdefault((UNK,), 0.0)
    return logp, backoff, ds


def adjusted_lists(codes: list[list[int]], raw: list[list[int]], base: int, bos: int) -> list[list[int]]:
    """:func:`counts.adjusted_counts` on codes: ``adjusted[k][i]`` belongs to the k-gram ``codes[k][i]``.

    The continuation count of g is how many distinct (k+1)-grams end with g, i.e. have
    ``code % base**k == g``; n-grams that start with ``<s>`` end no (k+1)-gram, so ``get``
    falls back to their raw count (unigram ``<s>``: 0).
    """
    order = len(codes) - 1
    adjusted = [[] for _ in codes]
    adjusted[order] = raw[order] if order > 1 else [c if code != bos else 0 for code, c in zip(codes[1], raw[1])]
    for k in range(1, order):
        suffix = base ** k
        continuation = Counter([code % suffix for code in codes[k + 1]])
        defaults = raw[k] if k > 1 else repeat(0)
        adjusted[k] = list(map(continuation.get, codes[k], defaults))
    return adjusted


def context_totals(k: int, codes: list[list[int]], raw: list[list[int]], base: int) -> dict[int, int]:
    """Σ_x a(h x) for every context h of the k-grams (k > 1), keyed by the code of h.

    Highest order: a = raw count, and h is followed by some word each time it occurs, so the total
    is h's raw count. Lower orders: Σ_x N1+(• h x) is the number of distinct (k+1)-grams "v h x",
    i.e. how often h is the middle of one; contexts that start with <s> keep raw counts.
    """
    total = dict(zip(codes[k - 1], raw[k - 1]))
    if k < len(codes) - 1:
        middle = base ** (k - 1)
        total.update(Counter([code // base % middle for code in codes[k + 1]]))
    return total


def gammas(contexts: list[int], values: list[int], total: dict, ds: Discounts) -> dict[int, float]:
    """γ(h) = (D1·N1(h•) + D2·N2(h•) + D3·N3+(h•)) / total(h), with N1 = children - N2 - N3+.

    (Counting the few n-grams with a = 2 or a >= 3 is cheaper than counting the many with a = 1.)
    """
    d1, d2, d3 = ds
    n2 = Counter(compress(contexts, map((2).__eq__, values)))
    n3 = Counter(compress(contexts, map((2).__lt__, values)))
    children = Counter(contexts)
    hs = list(children)
    e1, e2 = d3 - d1, d3 - d2
    return dict(zip(hs, [(d3 * c - e1 * (c - b - m) - e2 * b) / t for c, b, m, t in zip(
        children.values(), map(n2.get, hs, repeat(0)), map(n3.get, hs, repeat(0)), map(total.__getitem__, hs))]))


def lookup(keys: list[int], values: list[int], key: int) -> int | None:
    """``values[i]`` where ``keys[i] == key``, None if absent (a linear scan, in C)."""
    return values[keys.index(key)] if key in keys else None
