"""lmdocs.ngram on small examples whose numbers are derived by hand, plus the public API."""
from __future__ import annotations

import doctest
import importlib
import math
from collections import Counter

import pytest

from lmdocs.corpora import hafez_split
from lmdocs.ngram import NGramModel, adjusted_counts, count_ngrams, read_arpa, tempered
from lmdocs.ngram.counts import lmplz_counts_of_counts
from lmdocs.ngram.discounts import estimate_discounts

SENTENCE = "من کتابم را به دوستم علی دادم و به او گفتم"


@pytest.mark.parametrize("module", ["counts", "mle", "add_k", "kneser_ney", "discounts", "kenlm_text", "backoff", "arpa",
                                    "sampling", "model", "__init__"])
def test_docstring_examples(module):
    name = "lmdocs.ngram" if module == "__init__" else f"lmdocs.ngram.{module}"
    assert doctest.testmod(importlib.import_module(name)).failed == 0


def test_bigram_counts_of_the_persian_sentence():
    counts = count_ngrams([SENTENCE], order=2)
    # 11 words + <s> + </s> = 13 tokens, so 12 bigrams; «به» appears twice, each time with a new follower.
    assert sum(counts[2].values()) == 12
    assert counts[2][("به", "دوستم")] == counts[2][("به", "او")] == 1
    assert counts[1][("به",)] == 2 and counts[2][("<s>", "من")] == 1 and counts[2][("گفتم", "</s>")] == 1


def test_mle_by_hand():
    lm = NGramModel(order=2, smoothing="mle").fit([SENTENCE])
    assert lm.prob("دوستم", ["به"]) == 0.5  # c(به دوستم) / c(به •) = 1 / 2
    assert lm.prob("علی", ["دوستم"]) == 1.0  # c(دوستم علی) / c(دوستم •) = 1 / 1
    assert lm.prob("کتابم", ["به"]) == 0.0  # never seen after «به»: the sparsity problem
    assert lm.prob("به") == pytest.approx(2 / 12)  # unigram: c(به) / 12 tokens (11 words + </s>)
    assert lm.prob("دوستم", ["کتاب"]) == pytest.approx(1 / 12)  # unseen context -> unigram
    # p(sentence) = p(من|<s>) ... p(</s>|گفتم) = 1 · ... · 1/2 (دوستم after به) · 1/2 (او after به) = 1/4
    assert lm.score(SENTENCE) == pytest.approx(math.log10(1 / 4))
    assert lm.perplexity([SENTENCE]) == pytest.approx(4 ** (1 / 12))  # 12 predicted tokens
    assert lm.perplexity(["من را"]) == math.inf  # p(را | من) = 0


def test_add_one_by_hand():
    lm = NGramModel(order=2, smoothing="laplace").fit(["a b", "a c"])
    # |V| = {a, b, c, </s>, <unk>} = 5; «a» is followed twice.
    assert lm.prob("b", ["a"]) == pytest.approx((1 + 1) / (2 + 5))
    assert lm.prob("a", ["a"]) == pytest.approx((0 + 1) / (2 + 5))
    assert lm.prob("zzz", ["a"]) == pytest.approx(1 / 7)  # an OOV word is scored as <unk>
    assert lm.prob("b", ["zzz"]) == pytest.approx(1 / 5)  # unseen context: uniform
    lidstone = NGramModel(order=2, smoothing="add-k", k=0.5).fit(["a b", "a c"])
    assert lidstone.prob("b", ["a"]) == pytest.approx(1.5 / (2 + 2.5))


