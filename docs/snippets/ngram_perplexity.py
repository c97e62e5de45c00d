# Perplexity of the held-out ghazals: how many words the model hesitates between, on average.
from lmdocs.corpora import hafez_split
from lmdocs.ngram import NGramModel

train, test = hafez_split()
for order in (1, 2, 3):
    model = NGramModel(order=order, smoothing="modified-kneser-ney").fit(train)
    report = model.evaluate(test)
    print(f"order {order}: perplexity {report.including_oov:.1f} "
          f"(without the {report.oov} unknown words: {report.excluding_oov:.1f})")

# Expected output:
# order 1: perplexity 806.9 (without the 636 unknown words: 544.2)
# order 2: perplexity 594.6 (without the 636 unknown words: 388.9)
# order 3: perplexity 570.4 (without the 636 unknown words: 372.4)
