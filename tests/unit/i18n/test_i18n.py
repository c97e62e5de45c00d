"""lmdocs.i18n: sentences and numbers in the page's language.

References: the separators come from CLDR through Babel (installed with mkdocs-material), the digit
values from the Unicode database; Python's own `format` gives the English text.
"""
from __future__ import annotations

import unicodedata

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from lmdocs import i18n, page


@pytest.fixture(params=["en", "fa"])
def lang(request, monkeypatch) -> str:
    """Run the test as if on a page of this language (whatever mechanism page.lang() uses)."""
    monkeypatch.setattr(page, "lang", lambda: request.param)
    return request.param


def _as_ascii(text: str) -> str:
    """Read Persian digits back as ASCII with the Unicode database (independent of i18n's table)."""
    return "".join(str(unicodedata.digit(ch)) if "EXTENDED ARABIC-INDIC DIGIT" in unicodedata.name(ch, "")
                   else ch for ch in text)


def test_tr_picks_the_page_language_and_formats_numbers(lang):
    text = i18n.tr("{n:,} tokens, perplexity {p:.1f}", "{n:,} توکن، سرگشتگی {p:.1f}", n=1234, p=570.41)
    assert text == {"en": "1,234 tokens, perplexity 570.4", "fa": "۱٬۲۳۴ توکن، سرگشتگی ۵۷۰٫۴"}[lang]


def test_tr_leaves_strings_and_identifiers_alone(lang):
    text = i18n.tr("{name}: {k}", "{name}: {k}", name="gpt2-small x1", k=3)
    assert text == {"en": "gpt2-small x1: 3", "fa": "gpt2-small x1: ۳"}[lang]


def test_a_year_without_a_grouping_spec_is_not_grouped(monkeypatch):
    monkeypatch.setattr(page, "lang", lambda: "fa")
    assert i18n.tr("in {year}", "در {year}", year=2017) == "در ۲۰۱۷"
    assert i18n.tr("{b}", "{b}", b=True) == "True"          # a bool is not a number here


def test_tr_names_a_missing_value(lang):
    with pytest.raises(KeyError, match="no value named 'p'"):
        i18n.tr("{p}", "{p}")


@pytest.mark.parametrize("value, spec", [(1234.5, ",.1f"), (1234567, ","), (-3.25, ".2f"), (0.5, ".1f"),
                                         (29213.4, ",.0f"), (1000000.125, ",.3f")])
def test_persian_separators_match_cldr(value, spec):
    fa = i18n.num(value, spec, lang="fa")
    decimals = int(spec.split(".")[1][0]) if "." in spec else 0
    cldr = format_decimal(value, locale="fa", numbering_system="default", group_separator="," in spec,
                          format="#,##0." + "0" * decimals if decimals else "#,##0")
    assert _as_ascii(fa) == cldr.replace("\u200e", "").replace("\u2212", "-")
    assert all(not ch.isascii() for ch in fa if ch.isdigit())


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
       st.sampled_from(["", ",", ".2f", ",.3f", ".0%", ".3g", ",.1f"]))
def test_persian_number_reads_back_as_the_english_one(value, spec):
    en = i18n.num(value, spec, lang="en")
    fa = i18n.num(value, spec, lang="fa")
    assert en == format(value, spec)
    assert _as_ascii(fa).replace("٫", ".").replace("٬", ",").replace("٪", "%") == en


def test_num_refuses_what_is_not_a_number():
    with pytest.raises(TypeError, match="digits"):
        i18n.num("12", lang="fa")
    with pytest.raises(ValueError, match="lang must be one of"):
        i18n.num(12, lang="de")


@pytest.mark.parametrize("text, persian", [
    ("order 3: perplexity 570.4", "order ۳: perplexity ۵۷۰٫۴"),
    ("29,213 A100-days", "۲۹٬۲۱۳ A100-days"),
    ("gpt2 x1 h_1 3.15e23 v2.0", "gpt2 x1 h_1 3.15e23 v2.0"),
    ("ratio 1.1e-04, 9.1e+02 after 20 steps", "ratio 1.1e-04, 9.1e+02 after ۲۰ steps"),   # signed exponents too
    ("-3 and 50% in 2020.", "-۳ and ۵۰٪ in ۲۰۲۰."),
    ("", ""),
])
def test_digits_converts_standalone_numbers_only(text, persian):
    assert i18n.digits(text, lang="fa") == persian
    assert i18n.digits(text, lang="en") == text


def test_page_language_is_used_when_none_is_given(lang):
    assert i18n.num(7) == {"en": "7", "fa": "۷"}[lang]
    assert i18n.digits("7") == {"en": "7", "fa": "۷"}[lang]


def test_docstring_examples_run(monkeypatch):
    import doctest

    monkeypatch.setattr(page, "lang", lambda: "en")
    result = doctest.testmod(i18n)
    assert result.attempted >= 6 and result.failed == 0
