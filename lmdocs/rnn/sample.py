"""Sampling text from a character model, with a temperature and a seed.

    p_i = exp(logit_i / temperature) / sum_j exp(logit_j / temperature)

Temperature 1 samples the model's own distribution, lower is more conservative, 0 always takes
the most likely character (greedy). The same seed gives the same text in CPython and Pyodide
(up to the last-place float differences of ``exp``, which can flip a draw that lands exactly on a
boundary; vanishingly rare).

>>> from lmdocs.rnn.model import CharRNN
>>> from lmdocs.tokenizers import CharTokenizer
>>> model = CharRNN(CharTokenizer.from_text("ab"), cell="rnn", hidden_size=3, seed=0)
>>> len(sample(model, "ab", 5, temperature=1.0, seed=0))
5

Not handled: top-k or nucleus truncation, stopping at a given character.
"""
from __future__ import annotations

import math
import random


def check_temperature(temperature) -> float:
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float)):
        raise TypeError(f"temperature must be a number, got {type(temperature).__name__}")
    if not math.isfinite(temperature) or temperature < 0:
        raise ValueError(f"temperature must be a finite number >= 0 (0 = greedy), got {temperature}")
    return float(temperature)


def warm_up(model, prompt: str, state=None) -> tuple[list[float], tuple]:
    """Read ``prompt``; returns (logits for the next character, state)."""
    if not isinstance(prompt, str) or not prompt:
        raise ValueError("the prompt must be a non-empty string of characters the model knows, e.g. '\\n'")
    state = model.zero_state() if state is None else state
    for x in model.tokenizer.encode(prompt):  # raises ValueError naming unseen characters
        logits, state = model.step(x, state)
    return logits, state


def pick(logits: list[float], temperature: float, rng: random.Random) -> int:
    """Draw an index from softmax(logits / temperature)."""
    if temperature == 0:
        return max(range(len(logits)), key=logits.__getitem__)
    m = max(logits)
    weights = [math.exp((v - m) / temperature) for v in logits]
    r = rng.random() * math.fsum(weights)
    for i, w in enumerate(weights):
        r -= w
        if r < 0:
            return i
    return len(weights) - 1  # r landed on the total's rounding error


def sample(model, prompt: str, length: int, temperature: float = 1.0, seed: int = 0) -> str:
    """``length`` new characters that follow ``prompt`` (the prompt is not repeated)."""
    if isinstance(length, bool) or not isinstance(length, int) or length < 0:
        raise ValueError(f"length must be an int >= 0, got {length!r}")
    temperature = check_temperature(temperature)
    rng = random.Random(seed)
    logits, state = warm_up(model, prompt)
    out = []
    for _ in range(length):
        x = pick(logits, temperature, rng)
        out.append(x)
        logits, state = model.step(x, state)
    return model.tokenizer.decode(out)