def test_kneser_ney_by_hand():
    lm = NGramModel(order=2, smoothing="kneser-ney", discounts=0.5).fit(["a b", "c b"])
    # Padded: <s> a b </s>, <s> c b </s>. Continuation counts: a 1 (<s>), b 2 (a, c), c 1, </s> 1 (b);
    # total 5, |V| = 5 (a b c </s> <unk>). Four unigram types, so γ() = 4·0.5/5 = 0.4.
    assert lm.prob("b") == pytest.approx((2 - 0.5) / 5 + 0.4 / 5)  # 0.38
    assert lm.prob("a") == pytest.approx((1 - 0.5) / 5 + 0.4 / 5)  # 0.18
    assert lm.prob("<unk>") == pytest.approx(0.4 / 5)  # 0.08
    # Bigrams keep raw counts: after «a» only «b» (once), γ(a) = 0.5/1.
    assert lm.prob("b", ["a"]) == pytest.approx((1 - 0.5) / 1 + 0.5 * 0.38)  # 0.69
    assert lm.prob("c", ["a"]) == pytest.approx(0.5 * 0.18)  # 0.09: backs off
    # After «b»: «</s>» twice, γ(b) = 0.5/2.
    assert lm.prob("</s>", ["b"]) == pytest.approx((2 - 0.5) / 2 + 0.25 * 0.18)  # 0.795


def test_continuation_counts_by_hand():
    adjusted = adjusted_counts(count_ngrams(["a b c", "d b c"], order=3))
    assert adjusted[3][("a", "b", "c")] == 1  # highest order: raw counts
    assert adjusted[2][("b", "c")] == 2  # preceded by a and by d
    assert adjusted[1][("c",)] == 1  # only ever preceded by b
    assert adjusted[2][("<s>", "a")] == 1  # starts with <s>: raw count
    assert adjusted[1][("<s>",)] == 0


def test_modified_discounts_by_hand():
    # Chen & Goodman eq. 26 with n1..n4 = 4, 2, 1, 1: Y = 4/(4 + 2·2) = 0.5,
    # D1 = 1 - 2·0.5·2/4 = 0.5, D2 = 2 - 3·0.5·1/2 = 1.25, D3+ = 3 - 4·0.5·1/1 = 1.
    assert estimate_discounts([0, 4, 2, 1, 1], modified=True, fallback=None, k=2) == (0.5, 1.25, 1.0)
    assert estimate_discounts([0, 4, 2, 1, 1], modified=False, fallback=None, k=2) == (0.5, 0.5, 0.5)


def test_lmplz_counts_of_counts_quirk_by_hand():
    # The tiny text lmplz was checked on (its output: bigram D1 = 0.636, D2 = 0.0909, D3+ = 3).
    lines = ["a b c", "a b", "b c a", "c", "", "a a b c"]
    counts = count_ngrams(lines, order=3)
    adjusted = adjusted_counts(counts)
    # Adjusted bigram counts: seven 1s, three 2s (a b, b c, c </s>), one 3 (<s> a).
    assert Counter(adjusted[2].values()) == {1: 7, 2: 3, 3: 1}
    # lmplz records the raw count of the last bigram in suffix order, «b c» (3 occurrences, not 2):
    stats = lmplz_counts_of_counts(counts, adjusted)
    assert stats[2][1:] == [7, 2, 2, 0]
    # Y = 7/(7 + 4) = 7/11; D1 = 1 - 2·(7/11)·2/7 = 7/11; D2 = 2 - 3·(7/11)·2/2 = 1/11; D3+ = 3 - 0 = 3.
    lm = NGramModel(order=3, discount_fallback=True).fit(lines)
    assert lm.fitted_discounts[1] == pytest.approx((7 / 11, 1 / 11, 3.0))
    assert lm.fitted_discounts[0] == lm.fitted_discounts[2] == (0.5, 1.0, 1.5)  # n1 = 0: fallback


def test_perplexity_including_and_excluding_oov():
    lm = NGramModel(order=2, smoothing="laplace").fit(["a b", "a c"])
    scores = lm.word_scores("a zzz")
    assert [(w, oov) for w, _, oov in scores] == [("a", False), ("zzz", True), ("</s>", False)]
    report = lm.evaluate(["a zzz"])
    total = sum(s for _, s, _ in scores)
    assert (report.oov, report.tokens) == (1, 3)
    assert report.including_oov == pytest.approx(10 ** (-total / 3))
    assert report.excluding_oov == pytest.approx(10 ** (-(total - scores[1][1]) / 2))
    assert lm.perplexity(["a zzz"], include_oov=False) == report.excluding_oov


