"""lmdocs.bpe training: the hand-worked example, a naive oracle, and Hugging Face's trainer."""
from __future__ import annotations

import itertools

import pytest
from support.bpe_reference import huggingface_merges, naive_train
from hypothesis import given, settings
from hypothesis import strategies as st

from lmdocs.bpe import Merge, train
from lmdocs.corpora import english_sample, hafez_ghazals


def test_wikipedia_example_by_hand():
    # aaabdaaabac: 'aa' occurs 4 times (overlaps count) -> Z (256): ZabdZabac.
    # Then 'Za' and 'ab' both occur twice; the tie goes to the smaller pair, (97, 98) 'ab',
    # which Wikipedia also picks -> Y (257): ZYdZYac. Then 'ZY' twice -> X (258): XdXac,
    # and no pair occurs twice any more, so training stops below the asked vocab_size.
    steps: list[Merge] = []
    tokenizer = train("aaabdaaabac", vocab_size=1000, on_merge=steps.append)
    assert [(m.pair, m.id, m.count, m.token) for m in steps] == [
        ((97, 97), 256, 4, b"aa"), ((97, 98), 257, 2, b"ab"), ((256, 257), 258, 2, b"aaab")]
    assert tokenizer.encode("aaabdaaabac") == [258, ord("d"), 258, ord("a"), ord("c")]
    assert tokenizer.vocab_size == 259


def test_incremental_counts_match_naive_recount_on_hafez():
    text = "\n".join(line for ghazal in hafez_ghazals()[:15] for line in ghazal)
    assert train(text, vocab_size=380).merges == naive_train(text, vocab_size=380)


def test_incremental_counts_match_naive_recount_on_english():
    text = english_sample()
    assert train(text, vocab_size=400).merges == naive_train(text, vocab_size=400)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from("aab ba\u200cس😀\n"), min_size=1, max_size=60), st.integers(1, 3))
def test_incremental_counts_match_naive_recount_on_random_text(text, min_frequency):
    assert (train(text, 290, min_frequency=min_frequency).merges
            == naive_train(text, 290, min_frequency=min_frequency))


@pytest.mark.parametrize("name, vocab_size", [("hafez", 700), ("english", 400)])
def test_learns_the_same_merges_as_huggingface_trainer(name, vocab_size):
    # Same text, same GPT-2 chunks, same tie-break: the same merges in the same order.
    text = "\n".join(line for ghazal in hafez_ghazals()[:120] for line in ghazal) if name == "hafez" \
        else english_sample()
    steps: list[Merge] = []
    train(text, vocab_size, on_merge=steps.append)
    reference = huggingface_merges(text, vocab_size)
    assert len(reference) == len(steps) == vocab_size - 256
    ties = sum(a.count == b.count for a, b in zip(steps, steps[1:]))
    assert ties > 100  # runs of equal counts, where only the tie-break decides the order
    assert [step.token for step in steps] == reference


# Constructed ties between pairs whose order by byte value and by GPT-2 stand-in differ. By hand:
# " ab ab" is two chunks " ab": ' a' and 'ab' both occur twice. tokenizers numbers 'a' by its
# stand-in 'a' (97) and the space by 'Ġ' (U+0120, 288), so 'ab' is the smaller pair and comes
# first (by byte value, ' a' = (32, 97) would). The zero-width non-joiner is the bytes E2 80 8C:
# E2 stands for 'â' (226), 80 for U+0122 (290), 8C for U+012E (302), so (E2, 80) < (80, 8C),
# although (0x80, 0x8C) < (0xE2, 0x80).
@pytest.mark.parametrize("text, expected", [
    (" ab ab", [b"ab", b" ab"]),
    ("\u200c\u200c", [b"\xe2\x80", b"\xe2\x80\x8c"]),
    ("a\u200cb a\u200cb", [b"\xe2\x80", b"\xe2\x80\x8c"]),
])
def test_ties_are_broken_in_tokenizers_order(text, expected):
    steps: list[Merge] = []
    train(text, 256 + len(expected), on_merge=steps.append)
    assert len({step.count for step in steps[:2]}) == 1  # a tie: the rule, not the counts, decides
    assert [step.token for step in steps] == expected
    assert huggingface_merges(text, 256 + len(expected)) == expected


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("aab ba\u200cس😀\n!é"), min_size=1, max_size=60))
def test_same_merges_as_huggingface_trainer_on_random_text(text):
    steps: list[Merge] = []
    train(text, 300, on_merge=steps.append)
    assert [step.token for step in steps] == huggingface_merges(text, 300)


def test_on_merge_reports_progress_and_can_stop_training():
    seen: list[int] = []

    def stop_after_ten(merge: Merge) -> bool:
        seen.append(merge.rank)
        return merge.rank < 9

    tokenizer = train(english_sample(), vocab_size=1000, on_merge=stop_after_ten)
    assert seen == list(range(10)) and len(tokenizer.merges) == 10


def test_special_tokens_are_cut_out_of_training_text():
    tokenizer = train("ab<|end|>ab<|end|>ab", 300, special_tokens=["<|end|>"])
    assert tokenizer.special_tokens == {"<|end|>": tokenizer.vocab_size - 1}
    assert all(b"<" not in token and b"|" not in token for token in tokenizer.vocab.values() if len(token) > 1)


def test_min_frequency_stops_early():
    assert train("abcabc", 1000, min_frequency=3).merges == []
    assert len(train("abcabc", 1000, min_frequency=1).merges) == 3  # ab, abc, abcabc


@pytest.mark.parametrize("vocab_size", [0, 100, 255, 256.5, "512"])
def test_rejects_vocabulary_smaller_than_the_bytes(vocab_size):
    with pytest.raises(ValueError, match="vocab_size must be an integer of at least 256"):
        train("some text", vocab_size)


def test_rejects_non_text_and_bad_min_frequency():
    with pytest.raises(TypeError, match="train expects text"):
        train(b"bytes", 300)
    with pytest.raises(ValueError, match="min_frequency"):
        train("text", 300, min_frequency=0)
    with pytest.raises(ValueError, match="at least 258"):
        train("text", 257, special_tokens=["<a>", "<b>"])
