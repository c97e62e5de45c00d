"""Unit tests for the build hooks: series table of contents, Persian search index."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from support.paths import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

import search_fa  # noqa: E402
import series_toc  # noqa: E402


def test_series_toc_links_only_pages_that_exist(tmp_path):
    (tmp_path / "series").mkdir()
    (tmp_path / "series" / "2-ngram.md").write_text("# x")
    (tmp_path / "series" / "2-ngram.en.md").write_text("# x")
    (tmp_path / "tokenization.md").write_text("# x")  # Persian only: English is listed, not linked
    fa = series_toc.series_toc(tmp_path, "index.md", "fa")
    en = series_toc.series_toc(tmp_path, "index.en.md", "en")
    assert "](series/2-ngram.md)" in fa and "](tokenization.md)" in fa
    assert "](series/2-ngram.en.md)" in en and "tokenization.en.md" not in en
    assert "(به‌زودی)" in fa and "(coming soon)" in en
    assert fa.count("](") == 2 and en.count("](") == 1


@pytest.mark.parametrize(
    ("typed", "indexed"),
    [
        ("كتاب", "کتاب"),            # Arabic kaf
        ("علي", "علی"),              # Arabic yeh
        ("مصطفى", "مصطفی"),          # alef maksura
        ("شَبَکه", "شبکه"),            # fatha
        ("مـدل", "مدل"),             # tatweel
        ("شبکه‌های", "شبکه‌های"),      # ZWNJ is kept: the index splits words at it
    ],
)
def test_search_index_normalisation(typed, indexed):
    assert search_fa.normalize_for_search(typed) == indexed


def test_search_index_is_normalised_after_build(tmp_path):
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_text(json.dumps({"config": {}, "docs": [{"location": "", "title": "كتاب", "text": "عَلي"}]}))
    search_fa.on_post_build({"site_dir": str(tmp_path)})
    doc = json.loads(index.read_text())["docs"][0]
    assert (doc["title"], doc["text"]) == ("کتاب", "علی")
