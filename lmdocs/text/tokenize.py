"""Splitting text into sentences, words or characters, for Persian and English.

>>> sentences("آیا آمد؟ بله. Dr. Smith came!", lang="en")
['آیا آمد؟', 'بله.', 'Dr. Smith came!']
>>> words("می‌روم، don't 3.14 کتاب‌ها!")
['می\u200cروم', '،', "don't", '3.14', 'کتاب\u200cها', '!']
>>> characters("کِتاب ما")
['کِ', 'ت', 'ا', 'ب', ' ', 'م', 'ا']

Words keep their zero-width non-joiner («می‌روم» is one word), apostrophes and hyphens inside
words («don't», «well-known») and decimal points inside numbers; every punctuation mark is its
own token. Characters keep combining marks (Persian vowel signs, accents) with their letter.
Not handled: emoji sequences joined by U+200D (split into pieces), URLs and e-mail addresses,
English clitics («don't» stays whole), sentence ends inside quotations.
"""
from __future__ import annotations

import re
import unicodedata

MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
LETTER = rf"[\w\u200c{MARKS}]"
TOKEN = re.compile(
    r"\d+(?:[.,\u066b\u066c]\d+)+"          # numbers with separators: 3.14, 1,000, ۳٫۵
    rf"|{LETTER}+(?:['’\-]{LETTER}+)*"      # words, with inner apostrophes and hyphens
    r"|\S"                                  # anything else: one punctuation mark or symbol
)
SENTENCE_END = re.compile(r"[.!?؟…]+[\"'»”’)\]]*(?=\s)")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr vs etc e.g i.e cf fig no vol ed eds approx dept inc ltd co".split()
)


def _check(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"expected text as a str, got {type(text).__name__}")
    return text


def _ends_sentence(line: str, end: int, lang: str) -> bool:
    """Whether the punctuation that stops at ``end`` closes a sentence."""
    rest = line[end:].lstrip()
    if lang == "en":
        if line[end - 1] == "." or line[:end].rstrip("\"'»”’)]").endswith("."):
            previous = line[:end].rstrip("\"'»”’)].").rsplit(None, 1)[-1] if line[:end].strip(".") else ""
            if previous.lower() in ABBREVIATIONS or (len(previous) == 1 and previous.isalpha()):
                return False
        if rest[:1].islower():
            return False
    return True


def sentences(text: str, lang: str = "fa") -> list[str]:
    """Sentences of ``text``: every line break ends one, and so do . ! ? ؟ … before a space.

    In English, a period after a known abbreviation (Dr., e.g.) or an initial (J.) or before a
    lowercase word does not end a sentence. Persian has no capitals, so every mark counts.
    """
    _check(text)
    if lang not in ("fa", "en"):
        raise ValueError(f"lang must be 'fa' or 'en', got {lang!r}")
    found = []
    for line in text.splitlines():
        start = 0
        for match in SENTENCE_END.finditer(line):
            if _ends_sentence(line, match.end(), lang):
                found.append(line[start:match.end()].strip())
                start = match.end()
        found.append(line[start:].strip())
    return [s for s in found if s]


def words(text: str) -> list[str]:
    """Word and punctuation tokens of ``text`` (Persian and English alike)."""
    return TOKEN.findall(_check(text))


def characters(text: str, space: str | None = " ") -> list[str]:
    """Characters of ``text``, each with its combining marks; a run of whitespace becomes ``space``
    (``None`` drops it). ``characters("a  b", space="_")`` -> ``['a', '_', 'b']``."""
    _check(text)
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char.isspace():
            if space is not None and (not out or out[-1] != space):
                out.append(space)
        elif unicodedata.category(char).startswith("M") and out and out[-1] != space:
            out[-1] += char
        else:
            out.append(char)
    return out
