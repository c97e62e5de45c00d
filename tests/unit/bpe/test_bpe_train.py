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
    # Same text, same GPT-2 chunks: the same merges, in the same order except inside a run
    # of equal counts, where the tie-breaks differ (tokenizers orders the 256 bytes by their
    # printable stand-ins, so ' ' sorts after letters: its 'me' comes before our ' l').
    # The last run is cut by vocab_size, so only its length is compared.
    text = "\n".join(line for ghazal in hafez_ghazals()[:120] for line in ghazal) if name == "hafez" \
        else english_sample()
    steps: list[Merge] = []
    train(text, vocab_size, on_merge=steps.append)
    reference = huggingface_merges(text, vocab_size)
    assert len(reference) == len(steps) == vocab_size - 256
    runs = [list(run) for _, run in itertools.groupby(range(len(steps)), key=lambda i: steps[i].count)]
    assert len(runs) > 20
    for run in runs[:-1]:
        assert {steps[i].token for i in run} == {reference[i] for i in run}


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
