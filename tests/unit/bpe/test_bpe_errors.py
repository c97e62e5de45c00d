"""BPE training refuses empty input, in Python and on the command line, and names the bad line of a
file that is not UTF-8 (issue 17.4)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from lmdocs.bpe import train
from support.paths import ROOT


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lmdocs.bpe", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize("text, special", [("", ()), ("<|eot|>", ("<|eot|>",)), ("<|eot|><|eot|>", ("<|eot|>",))])
def test_training_on_nothing_is_an_error(text, special):
    with pytest.raises(ValueError, match="training text is empty"):
        train(text, vocab_size=300, special_tokens=special)


def test_one_character_is_enough_to_train():
    assert train("a", vocab_size=300).vocab_size == 256  # a text, just nothing to merge


def test_command_line_refuses_an_empty_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "model.json"
    result = run_cli("train", "--vocab-size", "300", "--text", str(empty), "--out", str(out))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{empty} is empty" in result.stderr
    assert not out.exists()


def test_command_line_names_the_line_that_is_not_utf8(tmp_path):
    text = tmp_path / "latin1.txt"
    text.write_bytes("first line\nsecond line\ncaf\xe9\n".encode("latin-1"))
    result = run_cli("train", "--vocab-size", "300", "--text", str(text), "--out", str(tmp_path / "m.json"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{text} is not UTF-8 text (byte 0xe9 at offset 26) on line 3" in result.stderr
