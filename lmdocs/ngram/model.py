"""NGramModel: fit an n-gram language model, ask it for probabilities, score text, sample from it.

>>> lm = NGramModel(order=2, smoothing="mle").fit(["من کتاب را خواندم", "من نامه را نوشتم"])
>>> lm.prob("کتاب", ["من"])          # «من» is followed by «کتاب» once out of twice
0.5
>>> lm.next_words(["را"], k=2)
[('خواندم', 0.5), ('نوشتم', 0.5)]

Conventions are KenLM's: each sentence is wrapped in one ``<s>`` and one ``</s>``; ``</s>`` is a
word the model predicts; words never seen in training are scored as ``<unk>``; log
probabilities are base 10. Sentences are lists of string tokens, or strings cut where KenLM cuts
them (:mod:`kenlm_text`): :meth:`NGramModel.fit` like lmplz (at space, tab, \\r, \\0), scoring like
query (at space, tab, \\r, \\v, \\f), never at NBSP, U+202F or other Unicode spaces. A text is
cut into sentences with :func:`kenlm_text.text_lines` (at "\\n" only). Use :mod:`lmdocs.text` to
normalise and tokenise first.

Not handled: pruning, class-based models, counts that do not fit in memory.
"""
from __future__ import annotations

import heapq
import math
import os
import random
from collections import Counter, namedtuple
from collections.abc import Iterable, Sequence
from itertools import chain, compress, repeat
from operator import add
from typing import Protocol

from lmdocs.ngram import arpa
from lmdocs.ngram.add_k import AddK, check_k
from lmdocs.ngram.backoff import BackoffLM
from lmdocs.ngram.counts import BOS, EOS, UNK, check_order, count_ngrams
from lmdocs.ngram.discounts import fallback_discounts
from lmdocs.ngram.kenlm_text import as_tokens, read_text, token_lists, training_tokens
from lmdocs.ngram.kneser_ney import kneser_ney
from lmdocs.ngram.mle import mle_tables
from lmdocs.ngram.sampling import sample_word

SMOOTHINGS = ("modified-kneser-ney", "kneser-ney", "add-k", "laplace", "mle")

Sentence = str | Sequence[str]


class Perplexity(namedtuple("Perplexity", "including_oov excluding_oov oov tokens")):
    """What KenLM's ``query -v summary`` reports. ``tokens`` counts words and one ``</s>`` per sentence."""

    __slots__ = ()


class Scorer(Protocol):
    """What a smoothing hands :class:`NGramModel`: :class:`BackoffLM` (Kneser-Ney, MLE, ARPA) or :class:`AddK`."""

    order: int
    vocab: tuple[str, ...]  # every predictable word: the training words, </s>, <unk>

    def log10_prob(self, word: str, context: tuple[str, ...]) -> float: ...

    def log10s(self, sentences: list[list[str]]) -> list[float]: ...

    def distribution(self, context: tuple[str, ...]) -> dict[str, float]: ...

    def to_arpa(self) -> str: ...


