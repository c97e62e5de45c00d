r"""Where KenLM cuts text into sentences and tokens: lines at "\n" only, tokens at a few ASCII bytes.

KenLM reads bytes. A Unicode space such as NBSP (U+00A0), the narrow no-break space U+202F that
Persian text is full of, U+2028 or U+0085 is part of a token to it, and only "\n" ends a line.
Python's ``str.split()`` and ``str.splitlines()`` cut at all of those, and at ``\f``, ``\v`` and
``\x1c``-``\x1f`` too, so lmdocs cuts where each KenLM program does (kenlm 0.3.0 source):

    program     tokens end at            where it is decided
    lmplz       space \t \r \0           lm/builder/corpus_count.cc ("\0\t\n\r ")
    query       space \t \r \v \f        util/spaces.cc (kSpaces, C's isspace)
    ARPA file   space \t \r              lm/read_arpa.cc (kARPASpaces)

so training (``NGramModel.fit``, ``python -m lmdocs.ngram train``) cuts like lmplz; scoring
(``evaluate``, ``score``, ``word_scores``, contexts, ``query``) cuts like query; ARPA files are
read like KenLM reads them. Runs of separators count as one; a sentence never holds "\n".

>>> training_tokens("a\u00a0b  c\0d\vx")       # NBSP and \v are inside tokens for lmplz
['a\xa0b', 'c', 'd\x0bx']
>>> query_tokens("d\vx\0y")                   # query cuts at \v but not at \0
['d', 'x\x00y']
>>> text_lines("one\r\ntwo\u2028three\n\nfour\n")  # the last "\n" ends a line, starts none
['one\r', 'two\u2028three', '', 'four']

A last line without "\n" is a sentence here; lmplz counts its words without ``</s>`` and query
leaves its scores out of the total, so the command line warns about it.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence

LMPLZ_SPACES = " \t\r\0"
QUERY_SPACES = " \t\r\v\f"
ARPA_SPACES = " \t\r"
# Every character str.split() cuts at (str.isspace; tests/unit/ngram checks the list is complete).
PYTHON_SPACES = "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200b))) + (
    "\u2028\u2029\u202f\u205f\u3000")


class _Cutter:
    """Cuts a line at ``spaces``: str.split() (fast, in C) unless the line holds a character on
    which str.split() and KenLM disagree, or a line break (which a sentence cannot hold)."""

    def __init__(self, spaces: str) -> None:
        disagree = (set(PYTHON_SPACES) ^ set(spaces)) | {"\n"}
        self._unusual = re.compile("[" + re.escape("".join(sorted(disagree))) + "]").search
        self._separators = re.compile("[" + re.escape(spaces) + "]+").split

    def plain(self, line: str) -> bool:
        return self._unusual(line) is None

    def __call__(self, line: str) -> list[str]:
        if self._unusual(line) is None:
            return line.split()
        if "\n" in line:
            raise ValueError(f"a sentence holds a line break: {line[:60]!r}; KenLM reads one sentence "
                             "per line, so pass the lines of a text (lmdocs.ngram.text_lines(text))")
        return [token for token in self._separators(line) if token]


_LMPLZ, _QUERY, _ARPA = _Cutter(LMPLZ_SPACES), _Cutter(QUERY_SPACES), _Cutter(ARPA_SPACES)


def training_tokens(line: str) -> list[str]:
    """A line's tokens as lmplz reads them: cut at space, \\t, \\r and \\0."""
    return _LMPLZ(line)


def query_tokens(line: str) -> list[str]:
    """A line's tokens as KenLM's query reads them: cut at space, \\t, \\r, \\v and \\f."""
    return _QUERY(line)


def arpa_fields(line: str) -> list[str]:
    """The fields of an ARPA file's line as KenLM reads them: cut at space, \\t and \\r."""
    return _ARPA(line)


def text_lines(text: str) -> list[str]:
    r"""The lines of a text as KenLM reads them: cut at "\n" only; a final "\n" ends the last line.

    >>> text_lines("a b\n\nc"), text_lines("")
    (['a b', '', 'c'], [])
    """
    if not isinstance(text, str):
        raise TypeError(f"text_lines takes a str, got {type(text).__name__}")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def as_tokens(sentence: str | Sequence[str], cut: Callable[[str], list[str]] = query_tokens) -> list[str]:
    """A sentence as a list of tokens: a string is cut with ``cut``, a list of strings is taken as is.

    >>> as_tokens("من کتابم را"), as_tokens(["a", "b c"])
    (['من', 'کتابم', 'را'], ['a', 'b c'])
    """
    if isinstance(sentence, str):
        return cut(sentence)
    if not isinstance(sentence, (list, tuple)):
        raise TypeError(
            f"a sentence must be a string or a list of string tokens, got {type(sentence).__name__}"
        )
    for token in sentence:
        if not isinstance(token, str):
            raise TypeError(f"tokens must be strings, got {token!r} of type {type(token).__name__}")
    return list(sentence)


def token_lists(sentences: Iterable[str | Sequence[str]], program: str = "query") -> list[list[str]]:
    """:func:`as_tokens` of every sentence, strings cut as ``program`` ("lmplz" or "query") cuts them.

    One check of the whole text instead of one per line: if no line holds a character on which
    str.split() and the program disagree, every line is cut with str.split().

    >>> token_lists(["a b", ["c"], "d\\u00a0e"], "lmplz")
    [['a', 'b'], ['c'], ['d\\xa0e']]
    """
    cutter = {"lmplz": _LMPLZ, "query": _QUERY}[program]
    sentences = list(sentences)
    if all(type(s) is str for s in sentences) and cutter.plain(" ".join(sentences)):
        return [s.split() for s in sentences]
    return [as_tokens(s, cutter) for s in sentences]


def check_arpa_words(words: Sequence[str]) -> None:
    """Raise ValueError if a word holds a character that ends an ARPA field or line (space, tab,
    \\r, \\n): written into an ARPA file, it would come back as several words, or break the file."""
    joined = "".join(words)
    if any(space in joined for space in ARPA_SPACES + "\n"):
        bad = next(w for w in words if any(space in w for space in ARPA_SPACES + "\n"))
        raise ValueError(f"the word {bad!r} holds a space, tab, \\r or line break, which ARPA files use "
                         "as separators: replace the character (e.g. ' ' by '_' for characters) to write one")


def read_text(path: str | os.PathLike[str]) -> str:
    """A UTF-8 file's text; a file that is not UTF-8 raises ValueError naming the file and the line."""
    with open(path, "rb") as file:
        return decode_utf8(file.read(), os.fspath(path))


def decode_utf8(data: bytes, source: str) -> str:
    """``data`` decoded as UTF-8, or ValueError naming ``source`` and the line of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ValueError(f"{source} is not UTF-8 text (byte {data[error.start]:#04x} at offset {error.start}) "
                         f"on line {line}; convert it, e.g. with iconv") from None
