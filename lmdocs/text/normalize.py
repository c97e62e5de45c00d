"""Normalising Persian and English text before counting it, one small rule per function.

Persian text on the web mixes look-alike code points: Arabic yeh «ي» and kaf «ك» for Persian
«ی» and «ک», Arabic-Indic digits «٣» for Persian «۳», tatweel «ـ» stretching words, optional
short-vowel marks (diacritics), spaces where a zero-width non-joiner (ZWNJ, U+200C) belongs.
A model that counts «كتاب» and «کتاب» as two words wastes its data.

>>> normalize("كتابـــها  را   ديدم ٣ بار")
'کتابها را دیدم ۳ بار'
>>> normalize("The  café\u0301 opened in ۱۹۹۸ .", lang="en")
'The café́ opened in 1998.'

Search folds harder (``normalize_for_search``): the site's search index and the reader's query
lose every Arabic mark, so «خانهٔ» (with the ezafe's hamza) is found by typing «خانه».

Not handled: spelling variants (e.g. «اطاق»/«اتاق»), joining prefixes such as «می» with a ZWNJ
(«می» is also a word — "wine" — in Hafez), Arabic-script languages other than Persian.
"""
from __future__ import annotations

import re
import unicodedata

ZWNJ = "\u200c"
TATWEEL = "\u0640"
ARABIC_TO_PERSIAN = {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"}  # ي ى -> ی, ك -> ک
ARABIC_TO_PERSIAN_LETTERS = str.maketrans(ARABIC_TO_PERSIAN)
# fathatan .. sukun, and the superscript alef: the optional vowel marks
DIACRITICS = re.compile("[\u064b-\u0652\u0670]")
# Search drops every combining Arabic mark (vowels, shadda, the ezafe's hamza above...) and tatweel;
# a query also splits at ZWNJ (as the index does) and at the invisible direction marks.
SEARCH_DROPPED = "\u064b-\u065f\u0670" + TATWEEL    # the body of a regular-expression [class]
QUERY_SEPARATORS = ZWNJ + "\u200e\u200f"
_SEARCH_DROPPED = re.compile(f"[{SEARCH_DROPPED}]")
_QUERY_SEPARATORS = re.compile(f"[{QUERY_SEPARATORS}]")
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"
DIGITS_TO = {
    "latin": str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, LATIN_DIGITS * 2),
    "persian": str.maketrans(LATIN_DIGITS + ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2),
}
# Letters that never join to the next one: a ZWNJ after them changes nothing.
NON_JOINING = "اآأإدذرزژوؤۀةء"
HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")  # any whitespace but newline, incl. NBSP and thin spaces
PUNCTUATION_AFTER = re.compile(r" +([.,!?;:،؛؟»)\]])")
PUNCTUATION_BEFORE = re.compile(r"([«(\[]) +")


def arabic_to_persian_letters(text: str) -> str:
    """ي and ى -> ی, ك -> ک.  ``"علي"`` -> ``"علی"``."""
    return text.translate(ARABIC_TO_PERSIAN_LETTERS)


def remove_tatweel(text: str) -> str:
    """Drop the stretching character: ``"کتـــاب"`` -> ``"کتاب"``."""
    return text.replace(TATWEEL, "")


def remove_diacritics(text: str) -> str:
    """Drop short-vowel marks, tanwin, shadda, sukun: ``"کِتاب"`` -> ``"کتاب"`` (keeps hamza forms)."""
    return DIACRITICS.sub("", text)


def convert_digits(text: str, to: str) -> str:
    """Unify Persian, Arabic-Indic and Latin digits to ``to`` ("latin" or "persian").

    >>> convert_digits("۱۲ و ٣٤ و 56", "latin")
    '12 و 34 و 56'
    """
    if to not in DIGITS_TO:
        raise ValueError(f"digits must be 'latin', 'persian' or 'keep', got {to!r}")
    return text.translate(DIGITS_TO[to])


