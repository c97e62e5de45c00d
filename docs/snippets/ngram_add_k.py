# Add-k smoothing: pretend every word was seen k more times after every context.
from lmdocs.i18n import tr
from lmdocs.ngram import NGramModel

sentence = "من کتابم را به دوستم علی دادم و به او گفتم"
print(tr("after به: the seen دوستم and the unseen کتابم", "پس از «به»: «دوستم» دیده شده و «کتابم» نه"))
for k in (1, 0.1, 0.01):
    model = NGramModel(order=2, smoothing="add-k", k=k).fit([sentence])
    seen, unseen = model.prob("دوستم", ["به"]), model.prob("کتابم", ["به"])
    print(tr("k = {k}: seen {seen:.3f}, unseen {unseen:.3f}", "با k = {k}: دیده‌شده {seen:.3f}، ندیده {unseen:.3f}",
             k=k, seen=seen, unseen=unseen))
print(tr("vocabulary: {v} words (the 10 of the sentence, </s> and <unk>)",
         "واژگان: {v} کلمه (۱۰ کلمهٔ جمله، نشانهٔ پایان و نشانهٔ ناشناخته)", v=len(model.vocab)))

# Expected output (en):
# after به: the seen دوستم and the unseen کتابم
# k = 1: seen 0.143, unseen 0.071
# k = 0.1: seen 0.344, unseen 0.031
# k = 0.01: seen 0.476, unseen 0.005
# vocabulary: 12 words (the 10 of the sentence, </s> and <unk>)
# Expected output (fa):
# پس از «به»: «دوستم» دیده شده و «کتابم» نه
# با k = ۱: دیده‌شده ۰٫۱۴۳، ندیده ۰٫۰۷۱
# با k = ۰٫۱: دیده‌شده ۰٫۳۴۴، ندیده ۰٫۰۳۱
# با k = ۰٫۰۱: دیده‌شده ۰٫۴۷۶، ندیده ۰٫۰۰۵
# واژگان: ۱۲ کلمه (۱۰ کلمهٔ جمله، نشانهٔ پایان و نشانهٔ ناشناخته)
