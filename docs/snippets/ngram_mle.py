# Maximum likelihood: p(word | previous word) = count(previous word, word) / count(previous word).
from lmdocs.i18n import tr
from lmdocs.ngram import NGramModel

sentence = "من کتابم را به دوستم علی دادم و به او گفتم"
model = NGramModel(order=2, smoothing="mle").fit([sentence])
for previous, word in [("به", "دوستم"), ("دوستم", "علی"), ("به", "کتابم")]:  # the last was never seen
    print(tr("p = {p} for {w} after {v}", "احتمال «{w}» پس از «{v}»: {p}",
             w=word, v=previous, p=model.prob(word, [previous])))

# Expected output (en):
# p = 0.5 for دوستم after به
# p = 1.0 for علی after دوستم
# p = 0.0 for کتابم after به
# Expected output (fa):
# احتمال «دوستم» پس از «به»: ۰٫۵
# احتمال «علی» پس از «دوستم»: ۱٫۰
# احتمال «کتابم» پس از «به»: ۰٫۰
