"""Add-k smoothing (Laplace for k = 1, Lidstone for other k): pretend every word was seen k more times.

    p(w | h) = (c(h w) + k) / (Σ_x c(h x) + k·|V|)

|V| counts every word type, ``</s>`` and ``<unk>`` (not ``<s>``, which is never predicted). The
context is the last order-1 words (fewer at the start of a sentence); an unseen context gives the
uniform 1/|V|. Worked example, sentences ``a b`` and ``a c`` with a bigram model and k = 1:
|V| = {a, b, c, </s>, <unk>} = 5, c(a b) = 1, a is followed twice, so p(b | a) = (1+1)/(2+5) = 2/7.

>>> from lmdocs.ngram.counts import count_ngrams
>>> lm = AddK(count_ngrams(["a b", "a c"], order=2), k=1.0)
>>> round(lm.prob("b", ("a",)), 4), round(2 / 7, 4)
(0.2857, 0.2857)

Not handled: backing off to shorter contexts (add-k never does; it gives too much mass to the
unseen, which is why it is only a teaching baseline).
"""
from __future__ import annotations

import math
from collections import Counter

from lmdocs.ngram.counts import BOS, EOS, UNK
from lmdocs.ngram.mle import context_totals


def check_k(k: object) -> float:
    """k must be a positive number (k = 0 would be maximum likelihood)."""
    if isinstance(k, bool) or not isinstance(k, (int, float)):
        raise TypeError(f"k must be a number such as 1 (Laplace) or 0.1, got {k!r}")
    if not 0.0 < k <= 1e6:
        raise ValueError(f"k must be positive (use smoothing='mle' for k = 0), got {k}")
    return float(k)


class AddK:
    """Add-k probabilities straight from the counts (nothing to precompute but the totals).

    It answers the same questions as :class:`backoff.BackoffLM` (``vocab``, ``log10_prob``,
    ``log10s``, ``distribution``, ``to_arpa``), so :class:`model.NGramModel` treats both alike.
    """

    def __init__(self, counts: list[Counter], k: float) -> None:
        self.k = check_k(k)
        self.order = len(counts) - 1
        self.counts: dict = {}
        self.totals: dict = {}
        for order, grams in enumerate(counts[1:], start=1):
            self.counts.update(grams)
            if order == 1:
                grams = Counter({g: c for g, c in grams.items() if g[0] != BOS})
            self.totals.update(context_totals(grams))
        self.counts.pop((BOS,), None)
        self.vocab = tuple(g[0] for g in counts[1] if g[0] != BOS) + (UNK,)
        self._known = frozenset(self.vocab) | {BOS}

    def prob(self, word: str, context: tuple[str, ...]) -> float:
        """p(word | context); ``context`` already clipped to order-1 words, ``word`` in the vocabulary."""
        denominator = self.totals.get(context, 0) + self.k * len(self.vocab)
        return (self.counts.get(context + (word,), 0) + self.k) / denominator

    def log10_prob(self, word: str, context: tuple[str, ...]) -> float:
        """log10 p(word | context), as :meth:`prob`."""
        return math.log10(self.prob(word, context))

    def log10s(self, sentences: list[list[str]]) -> list[float]:
        """log10 p of every token and closing ``</s>``, sentence after sentence (unknown words as ``<unk>``)."""
        known, keep = self._known, self.order - 1
        scores = []
        for words in sentences:
            history: tuple[str, ...] = (BOS,)[:keep]
            for word in [*words, EOS]:
                word = word if word in known else UNK
                scores.append(self.log10_prob(word, history))
                history = (history + (word,))[-keep:] if keep else ()
        return scores

    def distribution(self, context: tuple[str, ...]) -> dict[str, float]:
        """p(w | context) for every w in the vocabulary."""
        counts, k = self.counts, self.k
        denominator = self.totals.get(context, 0) + k * len(self.vocab)
        return {w: (counts.get(context + (w,), 0) + k) / denominator for w in self.vocab}

    def to_arpa(self) -> str:
        """Always a ValueError: add-k backs off to nothing, so an ARPA file cannot hold it."""
        raise ValueError("add-k is not a backoff model, so ARPA cannot store it; "
                         "use smoothing='modified-kneser-ney', 'kneser-ney' or 'mle'")
