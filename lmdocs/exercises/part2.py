"""Exercises of part 2 (n-gram models); the page is docs/series/2-ngram.md.

Each function computes its reference answer with lmdocs' own n-gram code where there is code to use:

    >>> bigram_by_hand(), round(add_one(), 4), continuation_ratio()
    (0.6666666666666666, 0.2143, 16.0)
"""
from __future__ import annotations

import math

from lmdocs.corpora import hafez_split
from lmdocs.exercises.registry import exercise
from lmdocs.ngram import NGramModel, count_ngrams

# The little corpus of exercises 2 and 3 (the page shows the same three sentences).
LITTLE_CORPUS = ["من به خانه رفتم", "تو به مدرسه رفتی", "او به خانه آمد"]


@exercise("part2.uniform-perplexity",
          hint_en="perplexity is 2 to the power of the cross-entropy in bits.",
          hint_fa="سرگشتگی یعنی ۲ به توان آنتروپی متقاطع بر حسب بیت.")
def uniform_perplexity() -> float:
    """A model that gives each of 8 symbols probability 1/8: cross-entropy log2(8) = 3 bits."""
    cross_entropy_bits = -math.log2(1 / 8)
    return 2 ** cross_entropy_bits


@exercise("part2.bigram-by-hand", rel_tol=0.01,
          hint_en="count how often «به» occurs, then how often «خانه» comes right after it; 2/3 is a valid answer form.",
          hint_fa="بشمارید «به» چند بار آمده و چند بار درست پس از آن «خانه» آمده است؛ می‌توانید کسر بنویسید، مثل 2/3.")
def bigram_by_hand() -> float:
    """p(«خانه» | «به») by maximum likelihood on the little corpus: c(به خانه) / c(به) = 2/3."""
    return NGramModel(order=2, smoothing="mle").fit(LITTLE_CORPUS).prob("خانه", ["به"])


@exercise("part2.add-one", rel_tol=0.01,
          hint_en="(count + 1) / (count of «به» + |V|), where |V| counts the different words, </s> and <unk>.",
          hint_fa="(شمار + ۱) تقسیم بر (شمار «به» + |V|)، که |V| کلمه‌های مختلف به‌اضافهٔ </s> و <unk> است.")
def add_one() -> float:
    """Add-one: (2 + 1) / (3 + 11) = 3/14; |V| = 9 words + </s> + <unk>."""
    return NGramModel(order=2, smoothing="laplace").fit(LITTLE_CORPUS).prob("خانه", ["به"])


@exercise("part2.continuation-ratio", rel_tol=0.01,
          hint_en="the continuation probability is proportional to the number of different words seen before a word.",
          hint_fa="احتمال ادامه با شمار کلمه‌های مختلفی که پیش از یک کلمه دیده شده‌اند متناسب است.")
def continuation_ratio() -> float:
    """N1+(• فلک) / N1+(• رب) in the Hafez training text: 32 / 2 (the page's Kneser–Ney snippet prints both)."""
    train, _ = hafez_split()
    before: dict[str, set[str]] = {"فلک": set(), "رب": set()}
    for (previous, word) in count_ngrams(train, order=2)[2]:
        if word in before:
            before[word].add(previous)
    return len(before["فلک"]) / len(before["رب"])


@exercise("part2.perplexity-from-logprobs",
          hint_en="average the negative log2 probabilities (that is H, in bits), then raise 2 to H.",
          hint_fa="میانگین منفیِ log2 احتمال‌ها را بگیرید (این H بر حسب بیت است)، بعد ۲ را به توان H برسانید.")
def perplexity_from_logprobs() -> float:
    """log2 p = −1, −3, −2, −2 for four tokens: H = 2 bits, so the perplexity is 2² = 4."""
    log2s = [-1, -3, -2, -2]
    cross_entropy_bits = -sum(log2s) / len(log2s)
    return 2 ** cross_entropy_bits


@exercise("part2.explorer-after-ya", abs_tol=0.005, rel_tol=0.0,
          hint_en="set the explorer to Hafez, n = 2, context «یا», and read the top bar (two decimals).",
          hint_fa="کاوشگر را روی حافظ، n = ۲ و بافت «یا» بگذارید و عدد بلندترین میله را بخوانید (دو رقم اعشار).")
def explorer_after_ya() -> float:
    """The probability the bigram explorer gives its most probable word after «یا» (modified KN, as the demo)."""
    train, _ = hafez_split()
    model = NGramModel(order=2, discount_fallback=True).fit(train)
    return model.next_words(["یا"], k=1)[0][1]
