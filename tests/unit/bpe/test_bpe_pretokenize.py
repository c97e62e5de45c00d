"""lmdocs.bpe.pretokenize (stdlib `re`) against tokenizers' GPT-2 pattern (`\\p{L}`, Oniguruma)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmdocs.bpe import pretokenize
from lmdocs.corpora import english_sample, hafez_text, parallel_fa_en
from support.bpe_reference import hf_chunks


def chunks(text: str) -> list[bytes]:
    return [chunk.encode("utf-8") for chunk in pretokenize(text)]


@pytest.mark.parametrize("name", ["hafez", "english", "parallel"])
def test_same_chunks_as_tokenizers_on_real_text(name):
    text = {"hafez": hafez_text, "english": english_sample,
            "parallel": lambda: "\n".join(f"{fa}\t{en}" for fa, en in parallel_fa_en())}[name]()
    assert chunks(text) == hf_chunks(text)


# Letters and digits of both scripts, ZWNJ, Arabic diacritics, punctuation, emoji, spaces.
REAL_TEXT_ALPHABET = st.sampled_from(list("aZ'sdtmlrve_09۰۹٤ابپژی\u200c\u064e\u0651،.!?-😀👩🏽 \n\t\u00a0"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=REAL_TEXT_ALPHABET, max_size=40))
def test_same_chunks_as_tokenizers_on_random_mixes(text):
    assert chunks(text) == hf_chunks(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_chunks_join_back_to_the_text(text):
    assert "".join(pretokenize(text)) == text


@pytest.mark.parametrize("text, ours", [
    ("x²", ["x²"]),             # '²' is No: a letter for `re` ([^\W\d_]), a number for \p{N}
    ("a\x1c\x1cb", ["a", "\x1c", "\x1c", "b"]),  # `re`'s \s has U+001C..U+001F: spaces, not punctuation
])
def test_documented_differences_from_the_regex_pattern(text, ours):
    assert pretokenize(text) == ours
    assert chunks(text) != hf_chunks(text)
