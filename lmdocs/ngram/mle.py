"""Maximum-likelihood estimates: relative frequencies, no smoothing.

    p(w | h) = c(h w) / Σ_x c(h x)

Worked example, sentences ``a b`` and ``a c``: c(a b) = 1 and a is followed twice, so
p(b | a) = 1/2; p(d | a) = 0 for a word never seen after a, which makes the perplexity of any
text holding an unseen n-gram infinite (the sparsity problem smoothing fixes).

>>> from lmdocs.ngram.counts import count_ngrams
>>> logp, backoff = mle_tables(count_ngrams(["a b", "a c"], order=2))
>>> round(10 ** logp[("a", "b")], 3), backoff[("a",)]
(0.5, -inf)

Stored as a backoff model: a context that was seen gives its words zero mass beyond the seen
ones (backoff weight 0, log10 = -inf); a context never seen falls back to its longest seen
suffix (e.g. the unigram distribution), so every context gets a distribution that sums to 1.
"""
from __future__ import annotations

from collections import Counter

from lmdocs.ngram.counts import BOS, UNK
from lmdocs.ngram.kneser_ney import log10


def context_totals(grams: Counter) -> dict[tuple[str, ...], int]:
    """Σ_x c(h x) for every context h of the given n-grams."""
    totals: dict = {}
    for gram, c in grams.items():
        h = gram[:-1]
        totals[h] = totals.get(h, 0) + c
    return totals


def mle_tables(counts: list[Counter]) -> tuple[dict, dict]:
    """``(logp, backoff)``: log10 relative frequencies and log10 backoff weights (-inf)."""
    logp: dict = {}
    backoff: dict = {}
    for k in range(1, len(counts)):
        grams = counts[k]
        if k == 1:
            grams = Counter({g: c for g, c in grams.items() if g[0] != BOS})
        totals = context_totals(grams)
        for gram, c in grams.items():
            logp[gram] = log10(c / totals[gram[:-1]])
        if k > 1:
            backoff.update(dict.fromkeys(totals, -float("inf")))
    logp[(BOS,)] = 0.0
    logp[(UNK,)] = -float("inf")
    return logp, backoff
