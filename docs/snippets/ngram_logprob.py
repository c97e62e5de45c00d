# Multiplying thousands of probabilities underflows to 0.0; adding their logarithms does not.
import math

from lmdocs.corpora import hafez_split
from lmdocs.i18n import tr
from lmdocs.ngram import NGramModel

train, test = hafez_split()
model = NGramModel(order=2).fit(train)
log2s = [log10 / math.log10(2) for line in test for _, log10, _ in model.word_scores(line)]

product, zero_at = 1.0, None
for t, log2 in enumerate(log2s, start=1):
    product *= 2.0 ** log2
    if product == 0.0 and zero_at is None:
        zero_at = t
H = -sum(log2s) / len(log2s)                 # cross-entropy: bits per token
print(tr("product of the {n:,} probabilities: {p} (it hit zero at token {t})",
         "حاصل‌ضرب {n:,} احتمال: {p} (از توکن {t} صفر شد)", n=len(log2s), p=product, t=zero_at))
print(tr("sum of their -log2: {s:,.0f} bits", "مجموع منفیِ log2 آن‌ها: {s:,.0f} بیت", s=-sum(log2s)))
print(tr("cross-entropy H = {h:.2f} bits per token; 2^H = {ppl:.1f}",
         "آنتروپی متقاطع H = {h:.2f} بیت بر توکن؛ 2^H = {ppl:.1f}", h=H, ppl=2 ** H))
print(tr("the model's own perplexity: {ppl:.1f}", "سرگشتگی‌ای که خود مدل گزارش می‌کند: {ppl:.1f}",
         ppl=model.perplexity(test)))
print(tr("in nats (natural log): H = {n:.2f}; 1 nat = {b:.3f} bits", "بر حسب نت (لگاریتم طبیعی): H = {n:.2f}؛ هر نت {b:.3f} بیت",
         n=H * math.log(2), b=1 / math.log(2)))

# Expected output (en):
# product of the 7,570 probabilities: 0.0 (it hit zero at token 120)
# sum of their -log2: 70,985 bits
# cross-entropy H = 9.38 bits per token; 2^H = 665.0
# the model's own perplexity: 665.0
# in nats (natural log): H = 6.50; 1 nat = 1.443 bits
# Expected output (fa):
# حاصل‌ضرب ۷٬۵۷۰ احتمال: ۰٫۰ (از توکن ۱۲۰ صفر شد)
# مجموع منفیِ log2 آن‌ها: ۷۰٬۹۸۵ بیت
# آنتروپی متقاطع H = ۹٫۳۸ بیت بر توکن؛ 2^H = ۶۶۵٫۰
# سرگشتگی‌ای که خود مدل گزارش می‌کند: ۶۶۵٫۰
# بر حسب نت (لگاریتم طبیعی): H = ۶٫۵۰؛ هر نت ۱٫۴۴۳ بیت
