"""Where lmdocs.ngram cuts text, character by character, against KenLM itself (issue 17.1 and 17.2).

The fixtures separators_train.txt / separators_test.txt hold each character of
scripts/make_kenlm_fixtures.py's SEPARATORS in three lines (between two words, around a line,
doubled next to a space); separators_o3.arpa is what lmplz wrote for the training text, and the
manifest holds each test line's total and OOV count as ``query -v sentence`` printed them. The
``kenlm`` module scores live. Each test also shows that Python's own split() would have failed it.
"""
from __future__ import annotations

import json
import math
import subprocess
import sys

import kenlm
import pytest

from lmdocs.ngram import NGramModel, query_tokens, read_arpa, text_lines, training_tokens
from lmdocs.ngram.kenlm_text import PYTHON_SPACES, read_text
from support.paths import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "kenlm"
ENTRY = next(e for e in json.loads((FIXTURES / "manifest.json").read_text()) if e["arpa"] == "separators_o3.arpa")
TRAIN = text_lines(read_text(FIXTURES / ENTRY["text"]))
TEST = text_lines(read_text(FIXTURES / ENTRY["test"]))
CHARACTERS = {  # as in scripts/make_kenlm_fixtures.py
    "nbsp": "\u00a0", "narrow_nbsp": "\u202f", "form_feed": "\f", "vertical_tab": "\v",
    "file_sep": "\x1c", "group_sep": "\x1d", "record_sep": "\x1e", "unit_sep": "\x1f",
    "next_line": "\u0085", "line_sep": "\u2028", "paragraph_sep": "\u2029", "carriage_return": "\r",
    "nul": "\0", "tab": "\t",
}
LMPLZ_LOGP, _, _ = read_arpa(read_text(FIXTURES / ENTRY["arpa"]))


def holding(lines: list[str], char: str) -> list[tuple[int, str]]:
    """The three lines made for ``char`` (with their index), which come before the texts' extra lines."""
    found = [(i, line) for i, line in enumerate(lines) if char in line][:3]
    assert len(found) == 3, (char, len(found))
    return found


def ngrams_of(tokens: list[str]) -> set[tuple[str, ...]]:
    padded = ["<s>", *tokens, "</s>"]
    return {tuple(padded[i:i + k]) for k in (1, 2, 3) for i in range(len(padded) - k + 1)} - {("<s>",)}


@pytest.mark.parametrize("char", CHARACTERS.values(), ids=CHARACTERS.keys())
def test_training_cuts_like_lmplz(char):
    naive_misses = 0
    for _, line in holding(TRAIN, char):
        assert ngrams_of(training_tokens(line)) <= LMPLZ_LOGP.keys()  # every n-gram we count, lmplz wrote
        naive_misses += not ngrams_of(line.split()) <= LMPLZ_LOGP.keys()
    assert naive_misses == (0 if char in "\t\r" else 3)  # inside a line str.split() agrees only on \t, \r


def test_training_equals_lmplz_for_the_whole_text():
    model = NGramModel(order=3, discount_fallback=True).fit(TRAIN)
    ours, _, _ = read_arpa(model.to_arpa())
    assert ours.keys() == LMPLZ_LOGP.keys()
    assert max(abs(ours[g] - LMPLZ_LOGP[g]) for g in ours) < 1e-5


@pytest.fixture(scope="module")
def scorers():
    return NGramModel.load_arpa(FIXTURES / ENTRY["arpa"]), kenlm.Model(str(FIXTURES / ENTRY["arpa"]))


@pytest.mark.parametrize("char", CHARACTERS.values(), ids=CHARACTERS.keys())
def test_scoring_cuts_like_query(char, scorers):
    ours, theirs = scorers
    differs_from_split = 0
    for index, line in holding(TEST, char):
        total, oovs = ENTRY["line_totals"][index]  # what query printed for this line
        scores = ours.word_scores(line)
        assert [t for t, _, _ in scores[:-1]] == query_tokens(line)
        assert sum(oov for _, _, oov in scores) == oovs
        assert math.fsum(s for _, s, _ in scores) == pytest.approx(total, abs=1e-4)
        if char != "\0":  # the kenlm module passes the line on as a C string: it ends at a NUL
            kenlm_scores = list(theirs.full_scores(line))
            assert [oov for _, _, oov in scores] == [oov for _, _, oov in kenlm_scores]
            assert [s for _, s, _ in scores] == pytest.approx([s for s, _, _ in kenlm_scores], abs=1e-5)
        differs_from_split += line.split() != query_tokens(line)
    # query cuts at space, tab, \r, \v and \f as str.split() does; at NUL neither does
    assert differs_from_split == (0 if char in " \t\r\v\f\0" else 3)


@pytest.mark.parametrize("char", CHARACTERS.values(), ids=CHARACTERS.keys())
def test_lines_end_only_at_newline(char):
    text = read_text(FIXTURES / ENTRY["test"])
    assert len(text_lines(text)) == len(ENTRY["line_totals"])  # query saw as many lines as we do
    line_breaks_for_python = len([line for _, line in holding(TEST, char) if len(line.splitlines()) > 1])
    assert line_breaks_for_python == (3 if char in "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029" else 0)


def test_python_spaces_are_what_str_split_cuts_at():
    assert PYTHON_SPACES == "".join(c for c in map(chr, range(0x110000)) if len(f"a{c}b".split()) == 2)


@pytest.mark.parametrize("line", [line for line in TEST if "<s>" in line or "</s>" in line or "<unk>" in line])
def test_literal_sentence_markers_count_like_kenlm(line, scorers):
    ours, theirs = scorers
    flags = [oov for _, _, oov in ours.word_scores(line)]
    assert flags == [oov for _, _, oov in theirs.full_scores(line)]
    markers = {token: oov for token, _, oov in ours.word_scores(line) if token in ("<s>", "</s>", "<unk>")}
    assert markers and all(oov == (token == "<unk>") for token, oov in markers.items())


def test_literal_start_marker_perplexity_equals_query(scorers):
    ours, _ = scorers
    index = next(i for i, line in enumerate(TEST) if line.startswith("<s> "))
    total, oovs = ENTRY["line_totals"][index]
    report = ours.evaluate([TEST[index]])
    assert report.oov == oovs
    known = [s for token, s, oov in ours.word_scores(TEST[index]) if not oov]
    assert report.excluding_oov == pytest.approx(10 ** (-math.fsum(known) / len(known)))
    assert report.including_oov == pytest.approx(10 ** (-total / report.tokens), rel=1e-5)


def test_command_line_warns_about_a_last_line_without_newline(tmp_path):
    text = tmp_path / "unterminated.txt"
    text.write_bytes("a b c\na c b\nb a".encode())
    arpa = tmp_path / "model.arpa"
    result = subprocess.run([sys.executable, "-m", "lmdocs.ngram", "train", "-o", "2", "--discount_fallback",
                             "--text", str(text), "--arpa", str(arpa)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and "does not end with a newline" in result.stderr
    assert read_arpa(read_text(arpa))[0].keys() >= {("a", "</s>")}  # "b a" is a sentence, </s> included
