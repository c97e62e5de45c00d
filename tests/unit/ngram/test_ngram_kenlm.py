"""lmdocs.ngram against KenLM: lmplz's ARPA files, query's perplexities, and the kenlm module.

The fixtures in tests/fixtures/kenlm/ were written by lmplz and query built from KenLM's source
(kenlm==0.3.0 sdist); scripts/make_kenlm_fixtures.py regenerates them.
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import kenlm
import pytest

from lmdocs.corpora import hafez_split
from lmdocs.ngram import NGramModel, read_arpa, text_lines, write_arpa
from lmdocs.ngram.kenlm_text import read_text

from support.paths import ROOT
FIXTURES = ROOT / "tests" / "fixtures" / "kenlm"
MANIFEST = json.loads((FIXTURES / "manifest.json").read_text())


def lines(name: str) -> list[str]:
    """The fixture's sentences, read as KenLM reads them (no newline translation, lines at "\\n" only)."""
    return text_lines(read_text(FIXTURES / name))


def fit_like_lmplz(entry: dict) -> NGramModel:
    fallback = "--discount_fallback" in entry["lmplz_flags"]
    return NGramModel(order=entry["order"], discount_fallback=fallback).fit(lines(entry["text"]))


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda e: e["arpa"])
def test_modified_kneser_ney_equals_lmplz(entry):
    expected_logp, expected_backoff, order = read_arpa(read_text(FIXTURES / entry["arpa"]))
    model = fit_like_lmplz(entry)
    ours_logp, ours_backoff, _ = read_arpa(model.to_arpa())
    assert order == entry["order"]
    assert set(ours_logp) == set(expected_logp)
    worst = max(abs(ours_logp[g] - expected_logp[g]) for g in expected_logp)
    worst_backoff = max(abs(ours_backoff.get(g, 0.0) - expected_backoff.get(g, 0.0)) for g in expected_logp)
    assert worst < 1e-5 and worst_backoff < 1e-5, (worst, worst_backoff)


@pytest.mark.parametrize("entry", [e for e in MANIFEST if e["tokens"] is not None], ids=lambda e: e["arpa"])
def test_perplexity_equals_query(entry):  # (KenLM's query refuses unigram models)
    test = lines(entry["test"])
    assert len(test) == len(entry["line_totals"])
    for model in (fit_like_lmplz(entry), NGramModel.load_arpa(FIXTURES / entry["arpa"])):
        report = model.evaluate(test)
        assert (report.oov, report.tokens) == (entry["oov"], entry["tokens"])
        assert report.including_oov == pytest.approx(entry["perplexity_including_oov"], rel=1e-5)
        assert report.excluding_oov == pytest.approx(entry["perplexity_excluding_oov"], rel=1e-5)
        for line, (total, oovs) in zip(test, entry["line_totals"]):  # query -v sentence, line by line
            scores = model.word_scores(line)
            assert sum(oov for _, _, oov in scores) == oovs
            assert math.fsum(s for _, s, _ in scores) == pytest.approx(total, abs=1e-4)


@pytest.mark.parametrize("entry", [e for e in MANIFEST if e["lmplz_fails_without_fallback"]],
                         ids=lambda e: e["arpa"])
def test_refuses_discounts_where_lmplz_does(entry):
    with pytest.raises(ValueError, match="discount"):
        NGramModel(order=entry["order"]).fit(lines(entry["text"]))


@pytest.mark.parametrize("order,smoothing", [(2, "modified-kneser-ney"), (3, "modified-kneser-ney"),
                                             (4, "kneser-ney"), (3, "kneser-ney")])
def test_kenlm_module_reads_our_arpa(tmp_path, order, smoothing):
    train, test = hafez_split()
    model = NGramModel(order=order, smoothing=smoothing, discount_fallback=True).fit(train[:600])
    path = tmp_path / "model.arpa"
    model.save_arpa(path)
    reference = kenlm.Model(str(path))
    assert reference.order == order
    for sentence in test[:60]:
        ours = model.word_scores(sentence)
        theirs = list(reference.full_scores(sentence, bos=True, eos=True))
        assert len(ours) == len(theirs)
        for (_, score, oov), (their_score, _, their_oov) in zip(ours, theirs):
            assert oov == their_oov
            assert score == pytest.approx(their_score, abs=1e-4)
        assert model.score(sentence) == pytest.approx(reference.score(sentence), abs=1e-3)


@pytest.mark.parametrize("entry", [MANIFEST[0], next(e for e in MANIFEST if e["arpa"] == "separators_o3.arpa")],
                         ids=lambda e: e["arpa"])
def test_command_line_mirrors_lmplz_and_query(tmp_path, entry):
    out = tmp_path / "ours.arpa"
    run = [sys.executable, "-m", "lmdocs.ngram"]
    subprocess.run(run + ["train", "--order", str(entry["order"]), "--text", str(FIXTURES / entry["text"]),
                          "--arpa", str(out), *entry["lmplz_flags"]], cwd=ROOT, check=True, capture_output=True)
    ours, _, _ = read_arpa(read_text(out))
    theirs, _, _ = read_arpa(read_text(FIXTURES / entry["arpa"]))
    assert set(ours) == set(theirs)
    assert max(abs(ours[g] - theirs[g]) for g in theirs) < 1e-5
    with (FIXTURES / entry["test"]).open("rb") as stdin:
        printed = subprocess.run(run + ["query", "--arpa", str(out)], cwd=ROOT, stdin=stdin, check=True,
                                 capture_output=True, text=True).stdout
    fields = dict(line.split(":\t") for line in printed.splitlines())
    assert math.isclose(float(fields["Perplexity including OOVs"]), entry["perplexity_including_oov"], rel_tol=1e-5)
    assert math.isclose(float(fields["Perplexity excluding OOVs"]), entry["perplexity_excluding_oov"], rel_tol=1e-5)
    assert int(fields["OOVs"]) == entry["oov"] and int(fields["Tokens"]) == entry["tokens"]


def test_command_line_reports_bad_input(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = subprocess.run([sys.executable, "-m", "lmdocs.ngram", "train", "--order", "3", "--text", str(empty)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "empty" in result.stderr


def test_arpa_with_missing_contexts_scores_like_kenlm(tmp_path):
    # Pruning tools may drop the context "a b" of a kept "a b c"; KenLM adds it back as a blank.
    # Such tables are not closed, so scoring cannot keep only the n-gram found as the context.
    train, test = hafez_split()
    logp, backoff, _ = read_arpa(NGramModel(order=3, discount_fallback=True).fit(train[:300]).to_arpa())
    trigrams = [g for g in logp if len(g) == 3 and g[0] != "<s>"][:50]
    for context in {g[:2] for g in trigrams}:
        del logp[context]
        backoff.pop(context, None)
    path = tmp_path / "holes.arpa"
    path.write_text(write_arpa(logp, backoff, 3), encoding="utf-8")
    ours, reference = NGramModel.load_arpa(path), kenlm.Model(str(path))
    assert not ours._lm.closed()
    for line in [" ".join(g) for g in trigrams] + test[:50]:
        theirs = [score for score, _, _ in reference.full_scores(line)]
        assert [score for _, score, _ in ours.word_scores(line)] == pytest.approx(theirs, abs=1e-4)
