# Maximum likelihood: p(word | previous word) = count(previous word, word) / count(previous word).
from lmdocs.ngram import NGramModel

sentence = "من کتابم را به دوستم علی دادم و به او گفتم"
model = NGramModel(order=2, smoothing="mle").fit([sentence])
print("p(دوستم | به) =", model.prob("دوستم", ["به"]))
print("p(علی | دوستم) =", model.prob("علی", ["دوستم"]))
print("p(کتابم | به) =", model.prob("کتابم", ["به"]))      # never seen: probability zero
print("next after «به»:", model.next_words(["به"], k=2))

# Expected output:
# p(دوستم | به) = 0.5
# p(علی | دوستم) = 1.0
# p(کتابم | به) = 0.0
# next after «به»: [('دوستم', 0.5), ('او', 0.5)]
