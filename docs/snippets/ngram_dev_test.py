# Train, dev, test: choose a setting on the dev ghazals, then score the test ghazals once.
from lmdocs.corpora import hafez_split
from lmdocs.i18n import tr
from lmdocs.ngram import NGramModel

train, held_out = hafez_split(100)           # ghazals 1–395 train the models
_, test = hafez_split(50)                    # ghazals 446–495: the test text of this page
dev = held_out[:len(held_out) - len(test)]   # ghazals 396–445: the dev text

def bigram(smoothing, value):
    setting = {"k": value} if smoothing == "add-k" else {"discounts": value}
    return NGramModel(order=2, smoothing=smoothing, **setting).fit(train)

for smoothing, symbol, values in (("add-k", "k", (1, 0.1, 0.01, 0.001)),
                                  ("kneser-ney", "D", (0.5, 0.75, 0.9, 1.0))):
    name = tr("add-k" if symbol == "k" else "Kneser–Ney", "جمع با k" if symbol == "k" else "روش Kneser–Ney")
    on_dev = {value: bigram(smoothing, value).perplexity(dev) for value in values}
    for value, ppl in on_dev.items():
        print(tr("{m}, {x} = {v}: dev perplexity {p:,.0f}", "{m}، {x} = {v}: سرگشتگی اعتبارسنجی {p:,.0f}",
                 m=name, x=symbol, v=value, p=ppl))
    best = min(on_dev, key=on_dev.get)
    print(tr("  best {x} = {v}; test perplexity, measured once: {p:,.0f}",
             "  بهترین: {x} = {v}؛ سرگشتگی آزمون، یک بار سنجیده: {p:,.0f}",
             x=symbol, v=best, p=bigram(smoothing, best).perplexity(test)))

# Expected output (en):
# add-k, k = 1: dev perplexity 3,370
# add-k, k = 0.1: dev perplexity 2,139
# add-k, k = 0.01: dev perplexity 1,975
# add-k, k = 0.001: dev perplexity 2,990
#   best k = 0.01; test perplexity, measured once: 1,991
# Kneser–Ney, D = 0.5: dev perplexity 843
# Kneser–Ney, D = 0.75: dev perplexity 701
# Kneser–Ney, D = 0.9: dev perplexity 667
# Kneser–Ney, D = 1.0: dev perplexity 704
#   best D = 0.9; test perplexity, measured once: 681
# Expected output (fa):
# جمع با k، k = ۱: سرگشتگی اعتبارسنجی ۳٬۳۷۰
# جمع با k، k = ۰٫۱: سرگشتگی اعتبارسنجی ۲٬۱۳۹
# جمع با k، k = ۰٫۰۱: سرگشتگی اعتبارسنجی ۱٬۹۷۵
# جمع با k، k = ۰٫۰۰۱: سرگشتگی اعتبارسنجی ۲٬۹۹۰
#   بهترین: k = ۰٫۰۱؛ سرگشتگی آزمون، یک بار سنجیده: ۱٬۹۹۱
# روش Kneser–Ney، D = ۰٫۵: سرگشتگی اعتبارسنجی ۸۴۳
# روش Kneser–Ney، D = ۰٫۷۵: سرگشتگی اعتبارسنجی ۷۰۱
# روش Kneser–Ney، D = ۰٫۹: سرگشتگی اعتبارسنجی ۶۶۷
# روش Kneser–Ney، D = ۱٫۰: سرگشتگی اعتبارسنجی ۷۰۴
#   بهترین: D = ۰٫۹؛ سرگشتگی آزمون، یک بار سنجیده: ۶۸۱
