"""The scripts that make the shipped models are reproducible: two processes at once give the same bytes."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from lmdocs.transformer import GPT
from support.paths import ROOT


@pytest.mark.slow
def test_training_script_is_reproducible(tmp_path):
    pytest.importorskip("torch")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    outs = [tmp_path / "a.json", tmp_path / "b.json"]
    runs = [subprocess.Popen([sys.executable, "scripts/train_attention_model.py", "--steps", "15", "--out", str(out)],
                             cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for out in outs]  # two separate processes at once: seeded and single-threaded, so the same bytes
    for process in runs:
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert GPT.from_file(outs[0]).metadata["steps"] == 15
