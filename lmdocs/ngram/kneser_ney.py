"""Interpolated Kneser-Ney and modified Kneser-Ney, in lmplz's stages: count → adjust → discount → interpolate.

For an n-gram ``h w`` with adjusted count a(h w) (see :func:`counts.adjusted_counts`):

    p(w | h) = (a(h w) - D(a(h w))) / Σ_x a(h x)  +  γ(h) · p(w | h')        h' = h without its first word
    γ(h)     = (D1·N1(h •) + D2·N2(h •) + D3·N3+(h •)) / Σ_x a(h x)

where Nc(h •) counts the words seen after h with adjusted count c (3+: three or more). The
recursion ends at unigrams, which interpolate with the uniform distribution 1/|V|, |V| counting
``<unk>`` and ``</s>`` but not ``<s>``. The discounts D1, D2, D3+ (one D for plain Kneser-Ney) come
from :mod:`discounts`. The result is a backoff model: log10 p of every seen n-gram and log10 γ(h)
of every context, the very numbers an ARPA file stores.

One function per stage of lmplz's pipeline (lm/builder/pipeline.cc in KenLM):

    count        the n-grams of each order as parallel lists: word tuples, int codes, raw counts
    adjust       adjusted counts a: the raw count for the highest order and for n-grams that
                 start with <s>, the continuation count N1+(• g) for the others (AdjustCounts)
    discount     D1, D2, D3+ per order, applied: each n-gram's discounted part
                 (a - D(a)) / Σ_x a(h x) and each context's left-over mass γ(h) (InitialProbabilities)
    interpolate  p(w | h) = discounted part + γ(h) · p(w | h'), from the unigrams up (Interpolate)

Why it is fast: every stage works on parallel lists (one entry per n-gram) combined with ``map``,
``zip`` and ``Counter``, so the loops over the n-grams run in C, and n-grams are ints
(:func:`encode`). Read it next to the dictionary-per-quantity version keyed by word tuples:
:func:`counts.adjusted_counts` and :func:`counts.lmplz_counts_of_counts` compute the same adjusted
counts and counts-of-counts; the tests compare both, and the result with lmplz's ARPA files.
Not handled: pruning, lmplz's ``--interpolate_unigrams 0``.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import compress, repeat
from operator import floordiv, is_not, mod

from lmdocs.ngram.counts import BOS, UNK, apply_lmplz_quirk
from lmdocs.ngram.discounts import Discounts, check_discounts, estimate_discounts, fallback_discounts


def log10(p: float) -> float:
    """log10 that maps probability 0 to -inf instead of raising."""
    return math.log10(p) if p > 0.0 else -math.inf


def kneser_ney(
    counts: list[Counter], modified: bool = True, discounts: object = None, discount_fallback: object = False
) -> tuple[dict, dict, list[Discounts]]:
    """Backoff tables ``(logp, backoff, discounts)`` from raw counts (see :func:`counts.count_ngrams`).

    ``logp[gram]`` is log10 p(w | h) for every n-gram in the text plus ``<unk>``, ``<s>`` (log10 p
    written as 0, like lmplz: it is never predicted); ``backoff[h]`` is log10 γ(h) for every context.
    ``discounts``: given instead of estimated (:func:`discounts.check_discounts`);
    ``discount_fallback``: where estimation fails (:func:`discounts.fallback_discounts`).

    >>> from lmdocs.ngram.counts import count_ngrams
    >>> logp, backoff, ds = kneser_ney(count_ngrams(["a b", "c b"], 2), modified=False, discounts=0.5)
    >>> round(10 ** logp[("a", "b")], 2), round(10 ** backoff[("a",)], 2)   # see test_kneser_ney_by_hand
    (0.69, 0.5)
    """
    counted = count(counts)
    adjusted = adjust(counted)
    ds, orders = discount(counted, adjusted, modified, discounts, fallback_discounts(discount_fallback, modified))
    logp, backoff = interpolate(counted, orders)
    return logp, backoff, ds


@dataclass
class Counted:
    """Stage 1, count: the k-grams of each order k as parallel lists (index 0 unused)."""

    counts: list[Counter]            # as count_ngrams gives them
    grams: list[list[tuple[str, ...]]]
    codes: list[list[int]]           # the same n-grams as ints (encode)
    raw: list[list[int]]             # their raw counts
    ids: dict[str, int]              # word -> digit
    base: int                        # the number of words: codes are written in this base

    @property
    def order(self) -> int:
        return len(self.codes) - 1


def count(counts: list[Counter]) -> Counted:
    """Stage 1: the raw counts (:func:`counts.count_ngrams`) as parallel lists, n-grams as ints."""
    grams = [list(c) for c in counts]
    ids = {gram[0]: i for i, gram in enumerate(grams[1])}
    base = len(ids)
    return Counted(counts, grams, [encode(g, ids, base) for g in grams], [list(c.values()) for c in counts],
                   ids, base)


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


def adjust(counted: Counted) -> list[list[int]]:
    """Stage 2: :func:`counts.adjusted_counts` on codes; ``adjusted[k][i]`` belongs to ``codes[k][i]``.

    The continuation count of g is how many distinct (k+1)-grams end with g, i.e. have
    ``code % base**k == g``; n-grams that start with ``<s>`` end no (k+1)-gram, so ``get``
    falls back to their raw count (unigram ``<s>``: 0).
    """
    codes, raw, order = counted.codes, counted.raw, counted.order
    bos = counted.ids[BOS]
    adjusted: list[list[int]] = [[] for _ in codes]
    adjusted[order] = raw[order] if order > 1 else [c if code != bos else 0 for code, c in zip(codes[1], raw[1])]
    for k in range(1, order):
        continuation = Counter(map(mod, codes[k + 1], repeat(counted.base ** k)))
        adjusted[k] = list(map(continuation.get, codes[k], raw[k] if k > 1 else repeat(0)))
    return adjusted


@dataclass
class Discounted:
    """Stage 3's result for one order k, what lmplz's InitialProbabilities computes."""

    grams: list[tuple[str, ...]]     # the k-grams that are predicted (unigrams: all but <s>)
    codes: list[int]
    contexts: list[int]              # the code of each one's context h (unigrams: 0)
    discounted: list[float]          # (a - D(a)) / Σ_x a(h x)
    gamma: dict[int, float]          # γ(h) by the code of h


def discount(counted: Counted, adjusted: list[list[int]], modified: bool, discounts: object,
             fallback: Discounts | None) -> tuple[list[Discounts], list[Discounted]]:
    """Stage 3: the discounts of each order (given, or estimated from counts-of-counts like lmplz), applied."""
    order = counted.order
    if discounts is None:
        stats = [[0] + [a.count(c) for c in range(1, 5)] for a in adjusted]  # counts-of-counts n1..n4
        apply_lmplz_quirk(stats, counted.counts, lambda k, gram: adjusted_count(counted, adjusted, k, gram))
        ds = [estimate_discounts(stats[k], modified, fallback, k) for k in range(1, order + 1)]
    else:
        ds = check_discounts(discounts, order, modified)
    return ds, [apply_discounts(counted, adjusted, k, ds[k - 1]) for k in range(1, order + 1)]


def apply_discounts(counted: Counted, adjusted: list[list[int]], k: int, ds: Discounts) -> Discounted:
    """The discounted part of every k-gram and γ of every context, for one order."""
    grams, codes, values = counted.grams[k], counted.codes[k], adjusted[k]
    if k == 1:  # <s> (adjusted count 0) is never predicted
        keep = list(map(bool, values))
        grams, codes, values = (list(compress(x, keep)) for x in (grams, codes, values))
    base = counted.base
    contexts = [code // base for code in codes]  # (a, b, c) -> (a, b); a unigram -> 0, no context
    total = context_totals(counted, k) if k > 1 else {0: sum(values)}
    d1, d2, d3 = ds
    small = (0.0, d1, d2)  # D(a) for a < 3
    discounted = [(a - (small[a] if a < 3 else d3)) / total[h] for a, h in zip(values, contexts)]
    return Discounted(grams, codes, contexts, discounted, gammas(contexts, values, total, ds))


def context_totals(counted: Counted, k: int) -> dict[int, int]:
    """Σ_x a(h x) for every context h of the k-grams (k > 1), keyed by the code of h.

    Highest order: a = raw count, and h is followed by some word each time it occurs, so the total
    is h's raw count. Lower orders: Σ_x N1+(• h x) is the number of distinct (k+1)-grams "v h x",
    i.e. how often h is the middle of one; contexts that start with <s> keep raw counts.
    """
    codes, base = counted.codes, counted.base
    total = dict(zip(codes[k - 1], counted.raw[k - 1]))
    if k < counted.order:
        total.update(Counter(map(mod, map(floordiv, codes[k + 1], repeat(base)), repeat(base ** (k - 1)))))
    return total


def gammas(contexts: list[int], values: list[int], total: dict, ds: Discounts) -> dict[int, float]:
    """γ(h) = (D1·N1(h•) + D2·N2(h•) + D3·N3+(h•)) / total(h), with N1 = children - N2 - N3+.

    Most contexts are followed only by words with a = 1 (N2 = N3+ = 0), so γ is first computed
    for every context as if that were so (the formula with b = m = 0, which gives the same floats),
    then again for the few that have followers with a = 2 or a >= 3 (about 5% on Hafez trigrams).
    """
    d1, d2, d3 = ds
    e1, e2 = d3 - d1, d3 - d2
    children = Counter(contexts)
    totals = map(total.__getitem__, children)
    gamma = dict(zip(children, [(d3 * c - e1 * c) / t for c, t in zip(children.values(), totals)]))
    n2 = Counter([h for h, a in zip(contexts, values) if a == 2])
    n3 = Counter([h for h, a in zip(contexts, values) if a > 2])
    for h in n2.keys() | n3.keys():
        c, b, m = children[h], n2[h], n3[h]
        gamma[h] = (d3 * c - e1 * (c - b - m) - e2 * b) / total[h]
    return gamma


def interpolate(counted: Counted, orders: list[Discounted]) -> tuple[dict, dict]:
    """Stage 4: p(w | h) = discounted part + γ(h) · p(w | h'), order by order from the unigrams,
    which interpolate with the uniform 1/|V|; returns ``(logp, backoff)`` keyed by word tuples."""
    vocab_size = len(orders[0].codes) + 1  # the words but <s>, plus <unk>
    lower = {0: 1.0 / vocab_size}  # p(w | h') by the code of h' w; below the unigrams: uniform, code 0
    logp: dict = {}
    backoff: dict = {}
    for k, step in enumerate(orders, start=1):
        suffix = counted.base ** (k - 1)  # (a, b, c) -> (b, c) is code % base²; a unigram -> 0
        gamma = step.gamma
        probs = [p + gamma[h] * lower[code % suffix] for p, h, code in zip(step.discounted, step.contexts, step.codes)]
        logp.update(zip(step.grams, map(math.log10, probs)))  # every seen n-gram has p > 0
        if k > 1:  # γ of every (k-1)-gram that has followers
            weights = list(map(gamma.get, counted.codes[k - 1]))
            has = list(map(is_not, weights, repeat(None)))
            backoff.update(zip(compress(counted.grams[k - 1], has),
                               map(log10 if 0.0 in gamma.values() else math.log10, compress(weights, has))))
        if k < len(orders):
            lower = dict(zip(step.codes, probs))
    logp[(UNK,)] = log10(orders[0].gamma[0] / vocab_size)
    logp[(BOS,)] = 0.0
    backoff.setdefault((UNK,), 0.0)
    return logp, backoff


def adjusted_count(counted: Counted, adjusted: list[list[int]], k: int, gram: tuple[str, ...]) -> int | None:
    """The adjusted count of one k-gram, None if it has none (a linear scan, in C)."""
    keys = counted.codes[k]
    key = encode([gram], counted.ids, counted.base)[0]
    return adjusted[k][keys.index(key)] if key in keys else None
