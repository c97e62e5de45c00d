# Sparsity: the longer the n-gram, the more of the held-out text was never seen in training.
from lmdocs.corpora import hafez_split
from lmdocs.ngram import count_ngrams

train, test = hafez_split()
seen_lines = set(train)
print("held-out half-verses seen whole in training:", sum(line in seen_lines for line in test), "of", len(test))
train_counts = count_ngrams(train, order=4)
test_counts = count_ngrams(test, order=4)
for n in range(1, 5):
    grams = [gram for gram in test_counts[n].elements() if gram != ("<s>",)]
    unseen = sum(gram not in train_counts[n] for gram in grams)
    print(f"{n}-grams of the held-out text never seen in training: {100 * unseen / len(grams):.1f}%")

# Expected output:
# held-out half-verses seen whole in training: 1 of 920
# 1-grams of the held-out text never seen in training: 8.2%
# 2-grams of the held-out text never seen in training: 54.8%
# 3-grams of the held-out text never seen in training: 89.7%
# 4-grams of the held-out text never seen in training: 98.2%
