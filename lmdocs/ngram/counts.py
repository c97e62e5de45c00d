"""Counting n-grams, with KenLM's conventions for sentence boundaries.

Every sentence is padded with one ``<s>`` in front and one ``</s>`` at the end, as KenLM's
``lmplz`` does, and n-grams never cross a sentence boundary:

>>> counts = count_ngrams([["a", "b"], ["b"]], order=2)
>>> sorted(counts[2].items())
[(('<s>', 'a'), 1), (('<s>', 'b'), 1), (('a', 'b'), 1), (('b', '</s>'), 2)]
>>> counts[1][("b",)], counts[1][("<s>",)]
(2, 2)

``counts[k]`` holds the k-grams (``counts[0]`` is unused, so that the index is the order).
Kneser-Ney smoothing replaces the raw counts of lower orders by *continuation counts*
(:func:`adjusted_counts`).

Not handled: pruning of rare n-grams (lmplz's ``--prune``); counts larger than memory.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from operator import itemgetter

from lmdocs.ngram.kenlm_text import token_lists

BOS = "<s>"
EOS = "</s>"
UNK = "<unk>"
SPECIAL_TOKENS = (BOS, EOS, UNK)
DROP_FIRST = itemgetter(slice(1, None))  # (a, b, c) -> (b, c)
MAX_ORDER = 16  # far beyond any order worth counting; guards against typos such as order=300


def check_order(order: object) -> int:
    """Return ``order`` if it is a usable n-gram order, else raise a clear error."""
    if isinstance(order, bool) or not isinstance(order, int):
        raise TypeError(f"order must be an int such as 3 (for trigrams), got {order!r}")
    if not 1 <= order <= MAX_ORDER:
        raise ValueError(f"order must be between 1 and {MAX_ORDER}, got {order}; 2 to 5 is usual for words")
    return order


def padded_sentences(sentences: Iterable[str | Sequence[str]]) -> list[list[str]]:
    """Each sentence as a token list ``[<s>, w1, ..., wn, </s>]``; a string is cut as lmplz cuts it
    (:func:`kenlm_text.training_tokens`: at space, tab, \\r and \\0, not at other Unicode spaces).

    >>> padded_sentences(["a b", ["c"], "d\\u00a0e"])
    [['<s>', 'a', 'b', '</s>'], ['<s>', 'c', '</s>'], ['<s>', 'd\\xa0e', '</s>']]
    """
    return [[BOS, *tokens, EOS] for tokens in token_lists(sentences, "lmplz")]


def check_padded(padded: list[list[str]], tokens: Counter) -> None:
    """Raise ValueError if a sentence holds ``<s>``, ``</s>``, ``<unk>`` or an empty token.

    ``tokens`` counts every token of ``padded``: a clean text has exactly one ``<s>`` and one
    ``</s>`` per sentence, so the check costs four dictionary lookups, not one test per token.
    """
    if tokens[BOS] == tokens[EOS] == len(padded) and UNK not in tokens and "" not in tokens:
        return
    for sentence in padded:
        for token in sentence[1:-1]:
            if token in SPECIAL_TOKENS or not token:
                raise ValueError(
                    f"the token {token!r} is reserved for sentence boundaries or unknown words; "
                    "remove it from the training text"
                )


def count_ngrams(sentences: Iterable[str | Sequence[str]], order: int) -> list[Counter]:
    """Raw counts of every k-gram, k = 1..order, inside the padded sentences.

    Fast: each sentence is zipped with itself shifted by 1..k-1 words (``zip(s, s[1:], s[2:])``
    for trigrams), and ``Counter`` counts the chained windows, all in C, with no Python code
    per token. Windows never leave their sentence, so n-grams never cross a boundary.
    """
    check_order(order)
    padded = padded_sentences(sentences)
    tokens = Counter(chain.from_iterable(padded))  # strings: their hashes are cached, so fast
    check_padded(padded, tokens)
    if tokens.total() == 2 * len(padded):
        raise ValueError("the training corpus is empty: pass at least one sentence with a word in it")
    counts: list[Counter] = [Counter(), Counter(dict(zip(zip(tokens), tokens.values())))]
    for k in range(2, order + 1):
        shifted = [map(itemgetter(slice(i, None)), padded) for i in range(k)]  # s[i:] of each s
        counts.append(Counter(chain.from_iterable(map(zip, *shifted))))
    return counts


def adjusted_counts(counts: list[Counter]) -> list[dict[tuple[str, ...], int]]:
    """KenLM's adjusted counts, the ones Kneser-Ney discounts and normalises.

    Highest order and n-grams that start with ``<s>``: the raw count. Other lower-order n-grams:
    the continuation count N1+(• g), the number of distinct words seen just before g.
    ``<s>`` as a unigram gets 0 (nothing precedes it). Example, from ``a b`` and ``c b``:
    the unigram ``b`` follows two different words, so its adjusted count is 2.

    >>> adjusted = adjusted_counts(count_ngrams(["a b", "c b"], order=2))
    >>> adjusted[1][("b",)], adjusted[1][("a",)], adjusted[1][("<s>",)]
    (2, 1, 0)
    """
    order = len(counts) - 1
    adjusted: list[dict] = [{}] * (order + 1)
    adjusted[order] = dict(counts[order])
    if order == 1:
        adjusted[1][(BOS,)] = 0
    for k in range(1, order):
        continuation = Counter(map(DROP_FIRST, counts[k + 1]))
        for gram in [g for g in counts[k] if g[0] == BOS]:
            continuation[gram] = counts[k][gram] if k > 1 else 0
        adjusted[k] = continuation
    return adjusted


def counts_of_counts(adjusted: dict[tuple[str, ...], int], largest: int = 4) -> list[int]:
    """``n[c]`` = how many n-grams have adjusted count c, for c = 1..largest (index 0 unused).

    >>> counts_of_counts({("a",): 1, ("b",): 1, ("c",): 3})
    [0, 2, 0, 1, 0]
    """
    histogram = Counter(adjusted.values())
    return [0] + [histogram.get(c, 0) for c in range(1, largest + 1)]


def lmplz_counts_of_counts(counts: list[Counter], adjusted: list[dict]) -> list[list[int]]:
    """Counts-of-counts per order exactly as lmplz collects them, quirk included.

    lmplz walks the highest-order n-grams in suffix order (word ids by first appearance, after
    ``<unk>`` = 0, ``<s>`` = 1, ``</s>`` = 2; n-grams near ``<s>`` padded on the left with more
    ``<s>``). When it flushes the suffixes of the *last* of them it records their raw count
    instead of their adjusted count (``AdjustCounts::Run`` in lm/builder/adjust_counts.cc). On
    real text this moves one n-gram per order between two buckets; on tiny text it changes the
    discounts visibly, so we copy it.
    """
    order = len(counts) - 1
    stats = [counts_of_counts(adjusted[k]) for k in range(order + 1)]
    apply_lmplz_quirk(stats, counts, lambda k, gram: adjusted[k].get(gram))
    return stats


def apply_lmplz_quirk(stats: list[list[int]], counts: list[Counter], adjusted_of: Callable) -> None:
    """Move, in ``stats``, the suffixes of lmplz's last n-gram from their adjusted to their raw count.

    ``adjusted_of(k, gram)`` is the adjusted count of a k-gram, None if it has none.
    """
    order = len(counts) - 1
    if order == 1:
        return
    ids = {UNK: 0, BOS: 1, EOS: 2}
    for (word,) in counts[1]:
        ids.setdefault(word, len(ids))
    last_word = next(reversed(ids))  # the largest id
    candidates = []
    for k in range(2, order + 1):
        ending = [gram for gram in counts[k] if gram[-1] == last_word]
        candidates += [(BOS,) * (order - k) + gram for gram in ending if k == order or gram[0] == BOS]
    last = max(candidates, key=lambda gram: [ids[w] for w in reversed(gram)])
    for k in range(1, order):
        suffix = last[-k:]
        adjusted = adjusted_of(k, suffix)
        if BOS in suffix[1:] or adjusted is None:
            continue
        for c, sign in ((adjusted, -1), (counts[k][suffix], +1)):
            if 1 <= c < len(stats[k]):
                stats[k][c] += sign
