# Maximum likelihood: p(word | previous word) = count(previous word, word) / count(previous word).
from lmdocs.i18n import tr
from lmdocs.ngram import NGramModel

sentence = "من کتابم را به دوستم علی دادم و به او گفتم"
model = NGramModel(order=2, smoothing="mle").fit([sentence])
for previous, word in [("به", "دوستم"), ("دوستم", "علی"), ("به", "کتابم")]:  # the last was never seen
    print(tr("p(«{w}» after «{v}») = {p}", "احتمال «{w}» پس از «{v}»: {p}",
             w=word, v=previous, p=model.prob(word, [previous])))

# Expected output (en):
# p(«دوستم» after «به») = 0.5
# p(«علی» after «دوستم») = 1.0
# p(«کتابم» after «به») = 0.0
# Expected output (fa):
# احتمال «دوستم» پس از «به»: ۰٫۵
# احتمال «علی» پس از «دوستم»: ۱٫۰
# احتمال «کتابم» پس از «به»: ۰٫۰
