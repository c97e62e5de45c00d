"""Unit tests for the build hooks: series table of contents, Persian search index, notebook pages."""
from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

from support.paths import ROOT
from support.site import build_site

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


NOTEBOOK_FA = '''\
# %% [markdown]
# # دفترچهٔ آزمایشی
# متنی برای آزمون.

# %%
print("salam " * 2)
'''
NOTEBOOK_EN = NOTEBOOK_FA.replace("دفترچهٔ آزمایشی", "Test notebook").replace("متنی برای آزمون.", "Some text.")


def test_notebook_pages_render_as_pages_in_both_languages(tmp_path):
    """mkdocs-static-i18n issue 198: without hooks/i18n_notebooks.py the page is raw notebook source."""
    project = tmp_path / "project"
    docs = project / "docs"
    (docs / "recipes").mkdir(parents=True)
    (docs / "index.md").write_text("# خانه\n")
    (docs / "index.en.md").write_text("# Home\n")
    (docs / "recipes" / "nb.py").write_text(NOTEBOOK_FA, encoding="utf-8")
    (docs / "recipes" / "nb.en.py").write_text(NOTEBOOK_EN, encoding="utf-8")
    shutil.copytree(ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    config = textwrap.dedent(f"""\
        site_name: nb
        docs_dir: {docs}
        theme: {{name: material, language: fa}}
        plugins:
          - i18n:
              docs_structure: suffix
              languages:
                - {{locale: fa, name: فارسی, default: true}}
                - {{locale: en, name: English}}
          - mkdocs-jupyter: {{execute: false, include: ["recipes/*.py"]}}
        hooks: [{project / 'hooks' / 'i18n_notebooks.py'}]
        nav: [{{Home: index.md}}, {{Notebook: recipes/nb.py}}]
        """)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    built = build_site(project / "site", config=project / "mkdocs.yml")
    fa = (built.path / "recipes" / "nb" / "index.html").read_text(encoding="utf-8")
    en = (built.path / "en" / "recipes" / "nb" / "index.html").read_text(encoding="utf-8")
    for html, title in ((fa, "دفترچهٔ آزمایشی"), (en, "Test notebook")):
        assert "jupyter-wrapper" in html and title in html
        assert "# %%" not in html  # not the raw jupytext source
    assert not (built.path / "recipes" / "nb.py").exists()
