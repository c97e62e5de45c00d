"""lmdocs.corpora: the Hafez corpus, the English texts and the Persian/English pairs."""
from __future__ import annotations

import doctest

import lmdocs.corpora as corpora


def test_docstring_examples():
    result = doctest.testmod(corpora)
    assert result.failed == 0 and result.attempted >= 5


def test_english_sentences_are_tokenised_lines():
    lines = corpora.english_sentences()
    assert len(lines) > 50
    assert all(line == " ".join(line.split()) and line == line.lower() for line in lines)


def test_the_tokenization_articles_samples():
    pairs = corpora.parallel_fa_en()
    assert len(pairs) == 16 and all(fa and en and fa != en for fa, en in pairs)
    assert any("\u200c" in fa for fa, _ in pairs)  # the Persian side is typed with the zero-width non-joiner
    assert 4000 < len(corpora.english_sample().encode("utf-8")) < 6000