def test_next_words_sorted_and_consistent():
    train, _ = hafez_split()
    lm = NGramModel(order=3).fit(train[:1500])
    top = lm.next_words(["<s>", "به"], k=5)
    assert len(top) == 5 and [p for _, p in top] == sorted((p for _, p in top), reverse=True)
    for word, p in top:
        assert p == pytest.approx(lm.prob(word, ["<s>", "به"]))
    assert top[0][1] == max(lm.distribution(["<s>", "به"]).values())


def test_generate_is_repeatable_and_respects_options():
    train, _ = hafez_split()
    lm = NGramModel(order=3).fit(train[:1500])
    first = lm.generate(seed=7, max_words=15)
    assert first == lm.generate(seed=7, max_words=15) and 0 < len(first) <= 15
    assert all(w in lm.vocab and w not in ("<s>", "</s>", "<unk>") for w in first)
    greedy = lm.generate(["به"], temperature=0, max_words=5)
    context = ["<s>", "به"]
    for word in greedy:
        assert word == lm.next_words(context, k=1)[0][0]
        context = context[1:] + [word]
    assert lm.generate(["به"], top_k=1, max_words=5, seed=3) == greedy


def test_tempered_distribution_by_hand():
    q = tempered({"a": 0.8, "b": 0.2}, temperature=0.5)  # 0.8² : 0.2² = 0.64 : 0.04
    assert q["a"] == pytest.approx(0.64 / 0.68)
    assert tempered({"a": 0.5, "b": 0.3, "c": 0.2}, top_k=2) == pytest.approx({"a": 0.625, "b": 0.375})
    assert tempered({"a": 0.1, "b": 0.9, "<unk>": 0.5}, temperature=0) == {"b": 1.0}


def test_samples_follow_the_distribution():
    import random
    from lmdocs.ngram.sampling import sample_word
    rng = random.Random(0)
    draws = Counter(sample_word({"a": 0.7, "b": 0.2, "c": 0.1}, rng) for _ in range(4000))
    for word, p in {"a": 0.7, "b": 0.2, "c": 0.1}.items():
        assert abs(draws[word] / 4000 - p) < 4 * math.sqrt(p * (1 - p) / 4000)


@pytest.mark.parametrize("smoothing", ["modified-kneser-ney", "kneser-ney", "mle"])
def test_arpa_round_trip(smoothing):
    train, test = hafez_split()
    lm = NGramModel(order=3, smoothing=smoothing, discount_fallback=True).fit(train[:800])
    loaded = NGramModel.from_arpa(lm.to_arpa())
    assert loaded.order == 3 and loaded.smoothing == "arpa" and set(loaded.vocab) == set(lm.vocab)
    for sentence in test[:40]:
        for (w, ours, _), (_, theirs, _) in zip(lm.word_scores(sentence), loaded.word_scores(sentence)):
            if ours == -math.inf:  # MLE zeros are written as log10 p = -99
                assert theirs <= -99
            else:
                assert theirs == pytest.approx(ours, abs=1e-6)
    logp, backoff, order = read_arpa(lm.to_arpa())
    assert len(logp) == sum(len(lm.counts[k]) for k in (1, 2, 3)) + 1  # + <unk>


def test_count_and_vocab():
    lm = NGramModel(order=2, smoothing="mle").fit([SENTENCE, SENTENCE])
    assert lm.count("به") == 4 and lm.count(["به", "او"]) == 2 and lm.count("x y z") == 0
    assert "</s>" in lm.vocab and "<unk>" in lm.vocab and "<s>" not in lm.vocab
    assert len(lm.vocab) == 10 + 2  # ten distinct words, </s>, <unk>

