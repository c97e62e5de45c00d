# Add-k smoothing: pretend every word was seen k more times after every context.
from lmdocs.i18n import tr
from lmdocs.ngram import NGramModel

sentence = "من کتابم را به دوستم علی دادم و به او گفتم"
for k in (1, 0.1, 0.01):
    model = NGramModel(order=2, smoothing="add-k", k=k).fit([sentence])
    seen, unseen = model.prob("دوستم", ["به"]), model.prob("کتابم", ["به"])
    print(tr("k = {k}: after «به», «دوستم» {seen:.3f} (seen), «کتابم» {unseen:.3f} (unseen)",
             "با k = {k}: پس از «به»، «دوستم» {seen:.3f} (دیده‌شده)، «کتابم» {unseen:.3f} (ندیده)",
             k=k, seen=seen, unseen=unseen))
print(tr("vocabulary: {v} words (the 10 of the sentence, </s> and <unk>)", "واژگان: {v} کلمه (۱۰ کلمهٔ جمله، نشانهٔ پایان و نشانهٔ ناشناخته)",
         v=len(model.vocab)))

# Expected output (en):
# k = 1: after «به», «دوستم» 0.143 (seen), «کتابم» 0.071 (unseen)
# k = 0.1: after «به», «دوستم» 0.344 (seen), «کتابم» 0.031 (unseen)
# k = 0.01: after «به», «دوستم» 0.476 (seen), «کتابم» 0.005 (unseen)
# vocabulary: 12 words (the 10 of the sentence, </s> and <unk>)
# Expected output (fa):
# با k = ۱: پس از «به»، «دوستم» ۰٫۱۴۳ (دیده‌شده)، «کتابم» ۰٫۰۷۱ (ندیده)
# با k = ۰٫۱: پس از «به»، «دوستم» ۰٫۳۴۴ (دیده‌شده)، «کتابم» ۰٫۰۳۱ (ندیده)
# با k = ۰٫۰۱: پس از «به»، «دوستم» ۰٫۴۷۶ (دیده‌شده)، «کتابم» ۰٫۰۰۵ (ندیده)
# واژگان: ۱۲ کلمه (۱۰ کلمهٔ جمله، نشانهٔ پایان و نشانهٔ ناشناخته)
