"""lmdocs.shannon: Shannon's (1951) bounds by hand, the bounds theorem itself, the game, the model side."""
import math
import random

import pytest

from lmdocs.ngram import NGramModel
from lmdocs.shannon import (GuessingGame, as_symbols, bounds, cross_entropy_bits, guess_distribution,
                            lower_bound, model_guesses, train_char_model, upper_bound)


# ---------------------------------------------------------------- the bounds, by hand
def test_guess_distribution():
    assert guess_distribution([1, 1, 3, 1]) == [0.75, 0.0, 0.25]


def test_all_first_guesses_carry_no_information():
    assert bounds([1] * 10) == (0.0, 0.0)


def test_half_first_half_second():
    # q = (1/2, 1/2): upper = 1; lower = 1·0·log2 1 + 2·(1/2)·log2 2 = 1
    assert bounds([1, 2, 1, 2]) == pytest.approx((1.0, 1.0))


def test_uneven_example():
    # guesses 1,1,2,4: q = (.5, .25, 0, .25)
    # upper = .5·1 + .25·2 + .25·2 = 1.5
    # lower = 2·(.25 − 0)·1 + 3·(0 − .25)·log2 3 + 4·(.25 − 0)·2 = 2.5 − .75·log2 3
    lo, hi = bounds([1, 1, 2, 4])
    assert hi == pytest.approx(1.5)
    assert lo == pytest.approx(2.5 - 0.75 * math.log2(3))


def test_uniform_guessing_over_27_symbols_gives_log2_27_both_ways():
    lo, hi = bounds(list(range(1, 28)))
    assert lo == pytest.approx(math.log2(27)) and hi == pytest.approx(math.log2(27))


def test_shannons_theorem_on_random_sources():
    """A guesser who knows the source guesses in order of probability, so q is p sorted; then
    lower ≤ H(p) ≤ upper must hold (Shannon, 1951), with upper = H(p) exactly."""
    rng = random.Random(1951)
    for _ in range(200):
        weights = [rng.random() ** rng.choice([1, 3, 8]) for _ in range(rng.randint(2, 30))]
        p = sorted((w / sum(weights) for w in weights), reverse=True)
        entropy = -sum(x * math.log2(x) for x in p if x > 0)
        assert lower_bound(p) <= entropy + 1e-12
        assert upper_bound(p) == pytest.approx(entropy)


@pytest.mark.parametrize("bad, error", [([], ValueError), ([0, 1], ValueError), ([1.5], TypeError),
                                        ("12", TypeError), ([True], TypeError)])
def test_bad_guess_counts(bad, error):
    with pytest.raises(error):
        bounds(bad)


# ---------------------------------------------------------------- the game
def test_game_counts_guesses_and_ignores_repeated_misses():
    game = GuessingGame("من  کتاب")          # whitespace is normalised to single spaces
    assert game.text == "من کتاب"
    assert [game.guess(c) for c in "اام"] == [False, False, True]
    assert game.guesses == [2]               # the repeated wrong «ا» counts once
    for c in "ن کتاب":
        game.guess(c)
    assert game.done and game.revealed == "من کتاب" and game.guesses == [2, 1, 1, 1, 1, 1, 1]
    with pytest.raises(ValueError, match="game is over"):
        game.guess("x")


def test_game_rejects_bad_input():
    with pytest.raises(ValueError, match="empty"):
        GuessingGame("   ")
    with pytest.raises(TypeError):
        GuessingGame(None)
    with pytest.raises(ValueError, match="exactly one character"):
        GuessingGame("abc").guess("ab")


# ---------------------------------------------------------------- the model plays
def _mle_bigram(lines):
    return NGramModel(order=2, smoothing="mle").fit([as_symbols(line) for line in lines])


def test_cross_entropy_by_hand():
    # training "ab", "ac": p(a|<s>) = 1, p(b|a) = 1/2  ->  "ab" costs (0 + 1) / 2 = 0.5 bit per char
    model = _mle_bigram(["ab", "ac"])
    assert cross_entropy_bits(model, "ab") == pytest.approx(0.5)
    assert cross_entropy_bits(_mle_bigram(["ab", "ab"]), "ab") == pytest.approx(0.0)


def test_model_guesses_in_order_of_probability():
    model = _mle_bigram(["ab", "ac", "ab"])    # p(b|a) = 2/3, p(c|a) = 1/3
    assert model_guesses(model, "ab") == [1, 1]
    assert model_guesses(model, "ac") == [1, 2]
    assert model_guesses(model, "az")[1] == len(model.vocab)   # never seen: its last guess


def test_spaces_are_symbols():
    assert as_symbols(" a  b ") == ["a", "_", "b"]


def test_char_model_on_hafez_beats_uniform_guessing():
    from lmdocs.corpora import hafez_split
    train, test = hafez_split()
    model = train_char_model(train[:1500], order=3)
    line = test[0]
    bits = cross_entropy_bits(model, line)
    assert 0 < bits < math.log2(len(model.vocab))
    lo, hi = bounds(model_guesses(model, line))
    assert 0 < hi < math.log2(len(model.vocab))


def test_train_char_model_needs_text():
    with pytest.raises(ValueError, match="no training text"):
        train_char_model(["", "  "])
