"""lmdocs.text on real Persian text (Hafez) and on English, one rule per test."""
from __future__ import annotations

import doctest
import importlib
import re
import unicodedata

import pytest

from lmdocs.corpora import hafez_ghazals, hafez_text
from lmdocs.text import (
    arabic_to_persian_letters, characters, convert_digits, join_plural_suffix, normalize, normalize_for_search,
    normalize_zwnj, remove_diacritics, remove_tatweel, search_rules, sentences, words,
)

ZWNJ = "\u200c"
FIRST_LINE = "الا یا ایها الساقی ادر کاسا و ناولها"  # Hafez, ghazal 1


@pytest.mark.parametrize("module", ["lmdocs.text", "lmdocs.text.normalize", "lmdocs.text.tokenize"])
def test_docstring_examples(module):
    assert doctest.testmod(importlib.import_module(module)).failed == 0


def hafez_lines() -> list[str]:
    return [line for ghazal in hafez_ghazals()[:60] for line in ghazal]


def test_arabic_yeh_and_kaf_become_persian_on_hafez():
    # The corpus uses Persian ی and ک; spell it the Arabic way, then normalise back.
    for line in hafez_lines():
        arabic = line.replace("ی", "\u064a").replace("ک", "\u0643")
        assert arabic_to_persian_letters(arabic) == line
        assert normalize(arabic, digits="keep") == line
    assert arabic_to_persian_letters("\u0639\u0644\u0649") == "علی"  # alef maksura too


def test_tatweel_removed_only_when_asked():
    stretched = "الا یا ایـــها الســاقی"
    assert remove_tatweel(stretched) == "الا یا ایها الساقی"
    assert normalize(stretched) == "الا یا ایها الساقی"
    assert "\u0640" in normalize(stretched, tatweel=False)


def test_diacritics_removed_only_when_asked():
    voweled = "اَلا یا اَیُّهَا السّاقی اَدِر کَاساً وَ ناوِلها"
    assert remove_diacritics(voweled) == FIRST_LINE
    assert normalize(voweled) == FIRST_LINE
    assert normalize(voweled, diacritics=False) == unicodedata.normalize("NFC", voweled)
    assert remove_diacritics("مسئله و رأی") == "مسئله و رأی"  # hamza forms are letters, kept


def test_zwnj_normalised():
    assert normalize_zwnj("می" + ZWNJ * 3 + "روم") == "می" + ZWNJ + "روم"
    assert normalize_zwnj("کتاب" + ZWNJ + " ها") == "کتاب ها"  # ZWNJ next to a space
    assert normalize_zwnj(ZWNJ + "کتاب" + ZWNJ) == "کتاب"  # at the ends of a word
    assert normalize_zwnj("دار" + ZWNJ + "ها") == "دارها"  # ر never joins: ZWNJ is noise
    assert normalize_zwnj("خانه" + ZWNJ + "ها") == "خانه" + ZWNJ + "ها"  # kept where it matters


def test_detached_plural_joined_on_hafez():
    line = "که عشق آسان نمود اول ولی افتاد مشکل ها"  # Hafez, ghazal 1, line 2
    assert join_plural_suffix(line) == "که عشق آسان نمود اول ولی افتاد مشکل" + ZWNJ + "ها"
    assert normalize(line) == line  # off unless asked: «ها» can be a word of its own
    assert normalize(line, join_plurals=True).endswith("مشکل" + ZWNJ + "ها")


def test_digits_unified():
    mixed = "غزل ۱۲ و ٣٤ و 56"
    assert convert_digits(mixed, "latin") == "غزل 12 و 34 و 56"
    assert convert_digits(mixed, "persian") == "غزل ۱۲ و ۳۴ و ۵۶"
    assert normalize(mixed) == "غزل ۱۲ و ۳۴ و ۵۶"
    assert normalize(mixed, lang="en") == "غزل 12 و 34 و 56"
    assert normalize(mixed, digits="keep") == mixed
    with pytest.raises(ValueError, match="digits"):
        normalize(mixed, digits="roman")


def test_nfc_and_spacing():
    decomposed = "ا\u0653ب"  # alef + combining madda -> آ
    assert normalize(decomposed) == "آب"
    assert normalize("  من   کتاب\u00a0را\t دیدم .  ") == "من کتاب را دیدم."
    assert normalize("« سلام » ، دوست") == "«سلام»، دوست"
    assert normalize("The  cafe\u0301 is   open !", lang="en", lowercase=True) == "the caf\u00e9 is open!"


