# Kneser–Ney by hand: continuation counts, then the interpolated bigram formula, checked against lmdocs.
from collections import Counter

from lmdocs.corpora import hafez_split
from lmdocs.i18n import tr
from lmdocs.ngram import NGramModel, count_ngrams

train, _ = hafez_split()
unigrams, bigrams = count_ngrams(train, order=2)[1:]
before = Counter(w for _, w in bigrams)   # N1+(• w): how many different words come before w
after = Counter(v for v, _ in bigrams)    # N1+(v •): how many different words follow v
pairs = len(bigrams)                      # N1+(• •): how many different pairs there are
vocab = len(unigrams)                     # the words, </s> and <unk> (<s> is never predicted)
D = 0.75                                  # the discount

def p_continuation(w):  # the lower level: continuation counts (discounted too; the rest to 1/vocab)
    return (before[w] - D) / pairs + D * len(before) / pairs / vocab

def p_kn(w, v):         # the bigram level: discounted count + γ(v) × the lower level
    return max(bigrams[(v, w)] - D, 0) / unigrams[(v,)] + D * after[v] / unigrams[(v,)] * p_continuation(w)

model = NGramModel(order=2, smoothing="kneser-ney", discounts=D).fit(train)
for w in ("رب", "فلک"):
    print(tr("the word {w} occurs {c} times, after {k} different words", "«{w}»: {c} بار، پس از {k} کلمهٔ مختلف",
             w=w, c=unigrams[(w,)], k=before[w]))
for v, w in (("این", "رب"), ("این", "فلک"), ("یا", "رب")):
    print(tr("p({w} after {v}): seen {c} times; by hand {p:.6f}, lmdocs {q:.6f}",
             "احتمال «{w}» پس از «{v}»: {c} بار دیده شده؛ با دست {p:.6f}، با کتابخانه {q:.6f}",
             w=w, v=v, c=bigrams[(v, w)], p=p_kn(w, v), q=model.prob(w, [v])))

# Expected output (en):
# the word رب occurs 53 times, after 2 different words
# the word فلک occurs 47 times, after 32 different words
# p(رب after این): seen 0 times; by hand 0.000022, lmdocs 0.000022
# p(فلک after این): seen 0 times; by hand 0.000344, lmdocs 0.000344
# p(رب after یا): seen 52 times; by hand 0.610133, lmdocs 0.610133
# Expected output (fa):
# «رب»: ۵۳ بار، پس از ۲ کلمهٔ مختلف
# «فلک»: ۴۷ بار، پس از ۳۲ کلمهٔ مختلف
# احتمال «رب» پس از «این»: ۰ بار دیده شده؛ با دست ۰٫۰۰۰۰۲۲، با کتابخانه ۰٫۰۰۰۰۲۲
# احتمال «فلک» پس از «این»: ۰ بار دیده شده؛ با دست ۰٫۰۰۰۳۴۴، با کتابخانه ۰٫۰۰۰۳۴۴
# احتمال «رب» پس از «یا»: ۵۲ بار دیده شده؛ با دست ۰٫۶۱۰۱۳۳، با کتابخانه ۰٫۶۱۰۱۳۳
