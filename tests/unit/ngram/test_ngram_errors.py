"""Bad input to lmdocs.ngram raises ValueError or TypeError with a sentence naming the problem."""
from __future__ import annotations

import math
import re
import subprocess
import sys

import pytest

from lmdocs.ngram import DiscountError, NGramModel, read_arpa
from lmdocs.ngram.kenlm_text import read_text
from support.paths import ROOT

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
    with pytest.raises(TypeError, match="text_lines"):
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
    with pytest.raises(ValueError, match="cannot estimate Kneser-Ney discounts for 1-grams.*discount_fallback"):
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


def test_perplexity_without_oovs_when_an_oov_makes_the_next_word_impossible():
    # Issue 17.3. MLE bigrams from "a b c", "a c b": p(a|<s>) = 1, "z" is <unk> and p(<unk>|a) = 0,
    # the unseen context <unk> backs off to p(b) = 2/8, and p(</s>|b) = 1/2:
    # excluding the OOV, perplexity = (1 · 1/4 · 1/2) ** (-1/3) = 2.
    report = NGramModel(2, "mle").fit(["a b c", "a c b"]).evaluate(["a z b"])
    assert report.excluding_oov == pytest.approx(2.0)
    assert report.including_oov == math.inf and (report.oov, report.tokens) == (1, 4)


def test_a_huge_perplexity_is_inf_not_an_overflow():
    text = GOOD.replace("-0.3\t</s>", "-99\t</s>").replace("-0.1\t<s> </s>", "-400\t<s> </s>")
    assert NGramModel.from_arpa(text).evaluate([""]).including_oov == math.inf


def test_discount_failure_names_the_python_keyword():
    with pytest.raises(DiscountError, match=r"discount_fallback=True") as caught:
        NGramModel(order=3).fit(CORPUS)
    assert "--discount_fallback" not in str(caught.value).replace("lmplz's --discount_fallback", "")


@pytest.mark.parametrize("fallback", [(0.4,), (0.4, 0.9), (0.4, 0.9, 1.2), [0.7, 1.1, 2.5]])
def test_discount_fallback_takes_one_to_three_values_as_lmplz(fallback):
    lm = NGramModel(order=3, discount_fallback=fallback).fit(CORPUS)
    expected = tuple(float(d) for d in (list(fallback) + [fallback[-1]] * 2)[:3])
    assert expected in lm.fitted_discounts  # used for the orders that cannot be estimated


@pytest.mark.parametrize("fallback, match", [((0.5, 1, 1.5, 2), "one to three"), ((), "one to three"),
                                             ((1.5,), "D1 = 1.5"), ("0.5", "number")])
def test_bad_discount_fallback(fallback, match):
    with pytest.raises((ValueError, TypeError), match=match):
        NGramModel(order=3, discount_fallback=fallback)


def test_sentence_with_a_line_break():
    with pytest.raises(ValueError, match="line break.*text_lines"):
        NGramModel(order=2, smoothing="mle").fit(["a b\nc d"])
    with pytest.raises(ValueError, match="line break"):
        fitted().score("a\nb")


@pytest.mark.parametrize("token", [" ", "a b", "a\tb", "a\rb", "a\nb"])
def test_words_an_arpa_file_cannot_hold(token):
    lm = NGramModel(order=2, smoothing="mle").fit([["x", token], ["y", "x"]])  # in memory: fine
    assert lm.prob(token, ["x"]) == 0.5
    with pytest.raises(ValueError, match=re.escape(f"the word {token!r} holds a space") + ".*ARPA"):
        lm.to_arpa()


def test_non_utf8_arpa_file_names_the_file_and_line(tmp_path):
    path = tmp_path / "model.arpa"
    path.write_bytes(GOOD.replace("</s>\n", "</s>\xe9\n", 1).encode("latin-1"))
    with pytest.raises(ValueError, match=rf"{path} is not UTF-8 text \(byte 0xe9 at offset 61\) on line 7"):
        NGramModel.load_arpa(path)


def run_cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lmdocs.ngram", *args], input=stdin, cwd=ROOT,
                          capture_output=True, timeout=120)


def test_cli_non_utf8_text_names_the_file_and_line(tmp_path):
    text = tmp_path / "train.txt"
    text.write_bytes("a b c\nb c d\nc d \xe9\n".encode("latin-1"))
    result = run_cli("train", "-o", "2", "--text", str(text))
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert f"{text} is not UTF-8 text (byte 0xe9 at offset 16) on line 3".encode() in result.stderr
    result = run_cli("query", "--arpa", str(text), stdin=b"a b\n")
    assert result.returncode == 2 and b"on line 3" in result.stderr
    result = run_cli("train", "-o", "2", stdin=b"a b\n\xff\n")
    assert result.returncode == 2 and b"standard input is not UTF-8 text (byte 0xff at offset 4) on line 2" in result.stderr


def test_cli_discount_failure_names_the_flag():
    result = run_cli("train", "-o", "3", stdin="\n".join(CORPUS).encode() + b"\n")
    message = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in message and len(message.strip().splitlines()) == 1
    assert "rerun with --discount_fallback" in message and "discount_fallback=" not in message


@pytest.mark.parametrize("values, expected", [([], (0.5, 1.0, 1.5)), (["0.4"], (0.4, 0.4, 0.4)),
                                              (["0.4", "0.9"], (0.4, 0.9, 0.9)), (["0.3", "0.8", "1.2"], (0.3, 0.8, 1.2))])
def test_cli_discount_fallback_takes_lmplz_values(tmp_path, values, expected):
    arpa = tmp_path / "model.arpa"
    result = run_cli("train", "-o", "3", "--arpa", str(arpa), "--discount_fallback", *values,
                     stdin="\n".join(CORPUS).encode() + b"\n")
    assert result.returncode == 0, result.stderr
    python = NGramModel(order=3, discount_fallback=expected).fit(CORPUS)
    assert read_arpa(read_text(arpa))[0] == pytest.approx(read_arpa(python.to_arpa())[0])
    assert str(expected) in result.stderr.decode()  # the discounts it used, printed


@pytest.mark.parametrize("values, match", [(["0.5", "1", "1.5", "2"], "at most three"), (["2"], "D1 = 2.0")])
def test_cli_bad_discount_fallback(values, match):
    result = run_cli("train", "-o", "3", "--discount_fallback", *values, stdin=b"a b\n")
    assert result.returncode == 2 and match in result.stderr.decode() and b"Traceback" not in result.stderr


def test_a_text_where_sentences_are_expected():
    with pytest.raises(TypeError, match="text_lines"):
        fitted().evaluate("a b c")