def test_normalize_leaves_clean_hafez_unchanged():
    text = hafez_text()
    assert normalize(text, digits="keep") == text


def test_words_on_hafez_equal_whitespace_split():
    for line in hafez_lines():
        assert words(line) == line.split()


def test_words_split_punctuation_and_keep_inner_marks():
    assert words("دیروز، به کتاب‌خانه رفتم؛ آیا تو هم آمدی؟") == [
        "دیروز", "،", "به", "کتاب" + ZWNJ + "خانه", "رفتم", "؛", "آیا", "تو", "هم", "آمدی", "؟"]
    assert words("It's a well-known fact: 1,000 cats (3.5%)!") == [
        "It's", "a", "well-known", "fact", ":", "1,000", "cats", "(", "3.5", "%", ")", "!"]
    assert words("کِتاب ۳٫۵") == ["کِتاب", "۳٫۵"]
    assert words("") == []


def test_sentences_persian_and_english():
    assert sentences("من آمدم. تو رفتی! آیا او ماند؟ نه") == ["من آمدم.", "تو رفتی!", "آیا او ماند؟", "نه"]
    assert sentences("الا یا ایها الساقی\nکه عشق آسان نمود") == ["الا یا ایها الساقی", "که عشق آسان نمود"]
    text = "Dr. Smith met J. Doe on Monday. They talked, e.g. about 3.14 and pi. it was fine? Yes."
    assert sentences(text, lang="en") == [
        "Dr. Smith met J. Doe on Monday.", "They talked, e.g. about 3.14 and pi. it was fine?", "Yes."]
    assert sentences("") == []


def test_characters():
    assert characters("کِتاب من") == ["کِ", "ت", "ا", "ب", " ", "م", "ن"]
    assert characters("a  b\n", space="_") == ["a", "_", "b", "_"]
    assert characters("a b", space=None) == ["a", "b"]
    line = hafez_lines()[0]
    assert "".join(characters(line, space=None)) == line.replace(" ", "")
    assert characters("👍🏽 ok") == ["👍", "🏽", " ", "o", "k"]  # no grapheme clusters


@pytest.mark.parametrize("call", [lambda: normalize(42), lambda: words(None), lambda: sentences(b"x"),
                                  lambda: characters(["a"])])
def test_non_text_is_a_type_error(call):
    with pytest.raises(TypeError, match="str"):
        call()


def test_unknown_language_is_a_value_error():
    with pytest.raises(ValueError, match="lang"):
        normalize("x", lang="ar")
    with pytest.raises(ValueError, match="lang"):
        sentences("x", lang="de")


@pytest.mark.parametrize(
    ("typed", "indexed"),
    [
        ("كتاب", "کتاب"),              # Arabic kaf
        ("علي", "علی"),                # Arabic yeh
        ("مصطفى", "مصطفی"),            # alef maksura
        ("شَبَکه", "شبکه"),              # fatha
        ("مـدل", "مدل"),               # tatweel
        ("خانهٔ", "خانه"),              # the ezafe's hamza above (U+0654): «خانهٔ» is found by «خانه»
        ("شبکه‌های", "شبکه‌های"),        # ZWNJ is kept in the index: the index splits words at it
    ],
)
def test_search_folds_what_readers_type_differently(typed, indexed):
    assert normalize_for_search(typed) == indexed


def test_search_query_splits_at_zwnj_and_direction_marks():
    assert normalize_for_search("شبکه‌های\u200fعصبی", query=True) == "شبکه های عصبی"
    assert normalize_for_search("شبکه‌های") == "شبکه‌های"


def test_search_folds_more_than_normalize():
    """normalize() keeps the ezafe's hamza (text for a model); search drops it (what readers type)."""
    assert remove_diacritics("خانهٔ") == "خانهٔ" and normalize_for_search("خانهٔ") == "خانه"
    assert normalize_for_search("رأی") == "رأی"       # a precomposed hamza letter is a letter: kept


def test_search_rules_are_the_data_normalize_for_search_applies():
    """The browser applies these rules (persian-search.js): replace letters, drop, split; nothing else."""
    rules = search_rules()
    assert set(rules) == {"letters", "dropped", "separators"}
    every_char = "".join(map(chr, range(0x0600, 0x0700))) + "\u200c\u200e\u200f abc"
    by_rules = re.sub(f"[{rules['separators']}]", " ", re.sub(f"[{rules['dropped']}]", "", "".join(
        rules["letters"].get(ch, ch) for ch in every_char)))
    assert by_rules == normalize_for_search(every_char, query=True)
