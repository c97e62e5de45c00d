"""Entropy patching, the segmentation idea of the Byte Latent Transformer, with a small count model.

The Byte Latent Transformer (BLT; Pagnoni et al., 2024) has no vocabulary: it groups bytes into
patches. A small byte-level language model, trained before and apart from BLT, predicts every next
byte; where its prediction is uncertain (the entropy of its next-byte distribution is above a
threshold) a new patch starts. Predictable stretches, such as the end of a common word, become long
patches; surprising places, such as the start of a word, get patches of their own.

Here the small model is a count model over characters with up to three characters of context (BLT's is
a small byte-level transformer), so a patch never splits a Persian letter and stays readable.

    >>> model = CharEntropyModel("the cat sat on the mat. the cat ate. " * 3)
    >>> patch("the cat sat", model, threshold=1.0)
    ['t', 'he ', 'cat ', 'sat']
    >>> model.distribution("th")        # after "th": "e", plus a share for a character never seen there
    {'e': 0.9, '': 0.1}
    >>> round(model.entropy("th"), 2)   # so the model is almost sure: 0.47 bits, no new patch
    0.47

What it does not handle: bytes (it patches characters), BLT's monotonicity rule (a cut where the
entropy jumps, rather than where it is high), and resetting the context at line breaks.
"""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

CONTEXT = 3       # characters of context the model looks at (it backs off to fewer)
MIN_SEEN = 3      # a context seen fewer times than this backs off to a shorter one


class CharEntropyModel:
    """Counts of the next character after every context of 0 to 3 characters of `text`."""

    def __init__(self, text: str) -> None:
        if not isinstance(text, str) or len(text) < 2:
            raise ValueError("CharEntropyModel needs a training text (str) of at least 2 characters.")
        self._following: dict[str, Counter[str]] = {}
        for size in range(CONTEXT + 1):          # count each (size + 1)-gram once, then group by context
            grams = Counter(text[i - size:i + 1] for i in range(size, len(text)))
            for gram, n in grams.items():
                self._following.setdefault(gram[:-1], Counter())[gram[-1]] = n

    def distribution(self, context: str) -> dict[str, float]:
        """p(next character | the last characters of `context`), plus one share for "a character not
        seen here" under the key "" (add-one for the unseen), using the longest context seen MIN_SEEN times.

        >>> CharEntropyModel("abababab").distribution("ba")   # "ba" was seen 3 times, always before "b"
        {'b': 0.75, '': 0.25}
        """
        for size in range(min(CONTEXT, len(context)), -1, -1):
            following = self._following.get(context[len(context) - size:], Counter())
            if sum(following.values()) >= MIN_SEEN or size == 0:
                break
        total = sum(following.values()) + 1
        return {**{ch: n / total for ch, n in following.items()}, "": 1 / total}

    def entropy(self, context: str) -> float:
        """Entropy in bits of the next character after `context`: high where the model is unsure."""
        return -sum(p * math.log2(p) for p in self.distribution(context).values())


@lru_cache(maxsize=1)
def hafez_english_model(hafez_chars: int = 60_000) -> CharEntropyModel:
    """The model of the tokenization article's demo and figure: the start of the Hafez training split
    (the last 50 ghazals stay unseen) and lmdocs' two English texts, about 70,000 characters."""
    from lmdocs.corpora import english_sample, english_sentences, hafez_split
    hafez = "\n".join(hafez_split()[0])[:hafez_chars]
    return CharEntropyModel(hafez + "\n" + "\n".join(english_sentences()) + "\n" + english_sample())


def entropies(text: str, model: CharEntropyModel) -> list[float]:
    """For each character of `text`, the entropy (bits) of the model's guess for it, made before seeing it."""
    return [model.entropy(text[max(0, i - CONTEXT):i]) for i in range(len(text))]


def patch(text: str, model: CharEntropyModel, threshold: float) -> list[str]:
    """Cut `text` before every character whose entropy is above `threshold` (bits); the first character
    always starts a patch. Joining the patches gives back `text`."""
    if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or threshold < 0:
        raise ValueError(f"threshold must be a number of bits >= 0, got {threshold!r}.")
    pieces: list[str] = []
    for ch, h in zip(text, entropies(text, model)):
        if not pieces or h > threshold:
            pieces.append("")
        pieces[-1] += ch
    return pieces
