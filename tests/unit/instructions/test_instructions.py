"""The instruction data set (lmdocs.instructions): built from the corpus file as it says, the same on every
run and every machine, split by whole ghazals, and in the format of lmdocs.chat and the SFT recipe."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest

from lmdocs import chat, instructions
from support.paths import ROOT

CORPUS = ROOT / "lmdocs" / "data" / "hafez.txt"


def ghazals_from_the_file() -> list[list[str]]:
    """The corpus read independently of lmdocs.corpora: ghazals separated by blank lines."""
    ghazals, current = [], []
    for line in CORPUS.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            ghazals.append(current)
            current = []
    if current:
        ghazals.append(current)
    return ghazals


def test_every_couplet_is_asked_both_ways_in_both_languages_in_the_divans_order():
    ghazals = ghazals_from_the_file()
    assert len(ghazals) == 495
    train_couplets = [(g[i], g[i + 1]) for g in ghazals[:445] for i in range(0, len(g) - 1, 2)]
    conversations = instructions.instruction_set("train")
    assert len(conversations) == 4 * len(train_couplets)
    for k, (first, second) in enumerate(train_couplets):
        asked = conversations[4 * k:4 * k + 4]
        assert [m[0]["content"] for m in asked] == [
            "مصراع دوم: " + first, "second half: " + first, "حرف آخر: " + second, "last letter: " + second]
        assert [m[1]["content"] for m in asked] == [second, second, second[-1], second[-1]]
        assert all([m["role"] for m in c] == ["user", "assistant"] for c in asked)


def test_the_held_out_questions_come_from_the_last_50_ghazals_only():
    ghazals = ghazals_from_the_file()
    held_out = instructions.instruction_set("held-out")
    last = {line for g in ghazals[445:] for line in g}
    earlier = {line for g in ghazals[:445] for line in g}
    asked = {m[0]["content"].split(": ", 1)[1] for m in held_out}
    assert asked <= last and not asked & (earlier - last)
    assert len(held_out) == 4 * sum(len(g) // 2 for g in ghazals[445:])
    assert instructions.instruction_set("all") == instructions.instruction_set("train") + held_out


def test_the_last_letter_is_the_ghazals_ending_letter_for_almost_every_couplet():
    # in a ghazal every couplet ends with the same rhyme and refrain; the corpus has a few exceptions
    ghazals = ghazals_from_the_file()
    same = sum(len({g[i][-1] for i in range(1, len(g), 2)}) == 1 for g in ghazals)
    assert same >= 0.97 * len(ghazals)


def test_the_set_is_the_same_on_every_run_and_in_a_fresh_process():
    text = instructions.to_jsonl(instructions.instruction_set("all"))
    assert text == instructions.to_jsonl(instructions.instruction_set("all"))
    code = ("import hashlib, sys; from lmdocs import instructions; sys.stdout.write(hashlib.sha256("
            "instructions.to_jsonl(instructions.instruction_set('all')).encode()).hexdigest())")
    for seed in ("0", "12345"):  # a different hash seed changes set and dict order, never this
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
        assert done.stdout == hashlib.sha256(text.encode()).hexdigest(), done.stderr


def test_jsonl_lines_are_what_the_recipe_reads_and_render_with_the_chat_template():
    conversations = instructions.instruction_set("held-out")[:8]
    lines = instructions.to_jsonl(conversations).splitlines()
    assert [json.loads(line)["messages"] for line in lines] == conversations
    text, mask = chat.render(conversations[2])
    assert text.startswith("> حرف آخر: ") and text.endswith("\n< " + conversations[2][1]["content"] + "\n")
    assert sum(mask) == 2  # one letter and its line break


def test_bad_arguments_say_what_is_allowed():
    with pytest.raises(ValueError, match="split must be one of train, held-out, all"):
        instructions.couplets("test")
    with pytest.raises(ValueError, match="unknown task or language"):
        instructions.conversation("rhyme", "fa", "a", "b")
