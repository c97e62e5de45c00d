# Why not one token per word? Count the different word forms in Hafez's Divan, and how
# often a few forms of «دل» (heart) appear: a word-level vocabulary needs each as a token.
from collections import Counter

from lmdocs.corpora import hafez_text
from lmdocs.i18n import num, tr

words = Counter(hafez_text().split())  # words are what lies between spaces
once = sum(1 for n in words.values() if n == 1)
print(tr("{n:,} words, {d:,} different forms, {o:,} of them seen only once",
         "{n:,} کلمه، {d:,} صورت متفاوت، {o:,} صورت فقط یک بار",
         n=sum(words.values()), d=len(words), o=once))
for form in ["دل", "دلم", "دلت", "دلش", "دلی", "دل\u200cها", "دلا"]:
    print(form, num(words[form]))

# Expected output (en):
# 62,684 words, 8,468 different forms, 4,369 of them seen only once
# دل 545
# دلم 73
# دلت 13
# دلش 13
# دلی 23
# دل‌ها 4
# دلا 16
# Expected output (fa):
# ۶۲٬۶۸۴ کلمه، ۸٬۴۶۸ صورت متفاوت، ۴٬۳۶۹ صورت فقط یک بار
# دل ۵۴۵
# دلم ۷۳
# دلت ۱۳
# دلش ۱۳
# دلی ۲۳
# دل‌ها ۴
# دلا ۱۶
