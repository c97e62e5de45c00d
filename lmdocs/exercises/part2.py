"""Exercises of part 2 (n-gram models); the page is docs/series/2-ngram.md."""
from __future__ import annotations

import math

from lmdocs.exercises.registry import exercise


@exercise("part2.uniform-perplexity",
          hint_en="perplexity is 2 to the power of the cross-entropy in bits.",
          hint_fa="سرگشتگی یعنی ۲ به توان آنتروپی متقاطع بر حسب بیت.")
def uniform_perplexity() -> float:
    """A model that gives each of 8 symbols probability 1/8: cross-entropy log2(8) = 3 bits."""
    cross_entropy_bits = -math.log2(1 / 8)
    return 2 ** cross_entropy_bits
