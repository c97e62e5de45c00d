# Positional information: the sinusoidal table of "Attention Is All You Need", and GPT's learned one.
from lmdocs.i18n import num, tr
from lmdocs.transformer import load_hafez_gpt
from lmdocs.transformer.attention import sinusoidal_positions

table = sinusoidal_positions(n_positions=6, dim=4)
for pos, row in enumerate(table):
    print(num(pos), " ".join(num(v, "+.3f") for v in row))

model = load_hafez_gpt()
wpe = model.weights["transformer.wpe.weight"]   # learned: one trained row per position
print(tr("learned table: {n} positions x {c} numbers", "جدول یادگرفته‌شده: {n} جایگاه، هر کدام {c} عدد",
         n=len(wpe), c=len(wpe[0])))

# Expected output (en):
# 0 +0.000 +1.000 +0.000 +1.000
# 1 +0.841 +0.540 +0.010 +1.000
# 2 +0.909 -0.416 +0.020 +1.000
# 3 +0.141 -0.990 +0.030 +1.000
# 4 -0.757 -0.654 +0.040 +0.999
# 5 -0.959 +0.284 +0.050 +0.999
# learned table: 64 positions x 64 numbers
# Expected output (fa):
# ۰ +۰٫۰۰۰ +۱٫۰۰۰ +۰٫۰۰۰ +۱٫۰۰۰
# ۱ +۰٫۸۴۱ +۰٫۵۴۰ +۰٫۰۱۰ +۱٫۰۰۰
# ۲ +۰٫۹۰۹ -۰٫۴۱۶ +۰٫۰۲۰ +۱٫۰۰۰
# ۳ +۰٫۱۴۱ -۰٫۹۹۰ +۰٫۰۳۰ +۱٫۰۰۰
# ۴ -۰٫۷۵۷ -۰٫۶۵۴ +۰٫۰۴۰ +۰٫۹۹۹
# ۵ -۰٫۹۵۹ +۰٫۲۸۴ +۰٫۰۵۰ +۰٫۹۹۹
# جدول یادگرفته‌شده: ۶۴ جایگاه، هر کدام ۶۴ عدد
