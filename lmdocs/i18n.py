"""lmdocs.i18n: what a snippet prints, in the page's language (Persian digits on Persian pages).

One helper instead of `if lang == "fa"` in every file. The page language comes from
`lmdocs.page.lang()` ("en" in a plain terminal). Numbers use Python's format specs, so the
English and Persian templates say the same thing the same way; on a Persian page the digits become
Persian (۰–۹), the thousands separator «٬» (U+066C), the decimal separator «٫» (U+066B) and the
percent sign «٪», as the site's Persian prose writes them. Everything that is not a number (tokens,
identifiers, code) is printed as it is.

    >>> print(tr("{n:,} tokens, perplexity {p:.1f}", "{n:,} توکن، سرگشتگی {p:.1f}", n=1234, p=570.41))
    1,234 tokens, perplexity 570.4
    >>> num(1234.5, ",.1f", lang="fa")
    '۱٬۲۳۴٫۵'
    >>> digits("order 3: 570.4 (gpt2, x1)", lang="fa")
    'order ۳: ۵۷۰٫۴ (gpt2, x1)'

On a Persian page the first call prints «۱٬۲۳۴ توکن، سرگشتگی ۵۷۰٫۴». A year is an int without a
grouping spec ("{year}" -> ۲۰۱۷); "{n:,}" groups thousands. What it does not handle: plural forms,
dates, and numbers inside words or identifiers (`gpt2`, `3.15e23`, `1.1e-04` and `x1` are left alone).
"""
from __future__ import annotations

import re
import string
from typing import Any

from . import page

LANGS = ("en", "fa")
_FA_NUMBER = str.maketrans("0123456789.,%", "۰۱۲۳۴۵۶۷۸۹٫٬٪")
# A number standing alone: not part of a word, an identifier or scientific notation (3.15e23, 1.1e-04).
_NUMBER = re.compile(r"(?<![\w.])(?<!\d[eE][-+])\d+(?:[.,]\d+)*%?(?![\w])(?!\.\d)")


def _lang(lang: str | None) -> str:
    if lang is None:
        return page.lang()
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}.")
    return lang


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def num(value: int | float, spec: str = "", *, lang: str | None = None) -> str:
    """`format(value, spec)` in the page language: num(0.5, ".0%") is '50%' or '۵۰٪'.

    >>> num(29213.4, ",.0f", lang="en"), num(29213.4, ",.0f", lang="fa")
    ('29,213', '۲۹٬۲۱۳')
    """
    if not _is_number(value):
        raise TypeError(f"num() formats an int or a float, got {type(value).__name__} {value!r}; "
                        f"use digits() for text that contains numbers.")
    text = format(value, spec)
    return text.translate(_FA_NUMBER) if _lang(lang) == "fa" else text


def digits(text: str, *, lang: str | None = None) -> str:
    """Numbers in `text` written in the page's digits; words and identifiers with digits stay as they are.

    >>> digits("29,213 A100-days in 2020", lang="fa")
    '۲۹٬۲۱۳ A100-days in ۲۰۲۰'
    """
    if _lang(lang) != "fa":
        return text
    return _NUMBER.sub(lambda match: match.group().translate(_FA_NUMBER), text)


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if _is_number(value):
            return num(value, format_spec, lang=self.lang)
        return super().format_field(value, format_spec)


def tr(en: str, fa: str, /, **values: Any) -> str:
    """The sentence for the page's language, `str.format`-style, with numbers in its digits.

    >>> tr("{k} of {n} words", "{k} از {n} کلمه", k=3, n=10)
    '3 of 10 words'
    """
    lang = page.lang()
    template = fa if lang == "fa" else en
    try:
        return _Formatter(lang).format(template, **values)
    except KeyError as missing:
        raise KeyError(f"tr(): the {lang} template uses {{{missing.args[0]}}} but no value named "
                       f"{missing.args[0]!r} was passed; pass it as a keyword argument.") from None
