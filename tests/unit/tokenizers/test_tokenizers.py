"""lmdocs.tokenizers: the one tokenizer module every model uses, against Python's own UTF-8 and
Hugging Face tokenizers (for BPE), with every saved spelling read back."""
from __future__ import annotations

import doctest
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lmdocs.tokenizers as tokenizers
from lmdocs.corpora import hafez_text, parallel_fa_en
from lmdocs.tokenizers import (KINDS, BPETokenizer, ByteTokenizer, CharTokenizer, tokenizer_from_dict,
                               train_tokenizer)

from support.bpe_reference import to_huggingface

TEXT = "الا یا ایها الساقی 🍷 می‌رود\nand English"


def test_docstring_examples():
    result = doctest.testmod(tokenizers)
    assert result.failed == 0 and result.attempted >= 8


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=2))
def test_characters_round_trip_any_text(text):
    if len(set(text)) < 2:
        return
    tokenizer = CharTokenizer.from_text(text)
    ids = tokenizer.encode(text)
    assert tokenizer.decode(ids) == text and len(ids) == len(text)
    assert list(tokenizer.chars) == sorted(set(text)) and max(ids) < tokenizer.vocab_size


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_bytes_are_pythons_utf8(text):
    ids = ByteTokenizer().encode(text)
    assert ids == list(text.encode("utf-8")) and ByteTokenizer().decode(ids) == text


def test_bpe_encodes_as_hugging_face_tokenizers():
    text = "\n".join(fa + " " + en for fa, en in parallel_fa_en())
    tokenizer = BPETokenizer.train(text, vocab_size=400)
    reference = to_huggingface(tokenizer.bpe)
    sample = hafez_text()[:3000] + " 😀 ۱۴۰۳ don't"
    ids = tokenizer.encode(sample)
    assert ids == reference.encode(sample).ids
    assert tokenizer.decode(ids) == sample == reference.decode(ids)


def test_every_kind_saves_to_json_and_comes_back_equal():
    for kind in KINDS:
        tokenizer = train_tokenizer(kind, TEXT * 4, bpe_vocab_size=270)
        saved = json.loads(json.dumps(tokenizer.to_dict()))
        back = tokenizer_from_dict(saved)
        assert back == tokenizer and type(back) is type(tokenizer) and saved["kind"] == kind
        assert back.decode(back.encode(TEXT)) == TEXT and hash(back) == hash(tokenizer)
    assert CharTokenizer("ab") != CharTokenizer("ba") and CharTokenizer("ab") != ByteTokenizer()


def test_version_1_gpt_files_spelling_is_read():
    assert tokenizer_from_dict({"kind": "chars", "vocab": ["\n", " ", "ا"]}) == CharTokenizer("\n ا")
    assert tokenizer_from_dict({"kind": "bytes"}) == ByteTokenizer()


def test_the_shipped_models_share_one_tokenizer():
    from lmdocs.rnn import load_pretrained
    from lmdocs.transformer import load_hafez_gpt

    gpt, lstm = load_hafez_gpt().tokenizer, load_pretrained("lstm").model.tokenizer
    assert gpt == lstm == CharTokenizer.from_text(hafez_text())  # one class, the same 38 characters (ZWNJ too)
    assert isinstance(gpt, CharTokenizer) and gpt.vocab_size == 38


def test_unknown_characters_name_themselves_or_are_dropped():
    tokenizer = CharTokenizer.from_text("سلام")
    with pytest.raises(ValueError, match="never saw these characters: 'Q', 'ز'; its vocabulary has 4 characters"):
        tokenizer.encode("سلامQز")
    assert tokenizer.decode(tokenizer.encode("سلQام", skip_unknown=True)) == "سلام"


def test_ids_outside_the_vocabulary_decode_as_the_replacement_character():
    assert CharTokenizer("ab").decode([0, 5, -1, 1]) == "a\ufffd\ufffdb"
    assert ByteTokenizer().decode([104, 300, 105]) == "h\ufffdi"
    assert BPETokenizer([(97, 97)]).decode([256, 999]) == "aa\ufffd"


def test_labels_are_visible():
    assert [CharTokenizer(" \na").label(i) for i in range(3)] == ["␣", "⏎", "a"]
    assert BPETokenizer([(32, 97)]).label(256) == "␣a"
    assert [ByteTokenizer().label(i) for i in (32, 65, 216)] == ["<20>", "A", "<d8>"]


@pytest.mark.parametrize("make, message", [
    (lambda: CharTokenizer.from_text("aaaa"), "1 distinct character"),
    (lambda: CharTokenizer.from_text(b"ab"), "must be a str"),
    (lambda: CharTokenizer(["a", "bc"]), "one-character strings"),
    (lambda: CharTokenizer("aba"), "lists 'a' twice"),
    (lambda: train_tokenizer("word", "ab"), "unknown tokenizer 'word'; choose one of char, byte, bpe"),
    (lambda: tokenizer_from_dict({"kind": "bpe", "merges": [[1, 2, 3]]}), "needs its 'merges'"),
    (lambda: tokenizer_from_dict({"kind": "char"}), "a character vocabulary must be"),
    (lambda: tokenizer_from_dict(["char"]), "unknown tokenizer None"),
])
def test_bad_input_is_one_clear_error(make, message):
    with pytest.raises((ValueError, TypeError), match=message):
        make()


def test_package_names_point_at_one_class_each():
    import lmdocs.rnn
    import lmdocs.transformer

    assert lmdocs.CharTokenizer is lmdocs.rnn.CharTokenizer is lmdocs.transformer.CharTokenizer is CharTokenizer
    assert lmdocs.BPETokenizer is BPETokenizer and lmdocs.ByteTokenizer is ByteTokenizer
    for name in lmdocs.__all__:  # every re-export of the package resolves
        assert getattr(lmdocs, name) is not None, name
