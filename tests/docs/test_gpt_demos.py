"""The GPT demos of parts 4, 5 and 6 run as plain CPython scripts in both languages (the pure-Python
path, a step or two), say what they do in the page's language, and write no file outside the browser."""
import os
import subprocess
import sys

import pytest

from support.paths import ROOT

DEMOS = ROOT / "docs" / "demos"


def run(name: str, lang: str, tmp_path) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "lmdocs.page", "--lang", lang, str(DEMOS / name)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert list(tmp_path.iterdir()) == []  # the reader's model is saved only in the browser
    return done.stdout


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_trainer_starts_from_random_weights_and_trains(lang, tmp_path):
    out = run("gpt_trainer.py", lang, tmp_path)
    if lang == "en":
        assert "random weights: 5." in out and "uniform guess over 38 characters costs 5.25" in out
        assert "32 characters trained" in out  # 2 steps of one window of 16
    else:
        assert "وزن‌های تصادفی: ۵٫" in out and "۳۲ حرف آموزش دید" in out


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_attention_demo_draws_both_models_and_explains_a_missing_one(lang, tmp_path):
    out = run("gpt_attention_own.py", lang, tmp_path)
    if lang == "en":
        assert "No model of yours yet: train the model in Part 4's demo first" in out
        assert "your model, layer 1, head 1" in out and "the shipped model, layer 1, head 1" in out
        assert "your model: trained on 16 characters" in out
    else:
        assert "هنوز مدلی از خودتان ندارید" in out and "مدل همراه کتابخانه، لایهٔ ۱، سر ۱" in out


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_fine_tuning_demo_answers_before_and_after(lang, tmp_path):
    out = run("sft_chat.py", lang, tmp_path)
    if lang == "en":
        assert "before fine-tuning" in out and "answer in the data" in out
        assert "conversations trained: 1; loss on held-out answers" in out
    else:
        assert "پیش از تنظیم دقیق" in out and "گفت‌وگوهای آموزش‌دیده: ۱؛" in out
    assert "حرف آخر: به یادگار بمانی که بوی او داری" in out  # a held-out question
