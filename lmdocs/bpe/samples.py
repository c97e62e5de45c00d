"""Small texts shipped for the tokenization article: English prose and Persian/English pairs.

>>> pairs = parallel_fa_en()
>>> len(pairs), pairs[9][1]
(16, 'Each Persian letter takes two bytes in Unicode, but each English letter takes only one byte.')
>>> english_sample().startswith("The Garden by the River")
True

Both were written for lmdocs (MIT licence, like the rest of lmdocs). The Persian side
uses the zero-width non-joiner (U+200C) as careful Persian typing does: 'می‌زند'.
"""
from __future__ import annotations

from importlib import resources


def _read(name: str) -> str:
    return resources.files("lmdocs.data").joinpath(name).read_text(encoding="utf-8")


def english_sample() -> str:
    """About 4.5 KB of plain English prose (a short essay)."""
    return _read("english_sample.txt")


def parallel_fa_en() -> list[tuple[str, str]]:
    """Sentence pairs (Persian, English) saying the same thing about language models."""
    rows = _read("parallel_fa_en.tsv").splitlines()
    if rows[0] != "fa\ten":
        raise ValueError("parallel_fa_en.tsv must start with the header line 'fa<TAB>en'.")
    return [tuple(row.split("\t")) for row in rows[1:] if row]
