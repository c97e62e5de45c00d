"""Part 2 quotes numbers measured on the Hafez corpus in its prose and answer blocks. Each is computed
here afresh (with plain Counters where the package is not needed) and must appear on both pages, in
the page's digits, so a change of corpus or code that moves a number fails here, not silently.
The exercises' reference answers are checked against the same hand computations."""
from __future__ import annotations

import math
from collections import Counter
from functools import cache

import pytest

from lmdocs.corpora import hafez_split
from lmdocs.exercises import reference
from lmdocs.i18n import num
from lmdocs.ngram import NGramModel
from support.paths import DOCS

PAGES = {"fa": DOCS / "series" / "2-ngram.md", "en": DOCS / "series" / "2-ngram.en.md"}


def bigram_counts(lines: list[str]) -> Counter:
    """Word pairs inside each line, with <s> and </s> at its ends (KenLM's convention)."""
    pairs: Counter = Counter()
    for line in lines:
        words = ["<s>", *line.split(), "</s>"]
        pairs.update(zip(words, words[1:]))
    return pairs


@cache
def measured() -> dict[str, tuple[float, str]]:
    """{name: (value, format spec)} of every number the pages quote."""
    train, test = hafez_split()
    known = {w for line in train for w in line.split()}
    tokens = [w for line in test for w in line.split()] + ["</s>"] * len(test)
    unknown = sum(w not in known and w != "</s>" for w in tokens)
    pairs = bigram_counts(train)
    before = {w: len({v for (v, x) in pairs if x == w}) for w in ("رب", "فلک")}
    words = Counter(w for line in train for w in line.split())
    test_trigrams = Counter()
    for line in test:
        padded = ["<s>", *line.split(), "</s>"]
        test_trigrams.update(zip(padded, padded[1:], padded[2:]))
    train_trigrams = set()
    for line in train:
        padded = ["<s>", *line.split(), "</s>"]
        train_trigrams.update(zip(padded, padded[1:], padded[2:]))
    unseen3 = sum(n for g, n in test_trigrams.items() if g not in train_trigrams) / sum(test_trigrams.values())
    bigram = NGramModel(order=2).fit(train)
    log2s = [lp / math.log10(2) for line in test for _, lp, _ in bigram.word_scores(line)]
    product, zero_at = 1.0, None
    for t, lp in enumerate(log2s, start=1):
        product *= 2.0 ** lp
        if product == 0.0 and zero_at is None:
            zero_at = t
    return {
        "unknown words": (unknown, ","), "test tokens": (len(tokens), ","),
        "unknown share": (unknown / len(tokens), ".1%"), "unseen trigrams": (unseen3, ".1%"),
        "rabb count": (words["رب"], ""), "falak count": (words["فلک"], ""),
        "falak predecessors": (before["فلک"], ""), "ya count": (words["یا"], ""),
        "ya rabb": (pairs[("یا", "رب")], ""), "vocabulary": (round(len(known), -2), ","),
        "underflow token": (zero_at, ""), "bits per token": (-sum(log2s) / len(log2s), ".2f"),
        "bigram perplexity": (bigram.perplexity(test), ".0f"),
        "trigram perplexity": (NGramModel(order=3).fit(train).perplexity(test), ".0f"),
    }


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("name", sorted(measured()))
def test_the_page_quotes_the_measured_number(name, lang):
    value, spec = measured()[name]
    text = PAGES[lang].read_text(encoding="utf-8")
    shown = num(value, spec, lang=lang)
    in_math = lang == "fa" and f"\\approx {num(value, spec, lang='en')}$" in text    # math keeps Latin digits
    assert shown in text or in_math, f"{PAGES[lang].name} should quote {name} = {shown}"


def test_exercise_references_match_hand_counts():
    little = ["من به خانه رفتم", "تو به مدرسه رفتی", "او به خانه آمد"]
    pairs = bigram_counts(little)
    after_be = sum(n for (v, _), n in pairs.items() if v == "به")
    vocabulary = len({w for line in little for w in line.split()}) + 2          # + </s> and <unk>
    assert reference("part2.bigram-by-hand") == pytest.approx(pairs[("به", "خانه")] / after_be)
    assert reference("part2.add-one") == pytest.approx((pairs[("به", "خانه")] + 1) / (after_be + vocabulary))
    assert reference("part2.continuation-ratio") == measured()["falak predecessors"][0] / 2
    assert reference("part2.perplexity-from-logprobs") == 2 ** ((1 + 3 + 2 + 2) / 4)
