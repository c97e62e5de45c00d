# Count the bigrams (pairs of neighboring words) of one sentence, with <s> and </s> at its ends.
from lmdocs.i18n import tr
from lmdocs.ngram import count_ngrams

sentence = "من کتابم را به دوستم علی دادم و به او گفتم"
counts = count_ngrams([sentence], order=2)
bigrams = counts[2]
print(tr("{kinds} different bigrams, {total} in all", "{kinds} دوگرم مختلف، روی هم {total} دوگرم",
         kinds=len(bigrams), total=sum(bigrams.values())))
for (first, second), n in list(bigrams.items())[1:5]:  # [0] is <s> before من
    print(tr("count {n} for {a} {b}", "دوگرم «{a} {b}»: {n}", a=first, b=second, n=n))
followers = [second for first, second in bigrams if first == "به"]
print(tr("after به come: {w}", "پس از «به» می‌آید: {w}", w="، ".join(followers)))

# Expected output (en):
# 12 different bigrams, 12 in all
# count 1 for من کتابم
# count 1 for کتابم را
# count 1 for را به
# count 1 for به دوستم
# after به come: دوستم، او
# Expected output (fa):
# ۱۲ دوگرم مختلف، روی هم ۱۲ دوگرم
# دوگرم «من کتابم»: ۱
# دوگرم «کتابم را»: ۱
# دوگرم «را به»: ۱
# دوگرم «به دوستم»: ۱
# پس از «به» می‌آید: دوستم، او
