"""The instruction data set: small conversations built from Hafez, to fine-tune a GPT into a chat model.

Two tasks, each asked in Persian and in English, for every couplet of the Divan:

- ``second_half``: the user gives a couplet's first half-verse, the assistant answers with the second;
- ``last_letter``: the user gives a couplet's second half-verse, the assistant answers with its last
  letter (in a ghazal every couplet ends with the same letters, its rhyme and refrain, so in 487 of
  the 495 ghazals this is also the letter that every couplet of the ghazal ends with).

>>> conversations = instruction_set("train")
>>> for message in conversations[0]:
...     print(message["role"], message["content"])
user مصراع دوم: الا یا ایها الساقی ادر کاسا و ناولها
assistant که عشق آسان نمود اول ولی افتاد مشکل‌ها
>>> [m["content"] for m in conversations[3]]
['last letter: که عشق آسان نمود اول ولی افتاد مشکل\u200cها', 'ا']

Conversations are lists of ``{"role", "content"}`` messages, the format of ``lmdocs.chat`` (which
renders them with the chat template and the loss mask) and of the SFT recipe's JSONL files
(``to_jsonl``). The set is built from the corpus alone, in the Divan's order (ghazal, couplet,
task, language), with no randomness, so it is the same on every machine. ``"train"`` holds the
first 445 ghazals and ``"held-out"`` the last 50, the split of the page's GPT
(``lmdocs.transformer.page_training``), so the held-out questions come from poems no model of this
project trained on.

Not handled: other poets, multi-turn conversations, questions that need more than one line.
"""
from __future__ import annotations

import json

from lmdocs.corpora import HAFEZ_TEST_GHAZALS, hafez_ghazals

TASKS = ("second_half", "last_letter")
LANGS = ("fa", "en")
PROMPTS = {  # (task, language) -> the user's message; {line} is a half-verse
    ("second_half", "fa"): "مصراع دوم: {line}",
    ("second_half", "en"): "second half: {line}",
    ("last_letter", "fa"): "حرف آخر: {line}",
    ("last_letter", "en"): "last letter: {line}",
}
SPLITS = ("train", "held-out", "all")


def couplets(split: str = "all") -> list[tuple[int, str, str]]:
    """(ghazal number from 1, first half-verse, second half-verse) of every couplet of ``split``."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, got {split!r}.")
    ghazals = hafez_ghazals()
    cut = len(ghazals) - HAFEZ_TEST_GHAZALS
    numbered = list(enumerate(ghazals, 1))
    chosen = {"train": numbered[:cut], "held-out": numbered[cut:], "all": numbered}[split]
    return [(number, lines[i], lines[i + 1]) for number, lines in chosen for i in range(0, len(lines) - 1, 2)]


def conversation(task: str, lang: str, first: str, second: str) -> list[dict]:
    """One question and its answer about the couplet (first, second)."""
    if (task, lang) not in PROMPTS:
        raise ValueError(f"unknown task or language {task!r}, {lang!r}; tasks: {', '.join(TASKS)}; "
                         f"languages: {', '.join(LANGS)}.")
    line, answer = (first, second) if task == "second_half" else (second, second.rstrip()[-1])
    return [{"role": "user", "content": PROMPTS[task, lang].format(line=line)},
            {"role": "assistant", "content": answer}]


def instruction_set(split: str = "train", tasks: tuple[str, ...] = TASKS,
                    langs: tuple[str, ...] = LANGS) -> list[list[dict]]:
    """Every couplet of ``split`` asked as each task in each language, in the Divan's order."""
    return [conversation(task, lang, first, second) for _, first, second in couplets(split)
            for task in tasks for lang in langs]


def to_jsonl(conversations: list[list[dict]]) -> str:
    """The conversations as the SFT recipe reads them: one ``{"messages": [...]}`` per line."""
    return "".join(json.dumps({"messages": messages}, ensure_ascii=False) + "\n" for messages in conversations)
