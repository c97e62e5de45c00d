"""lmdocs.bpe encoding and decoding, checked against Hugging Face tokenizers.

The reference: a tokenizers `BPE` model built from the vocabulary and merges that lmdocs
learned. Why the ids must then be identical, not just similar:
- pre-tokenisation: tokenizers' ByteLevel(use_regex=True) cuts text with GPT-2's pattern,
  the pattern lmdocs.bpe.pretokenize imitates with `re`; on real text the chunks are equal
  (tests/unit/bpe/test_bpe_pretokenize.py), and ByteLevel maps each byte b to the printable
  character bytes_to_unicode()[b] (tests/support/bpe_reference.py), a one-to-one renaming;
- merges: both apply, within a chunk, the lowest-ranked merge first and, among equal ranks,
  the leftmost occurrence first, so the same merge list gives the same tokens;
- ids: the tokenizers vocabulary maps each token's printable spelling to lmdocs's id.
"""
from __future__ import annotations

import pytest
from support.bpe_reference import bytes_to_unicode, to_huggingface
from hypothesis import given, settings
from hypothesis import strategies as st
from tokenizers import pre_tokenizers

from lmdocs.bpe import Tokenizer, trace, train
from lmdocs.corpora import english_sample, hafez_split, parallel_fa_en


@pytest.fixture(scope="module")
def hafez_tokenizer() -> Tokenizer:
    train_lines, _ = hafez_split()
    return train("\n".join(train_lines), vocab_size=1024)


