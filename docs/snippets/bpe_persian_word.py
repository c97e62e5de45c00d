# BPE merges on one Persian word: a tokenizer trained on 40 ghazals of Hafez encodes
# " دوستان" ("friends", with the space before it), one merge at a time. Merges are
# numbered in the order they were learned: a low number is a frequent pair.
from lmdocs.bpe import train, trace
from lmdocs.corpora import hafez_ghazals
from lmdocs.i18n import tr

poems = "\n".join(line for ghazal in hafez_ghazals()[:40] for line in ghazal)
tokenizer = train(poems, vocab_size=800)


def shown(ids):  # the pieces, a space drawn as ␣, a lone byte as \xd8
    return "|".join(tokenizer.pieces(ids)).replace(" ", "␣")


for step in trace(tokenizer, " دوستان"):
    if step.pair is None:
        print(tr("UTF-8 bytes, {n} tokens: {p}", "بایت‌های UTF-8، {n} توکن: {p}",
                 n=len(step.tokens), p=shown(step.tokens)))
    else:
        print(tr("merge {r} ({a} + {b}), {n} tokens: {p}", "ادغام {r} ({a} + {b})، {n} توکن: {p}",
                 r=step.rank + 1, a=shown(step.pair[:1]), b=shown(step.pair[1:]),
                 n=len(step.tokens), p=shown(step.tokens)))

# Expected output (en):
# UTF-8 bytes, 13 tokens: ␣|\xd8|\xaf|\xd9|\x88|\xd8|\xb3|\xd8|\xaa|\xd8|\xa7|\xd9|\x86
# merge 1 (␣ + \xd8), 12 tokens: ␣\xd8|\xaf|\xd9|\x88|\xd8|\xb3|\xd8|\xaa|\xd8|\xa7|\xd9|\x86
# merge 2 (\xd8 + \xa7), 11 tokens: ␣\xd8|\xaf|\xd9|\x88|\xd8|\xb3|\xd8|\xaa|ا|\xd9|\x86
# merge 3 (\xd9 + \x86), 10 tokens: ␣\xd8|\xaf|\xd9|\x88|\xd8|\xb3|\xd8|\xaa|ا|ن
# merge 7 (\xd9 + \x88), 9 tokens: ␣\xd8|\xaf|و|\xd8|\xb3|\xd8|\xaa|ا|ن
# merge 10 (\xd8 + \xaa), 8 tokens: ␣\xd8|\xaf|و|\xd8|\xb3|ت|ا|ن
# merge 12 (\xd8 + \xb3), 7 tokens: ␣\xd8|\xaf|و|س|ت|ا|ن
# merge 17 (س + ت), 6 tokens: ␣\xd8|\xaf|و|ست|ا|ن
# merge 20 (␣\xd8 + \xaf), 5 tokens: ␣د|و|ست|ا|ن
# merge 23 (ا + ن), 4 tokens: ␣د|و|ست|ان
# merge 118 (␣د + و), 3 tokens: ␣دو|ست|ان
# merge 277 (␣دو + ست), 2 tokens: ␣دوست|ان
# Expected output (fa):
# بایت‌های UTF-8، ۱۳ توکن: ␣|\xd8|\xaf|\xd9|\x88|\xd8|\xb3|\xd8|\xaa|\xd8|\xa7|\xd9|\x86
# ادغام ۱ (␣ + \xd8)، ۱۲ توکن: ␣\xd8|\xaf|\xd9|\x88|\xd8|\xb3|\xd8|\xaa|\xd8|\xa7|\xd9|\x86
# ادغام ۲ (\xd8 + \xa7)، ۱۱ توکن: ␣\xd8|\xaf|\xd9|\x88|\xd8|\xb3|\xd8|\xaa|ا|\xd9|\x86
# ادغام ۳ (\xd9 + \x86)، ۱۰ توکن: ␣\xd8|\xaf|\xd9|\x88|\xd8|\xb3|\xd8|\xaa|ا|ن
# ادغام ۷ (\xd9 + \x88)، ۹ توکن: ␣\xd8|\xaf|و|\xd8|\xb3|\xd8|\xaa|ا|ن
# ادغام ۱۰ (\xd8 + \xaa)، ۸ توکن: ␣\xd8|\xaf|و|\xd8|\xb3|ت|ا|ن
# ادغام ۱۲ (\xd8 + \xb3)، ۷ توکن: ␣\xd8|\xaf|و|س|ت|ا|ن
# ادغام ۱۷ (س + ت)، ۶ توکن: ␣\xd8|\xaf|و|ست|ا|ن
# ادغام ۲۰ (␣\xd8 + \xaf)، ۵ توکن: ␣د|و|ست|ا|ن
# ادغام ۲۳ (ا + ن)، ۴ توکن: ␣د|و|ست|ان
# ادغام ۱۱۸ (␣د + و)، ۳ توکن: ␣دو|ست|ان
# ادغام ۲۷۷ (␣دو + ست)، ۲ توکن: ␣دوست|ان
