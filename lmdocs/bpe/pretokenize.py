"""GPT-2 pre-tokenisation with the standard library's `re`.

Before BPE runs, text is cut into chunks (words with their leading space, runs of digits,
runs of punctuation, runs of whitespace); merges never cross a chunk boundary, so a token
never glues the end of one word to the start of the next.

>>> pretokenize("Hello world, it's 2024!")
['Hello', ' world', ',', ' it', "'s", ' 2024', '!']
>>> pretokenize("می‌خواهم بخوانم")  # the zero-width non-joiner (U+200C) is its own chunk
['می', '\\u200c', 'خواهم', ' بخوانم']

GPT-2's pattern is written for the third-party `regex` module (as is Hugging Face
tokenizers' ByteLevel pre-tokenizer, which uses the same pattern):

    's|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+

`re` has no `\\p{...}` classes, so `GPT2_PATTERN` spells them with what `re` has:
letters `\\p{L}` become `[^\\W\\d_]` (word characters that are neither digits nor `_`),
numbers `\\p{N}` become `\\d`. Where the two patterns differ:

- Numeric characters that are not decimal digits (`²`, `½`, `Ⅻ`, `①`: categories No and
  Nl) are letters here and numbers there: `x²` is one chunk here, two there.
- `re`'s `\\s` also matches the information separators U+001C..U+001F, which are not
  Unicode white space.
- Each side uses its own Unicode version (Python's `unicodedata` here, Oniguruma's tables
  in tokenizers), so a character assigned in a newer version may be classed differently.

Real Persian and English text (letters, Arabic and Persian digits, punctuation, ZWNJ,
emoji, spaces and newlines) is cut identically; tests/unit/bpe/test_bpe_pretokenize.py checks it
against tokenizers on the Hafez corpus and on English text.
"""
from __future__ import annotations

import re

# The alternatives, in GPT-2's order (the first that matches wins):
GPT2_PATTERN = "|".join([
    r"'s|'t|'re|'ve|'m|'ll|'d",  # English contractions, lower case only (as in GPT-2)
    r" ?[^\W\d_]+",              # an optional space and a run of letters  (\p{L}+)
    r" ?\d+",                    # an optional space and a run of digits   (\p{N}+)
    r" ?(?:[^\s\w]|_)+",         # punctuation, symbols, marks, ZWNJ, emoji ([^\s\p{L}\p{N}]+)
    r"\s+(?!\S)",                # white space, leaving the last space for the next word
    r"\s+",                      # any other white space
])

_compiled: re.Pattern[str] | None = None


def pretokenize(text: str) -> list[str]:
    """Cut `text` into GPT-2 chunks; joining them gives back `text` exactly."""
    global _compiled
    if _compiled is None:
        _compiled = re.compile(GPT2_PATTERN)
    return _compiled.findall(text)
