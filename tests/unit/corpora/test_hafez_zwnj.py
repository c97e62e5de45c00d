"""The shipped Hafez corpus has zero-width non-joiners, and nothing else differs from the `hafez` package.

scripts/make_hafez_corpus.py wrote lmdocs/data/hafez.txt with hazm's ZWNJs filtered by
scripts/hafez_zwnj_rules.py. hazm is build-only (not in this venv), so these tests read the result:
known verses as they must now be spelled, and the package's own text (read by the script's
standard-library half) as the reference that every letter must still match.
"""
from __future__ import annotations

import doctest
import importlib.util
import re
import sys

import pytest
from support.paths import ROOT

from lmdocs.corpora import hafez_ghazals, hafez_text
from lmdocs.text.normalize import NON_JOINING

ZWNJ = "\u200c"
SCRIPTS = ROOT / "scripts"


def _load(name: str):
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # hafez_zwnj imports hafez_zwnj_rules by this name
        spec.loader.exec_module(module)
    return sys.modules[name]


rules = _load("hafez_zwnj_rules")
zwnj = _load("hafez_zwnj")
make = _load("make_hafez_corpus")


@pytest.fixture(scope="module")
def package_lines() -> list[str]:
    return make.corpus_text(make.package_ghazals()).split("\n")


@pytest.fixture(scope="module")
def shipped_lines() -> list[str]:
    return hafez_text().split("\n")


# Verses as the corpus must spell them: the affix joined, or the words that only look like one apart.
VERSES = [
    "که عشق آسان نمود اول ولی افتاد مشکل‌ها",         # plural
    "به بوی نافه‌ای کاخر صبا زان طره بگشاید",          # indefinite after a silent «ه»
    "جرس فریاد می‌دارد که بربندید محمل‌ها",            # verb prefix
    "به سامانم نمی‌پرسی نمی‌دانم چه سر داری",          # negative prefix
    "غرض ز مسجد و میخانه‌ام وصال شماست",               # clitic «ام»
    "هزار بار من این نکته کرده‌ام تحقیق",              # perfect «ـه‌ام»
    "ساقیا جام می‌ام ده که نگارنده غیب",               # «می» the wine + «ام», after «ی»
    "ای بی‌خبر ز لذت شرب مدام ما",                     # lexicon compound
    "حافظ مرید جام می است ای صبا برو",                 # wine, then vocative after a consonant
    "به می سجاده رنگین کن گرت پیر مغان گوید",          # wine after a preposition
    "حافظا می خور و رندی کن و خوش باش ولی",            # wine before an imperative
    "ساقیا می ده و کوتاه کن این گفت و شنفت",
    "صراحی می ناب و سفینه غزل است",                    # wine before an adjective
    "گر غم خوریم خوش نبود به که می خوریم",             # wine before a verb (reviewed phrase)
    "می می‌خوری و طره دلدار می‌کشی",                   # wine, then the prefix twice
    "می صوفی افکن کجا می‌فروشند",
    "به صدر مصطبه بنشین و ساغر می نوش",
    "تا خواجه می خورد به غزل‌های پهلوی",              # drinking with no other object: wine
    "دی عزیزی گفت حافظ می‌خورد پنهان شراب",           # «شراب» is the object: the prefix
    "کجا همی روی ای دل بدین شتاب کجا",                 # vocative after «ی»
    "مژده ای دل که دگر باد صبا بازآمد",                # vocative after a silent «ه»
    "مژدگانی بده ای دل که دگر مطرب عشق",               # vocative after an imperative
    "بدین شعر تر شیرین ز شاهنشه عجب دارم",             # «تر» fresh, not the comparative
    "هزار بازی از این طرفه‌تر برانگیزد",               # comparative
    "حضوری گر همی خواهی از او غایب مشو حافظ",          # «گر» if
    "ابرو نمود و جلوه‌گری کرد و رو ببست",              # agent noun
    "کامی که خواستم ز خدا شد میسرم",                   # «میسر» + «م», not «می‌سرم»
    "به آب دیده بشوییم خرقه‌ها از می",                 # ezafe «آبِ دیده» stays apart
    "ز غمزه بر دل ریشم چه تیرها که گشادی",            # no ZWNJ after a letter that never joins
]


@pytest.mark.parametrize("verse", VERSES)
def test_known_verses_are_spelled_as_reviewed(verse, shipped_lines):
    assert verse in shipped_lines


