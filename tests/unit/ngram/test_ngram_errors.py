"""Bad input to lmdocs.ngram raises ValueError or TypeError with a sentence naming the problem."""
from __future__ import annotations

import pytest

from lmdocs.ngram import NGramModel, read_arpa

CORPUS = ["a b c", "a b d", "b c d"]


def fitted(**options) -> NGramModel:
    return NGramModel(order=3, smoothing="laplace", **options).fit(CORPUS)


@pytest.mark.parametrize("corpus", [[], [""], ["", "  "], iter([])])
def test_empty_corpus(corpus):
    with pytest.raises(ValueError, match="empty"):
        NGramModel(order=2).fit(corpus)


@pytest.mark.parametrize("order,error", [(0, ValueError), (-2, ValueError), (10**6, ValueError),
                                         (2.5, TypeError), ("3", TypeError), (True, TypeError)])
def test_bad_order(order, error):
    with pytest.raises(error, match="order"):
        NGramModel(order=order)


@pytest.mark.parametrize("corpus", [[["a", 1]], [[None]], [42], ["a b", b"c d"]])
def test_non_string_tokens(corpus):
    with pytest.raises(TypeError, match="string"):
        NGramModel(order=2, smoothing="mle").fit(corpus)


def test_text_instead_of_sentences():
    with pytest.raises(TypeError, match="splitlines"):
        NGramModel(order=2).fit("a b c\nd e")


@pytest.mark.parametrize("token", ["<s>", "</s>", "<unk>"])
def test_reserved_tokens_in_training_text(token):
    with pytest.raises(ValueError, match="reserved"):
        NGramModel(order=2, smoothing="mle").fit([f"a {token} b"])


def test_context_longer_than_the_order():
    with pytest.raises(ValueError, match="at most 2"):
        fitted().prob("c", ["x", "a", "b"])
    with pytest.raises(ValueError, match="no context"):
        NGramModel(order=1, smoothing="mle").fit(CORPUS).next_words(["a"])


def test_misplaced_boundary_tokens():
    with pytest.raises(ValueError, match="<s>"):
        fitted().prob("<s>", ["a"])
    with pytest.raises(ValueError, match="context"):
        fitted().prob("a", ["a", "<s>"])


def test_non_string_word_and_context():
    with pytest.raises(TypeError, match="word"):
        fitted().prob(3, ["a"])
    with pytest.raises(TypeError, match="string"):
        fitted().prob("a", [1])


def test_unknown_smoothing():
    with pytest.raises(ValueError, match="unknown smoothing 'good-turing'.*kneser-ney"):
        NGramModel(order=2, smoothing="good-turing")


@pytest.mark.parametrize("smoothing,discounts,error", [
    ("kneser-ney", 1.5, ValueError), ("kneser-ney", -0.1, ValueError), ("kneser-ney", [0.5, 0.5], ValueError),
    ("modified-kneser-ney", (0.5, 2.5, 1.0), ValueError), ("modified-kneser-ney", (0.5, 1.0, 3.5), ValueError),
    ("modified-kneser-ney", 0.5, TypeError), ("kneser-ney", "0.5", TypeError),
])
def test_discount_outside_its_range(smoothing, discounts, error):
    with pytest.raises(error, match="discount"):
        NGramModel(order=3, smoothing=smoothing, discounts=discounts).fit(CORPUS)


def test_discounts_that_cannot_be_estimated():
    with pytest.raises(ValueError, match="discount_fallback"):
        NGramModel(order=3).fit(CORPUS)


@pytest.mark.parametrize("k,error", [(0, ValueError), (-1, ValueError), ("1", TypeError)])
def test_bad_k(k, error):
    with pytest.raises(error, match="k must"):
        NGramModel(order=2, smoothing="add-k", k=k)


@pytest.mark.parametrize("options,match", [({"temperature": -1}, "temperature"), ({"top_k": 0}, "top_k"),
                                           ({"max_words": -1}, "max_words")])
def test_bad_sampling_options(options, match):
    with pytest.raises(ValueError, match=match):
        fitted().generate(**options)


def test_not_fitted():
    with pytest.raises(ValueError, match="fit"):
        NGramModel(order=2).prob("a")


def test_add_k_has_no_arpa():
    with pytest.raises(ValueError, match="backoff"):
        fitted().to_arpa()


GOOD = "\\data\\\nngram 1=2\nngram 2=1\n\n\\1-grams:\n-0.3\t<s>\t-0.1\n-0.3\t</s>\n\n\\2-grams:\n-0.1\t<s> </s>\n\n\\end\\\n"


@pytest.mark.parametrize("text,match", [
    ("hello world", "no \\\\data\\\\ header"),
    (GOOD.replace("ngram 2=1", "ngram 2=two"), "line 3"),
    (GOOD.replace("ngram 2=1", "ngram 2=5"), "announces 5 2-grams"),
    (GOOD.replace("\\end\\\n", ""), "truncated"),
    (GOOD.replace("-0.1\t<s> </s>", "x\t<s> </s>"), "not a number"),
    (GOOD.replace("-0.1\t<s> </s>", "-0.1\t<s> </s> extra words"), "2-gram line"),
    (GOOD.replace("\\2-grams:", "\\7-grams:"), "not announced"),
    (GOOD.replace("ngram 1=2\n", ""), "ngram 1="),
])
def test_malformed_arpa(text, match):
    with pytest.raises(ValueError, match=match):
        read_arpa(text)
    assert read_arpa(GOOD)[2] == 2


def test_empty_text_perplexity():
    with pytest.raises(ValueError, match="empty"):
        fitted().perplexity([])
