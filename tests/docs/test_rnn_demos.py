"""The RNN demos and snippets run as plain CPython scripts, in both languages, and print what they say."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.paths import ROOT
DEMOS = ["rnn_trainer.py", "rnn_vanishing.py"]
SNIPPETS = sorted(p.name for p in (ROOT / "docs" / "snippets").glob("rnn_*.py"))


def run(path: Path, lang: str, tmp_path) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "lmdocs.page", "--lang", lang, str(path)], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_trainer_demo_trains_a_chunk_and_samples(lang, tmp_path):
    out = run(ROOT / "docs" / "demos" / "rnn_trainer.py", lang, tmp_path)
    assert ("128 characters, loss" if lang == "en" else "۱۲۸ حرف، زیان") in out  # 2 windows of 64 in a plain script
    assert list(tmp_path.iterdir()) == []  # no checkpoint files outside the browser


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_vanishing_demo_prints_the_ratios(lang, tmp_path):
    out = run(ROOT / "docs" / "demos" / "rnn_vanishing.py", lang, tmp_path)
    assert "RNN:" in out and "LSTM:" in out and "k=20" in out


def test_there_are_snippets():
    assert len(SNIPPETS) >= 2


@pytest.mark.parametrize("name", SNIPPETS)
def test_snippet_output_matches_its_expected_block(name, tmp_path):
    text = (ROOT / "docs" / "snippets" / name).read_text(encoding="utf-8")
    out = run(ROOT / "docs" / "snippets" / name, "en", tmp_path)
    assert out.strip()
    if "# Expected output:" in text:
        expected = [line[2:] for line in text.split("# Expected output:\n")[1].splitlines()]
        assert [line.rstrip() for line in out.splitlines()] == [line.rstrip() for line in expected]
