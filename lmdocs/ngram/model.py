"""NGramModel: fit an n-gram language model, ask it for probabilities, score text, sample from it.

>>> lm = NGramModel(order=2, smoothing="mle").fit(["من کتاب را خواندم", "من نامه را نوشتم"])
>>> lm.prob("کتاب", ["من"])          # «من» is followed by «کتاب» once out of twice
0.5
>>> lm.next_words(["را"], k=2)
[('خواندم', 0.5), ('نوشتم', 0.5)]

Conventions are KenLM's: each sentence is wrapped in one ``<s>`` and one ``</s>``; ``</s>`` is a
word the model predicts; words never seen in training are scored as ``<unk>``; log
probabilities are base 10. Sentences are lists of string tokens, or strings split on whitespace
(use :mod:`lmdocs.text` to normalise and tokenise first).

Not handled: pruning, class-based models, counts that do not fit in memory.
"""
from __future__ import annotations

import heapq
import math
import os
import random
from collections import Counter, namedtuple
from collections.abc import Iterable, Sequence

from lmdocs.ngram import arpa
from lmdocs.ngram.add_k import AddK, check_k
from lmdocs.ngram.backoff import BackoffLM
from lmdocs.ngram.counts import BOS, EOS, UNK, as_tokens, check_order, count_ngrams
from lmdocs.ngram.kneser_ney import kneser_ney, log10
from lmdocs.ngram.mle import mle_tables
from lmdocs.ngram.sampling import sample_word

SMOOTHINGS = ("modified-kneser-ney", "kneser-ney", "add-k", "laplace", "mle")

Sentence = str | Sequence[str]


class Perplexity(namedtuple("Perplexity", "including_oov excluding_oov oov tokens")):
    """What KenLM's ``query -v summary`` reports. ``tokens`` counts words and one ``</s>`` per sentence."""

    __slots__ = ()


