"""Reading and writing the ARPA back-off format (the text format of SRILM, KenLM, IRSTLM).

    \\data\\
    ngram 1=3
    ngram 2=1

    \\1-grams:
    -0.30103<TAB><unk><TAB>0
    0<TAB><s><TAB>-0.1
    -0.5<TAB></s>

    \\2-grams:
    -0.2<TAB><s> </s>

    \\end\\

Each line: log10 p(w | h), the n-gram "h w", and for orders below the highest an optional
log10 backoff weight of "h w" as a context (absent = 0). Probability 0 is written as -99, the
customary stand-in for log10 0. Lines end at "\\n" and fields at space, tab and "\\r" only, as
KenLM reads them: a word may hold NBSP, "\\v" or any other character.
Not handled: compressed files; KenLM's binary format.
"""
from __future__ import annotations

from itertools import chain, repeat

from lmdocs.ngram.kenlm_text import ARPA_SPACES, arpa_fields, check_arpa_words

NEG_INF_ARPA = -99.0


def write_arpa(logp: dict, backoff: dict, order: int) -> str:
    """The ARPA text of a backoff model (``logp``/``backoff`` keyed by word tuples).

    Each section is formatted by one ``%`` operation on a format repeated once per line, which
    spares a string object and a tuple per line (about 1.5x faster than a line at a time).
    """
    by_order: list[list] = [[] for _ in range(order + 1)]
    for gram in logp:
        by_order[len(gram)].append(gram)
    check_arpa_words([word for (word,) in by_order[1]])  # every word is a unigram
    parts = ["\\data\\\n"] + [f"ngram {k}={len(by_order[k])}\n" for k in range(1, order + 1)]
    for k in range(1, order + 1):
        grams = by_order[k]
        columns = [clamped(list(map(logp.__getitem__, grams))), map(" ".join, grams)]
        line = "%.7f\t%s\n"
        if k < order:
            columns.append(clamped(list(map(backoff.get, grams, repeat(0.0)))))
            line = "%.7f\t%s\t%.7f\n"
        parts.append(f"\n\\{k}-grams:\n")
        parts.append((line * len(grams)) % tuple(chain.from_iterable(zip(*columns))))
    parts.append("\n\\end\\\n")
    return "".join(parts)


def clamped(logs: list[float]) -> list[float]:
    """``logs`` with log10 0 = -inf (or anything below) written as -99."""
    if logs and min(logs) < NEG_INF_ARPA:
        return [max(value, NEG_INF_ARPA) for value in logs]
    return logs


def _error(line_number: int, message: str) -> ValueError:
    return ValueError(f"malformed ARPA file, line {line_number}: {message}")


def read_arpa(text: str) -> tuple[dict, dict, int]:
    """``(logp, backoff, order)`` from an ARPA file's text; a malformed file raises ValueError."""
    if not isinstance(text, str):
        raise TypeError(f"read_arpa takes the file's text as a str, got {type(text).__name__}")
    lines = text.split("\n")  # as KenLM reads it: lines end at "\n" only, fields at space, \t, \r
    number = 0
    while number < len(lines) and lines[number].strip(ARPA_SPACES) != "\\data\\":
        number += 1
    if number == len(lines):
        raise ValueError("malformed ARPA file: no \\data\\ header (is this an ARPA file?)")
    expected: dict[int, int] = {}
    number += 1
    while number < len(lines) and lines[number].startswith("ngram "):
        key, _, value = lines[number][6:].partition("=")
        try:
            expected[int(key)] = int(value)
        except ValueError:
            raise _error(number + 1, f"expected 'ngram K=COUNT', got {lines[number]!r}") from None
        number += 1
    order = len(expected)
    if order == 0 or sorted(expected) != list(range(1, order + 1)):
        raise _error(number + 1, "the \\data\\ section must list 'ngram 1=...' up to the order")
    logp: dict = {}
    backoff: dict = {}
    k = 0
    seen = dict.fromkeys(expected, 0)
    for number in range(number, len(lines)):
        line = lines[number].strip(ARPA_SPACES)
        if not line:
            continue
        if line == "\\end\\":
            break
        if line.startswith("\\") and line.endswith("-grams:"):
            try:
                k = int(line[1:-7])
            except ValueError:
                raise _error(number + 1, f"bad section header {line!r}") from None
            if k not in expected:
                raise _error(number + 1, f"section {line} is not announced in \\data\\")
            continue
        if k == 0:
            raise _error(number + 1, f"n-gram line before any \\1-grams: section: {line!r}")
        fields = arpa_fields(line)
        if len(fields) not in (k + 1, k + 2):
            raise _error(number + 1, f"a {k}-gram line needs a log10 probability, {k} words and "
                                     f"an optional backoff; got {line!r}")
        try:
            values = [float(fields[0])] + ([float(fields[-1])] if len(fields) == k + 2 else [])
        except ValueError:
            raise _error(number + 1, f"not a number in {line!r}") from None
        gram = tuple(fields[1:k + 1])
        logp[gram] = values[0]
        if len(values) == 2:
            backoff[gram] = values[1]
        seen[k] += 1
    else:
        raise ValueError("malformed ARPA file: it ends without the \\end\\ line (truncated?)")
    for k, count in expected.items():
        if seen[k] != count:
            raise ValueError(f"malformed ARPA file: \\data\\ announces {count} {k}-grams but the file has {seen[k]}")
    return logp, backoff, order
