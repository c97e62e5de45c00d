"""Querying a backoff model: the n-gram tables an ARPA file holds, as KenLM queries them.

Kneser-Ney, modified Kneser-Ney, maximum likelihood and a loaded ARPA file all end up as two
tables: log10 p(w | h) for the n-grams ``h w`` that were seen, and a log10 backoff weight b(h) for
each context. For an unseen ``h w`` (h = h1 h2 ... hm):

    log10 p(w | h) = b(h) + log10 p(w | h2 ... hm)        b(h) = 0 when h has no entry

so the answer is the longest seen suffix plus the backoffs of the longer contexts skipped.
Worked example (lmplz's tiny model in tests/fixtures): p(c | a a) is not stored, so
log10 p = b(a a) + log10 p(c | a) = b(a a) + b(a) + log10 p(c).

Not handled: lmplz's pruned models with "blanks" (they still query correctly, but ARPA files
written by other tools with holes in lower orders are taken as they are).
"""
from __future__ import annotations

import math
from itertools import repeat
from operator import itemgetter

from lmdocs.ngram.arpa import write_arpa
from lmdocs.ngram.counts import BOS, EOS, UNK

DROP_LAST = itemgetter(slice(None, -1))  # (a, b, c) -> (a, b)


class BackoffLM:
    """log10 probabilities and backoffs; ``vocab`` is every predictable word (not ``<s>``)."""

    def __init__(self, logp: dict, backoff: dict, order: int, vocab: tuple[str, ...] | None = None,
                 closed: bool | None = None) -> None:
        self.logp = logp
        self.backoff = backoff
        self.order = order
        if vocab is None:  # every unigram but <s>
            vocab = tuple(g[0] for g in logp if len(g) == 1 and g[0] != BOS)
        self.vocab = vocab
        self._children: dict = {}
        self._unigram: dict | None = None
        self._known: dict[str, tuple[str]] | None = None
        self._closed = closed  # see closed(); None: not checked yet

    def log10_prob(self, word: str, context: tuple[str, ...]) -> float:
        """log10 p(word | context), ``context`` already clipped to order-1 words."""
        logp, backoff = self.logp, self.backoff
        skipped = 0.0
        while True:
            value = logp.get(context + (word,))
            if value is not None:
                return value + skipped
            if not context:
                return logp.get((UNK,), -float("inf")) + skipped
            skipped += backoff.get(context, 0.0)
            context = context[1:]

    def prob(self, word: str, context: tuple[str, ...]) -> float:
        return 10.0 ** self.log10_prob(word, context)

    def log10s(self, sentences: list[list[str]]) -> list[float]:
        """log10 p of every token and closing ``</s>``, sentence after sentence, each sentence
        starting after ``<s>``; words missing from the tables are scored as ``<unk>``.

        The same answers as :meth:`log10_prob`, with KenLM's shortcut: the context kept for the
        next token is not its last order-1 words but the n-gram found for it (at most order-1 words).
        A longer context is not in the tables, so its backoff is 0 and nothing extends it:
        every context of a stored n-gram is stored too (lmplz writes them; :meth:`closed` checks).
        """
        logp, backoff, keep = self.logp, self.backoff, self.order - 1
        as_unigram = self._unigrams()
        unknown_word = (UNK,)
        unknown = logp.get(unknown_word, -math.inf)
        shortcut = self.closed()
        scores: list[float] = []
        append = scores.append
        for words in sentences:
            history = (BOS,)[:keep]
            for word in map(as_unigram.get, [*words, EOS], repeat(unknown_word)):
                gram = history + word
                value = logp.get(gram)
                if value is None:  # back off: add the context's backoff weight, drop its first word
                    skipped, context = 0.0, history
                    while value is None and context:
                        skipped += backoff.get(context, 0.0)
                        context = context[1:]
                        gram = context + word
                        value = logp.get(gram)
                    value = (unknown if value is None else value) + skipped
                append(value)
                if not shortcut:
                    gram = history + word
                history = gram[1:] if len(gram) > keep else gram
        return scores

    def closed(self) -> bool:
        """Whether the context of every stored n-gram is stored too (true of lmplz's ARPA files; files
        pruned by other tools may lack some, which KenLM adds back as blanks)."""
        if self._closed is None:
            self._closed = all(map(self.logp.__contains__, map(DROP_LAST, (g for g in self.logp if len(g) > 1))))
        return self._closed

    def _unigrams(self) -> dict[str, tuple[str]]:
        """Every word with a unigram (``<s>`` included), mapped to its 1-tuple: ``history + (word,)``
        then builds one tuple per token, not two."""
        if self._known is None:
            self._known = {word: (word,) for word in (*self.vocab, BOS)}
        return self._known

    def to_arpa(self) -> str:
        """The tables as an ARPA file's text."""
        return write_arpa(self.logp, self.backoff, self.order)

    def distribution(self, context: tuple[str, ...]) -> dict[str, float]:
        """p(w | context) for every w in the vocabulary, one pass per context length."""
        if self._unigram is None:
            self._unigram = {w: 10.0 ** self.logp[(w,)] for w in self.vocab}
        overrides: dict = {}
        scale = 1.0
        for start in range(len(context) - 1, -1, -1):
            h = context[start:]
            weight = 10.0 ** self.backoff.get(h, 0.0)
            if weight != 1.0:
                scale *= weight
                overrides = {w: p * weight for w, p in overrides.items()}
            overrides.update(self._children_of(h))
        unigram = self._unigram
        return {w: overrides[w] if w in overrides else scale * unigram[w] for w in self.vocab}

    def _children_of(self, h: tuple[str, ...]) -> dict[str, float]:
        """p(w | h) for the words w seen after h, found by probing the table (cached per context)."""
        children = self._children.get(h)
        if children is None:
            logp = self.logp
            children = {w: 10.0 ** logp[h + (w,)] for w in self.vocab if h + (w,) in logp}
            if len(self._children) > 4096:  # a bound, for long generations over many contexts
                self._children.clear()
            self._children[h] = children
        return children
