"""Every model is a probability distribution: p(· | context) sums to 1 over the vocabulary,
for every order and smoothing, in random contexts of random corpora (hypothesis), and on Hafez."""
from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmdocs.corpora import hafez_split
from lmdocs.ngram import SMOOTHINGS, NGramModel

WORDS = ["a", "b", "c", "d", "e"]
corpora = st.lists(st.lists(st.sampled_from(WORDS), max_size=7), min_size=1, max_size=12).filter(
    lambda sentences: any(sentences))
contexts = st.lists(st.sampled_from(WORDS + ["unseen"]), max_size=4)


@settings(max_examples=60, deadline=None)
@given(corpus=corpora, order=st.integers(1, 4), smoothing=st.sampled_from(SMOOTHINGS),
       context=contexts, at_start=st.booleans())
def test_sums_to_one_on_random_corpora(corpus, order, smoothing, context, at_start):
    lm = NGramModel(order=order, smoothing=smoothing, k=0.3, discount_fallback=True).fit(corpus)
    context = (["<s>"] + context if at_start else context)[: order - 1]
    distribution = lm.distribution(context)
    assert set(distribution) == set(lm.vocab)
    assert math.fsum(distribution.values()) == pytest.approx(1.0, abs=1e-9)
    for word in lm.vocab:
        assert distribution[word] >= 0.0
        assert lm.prob(word, context) == pytest.approx(distribution[word], rel=1e-9, abs=1e-15)


@pytest.fixture(scope="module")
def hafez():
    train, test = hafez_split()
    return train[:2500], test


@pytest.mark.parametrize("smoothing", SMOOTHINGS)
@pytest.mark.parametrize("order", [1, 2, 3, 4])
def test_sums_to_one_on_hafez(hafez, smoothing, order):
    train, test = hafez
    lm = NGramModel(order=order, smoothing=smoothing, discount_fallback=True).fit(train)
    rng = random.Random(order)
    for line in rng.sample(test, 3):
        words = ["<s>"] + line.split()
        cut = rng.randrange(1, len(words) + 1)
        context = words[max(0, cut - order + 1):cut] if order > 1 else []
        assert math.fsum(lm.distribution(context).values()) == pytest.approx(1.0, abs=1e-9)


@settings(max_examples=80, deadline=None)
@given(corpus=corpora, order=st.integers(1, 5), smoothing=st.sampled_from(SMOOTHINGS),
       sentence=st.lists(st.sampled_from(WORDS + ["unseen"]), max_size=8))
def test_sentence_scores_are_the_word_by_word_probabilities(corpus, order, smoothing, sentence):
    # word_scores/evaluate take shortcuts (KenLM's state); logprob walks the backoff definition.
    lm = NGramModel(order=order, smoothing=smoothing, k=0.3, discount_fallback=True).fit(corpus)
    history = ["<s>"] + sentence
    expected = [lm.logprob(word, history[max(0, i + 1 - (order - 1)):i + 1] if order > 1 else [])
                for i, word in enumerate(sentence + ["</s>"])]
    scores = [score for _, score, _ in lm.word_scores(sentence)]
    assert scores == pytest.approx(expected, abs=1e-12)
