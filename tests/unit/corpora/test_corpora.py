"""lmdocs.corpora: the Hafez corpus, the English sample and the articles' own text."""
from __future__ import annotations

import doctest

import pytest

import lmdocs.corpora as corpora


def test_docstring_examples():
    result = doctest.testmod(corpora)
    assert result.failed == 0 and result.attempted >= 5


def test_english_sentences_are_tokenised_lines():
    lines = corpora.english_sentences()
    assert len(lines) > 50
    assert all(line == " ".join(line.split()) and line == line.lower() for line in lines)


def test_markdown_to_text_keeps_only_prose():
    page = (
        "---\ntitle: x\n---\n# Part 2 {#part-2}\n\n!!! note \"Note\"\n    A *language model* predicts.\n\n"
        "```pyrun\n--8<-- \"snippets/ngram_counts.py\"\n```\n\n$$p(w)$$\n\n- see [perplexity](glossary.md#perplexity)\n"
    )
    assert corpora.markdown_to_text(page).splitlines() == [
        "Part 2", 'note "Note"', "A language model predicts.", "see perplexity"]


def test_article_text_from_a_docs_folder(tmp_path):
    (tmp_path / "series").mkdir()
    (tmp_path / "series" / "2-ngram.md").write_text("# مدل زبانی\n\nمتن **فارسی**.\n", encoding="utf-8")
    (tmp_path / "series" / "2-ngram.en.md").write_text("# Language models\n\nEnglish text.\n", encoding="utf-8")
    assert corpora.article_text("fa", docs=tmp_path) == "مدل زبانی\nمتن فارسی."
    assert corpora.article_text("en", docs=tmp_path) == "Language models\nEnglish text."
    with pytest.raises(FileNotFoundError, match="no articles"):
        corpora.article_text("fa", docs=tmp_path / "missing")
    with pytest.raises(ValueError, match="lang"):
        corpora.article_text("de", docs=tmp_path)
