"""Which of hazm's zero-width non-joiners (ZWNJ, U+200C) the Hafez corpus accepts.

Standard library only: hazm proposes (scripts/hafez_zwnj.py), these rules decide. A proposal is a
space between two words of one mesra that hazm wrote as a ZWNJ; ``judge(words, k, lexicon_has)``
decides the space between ``words[k]`` and ``words[k + 1]``, where ``lexicon_has(form)`` says
whether hazm's verb lexicon holds a form such as «می‌کند». The rules, by the second word:

- after «می»/«نمی»: the verb prefix, or «می» "wine", which in Hafez is as frequent as the prefix.
  Joined only before a verb form: hazm's lexicon has «می‌X» (also with an object clitic -م/-ت/-ش
  stripped: «می‌فرستمت»), or X is in EXTRA_VERB_FORMS (classical forms the lexicon lacks). Never
  after a preposition («به می سجاده رنگین کن»). «می» before a noun, an adjective, «و» or an
  imperative («می ده», «می خور», «می نوش») is wine and stays a word; the wine compounds of
  WINE_COMPOUNDS («می‌فروش», «می‌پرست») are joined.
- «ای/ام/ات/اش/ایم/اید/اند» (indefinite, clitics, copula): joined only after a silent final «ه»
  («نافه‌ای», «کرده‌ام») or after the «ی» words of AFTER_YE («پی‌اش», «می‌ام», «صراحی‌ای»). After
  anything else «ای» is the vocative («کجا همی روی ای دل»), and it stays apart before «دل»/«ساقی»
  («مژده ای دل») and after imperatives and pronounced «ه» (NOT_SILENT_H: «بده ای ساقی»).
- «ها/های/هایی»: the plural, joined («مشکل‌ها»).
- «تر/تری/ترین»: in Hafez «تر» is mostly "wet, fresh" («شعر تر», «دامن تر»); joined only after COMPARATIVE_BASES.
- «گر/گری»: mostly "if" («دل گر فدا شدیم»); joined only after AGENTIVE_BASES («جلوه‌گری»).
- anything else is a compound from hazm's lexicon («بی‌خبر», «صاحب‌نظر», «دل‌افروز»): joined,
  except the function-word pairs of LEFT_APART («آن که», «همه جا»: both spellings are standard
  and the source keeps them apart) and the PHRASES where Hafez means two words.

Where a verb of drinking («خوردن», «نوشیدن») has no other object and «می» reads as wine, the
space stays: a ZWNJ would force the prefix reading, the space leaves both («تا خواجه می خورد»).
PHRASES are the reviewed exceptions: "w1 w2_w3" means the space between w2 and w3 in that word
sequence, with True to join and False to keep apart, whatever the rules above say.

>>> lexicon = {"می\u200cکند", "می\u200cخوریم"}.__contains__
>>> judge("که می کند".split(), 1, lexicon).accepted
True
>>> judge("به می سجاده رنگین کن".split(), 1, lexicon)
Verdict(accepted=False, kind='می', rule='wine after a preposition')
>>> judge("گر غم خوریم خوش نبود به که می خوریم".split(), 7, lexicon).rule
'reviewed phrase'
>>> judge("کجا همی روی ای دل".split(), 2, lexicon).accepted
False
"""
from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

ZWNJ = "\u200c"
MI_PREFIXES = frozenset({"می", "نمی"})
CLITICS = frozenset({"ای", "ام", "ات", "اش", "ایم", "اید", "اند"})
PLURALS = frozenset({"ها", "های", "هایی"})
COMPARATIVES = frozenset({"تر", "تری", "ترین"})
AGENTIVES = frozenset({"گر", "گری"})
OBJECT_CLITICS = ("م", "ت", "ش")
PREPOSITIONS = frozenset({"از", "ز", "کز", "وز", "به", "با", "بی", "جز", "بجز"})

# Verb forms after «می» that hazm's lexicon lacks; each checked in its verses (all are the prefix).
EXTRA_VERB_FORMS = frozenset({
    "چکد", "چکید", "دمد", "دمید", "طپد", "رنجد", "فشاند", "پویم", "توان",
    "نگنجد", "نبیند",  # classical order, prefix before the negation: «در وهم می‌نگنجد»
    "باش",  # continuous imperative: «خوش می‌باش», «پارسا می‌باش»
})
WINE_COMPOUNDS = frozenset({"فروش", "فروشان", "فروشانش", "پرست", "پرستان", "پرستی", "آلود"})
KEEP_WHOLE = frozenset({"میسرم"})  # «میسر» + «م» ("is granted to me"), not «می‌سرم»
AFTER_YE = frozenset({"می", "پی", "کی", "صراحی", "طوطی", "آدمی"})
NOT_SILENT_H = frozenset({
    "که", "چه", "ده", "بده", "درده", "بنه", "خواه", "شکوه", "وه", "به", "مه", "ره", "گه", "شه",
    "شاه", "ماه", "راه", "گاه", "کوه", "گناه", "نگاه", "سیاه", "پناه", "آگاه", "چاه", "سپاه",
})
VOCATIVE_NEXT = frozenset({"دل", "ساقی"})
COMPARATIVE_BASES = frozenset({"تازه", "طرفه", "دوست"})
AGENTIVE_BASES = frozenset({"ملامت", "چاره", "جلوه", "شیوه", "عشوه"})
LEFT_APART = frozenset({
    ("آن", "که"), ("این", "که"), ("چنان", "که"), ("وقتی", "که"), ("آن", "قدر"), ("آن", "سو"),
    ("آن", "چنان"), ("این", "چنین"), ("این", "گونه"), ("همه", "جا"), ("همه", "ساله"), ("هیچ", "کس"),
})

