# Temperature, top-k and top-p (nucleus) on two small next-character distributions.
import math

from lmdocs.i18n import num, tr

# Scores (logits) a model might give six candidates for the next character, in two places:
# inside a word it knows («الا یا ایها الساق…», surely «ی»), and at the start of a new word.
confident = {"ی": 4.0, "ا": 1.0, "ه": 0.5, "ر": 0.0, "د": -0.5, "ن": -1.0}
open_word = {"ب": 1.0, "م": 0.8, "د": 0.6, "ه": 0.5, "ن": 0.3, "ع": 0.0}


def softmax(logits, temperature=1.0):
    top = max(logits)
    e = [math.exp((z - top) / temperature) for z in logits]
    return [v / sum(e) for v in e]


def keep_only(probs, kept):
    """Zero every token outside `kept` and renormalize the rest."""
    total = sum(probs[i] for i in kept)
    return [p / total if i in kept else 0.0 for i, p in enumerate(probs)]


def top_k(probs, k):
    return keep_only(probs, sorted(range(len(probs)), key=lambda i: -probs[i])[:k])


def top_p(probs, p):
    """The nucleus: the fewest likeliest tokens whose probabilities add up to at least p."""
    kept, total = [], 0.0
    for i in sorted(range(len(probs)), key=lambda i: -probs[i]):
        kept.append(i)
        total += probs[i]
        if total >= p:
            break
    return keep_only(probs, kept)


def show(name, chars, probs, truncated=False):
    cells = "  ".join(f"{c} {num(p, '.2f')}" for c, p in zip(chars, probs))
    kept = tr("  ({n} kept)", "  ({n} مانده)", n=sum(p > 0 for p in probs)) if truncated else ""
    print(f"{name:<18}{cells}{kept}")


for title, scores in [(tr("inside a word:", "درون یک کلمه:"), confident),
                      (tr("start of a word:", "آغاز یک کلمه:"), open_word)]:
    chars, logits = list(scores), list(scores.values())
    print(title)
    for t in (1.0, 0.5, 2.0):
        show(tr("T = {t:g}", "دمای {t:g}", t=t), chars, softmax(logits, t))
    show(tr("top-k, k = {k}", "top-k با k = {k}", k=3), chars, top_k(softmax(logits), 3), truncated=True)
    show(tr("top-p, p = {p:g}", "top-p با p = {p:g}", p=0.9), chars, top_p(softmax(logits), 0.9), truncated=True)

# Expected output (en):
# inside a word:
# T = 1             ی 0.90  ا 0.04  ه 0.03  ر 0.02  د 0.01  ن 0.01
# T = 0.5           ی 1.00  ا 0.00  ه 0.00  ر 0.00  د 0.00  ن 0.00
# T = 2             ی 0.58  ا 0.13  ه 0.10  ر 0.08  د 0.06  ن 0.05
# top-k, k = 3      ی 0.93  ا 0.05  ه 0.03  ر 0.00  د 0.00  ن 0.00  (3 kept)
# top-p, p = 0.9    ی 0.95  ا 0.05  ه 0.00  ر 0.00  د 0.00  ن 0.00  (2 kept)
# start of a word:
# T = 1             ب 0.25  م 0.21  د 0.17  ه 0.15  ن 0.13  ع 0.09
# T = 0.5           ب 0.35  م 0.23  د 0.16  ه 0.13  ن 0.09  ع 0.05
# T = 2             ب 0.21  م 0.19  د 0.17  ه 0.16  ن 0.15  ع 0.13
# top-k, k = 3      ب 0.40  م 0.33  د 0.27  ه 0.00  ن 0.00  ع 0.00  (3 kept)
# top-p, p = 0.9    ب 0.28  م 0.23  د 0.19  ه 0.17  ن 0.14  ع 0.00  (5 kept)
# Expected output (fa):
# درون یک کلمه:
# دمای ۱            ی ۰٫۹۰  ا ۰٫۰۴  ه ۰٫۰۳  ر ۰٫۰۲  د ۰٫۰۱  ن ۰٫۰۱
# دمای ۰٫۵          ی ۱٫۰۰  ا ۰٫۰۰  ه ۰٫۰۰  ر ۰٫۰۰  د ۰٫۰۰  ن ۰٫۰۰
# دمای ۲            ی ۰٫۵۸  ا ۰٫۱۳  ه ۰٫۱۰  ر ۰٫۰۸  د ۰٫۰۶  ن ۰٫۰۵
# top-k با k = ۳    ی ۰٫۹۳  ا ۰٫۰۵  ه ۰٫۰۳  ر ۰٫۰۰  د ۰٫۰۰  ن ۰٫۰۰  (۳ مانده)
# top-p با p = ۰٫۹  ی ۰٫۹۵  ا ۰٫۰۵  ه ۰٫۰۰  ر ۰٫۰۰  د ۰٫۰۰  ن ۰٫۰۰  (۲ مانده)
# آغاز یک کلمه:
# دمای ۱            ب ۰٫۲۵  م ۰٫۲۱  د ۰٫۱۷  ه ۰٫۱۵  ن ۰٫۱۳  ع ۰٫۰۹
# دمای ۰٫۵          ب ۰٫۳۵  م ۰٫۲۳  د ۰٫۱۶  ه ۰٫۱۳  ن ۰٫۰۹  ع ۰٫۰۵
# دمای ۲            ب ۰٫۲۱  م ۰٫۱۹  د ۰٫۱۷  ه ۰٫۱۶  ن ۰٫۱۵  ع ۰٫۱۳
# top-k با k = ۳    ب ۰٫۴۰  م ۰٫۳۳  د ۰٫۲۷  ه ۰٫۰۰  ن ۰٫۰۰  ع ۰٫۰۰  (۳ مانده)
# top-p با p = ۰٫۹  ب ۰٫۲۸  م ۰٫۲۳  د ۰٫۱۹  ه ۰٫۱۷  ن ۰٫۱۴  ع ۰٫۰۰  (۵ مانده)