def test_only_spaces_became_zwnj_and_zwnj_went_between_letters(package_lines, shipped_lines):
    assert len(shipped_lines) == len(package_lines)
    changed = [(old, new) for old, new in zip(package_lines, shipped_lines) if old != new]
    assert len(changed) > 1000
    assert [pair for pair in changed if not zwnj.only_zwnj_added(*pair)] == []
    assert "".join(shipped_lines).replace(ZWNJ, "").replace(" ", "") == "".join(package_lines).replace(" ", "")


def test_ghazal_and_mesra_counts_are_the_packages(package_lines):
    ghazals = hafez_ghazals()
    assert [len(g) for g in ghazals] == [len(g) for g in make.package_ghazals()]
    assert len(ghazals) == 495 and sum(map(len, ghazals)) == sum(1 for line in package_lines if line)


def test_no_double_space_and_no_zwnj_at_a_word_edge():
    text = hafez_text()
    assert "  " not in text and ZWNJ * 2 not in text
    assert re.search(rf"(^|\s){ZWNJ}|{ZWNJ}(\s|$)", text, re.MULTILINE) is None
    assert all(text[i - 1].isalpha() and text[i + 1].isalpha() for i, c in enumerate(text) if c == ZWNJ)
    assert not any(text[i - 1] in NON_JOINING for i, c in enumerate(text) if c == ZWNJ)  # «تیرها»


def test_the_prefix_is_joined_and_wine_stays_a_word(shipped_lines):
    words = hafez_text().split()
    # «نمی» alone is once the noun "a little moisture", at the end of the verse; else the prefix.
    assert [line for line in shipped_lines if "نمی" in line.split()] == ["به کشته زار جگرتشنگان نداد نمی"]
    prefixed = sum(w.startswith(("می" + ZWNJ, "نمی" + ZWNJ)) for w in words)
    wine = words.count("می")
    assert prefixed > 800 and 150 < wine < 300, (prefixed, wine)


LEXICON = {"می\u200cکند", "می\u200cکشد", "می\u200cفرستم", "نمی\u200cدانم"}.__contains__


@pytest.mark.parametrize("mesra, k, accepted, rule", [
    ("دل خرابی می کند", 2, True, "verb prefix"),
    ("به درگهش می فرستمت", 2, True, "verb prefix"),        # object clitic stripped
    ("می چکد ژاله بر رخ لاله", 0, True, "verb prefix"),     # EXTRA_VERB_FORMS
    ("از می کشد", 1, False, "wine after a preposition"),
    ("دی پیر می فروش", 2, True, "wine compound"),
    ("با می فروشان", 1, True, "wine compound"),
    ("بیار می ناب", 1, False, "wine before a non-verb"),
    ("به بوی نافه ای", 2, True, "after a silent «ه»"),
    ("تو خود ای دل", 1, False, "vocative «ای» or not a silent «ه»"),
    ("بده ای ساقی", 0, False, "vocative «ای» or not a silent «ه»"),
    ("شمه ای دل", 0, False, "vocative «ای»"),
    ("صراحی ای و حریفی", 0, True, "after «ی»"),
    ("مشکل ها", 0, True, "plural"),
    ("دامن تر کنم", 0, False, "«تر» wet or fresh"),
    ("و گر نه", 0, False, "«گر» if"),
    ("هرگز نمیرد آن که دلش", 2, False, "function words kept apart"),
    ("سالک بی خبر", 1, True, "lexicon compound"),
    ("به آب دیده", 1, False, "reviewed phrase"),
])
def test_rules_decide_by_the_words_around_the_space(mesra, k, accepted, rule):
    verdict = rules.judge(mesra.split(), k, LEXICON)
    assert (verdict.accepted, verdict.rule) == (accepted, rule)


def test_every_reviewed_phrase_names_one_space():
    assert all(p.count("_") == 1 and not p.startswith("_") and not p.endswith("_") for p in rules.PHRASES)


def test_rejected_edits_are_not_zwnj_only():
    assert zwnj.only_zwnj_added("مشکل ها", "مشکل\u200cها")
    assert not zwnj.only_zwnj_added("مشکل ها", "مشکلها")              # a space dropped
    assert not zwnj.only_zwnj_added("كه می", "که می")                   # a letter changed
    assert not zwnj.only_zwnj_added("مشکل ها", "مشکل \u200cها")         # ZWNJ beside a space
    assert zwnj.apply_zwnj("میسرم", [], [2]) == "می\u200cسرم"


@pytest.mark.parametrize("module", ["hafez_zwnj_rules", "hafez_zwnj", "make_hafez_corpus"])
def test_docstring_examples(module):
    result = doctest.testmod(_load(module))
    assert result.failed == 0 and result.attempted >= 1