PHRASES: dict[str, bool] = {
    # «می» is wine although a verb form follows: it is the object («می خوردن», «می کردن»).
    "به که می_خوریم": False,             # گر غم خوریم خوش نبود به که می خوریم
    "می_خوری و غم نخوری": False,          # گر امتحان بکنی می خوری و غم نخوری
    "تا می_خوریم حالی": False,            # حافظ مکن شکایت تا می خوریم حالی
    "رخ بوسی می_نوشی": False,             # لب گیری و رخ بوسی می نوشی و گل بویی
    "جام می_گیرم": False,                 # جام می گیرم و از اهل ریا دور شوم
    "خم می_دیدم": False,                  # خم می دیدم خون در دل و پا در گل بود
    "ساقی در می_افکند": False,            # از آن افیون که ساقی در می افکند
    "معشوق و می_کنم": False,              # یک چند نیز خدمت معشوق و می کنم
    "دلکش و می_افکنی": False,             # ساغر لطیف و دلکش و می افکنی به خاک
    "او می_نوشند": False,                 # در مقامی که به یاد لب او می نوشند
    "که می_خورند حریفان": False,          # که می خورند حریفان و من نظاره کنم
    "وصل می_نوشم": False,                 # ز جام وصل می نوشم ز باغ عیش گل چینم
    "خواجه می_خورد": False,               # تا خواجه می خورد به غزل های پهلوی
    # «می» is the prefix of a continuous imperative, which the lexicon does not list.
    "می_رو که": True,                     # بدین راه و روش می رو که با دلدار پیوندی
    "می_سوز و": True,                     # حافظ اندر درد او می سوز و بی درمان بساز
    "می_کن گذری": True,                   # بر در میکده می کن گذری بهتر از این
    "می_فکن بر": True,                    # می فکن بر صف رندان نظری بهتر از این
    "جان می_ده": True,                    # برو گو خصم جان می ده
    # «ام» is Arabic «اُم»; «های» the cry «های و هو»; «ها» Arabic «ها انت».
    "صوفی_ام الخبائثش": False,
    "در_های و هو": False,
    "و_ها انت": False,
    "شهیدان که_اند": True,                # که شهیدان که اند: «که‌اند» "who are they"
    "تا کی_ای": False,                    # چو طفلان تا کی ای زاهد فریبی: «کی» "when", vocative «ای»
    # «تر» comparative after a compound.
    "سیاه نامه_تر": True,                 # سیاه نامه تر از خود کسی نمی بینم
    # Two words, not the lexicon's compound: ezafe («دلِ تنگ»), a verb phrase, a numeral, Arabic.
    "آب_دیده": False, "جان_دوست": False, "شرح_حال": False, "لب_تشنه": False,
    "دل_تنگ": False, "دل_خسته": False, "دل_نازک": False, "دل_سوخته": False, "دل_آزرده": False,
    "دل_پاک": False, "دل_شکسته": False, "دل_خوش": False, "دل_نگران": False, "دل_شده": False,
    "دل_باز": False, "هم_دل": False,
    "بی_مهر رخت": False, "بی_خون دل": False, "بی_دلیل راه": False, "بی_سر زلف": False,
    "بی_آرام دوست": False, "بی_مدد سرشک": False, "بی_منت سپاهی": False, "بی_یار": False,
    "بی_رنج": False,
    "خوش_آمد": False, "برون_رفت": False, "نگه_دار": False, "پاک_کن": False, "گم_شدن": False,
    "پیش_بینی": False, "به_روز": False, "به_به": False,
    "یک_بار": False, "یک_لحظه": False, "یک_ذره": False, "یک_گوشه": False, "یک_نفس": False,
    "هفت_آسمان": False, "سلام_الله": False, "علی_رغم": False,
    "سخن_گو": False,        # فهم سخن + گو "say!"
    "جهان_بخش": False,      # می نوش و جهان بخش: "give the world away"
    "باده_نوش": False,      # ناچار باده نوش: "drink wine!"
    "این خاک_انداز": False,  # سایه بر این خاک انداز: "cast a shadow on this dust"
    "خون تشنه_لب": False,   # لعل سیراب به خون تشنه لب یار من است: «تشنه» + «لبِ یار»
    "خوش_فکر": False,       # که خوش فکر صوابی دارد: «خوش» the adverb
}


