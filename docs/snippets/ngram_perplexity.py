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

# Expected output (en):
# order 1: perplexity 806.9 (without the 636 unknown words: 544.2)
# order 2: perplexity 594.6 (without the 636 unknown words: 388.9)
# order 3: perplexity 570.4 (without the 636 unknown words: 372.4)
# Expected output (fa):
# مرتبهٔ ۱: سرگشتگی ۸۰۶٫۹ (بدون ۶۳۶ کلمهٔ ناشناخته: ۵۴۴٫۲)
# مرتبهٔ ۲: سرگشتگی ۵۹۴٫۶ (بدون ۶۳۶ کلمهٔ ناشناخته: ۳۸۸٫۹)
# مرتبهٔ ۳: سرگشتگی ۵۷۰٫۴ (بدون ۶۳۶ کلمهٔ ناشناخته: ۳۷۲٫۴)
