# Perplexity of the held-out ghazals: how many words the model hesitates between, on average.
from lmdocs.corpora import hafez_split
from lmdocs.i18n import tr
from lmdocs.ngram import NGramModel

train, test = hafez_split()
for order in (1, 2, 3):
    model = NGramModel(order=order, smoothing="modified-kneser-ney").fit(train)
    report = model.evaluate(test)
    print(tr("order {n}: perplexity {ppl:.1f} (without the {oov} unknown words: {known:.1f})",
             "مرتبهٔ {n}: سرگشتگی {ppl:.1f} (بدون {oov} کلمهٔ ناشناخته: {known:.1f})",
             n=order, ppl=report.including_oov, oov=report.oov, known=report.excluding_oov))
print(tr("unknown: {oov} of the {tokens:,} test tokens ({share:.1%}); a line's end counts as a token",
         "ناشناخته: {oov} از {tokens:,} توکن آزمون ({share:.1%})؛ پایان هر سطر هم یک توکن است",
         oov=report.oov, tokens=report.tokens, share=report.oov / report.tokens))

# Expected output (en):
# order 1: perplexity 878.9 (without the 706 unknown words: 563.8)
# order 2: perplexity 665.0 (without the 706 unknown words: 412.8)
# order 3: perplexity 639.8 (without the 706 unknown words: 396.4)
# unknown: 706 of the 7,570 test tokens (9.3%); a line's end counts as a token
# Expected output (fa):
# مرتبهٔ ۱: سرگشتگی ۸۷۸٫۹ (بدون ۷۰۶ کلمهٔ ناشناخته: ۵۶۳٫۸)
# مرتبهٔ ۲: سرگشتگی ۶۶۵٫۰ (بدون ۷۰۶ کلمهٔ ناشناخته: ۴۱۲٫۸)
# مرتبهٔ ۳: سرگشتگی ۶۳۹٫۸ (بدون ۷۰۶ کلمهٔ ناشناخته: ۳۹۶٫۴)
# ناشناخته: ۷۰۶ از ۷٬۵۷۰ توکن آزمون (۹٫۳٪)؛ پایان هر سطر هم یک توکن است