class NGramModel:
    """An n-gram language model of a given order and smoothing; call :meth:`fit` first.

    smoothing: "modified-kneser-ney" (lmplz's), "kneser-ney" (interpolated, one discount per
    order), "add-k" (with ``k``), "laplace" (add-1) or "mle" (no smoothing).
    discounts: fixed Kneser-Ney discounts instead of estimating them (one number, or one
    (D1, D2, D3+) triple for modified, for every order or one per order).
    discount_fallback: like lmplz's ``--discount_fallback``: True uses D = 0.5, 1, 1.5 (modified)
    or 0.75 (plain) where counts-of-counts cannot give discounts, e.g. on character-level text;
    one to three numbers (D1, D2, D3+; missing ones repeat the last) or, for plain, one number
    choose the fallback. Without it such text raises :class:`discounts.DiscountError`.
    """

    def __init__(self, order: int = 3, smoothing: str = "modified-kneser-ney", *, k: float = 1.0,
                 discounts: object = None, discount_fallback: bool = False) -> None:
        self.order = check_order(order)
        if smoothing not in SMOOTHINGS:
            raise ValueError(f"unknown smoothing {smoothing!r}; choose one of {', '.join(SMOOTHINGS)}")
        self.smoothing = smoothing
        self.k = 1.0 if smoothing == "laplace" else check_k(k)
        self.discounts = discounts
        if smoothing.endswith("kneser-ney"):  # a bad value fails here, not after counting
            fallback_discounts(discount_fallback, smoothing == "modified-kneser-ney")
        self.discount_fallback = discount_fallback
        self.counts: list[Counter] | None = None
        self.fitted_discounts: list[tuple[float, float, float]] | None = None  # Kneser-Ney: per order
        self._lm: Scorer | None = None
        self._known: frozenset[str] = frozenset()  # the words that are not out of vocabulary

    def fit(self, sentences: Iterable[Sentence]) -> NGramModel:
        """Count every n-gram once and precompute what queries need; returns ``self``."""
        if isinstance(sentences, str):
            raise TypeError("fit takes a list of sentences; for one text, pass text_lines(text) "
                            "(from lmdocs.ngram: its lines as KenLM reads them)")
        counts = count_ngrams(sentences, self.order)
        vocab = tuple(g[0] for g in counts[1] if g[0] != BOS) + (UNK,)
        if self.smoothing in ("add-k", "laplace"):
            self._set_lm(AddK(counts, self.k))
        elif self.smoothing == "mle":
            self._set_lm(BackoffLM(*mle_tables(counts), self.order, vocab, closed=True))
        else:
            modified = self.smoothing == "modified-kneser-ney"
            logp, backoff, ds = kneser_ney(counts, modified, self.discounts, self.discount_fallback)
            self.fitted_discounts = ds
            self._set_lm(BackoffLM(logp, backoff, self.order, vocab, closed=True))
        self.counts = counts
        return self

    def _set_lm(self, lm: Scorer) -> None:
        self._lm = lm
        self._known = frozenset(lm.vocab) - {UNK} | {BOS}  # KenLM: a literal <s> is in the vocabulary

    # -- probabilities -------------------------------------------------------------------
    @property
    def vocab(self) -> tuple[str, ...]:
        """Every word the model can predict: the training words, ``</s>`` and ``<unk>``."""
        return self._fitted().vocab

    def count(self, ngram: Sentence) -> int:
        """How many times ``ngram`` occurred in the (padded) training sentences."""
        gram = tuple(as_tokens(ngram, training_tokens))
        if self.counts is None or not 1 <= len(gram) <= self.order:
            return 0
        return self.counts[len(gram)].get(gram, 0)

    def prob(self, word: str, context: Sentence = ()) -> float:
        """p(word | context). ``context`` may start with ``<s>`` (start of a sentence)."""
        return 10.0 ** self.logprob(word, context)

    def logprob(self, word: str, context: Sentence = ()) -> float:
        """log10 p(word | context), as KenLM reports it; -inf when the probability is 0."""
        return self._fitted().log10_prob(self._word(word), self._context(context))

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
        scores = self._fitted().log10s([tokens])
        return [(t, s, t not in self._known) for t, s in zip(tokens + [EOS], scores)]

    def score(self, sentence: Sentence) -> float:
        """Total log10 probability of the sentence including ``</s>`` (kenlm's ``Model.score``)."""
        return math.fsum(self._fitted().log10s([as_tokens(sentence)]))

    def evaluate(self, sentences: Iterable[Sentence]) -> Perplexity:
        """Perplexity including and excluding OOV words, the OOV count and the token count, as
        KenLM's ``query`` reports them (a literal ``<s>`` or ``</s>`` is a known word, ``<unk>`` is not)."""
        lm = self._fitted()
        if isinstance(sentences, str):
            raise TypeError("evaluate takes a list of sentences; for one text, pass text_lines(text)")
        sentences = token_lists(sentences, "query")
        scores = lm.log10s(sentences)
        known = list(map(self._known.__contains__, chain.from_iterable(map(add, sentences, repeat([EOS])))))
        tokens = len(scores)
        if tokens == 0:
            raise ValueError("cannot compute perplexity of an empty text: pass at least one sentence")
        oovs = tokens - sum(known)
        including = _perplexity(sum(scores), tokens)
        excluding = _perplexity(sum(compress(scores, known)), tokens - oovs)  # tokens > oovs: </s> is known
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
        return self._fitted().to_arpa()

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
        """:meth:`from_arpa` on a file (UTF-8; an error names the file and line)."""
        return cls.from_arpa(read_text(path))

    # -- helpers ---------------------------------------------------------------------------
    def _fitted(self) -> Scorer:
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


def _perplexity(log10_total: float, tokens: int) -> float:
    """10 ** (-log10_total / tokens); inf where that overflows (a probability 0, or -99s from ARPA)."""
    try:
        return 10.0 ** (-log10_total / tokens)
    except OverflowError:
        return math.inf
