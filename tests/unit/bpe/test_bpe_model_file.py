"""Saving and loading lmdocs.bpe models, and the command line (python -m lmdocs.bpe)."""
from __future__ import annotations

import json
import signal
import subprocess
import sys

import pytest

from lmdocs.bpe import FORMAT_VERSION, Tokenizer, load, save, train
from lmdocs.corpora import english_sample

from support.paths import ROOT
TEXT = "دل می‌رود ز دستم صاحب دلان خدا را 😀 " + english_sample()[:1500]


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return train(TEXT, vocab_size=400, special_tokens=["<|endoftext|>"])


def test_save_load_round_trip(tokenizer, tmp_path):
    path = tmp_path / "model.json"
    save(tokenizer, path)
    loaded = load(path)
    assert loaded.merges == tokenizer.merges and loaded.vocab == tokenizer.vocab
    assert loaded.special_tokens == tokenizer.special_tokens
    sample = "صاحب دلان <|endoftext|> the river"
    assert loaded.encode(sample, allowed_special="all") == tokenizer.encode(sample, allowed_special="all")


def saved_dict(tokenizer, tmp_path) -> dict:
    save(tokenizer, tmp_path / "model.json")
    return json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("change, message", [
    (lambda m: m.update(version=FORMAT_VERSION + 1), "format version 2, but this lmdocs reads version 1"),
    (lambda m: m.pop("format"), "is not an lmdocs BPE model"),
    (lambda m: m.update(merges=[[97, 9999]]), "is corrupt: merge .* not a token yet"),
    (lambda m: m.update(merges="97 98"), "is corrupt: \"merges\" must be a list"),
    (lambda m: m.update(vocab_size=123), "is corrupt: it says vocab_size 123"),
    (lambda m: m.update(pretokenizer=r"\S+"), "another pre-tokenisation pattern"),
])
def test_load_rejects_wrong_or_corrupt_models(tokenizer, tmp_path, change, message):
    model = saved_dict(tokenizer, tmp_path)
    change(model)
    (tmp_path / "bad.json").write_text(json.dumps(model), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load(tmp_path / "bad.json")


@pytest.mark.parametrize("content", [b"{\"format\": \"lmdocs-bpe\", \"merg", b"\xff\xfe\x00", b"[1, 2]"])
def test_load_rejects_files_that_are_not_models(tmp_path, content):
    (tmp_path / "bad.json").write_bytes(content)
    with pytest.raises(ValueError, match="not an lmdocs BPE model"):
        load(tmp_path / "bad.json")


def run_cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lmdocs.bpe", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=60)


def test_command_line_train_encode_decode(tmp_path):
    (tmp_path / "text.txt").write_text(TEXT, encoding="utf-8")
    model = tmp_path / "model.json"
    trained = run_cli("train", "--vocab-size", "400", "--text", str(tmp_path / "text.txt"), "--out", str(model))
    assert trained.returncode == 0, trained.stderr
    assert b"merge 0:" in trained.stderr  # progress
    sample = "صاحب دلان 😀 the river\n"
    encoded = run_cli("encode", "--model", str(model), stdin=sample.encode("utf-8"))
    ids = [int(i) for i in encoded.stdout.split()]
    assert ids == load(model).encode(sample) == train(TEXT, 400).encode(sample)
    decoded = run_cli("decode", "--model", str(model), stdin=encoded.stdout)
    assert decoded.stdout.decode("utf-8") == sample


@pytest.mark.parametrize("args, stdin, message", [
    (["train", "--vocab-size", "100"], b"", b"vocab_size must be an integer of at least 256"),
    (["encode"], b"\xff\xfeabc", b"standard input is not UTF-8 text (byte 0xff at offset 0)"),
    (["decode"], b"97 70000", b"token id 70000 is not in the vocabulary"),
    (["decode"], b"97 x", b"decode reads token ids"),
])
def test_command_line_bad_input_exits_with_a_message(tmp_path, args, stdin, message):
    (tmp_path / "text.txt").write_text("abc abc", encoding="utf-8")
    save(Tokenizer(), tmp_path / "model.json")
    place = ["--text", str(tmp_path / "text.txt"), "--out", str(tmp_path / "m.json")] if args[0] == "train" \
        else ["--model", str(tmp_path / "model.json")]
    result = run_cli(*args, *place, stdin=stdin)
    assert result.returncode == 2
    assert message in result.stderr and b"Traceback" not in result.stderr


def test_command_line_ctrl_c_stops_training_and_saves_the_merges_so_far(tmp_path):
    from lmdocs.corpora import hafez_text
    (tmp_path / "hafez.txt").write_text(hafez_text(), encoding="utf-8")
    model = tmp_path / "model.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "lmdocs.bpe", "train", "--vocab-size", "60000", "--min-frequency", "1",
         "--text", str(tmp_path / "hafez.txt"), "--out", str(model)],
        cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr.readline().startswith("merge 0:")  # training has started
        process.send_signal(signal.SIGINT)
        stderr = process.stderr.read()
        assert process.wait(timeout=60) == 0, stderr
    finally:
        process.kill()
    assert "interrupted: saving the" in stderr
    assert 0 < len(load(model).merges) < 60000 - 256