def normalize_zwnj(text: str) -> str:
    """One ZWNJ at most, and only between two letters where it can matter.

    Removes repeated ZWNJs, ZWNJs next to spaces or at the ends of a word, and ZWNJs after a
    letter that does not join anyway (ا د ذ ر ز ژ و). ``"می\u200c\u200c روم"`` -> ``"می روم"``.
    """
    text = re.sub(ZWNJ + "{2,}", ZWNJ, text)
    text = re.sub(rf"\s*{ZWNJ}\s*(?=\s|$)|(?:^|(?<=\s)){ZWNJ}", "", text)
    text = re.sub(rf"\s+{ZWNJ}|{ZWNJ}\s+", " ", text)
    return re.sub(rf"(?<=[{NON_JOINING}]){ZWNJ}", "", text)


def join_plural_suffix(text: str) -> str:
    """Attach a detached plural «ها» / «های» / «هایی» with a ZWNJ: ``"کتاب ها"`` -> ``"کتاب‌ها"``."""
    return re.sub(r"(?<=\w) (ها(?:یی|ی)?)(?=\s|$|[.,!?،؛؟])", ZWNJ + r"\1", text)


def normalize_spacing(text: str) -> str:
    """Collapse runs of spaces, strip them around lines, none before closing punctuation."""
    text = HORIZONTAL_SPACE.sub(" ", text)
    text = PUNCTUATION_AFTER.sub(r"\1", text)
    text = PUNCTUATION_BEFORE.sub(r"\1", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def normalize(text: str, lang: str = "fa", *, diacritics: bool = True, tatweel: bool = True,
              digits: str | None = None, join_plurals: bool = False, lowercase: bool = False) -> str:
    """Normalise Persian (``lang="fa"``) or English (``"en"``) text. Rules, in order:

    Unicode NFC; (fa) Arabic yeh/kaf -> Persian, tatweel removed if ``tatweel``, diacritics
    removed if ``diacritics``, ZWNJ normalised, detached plural «ها» joined if ``join_plurals``;
    digits unified to ``digits`` ("persian" by default for fa, "latin" for en, "keep" for none);
    spacing normalised; lowercased if ``lowercase`` (useful for English).
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize takes a str, got {type(text).__name__}")
    if lang not in ("fa", "en"):
        raise ValueError(f"lang must be 'fa' (Persian) or 'en' (English), got {lang!r}")
    text = unicodedata.normalize("NFC", text)
    if lang == "fa":
        text = arabic_to_persian_letters(text)
        if tatweel:
            text = remove_tatweel(text)
        if diacritics:
            text = remove_diacritics(text)
        text = normalize_zwnj(text)
        if join_plurals:
            text = join_plural_suffix(text)
    digits = digits or ("persian" if lang == "fa" else "latin")
    if digits != "keep":
        text = convert_digits(text, digits)
    text = normalize_spacing(text)
    return text.lower() if lowercase else text


def normalize_for_search(text: str, *, query: bool = False) -> str:
    """Fold text for the site's search: Arabic yeh/kaf -> Persian, every Arabic mark and tatweel dropped.

    The search index is folded this way at build time (hooks/persian_search.py) and the reader's
    query in the browser, by the same rules (``search_rules()``, written into persian-search.js at
    build time). A query (``query=True``) also has its ZWNJs and direction marks turned into spaces.

    >>> normalize_for_search("كتابِ علي") == "کتاب علی"
    True
    >>> normalize_for_search("خانهٔ شبکه‌ها", query=True) == "خانه شبکه ها"
    True
    """
    text = _SEARCH_DROPPED.sub("", arabic_to_persian_letters(text))
    return _QUERY_SEPARATORS.sub(" ", text) if query else text


def search_rules() -> dict[str, object]:
    """``normalize_for_search`` as data, for the browser: letters to replace, then the character
    classes to drop and (in a query) to turn into spaces."""
    return {"letters": dict(ARABIC_TO_PERSIAN), "dropped": SEARCH_DROPPED, "separators": QUERY_SEPARATORS}
