"""Text for language models: normalisation and tokenisation for Persian and English.

>>> from lmdocs.text import normalize, words
>>> words(normalize("كتاب‌هاي من، اينجاست!"))
['کتاب\u200cهای', 'من', '،', 'اینجاست', '!']
"""
from lmdocs.text.normalize import (
    arabic_to_persian_letters, convert_digits, join_plural_suffix, normalize, normalize_for_search,
    normalize_spacing, normalize_zwnj, remove_diacritics, remove_tatweel, search_rules,
)
from lmdocs.text.tokenize import characters, sentences, words

__all__ = [
    "arabic_to_persian_letters", "characters", "convert_digits", "join_plural_suffix", "normalize",
    "normalize_for_search", "normalize_spacing", "normalize_zwnj", "remove_diacritics", "remove_tatweel",
    "search_rules", "sentences", "words",
]
