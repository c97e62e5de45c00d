# The causal mask: a token may look at itself and at earlier tokens, never at later ones.
from lmdocs.i18n import num, tr
from lmdocs.transformer.attention import causal_mask, scaled_dot_product_attention

mask = causal_mask(4)
for row in mask:
    print(" ".join(num(1) if allowed else "." for allowed in row))

x = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.5, -0.5]]   # four tokens, q = k = v = x
_, weights = scaled_dot_product_attention(x, x, x, mask)
for row in weights:
    print("  ".join(num(w, ".2f") for w in row), tr("| sum {s:.1f}", "| جمع {s:.1f}", s=sum(row)))

# Expected output (en):
# 1 . . .
# 1 1 . .
# 1 1 1 .
# 1 1 1 1
# 1.00  0.00  0.00  0.00 | sum 1.0
# 0.33  0.67  0.00  0.00 | sum 1.0
# 0.25  0.25  0.50  0.00 | sum 1.0
# 0.31  0.15  0.22  0.31 | sum 1.0
# Expected output (fa):
# ۱ . . .
# ۱ ۱ . .
# ۱ ۱ ۱ .
# ۱ ۱ ۱ ۱
# ۱٫۰۰  ۰٫۰۰  ۰٫۰۰  ۰٫۰۰ | جمع ۱٫۰
# ۰٫۳۳  ۰٫۶۷  ۰٫۰۰  ۰٫۰۰ | جمع ۱٫۰
# ۰٫۲۵  ۰٫۲۵  ۰٫۵۰  ۰٫۰۰ | جمع ۱٫۰
# ۰٫۳۱  ۰٫۱۵  ۰٫۲۲  ۰٫۳۱ | جمع ۱٫۰
