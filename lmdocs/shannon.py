"""lmdocs.shannon: Shannon's guessing game and his bounds on the entropy of text (Shannon, 1951).

A reader (or a model) guesses the next character of a text until right; we record how many guesses
each character needed. With q_i the share of characters found on the i-th guess (i = 1..K),
Shannon bounded the entropy H (bits per character) of the text source, as the guesser knows it:

    lower = Σ_i i · (q_i − q_{i+1}) · log2 i   ≤  H  ≤   upper = − Σ_i q_i · log2 q_i

(q_{K+1} = 0). Worked example: guesses [1, 2] give q = (1/2, 1/2); upper = 1 bit,
lower = 1·(1/2 − 1/2)·0 + 2·(1/2 − 0)·1 = 1 bit.

    >>> bounds([1, 2])
    (1.0, 1.0)
    >>> bounds([1, 1, 1, 1])
    (0.0, 0.0)

The model side: ``model_guesses`` lets an n-gram character model (``lmdocs.ngram``) play the same
game (its k-th guess is its k-th most probable character), and ``cross_entropy_bits`` gives the
model's own bits per character on the text, −mean log2 p(c_t | previous characters).

What it does not handle: the bounds assume the guesser always tries characters in its own order
of probability; a reader who guesses carelessly makes the bounds loose. With few characters the
q_i are noisy, may not decrease, and the lower bound can even exceed the upper one.
"""
from __future__ import annotations

import math
from typing import Sequence

from lmdocs.ngram import BOS, NGramModel

SPACE = "_"          # how a space is stored in the character model's vocabulary


# ------------------------------------------------------------------ the bounds
def guess_distribution(guesses: Sequence[int]) -> list[float]:
    """q_1..q_K: the share of characters found on the 1st, 2nd, ... guess (K = most guesses).

    >>> guess_distribution([1, 1, 3, 1])
    [0.75, 0.0, 0.25]
    """
    if isinstance(guesses, (str, bytes)) or not isinstance(guesses, Sequence):
        raise TypeError(f"guesses must be a list of guess counts (ints), got {type(guesses).__name__}.")
    if not guesses:
        raise ValueError("guesses is empty: play at least one character before computing the bounds.")
    for g in guesses:
        if isinstance(g, bool) or not isinstance(g, int):
            raise TypeError(f"every guess count must be an int, got {g!r}.")
        if g < 1:
            raise ValueError(f"a guess count is at least 1 (found on the first try), got {g}.")
    q = [0.0] * max(guesses)
    for g in guesses:
        q[g - 1] += 1
    return [count / len(guesses) for count in q]


def upper_bound(q: Sequence[float]) -> float:
    """−Σ q_i log2 q_i: the entropy of the guess-number distribution (an upper bound on H)."""
    return -math.fsum(p * math.log2(p) for p in q if p > 0) + 0.0


def lower_bound(q: Sequence[float]) -> float:
    """Σ i (q_i − q_{i+1}) log2 i with q_{K+1} = 0 (Shannon's lower bound on H)."""
    q = list(q) + [0.0]
    return math.fsum(i * (q[i - 1] - q[i]) * math.log2(i) for i in range(1, len(q))) + 0.0


def bounds(guesses: Sequence[int]) -> tuple[float, float]:
    """(lower, upper) bits per character from a list of guess counts."""
    q = guess_distribution(guesses)
    return lower_bound(q), upper_bound(q)


# ------------------------------------------------------------------ the game, for a human
class GuessingGame:
    """The state of one game on `text`: guess() one character at a time.

    >>> game = GuessingGame("ab")
    >>> game.guess("x"), game.guess("a"), game.guess("b")
    (False, True, True)
    >>> game.guesses, game.done
    ([2, 1], True)

    A wrong character already tried at this position is not counted again.
    """

    def __init__(self, text: str) -> None:
        if not isinstance(text, str):
            raise TypeError(f"text must be a string, got {type(text).__name__}.")
        if not text.strip():
            raise ValueError("text is empty: give the game a sentence to guess.")
        self.text = " ".join(text.split())
        self.guesses: list[int] = []
        self.tried: set[str] = set()

    @property
    def position(self) -> int:
        return len(self.guesses)

    @property
    def done(self) -> bool:
        return self.position == len(self.text)

    @property
    def revealed(self) -> str:
        return self.text[:self.position]

    def guess(self, char: str) -> bool:
        """Try `char` for the next character; True (and move on) when it is right."""
        if self.done:
            raise ValueError("the game is over: every character has been guessed; start a new one.")
        if not isinstance(char, str) or len(char) != 1:
            raise ValueError(f"guess exactly one character, got {char!r}.")
        if char == self.text[self.position]:
            self.guesses.append(len(self.tried) + 1)
            self.tried = set()
            return True
        self.tried.add(char)
        return False


# ------------------------------------------------------------------ the game, for a model
def as_symbols(text: str) -> list[str]:
    """The text as character tokens for lmdocs.ngram (spaces become "_").  as_symbols("a b") == ['a', '_', 'b']."""
    return [SPACE if c.isspace() else c for c in " ".join(text.split())]


def train_char_model(lines: Sequence[str], order: int = 4) -> NGramModel:
    """A character n-gram model (modified Kneser-Ney) trained on `lines`, one sentence each."""
    sentences = [as_symbols(line) for line in lines if line.strip()]
    if not sentences:
        raise ValueError("no training text: pass at least one non-empty line.")
    return NGramModel(order=order, discount_fallback=True).fit(sentences)


def _contexts(model: NGramModel, symbols: list[str]):
    history = [BOS] + symbols
    keep = model.order - 1
    for t, symbol in enumerate(symbols):
        yield symbol, tuple(history[max(0, t + 1 - keep):t + 1]) if keep else ()


def cross_entropy_bits(model: NGramModel, text: str) -> float:
    """−mean log2 p(c_t | previous characters) over the characters of `text` (no end marker)."""
    symbols = as_symbols(text)
    if not symbols:
        raise ValueError("text is empty: nothing to score.")
    log10s = [model.logprob(s, ctx) for s, ctx in _contexts(model, symbols)]
    return -math.fsum(log10s) / len(symbols) / math.log10(2)


def model_guesses(model: NGramModel, text: str) -> list[int]:
    """How many guesses the model needs for each character, guessing in order of its probability
    (ties broken alphabetically); a character the model has never seen counts as its last guess."""
    symbols = as_symbols(text)
    known = set(model.vocab)
    result = []
    for symbol, ctx in _contexts(model, symbols):
        ranked = sorted(model.distribution(ctx).items(), key=lambda item: (-item[1], item[0]))
        order = [s for s, _p in ranked]
        result.append(order.index(symbol) + 1 if symbol in known else len(order))
    return result