class NGramModel:
    """An n-gram language model of a given order and smoothing; call :meth:`fit` first.

    smoothing: "modified-kneser-ney" (lmplz's), "kneser-ney" (interpolated, one discount per
    order), "add-k" (with ``k``), "laplace" (add-1) or "mle" (no smoothing).
    discounts: fixed Kneser-Ney discounts instead of estimating them (one number, or one
    (D1, D2, D3+) triple for modified, for every order or one per order).
    discount_fallback: like lmplz's ``--discount_fallback``: use D = 0.5, 1, 1.5 (modified) or
    0.75 (plain) where counts-of-counts cannot give discounts, e.g. on character-level text.
    """

    def __init__(self, order: int = 3, smoothing: str = "modified-kneser-ney", *, k: float = 1.0,
                 discounts: object = None, discount_fallback: bool = False) -> None:
        self.order = check_order(order)
        if smoothing not in SMOOTHINGS:
            raise ValueError(f"unknown smoothing {smoothing!r}; choose one of {', '.join(SMOOTHINGS)}")
        self.smoothing = smoothing
        self.k = 1.0 if smoothing == "laplace" else check_k(k)
        self.discounts = discounts
        self.discount_fallback = bool(discount_fallback)
        self.counts: list[Counter] | None = None
        self.fitted_discounts: list[tuple[float, float, float]] | None = None  # Kneser-Ney: per order
        self._lm: BackoffLM | AddK | None = None
        self._known: frozenset[str] = frozenset()

    def fit(self, sentences: Iterable[Sentence]) -> NGramModel:
        """Count every n-gram once and precompute what queries need; returns ``self``."""
        if isinstance(sentences, str):
            raise TypeError("fit takes a list of sentences; for one text, pass text.splitlines()")
        counts = count_ngrams(sentences, self.order)
        vocab = tuple(g[0] for g in counts[1] if g[0] != BOS) + (UNK,)
        if self.smoothing in ("add-k", "laplace"):
            self._set_lm(AddK(counts, self.k))
        elif self.smoothing == "mle":
            self._set_lm(BackoffLM(*mle_tables(counts), self.order, vocab))
        else:
            modified = self.smoothing == "modified-kneser-ney"
            logp, backoff, ds = kneser_ney(counts, modified, self.discounts, self.discount_fallback)
            self.fitted_discounts = ds
            self._set_lm(BackoffLM(logp, backoff, self.order, vocab))
        self.counts = counts
        return self

    def _set_lm(self, lm: BackoffLM | AddK) -> None:
        self._lm = lm
        self._known = frozenset(lm.vocab) - {UNK}

    # -- probabilities -------------------------------------------------------------------
    @property
    def vocab(self) -> tuple[str, ...]:
        """Every word the model can predict: the training words, ``</s>`` and ``<unk>``."""
        return self._fitted().vocab

    def count(self, ngram: Sentence) -> int:
        """How many times ``ngram`` occurred in the (padded) training sentences."""
        gram = tuple(as_tokens(ngram))
        if self.counts is None or not 1 <= len(gram) <= self.order:
            return 0
        return self.counts[len(gram)].get(gram, 0)

    def prob(self, word: str, context: Sentence = ()) -> float:
        """p(word | context). ``context`` may start with ``<s>`` (start of a sentence)."""
        return 10.0 ** self.logprob(word, context)

    def logprob(self, word: str, context: Sentence = ()) -> float:
        """log10 p(word | context), as KenLM reports it; -inf when the probability is 0."""
        lm = self._fitted()
        target = self._word(word)
        if isinstance(lm, AddK):
            return log10(lm.prob(target, self._context(context)))
        return lm.log10_prob(target, self._context(context))

    def distribution(self, context: Sentence = ()) -> dict[str, float]:
        """p(w | context) for every word of :attr:`vocab` (they sum to 1)."""
        return self._fitted().distribution(self._context(context))

    def next_words(self, context: Sentence = (), k: int = 10) -> list[tuple[str, float]]:
        """The k most probable next words with their probabilities, most probable first."""
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise ValueError(f"k must be a positive int, got {k!r}")
        items = self.distribution(context).items()
        return heapq.nlargest(k, items, key=lambda item: item[1])

    # -- scoring ---------------------------------------------------------------------------
    def word_scores(self, sentence: Sentence) -> list[tuple[str, float, bool]]:
        """(token, log10 p, is_oov) for each word and the final ``</s>``, like kenlm's full_scores."""
        tokens = as_tokens(sentence)
        scores = self._sentence_log10s(tokens)
        return [(t, s, t not in self._known) for t, s in zip(tokens + [EOS], scores)]

    def score(self, sentence: Sentence) -> float:
        """Total log10 probability of the sentence including ``</s>`` (kenlm's ``Model.score``)."""
        return math.fsum(self._sentence_log10s(as_tokens(sentence)))

    def evaluate(self, sentences: Iterable[Sentence]) -> Perplexity:
        """Perplexity including and excluding OOV words, the OOV count and the token count."""
        self._fitted()
        known = self._known
        total = oov_total = 0.0
        tokens = oovs = 0
        for sentence in sentences:
            words = as_tokens(sentence)
            scores = self._sentence_log10s(words)
            total += sum(scores)
            tokens += len(scores)
            for word, value in zip(words, scores):
                if word not in known:
                    oovs += 1
                    oov_total += value
        if tokens == 0:
            raise ValueError("cannot compute perplexity of an empty text: pass at least one sentence")
        including = 10.0 ** (-total / tokens)
        excluding = 10.0 ** (-(total - oov_total) / (tokens - oovs)) if tokens > oovs else math.nan
        return Perplexity(including, excluding, oovs, tokens)

    def perplexity(self, sentences: Iterable[Sentence], include_oov: bool = True) -> float:
        """10 ** (-average log10 p per token), tokens counting ``</s>`` (KenLM's definition)."""
        report = self.evaluate(sentences)
        return report.including_oov if include_oov else report.excluding_oov

    # -- sampling --------------------------------------------------------------------------
    def generate(self, prompt: Sentence = (), max_words: int = 30, temperature: float = 1.0,
                 top_k: int | None = None, seed: int | None = 0) -> list[str]:
        """Sample words after ``<s>`` + ``prompt`` until ``</s>`` or ``max_words``; returns the new words.

        temperature < 1 sharpens the distribution, > 1 flattens it, 0 always takes the most
        probable word; top_k keeps only the k most probable words; ``seed`` makes it repeatable.
        """
        if isinstance(max_words, bool) or not isinstance(max_words, int) or max_words < 0:
            raise ValueError(f"max_words must be a non-negative int, got {max_words!r}")
        self._fitted()
        rng = random.Random(seed)
        history = [BOS] + as_tokens(prompt)
        words: list[str] = []
        while len(words) < max_words:
            context = history[len(history) - self.order + 1:] if self.order > 1 else []
            word = sample_word(self.distribution(context), rng, temperature, top_k)
            if word == EOS:
                break
            words.append(word)
            history.append(word)
        return words

    # -- ARPA ------------------------------------------------------------------------------
    def to_arpa(self) -> str:
        """The model as an ARPA file's text, loadable by KenLM (``kenlm.Model``) and SRILM."""
        lm = self._fitted()
        if isinstance(lm, AddK):
            raise ValueError("add-k is not a backoff model, so ARPA cannot store it; "
                             "use smoothing='modified-kneser-ney', 'kneser-ney' or 'mle'")
        return arpa.write_arpa(lm.logp, lm.backoff, self.order)

    def save_arpa(self, path: str | os.PathLike[str]) -> None:
        with open(path, "w", encoding="utf-8") as file:
            file.write(self.to_arpa())

    @classmethod
    def from_arpa(cls, text: str) -> NGramModel:
        """A model that answers from an ARPA file's tables (``smoothing`` is then "arpa")."""
        logp, backoff, order = arpa.read_arpa(text)
        model = cls(order=order)
        model.smoothing = "arpa"
        model._set_lm(BackoffLM(logp, backoff, order))
        return model

    @classmethod
    def load_arpa(cls, path: str | os.PathLike[str]) -> NGramModel:
        with open(path, encoding="utf-8") as file:
            return cls.from_arpa(file.read())

    # -- helpers ---------------------------------------------------------------------------
    def _fitted(self) -> BackoffLM | AddK:
        if self._lm is None:
            raise ValueError("the model is not fitted yet: call .fit(sentences) first")
        return self._lm

    def _word(self, word: object) -> str:
        if not isinstance(word, str):
            raise TypeError(f"word must be a string, got {word!r} of type {type(word).__name__}")
        if word == BOS:
            raise ValueError("<s> marks the start of a sentence and is never predicted")
        self._fitted()
        return word if word in self._known else UNK

    def _context(self, context: Sentence) -> tuple[str, ...]:
        tokens = as_tokens(context)
        if len(tokens) > self.order - 1:
            raise ValueError(
                f"the context has {len(tokens)} words but a model of order {self.order} looks at "
                f"most {self.order - 1} back; pass only the last {self.order - 1} (context[-{self.order - 1}:])"
                if self.order > 1 else "a unigram model (order 1) takes no context; pass ()"
            )
        if BOS in tokens[1:] or EOS in tokens:
            raise ValueError("a context may hold <s> only as its first token and never </s>")
        known = self._known
        return tuple(t if t in known or t == BOS else UNK for t in tokens)

    def _sentence_log10s(self, tokens: list[str]) -> list[float]:
        lm = self._fitted()
        if isinstance(lm, BackoffLM):
            return lm.sentence_log10s(tokens)
        known, keep = self._known, self.order - 1
        history: tuple[str, ...] = (BOS,)[:keep]
        scores = []
        for word in tokens + [EOS]:
            word = word if word in known else UNK
            scores.append(log10(lm.prob(word, history)))
            history = (history + (word,))[-keep:] if keep else ()
        return scores
