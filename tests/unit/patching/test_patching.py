"""lmdocs.patching: the count model's distributions and entropies against brute force and torch, and the
patches' invariants (they rebuild the text, a higher threshold never gives more patches)."""
from __future__ import annotations

import math
import random

import pytest

from lmdocs.corpora import english_sample, hafez_text
from lmdocs.patching import CONTEXT, MIN_SEEN, CharEntropyModel, entropies, patch

TEXT = hafez_text()[:8000] + "\n" + english_sample()[:3000]


@pytest.fixture(scope="module")
def model() -> CharEntropyModel:
    return CharEntropyModel(TEXT)


def brute_force_distribution(text: str, context: str) -> dict[str, float]:
    """The model's rule written the slow way: the longest suffix of `context` seen MIN_SEEN times."""
    for size in range(min(CONTEXT, len(context)), -1, -1):
        suffix = context[len(context) - size:]
        following = [text[i] for i in range(size, len(text)) if text[i - size:i] == suffix]
        if len(following) >= MIN_SEEN or size == 0:
            break
    total = len(following) + 1
    counts = {ch: following.count(ch) for ch in set(following)}
    return {**{ch: n / total for ch, n in counts.items()}, "": 1 / total}


def test_distributions_match_brute_force_counts_and_sum_to_one(model):
    rng = random.Random(0)
    contexts = ["", "ا", "ی ", "دل ", "the", "xq", "zzz"] + [TEXT[i:i + rng.randint(0, 3)] for i in
                                                                 rng.sample(range(len(TEXT) - 3), 40)]
    for context in contexts:
        got = model.distribution(context)
        assert got == pytest.approx(brute_force_distribution(TEXT, context)), context
        assert math.fsum(got.values()) == pytest.approx(1.0)


def test_entropy_matches_torch(model):
    torch = pytest.importorskip("torch")
    for context in ["", "ا", "دل ", "the", "and "]:
        probs = torch.tensor(list(model.distribution(context).values()), dtype=torch.float64)
        nats = torch.distributions.Categorical(probs=probs).entropy().item()
        assert model.entropy(context) == pytest.approx(nats / math.log(2), rel=1e-12)


def test_an_unseen_context_backs_off_to_the_unigram_distribution(model):
    assert model.distribution("~~~") == model.distribution("")
    assert model.entropy("~~~") > 4  # over many characters: very unsure, a patch starts here


def test_patches_rebuild_the_text_and_cut_where_the_entropy_is_high(model):
    text = "صبا به لطف بگو آن غزال رعنا را, and the river was slow."
    h = entropies(text, model)
    assert len(h) == len(text)
    for threshold in (0, 1.5, 2.5, 4, 100):
        pieces = patch(text, model, threshold)
        assert "".join(pieces) == text and all(pieces)
        starts = [0] + [i for i in range(1, len(text)) if h[i] > threshold]
        assert [len(p) for p in pieces] == [b - a for a, b in zip(starts, starts[1:] + [len(text)])]
    assert len(patch(text, model, 0)) == len(text)        # every character is a little uncertain
    assert patch(text, model, 100) == [text]
    counts = [len(patch(text, model, t / 4)) for t in range(0, 33)]
    assert counts == sorted(counts, reverse=True)          # a higher threshold never adds patches


@pytest.mark.parametrize("bad", [-1, "2", None, True])
def test_a_bad_threshold_is_one_clear_error(model, bad):
    with pytest.raises(ValueError, match="threshold must be a number of bits"):
        patch("abc", model, bad)


def test_a_training_text_too_short_is_one_clear_error():
    with pytest.raises(ValueError, match="at least 2 characters"):
        CharEntropyModel("a")