@pytest.fixture(scope="module")
def english_tokenizer() -> Tokenizer:
    text = english_sample()
    return train(text[: len(text) * 3 // 4], vocab_size=600)


def test_byte_stand_ins_match_tokenizers_alphabet():
    assert sorted(bytes_to_unicode().values()) == sorted(pre_tokenizers.ByteLevel.alphabet())


def test_same_ids_as_tokenizers_on_held_out_persian(hafez_tokenizer):
    _, test_lines = hafez_split()
    text = "\n".join(test_lines)
    reference = to_huggingface(hafez_tokenizer)
    ids = hafez_tokenizer.encode(text)
    assert ids == reference.encode(text).ids
    assert reference.decode(ids) == hafez_tokenizer.decode(ids) == text
    assert len(ids) < len(text.encode("utf-8")) / 2  # the merges really compress held-out verse


def test_same_ids_as_tokenizers_on_held_out_english(english_tokenizer):
    text = english_sample()
    held_out = text[len(text) * 3 // 4:]
    assert english_tokenizer.encode(held_out) == to_huggingface(english_tokenizer).encode(held_out).ids


def test_same_ids_as_tokenizers_on_mixed_text(hafez_tokenizer, english_tokenizer):
    text = "\n".join(f"{fa} ({en}) 😀 ۱۴۰۳ 2024!!" for fa, en in parallel_fa_en())
    for tokenizer in (hafez_tokenizer, english_tokenizer):
        assert tokenizer.encode(text) == to_huggingface(tokenizer).encode(text).ids


def test_same_ids_as_tokenizers_when_two_merges_spell_one_token():
    # 'ab'+'c' -> 257 and 'a'+'bc' both spell 'abc': the second merge reuses id 257
    # (as tokenizers does), so four merges make three new ids.
    tokenizer = Tokenizer([(97, 98), (256, 99), (98, 99), (97, 258)])
    assert tokenizer.vocab[257] == b"abc" and tokenizer.merged_id((97, 258)) == 257
    assert len(tokenizer.vocab) == 259
    text = "abc xbc abcabc bcab"
    assert tokenizer.encode(text) == to_huggingface(tokenizer).encode(text).ids


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_decode_inverts_encode_for_any_unicode(hafez_tokenizer, text):
    assert hafez_tokenizer.decode(hafez_tokenizer.encode(text)) == text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab ا ب\u200c😀\n"), max_size=40))
def test_round_trip_and_tokenizers_agree_on_dense_merges(text):
    # A tiny alphabet makes long merge chains, ties and touching occurrences likely.
    tokenizer = train(text * 3 + " abab aaa", vocab_size=300)
    ids = tokenizer.encode(text)
    assert tokenizer.decode(ids) == text
    assert ids == to_huggingface(tokenizer).encode(text).ids


@pytest.mark.parametrize("text", ["", "a", "س", "😀", "\u200c", "می‌خواهم 👩🏽‍💻 ok", "\n\n  \t"])
def test_edge_cases_round_trip(hafez_tokenizer, text):
    ids = hafez_tokenizer.encode(text)
    assert hafez_tokenizer.decode(ids) == text
    assert len(ids) <= len(text.encode("utf-8"))


def test_zwnj_is_a_chunk_of_its_own(hafez_tokenizer):
    # Hafez's text writes «می‌رود» with a ZWNJ: its 3 bytes merge into one token, never into the letters.
    zwnj = hafez_tokenizer.encode("\u200c")
    assert hafez_tokenizer.pieces(zwnj) == ["\u200c"]
    ids = hafez_tokenizer.encode("می\u200cرود")
    assert ids == hafez_tokenizer.encode("می") + zwnj + hafez_tokenizer.encode("رود")
    # Text typed with ZWNJs (the parallel sentences) learns it as one token.
    persian = "\n".join(fa for fa, _ in parallel_fa_en())
    tokenizer = train(persian, vocab_size=400)
    assert "\u200c" in tokenizer.pieces(tokenizer.encode("می\u200cرود"))


def test_pieces_show_partial_characters_as_escapes():
    tokenizer = Tokenizer()
    assert tokenizer.pieces(tokenizer.encode("س")) == ["\\xd8", "\\xb3"]
    assert tokenizer.decode([0xD8]) == "\ufffd"  # half a character decodes to U+FFFD


def test_trace_ends_at_encode(hafez_tokenizer):
    text = "دل می‌رود ز دستم صاحب دلان خدا را"
    steps = trace(hafez_tokenizer, text)
    assert steps[0].tokens == list(text.encode("utf-8"))
    assert steps[-1].tokens == hafez_tokenizer.encode(text)
    ranks = [step.rank for step in steps[1:]]
    assert all(hafez_tokenizer.merges[r] == s.pair for r, s in zip(ranks, steps[1:]))
    lengths = [len(step.tokens) for step in steps]
    assert lengths == sorted(lengths, reverse=True) and len(set(lengths)) == len(lengths)


def test_with_vocab_size_equals_training_with_that_size():
    text = english_sample()
    assert train(text, 400).with_vocab_size(300).merges == train(text, 300).merges


def test_special_tokens():
    tokenizer = train("hello world " * 10, 270, special_tokens=["<|end|>"])
    end = tokenizer.special_tokens["<|end|>"]
    assert end == tokenizer.vocab_size - 1
    ids = tokenizer.encode("hello<|end|>world", allowed_special="all")
    assert end in ids and tokenizer.decode(ids) == "hello<|end|>world"
    assert end not in tokenizer.encode("hello<|end|>", allowed_special="none")
    with pytest.raises(ValueError, match="special token '<\\|end\\|>'"):
        tokenizer.encode("hello<|end|>")
    with pytest.raises(ValueError, match="unknown special tokens"):
        tokenizer.encode("x", allowed_special={"<|other|>"})


@pytest.mark.parametrize("bad", [b"bytes", 42, None, ["a"]])
def test_encode_rejects_non_text(bad):
    with pytest.raises(TypeError, match="encode expects text"):
        Tokenizer().encode(bad)


def test_encode_rejects_lone_surrogates():
    with pytest.raises(ValueError, match="lone surrogate"):
        Tokenizer().encode("ok \ud800")


@pytest.mark.parametrize("bad", [[256], [-1], [1.0], ["a"], [True]])
def test_decode_rejects_ids_outside_the_vocabulary(bad):
    with pytest.raises(ValueError, match="not in the vocabulary"):
        Tokenizer().decode(bad)


def test_merges_must_use_existing_tokens():
    with pytest.raises(ValueError, match="not a token yet"):
        Tokenizer([(97, 300)])
    with pytest.raises(ValueError, match="appears twice"):
        Tokenizer([(97, 97), (97, 97)])
