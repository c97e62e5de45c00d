# Attention starts as an average: each token takes the mean of itself and of every token before it.
# Three ways to compute the same thing: a loop, one lower-triangular matrix, a softmax of equal scores.
from lmdocs.i18n import digits, tr
from lmdocs.transformer.attention import causal_mask, scaled_dot_product_attention

x = [[4.0, 0.0], [8.0, 2.0], [0.0, 4.0], [12.0, 6.0]]   # T = 4 tokens, 2 numbers each
T, C = len(x), len(x[0])

# 1. A loop: token t averages rows 0..t of x.
loop = [[sum(row[c] for row in x[:t + 1]) / (t + 1) for c in range(C)] for t in range(T)]

# 2. One matrix product: row t of W holds 1/(t+1) in columns 0..t and 0 after (a lower triangle).
W = [[1 / (t + 1) if s <= t else 0.0 for s in range(T)] for t in range(T)]
matmul = [[sum(W[t][s] * x[s][c] for s in range(T)) for c in range(C)] for t in range(T)]
for t in range(T):
    print(tr("row {t} of W: {w}", "سطر {t} از W: {w}", t=t, w=digits(str([round(w, 2) for w in W[t]]))))

# 3. Attention with equal scores: q = k = 0 gives every allowed position the same weight.
zeros = [[0.0] * C for _ in range(T)]
out, weights = scaled_dot_product_attention(zeros, zeros, x, causal_mask(T))

for t in range(T):
    print(tr("token {t}: average {a}", "توکن {t}: میانگین {a}", t=t, a=digits(str(out[t]))))
same = all(abs(a - b) < 1e-12 and abs(a - c) < 1e-12
           for r1, r2, r3 in zip(loop, matmul, out) for a, b, c in zip(r1, r2, r3))
print(tr("loop, matrix and attention agree: {same}", "حلقه، ماتریس و توجه یکی‌اند: {same}",
         same=tr("yes", "بله") if same else tr("no", "نه")))

# Expected output (en):
# row 0 of W: [1.0, 0.0, 0.0, 0.0]
# row 1 of W: [0.5, 0.5, 0.0, 0.0]
# row 2 of W: [0.33, 0.33, 0.33, 0.0]
# row 3 of W: [0.25, 0.25, 0.25, 0.25]
# token 0: average [4.0, 0.0]
# token 1: average [6.0, 1.0]
# token 2: average [4.0, 2.0]
# token 3: average [6.0, 3.0]
# loop, matrix and attention agree: yes
# Expected output (fa):
# سطر ۰ از W: [۱٫۰, ۰٫۰, ۰٫۰, ۰٫۰]
# سطر ۱ از W: [۰٫۵, ۰٫۵, ۰٫۰, ۰٫۰]
# سطر ۲ از W: [۰٫۳۳, ۰٫۳۳, ۰٫۳۳, ۰٫۰]
# سطر ۳ از W: [۰٫۲۵, ۰٫۲۵, ۰٫۲۵, ۰٫۲۵]
# توکن ۰: میانگین [۴٫۰, ۰٫۰]
# توکن ۱: میانگین [۶٫۰, ۱٫۰]
# توکن ۲: میانگین [۴٫۰, ۲٫۰]
# توکن ۳: میانگین [۶٫۰, ۳٫۰]
# حلقه، ماتریس و توجه یکی‌اند: بله
