# Count the bigrams (pairs of neighbouring words) of one sentence, with <s> and </s> at its ends.
from lmdocs.ngram import count_ngrams

sentence = "من کتابم را به دوستم علی دادم و به او گفتم"
counts = count_ngrams([sentence], order=2)
bigrams = counts[2]
print(len(bigrams), "different bigrams,", sum(bigrams.values()), "in all")
for (first, second), n in list(bigrams.items())[:4]:
    print(first, "→", second, ":", n)
print("«به» is followed by:", [pair[1] for pair in bigrams if pair[0] == "به"])

# Expected output:
# 12 different bigrams, 12 in all
# <s> → من : 1
# من → کتابم : 1
# کتابم → را : 1
# را → به : 1
# «به» is followed by: ['دوستم', 'او']