class Verdict(NamedTuple):
    """What happens to one proposed ZWNJ: accepted or not, the affix kind, the rule that decided."""

    accepted: bool
    kind: str
    rule: str


def _parse_phrase(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    left, right = phrase.split("_")
    return tuple(left.split()), tuple(right.split())


def matching_phrase(words: list[str], k: int) -> str | None:
    """The PHRASES entry that covers the space after ``words[k]``, or None."""
    for phrase in PHRASES:
        left, right = _parse_phrase(phrase)
        if tuple(words[max(0, k + 1 - len(left)):k + 1]) == left and tuple(words[k + 1:k + 1 + len(right)]) == right:
            return phrase
    return None


def kind_of(left: str, right: str) -> str:
    """The affix class of a join: «می», clitic, plural, comparative, agentive or compound."""
    if left in MI_PREFIXES and right not in CLITICS:
        return "می"
    for kind, members in (("clitic", CLITICS), ("plural", PLURALS), ("comparative", COMPARATIVES),
                          ("agentive", AGENTIVES)):
        if right in members:
            return kind
    return "compound"


def is_prefixed_verb(prefix: str, word: str, lexicon_has: Callable[[str], bool]) -> bool:
    """True when «prefix‌word» is a verb form: in the lexicon, maybe after an object clitic, or extra."""
    if word in EXTRA_VERB_FORMS:
        return True
    stems = [word] + [word[:-1] for c in OBJECT_CLITICS if word.endswith(c) and len(word) > 2]
    return any(lexicon_has(f"{prefix}{ZWNJ}{stem}") for stem in stems)


def _judge_mi(words: list[str], k: int, lexicon_has: Callable[[str], bool]) -> tuple[bool, str]:
    before, prefix, word = (words[k - 1] if k else ""), words[k], words[k + 1]
    if prefix == "می" and word in WINE_COMPOUNDS:
        return True, "wine compound"
    if before in PREPOSITIONS:
        return False, "wine after a preposition"
    if is_prefixed_verb(prefix, word, lexicon_has):
        return True, "verb prefix"
    return False, "wine before a non-verb"


def _judge_clitic(words: list[str], k: int) -> tuple[bool, str]:
    left, right = words[k], words[k + 1]
    after = words[k + 2] if k + 2 < len(words) else ""
    if left.endswith("ی"):
        return (True, "after «ی»") if left in AFTER_YE else (False, "vocative or unknown after «ی»")
    if not left.endswith("ه") or left in NOT_SILENT_H:
        return False, "vocative «ای» or not a silent «ه»" if right == "ای" else "not a silent «ه»"
    if right == "ای" and after in VOCATIVE_NEXT:
        return False, "vocative «ای»"
    return True, "after a silent «ه»"


def judge(words: list[str], k: int, lexicon_has: Callable[[str], bool]) -> Verdict:
    """Decide hazm's ZWNJ between ``words[k]`` and ``words[k + 1]`` of one mesra."""
    left, right = words[k], words[k + 1]
    kind = kind_of(left, right)
    phrase = matching_phrase(words, k)
    if phrase is not None:
        return Verdict(PHRASES[phrase], kind, "reviewed phrase")
    if kind == "می":
        accepted, rule = _judge_mi(words, k, lexicon_has)
    elif kind == "clitic":
        accepted, rule = _judge_clitic(words, k)
    elif kind == "plural":
        accepted, rule = True, "plural"
    elif kind == "comparative":
        accepted, rule = (True, "comparative") if left in COMPARATIVE_BASES else (False, "«تر» wet or fresh")
    elif kind == "agentive":
        accepted, rule = (True, "agent noun") if left in AGENTIVE_BASES else (False, "«گر» if")
    elif (left, right) in LEFT_APART:
        accepted, rule = False, "function words kept apart"
    else:
        accepted, rule = True, "lexicon compound"
    return Verdict(accepted, kind, rule)


def judge_split(word: str, offset: int, lexicon_has: Callable[[str], bool]) -> Verdict:
    """Decide hazm's ZWNJ inserted at ``offset`` inside ``word`` (only «می/نمی» + verb qualifies).

    >>> judge_split("میسرم", 2, {"می\u200cسرم"}.__contains__).accepted   # «میسر» + «م», not «می‌سرم»
    False
    """
    prefix, rest = word[:offset], word[offset:]
    if word in KEEP_WHOLE:
        return Verdict(False, "می", "reviewed word")
    if prefix in MI_PREFIXES and is_prefixed_verb(prefix, rest, lexicon_has):
        return Verdict(True, "می", "verb prefix")
    return Verdict(False, "other", "not a «می» prefix")

