# Multi-head attention: each head projects the WHOLE vector of every token with its own W_Q, W_K, W_V
# into a small space, attends there, and W_O mixes the heads' outputs back into one vector per token.
import random

from lmdocs.i18n import digits, tr
from lmdocs.transformer.attention import multi_head_attention, split_heads
from lmdocs.transformer.ops import linear

x = [[1.0, 0.0, 0.0, 1.0], [0.0, 1.0, 1.0, 0.0], [1.0, 1.0, 0.0, 0.0]]  # T = 3 tokens, C = 4
C, n_head = 4, 2
hs = C // n_head                                    # each head works in hs = 2 numbers

rng = random.Random(22)
def weights(rows, cols):
    return [[round(rng.uniform(-2, 2), 1) for _ in range(cols)] for _ in range(rows)]
# (out, in) layout, like torch.nn.Linear: output number o is the dot product of x with row o.
W_Q, W_K, W_V, W_O = weights(C, C), weights(C, C), weights(C, C), weights(C, C)

# Head 0 on its own: its W_Q^(0) is 2 rows of W_Q, and each of those rows reads all 4 numbers of x.
q0 = linear(x, W_Q[:hs])                             # (T, hs)
print(tr("W_Q of head 0: {r} x {c}, reads all {c} numbers of each token",
         "سر ۰: W_Q آن {r} در {c} است و هر {c} عدد هر توکن را می‌خواند", r=len(W_Q[:hs]), c=len(W_Q[0])))

# All heads at once: one big projection, then split the *projected* Q, K, V into heads.
Q, K, V = linear(x, W_Q), linear(x, W_K), linear(x, W_V)          # (T, C) each
print(tr("head 0's queries = first {hs} columns of x W_Q: {same}",
         "پرسش‌های سر ۰ = {hs} ستون اول x W_Q: {same}", hs=hs,
         same=tr("yes", "بله") if split_heads(Q, n_head)[0] == q0 else tr("no", "نه")))

heads_out, attn = multi_head_attention(Q, K, V, n_head, causal=True)   # (T, C), (n_head, T, T)
y = linear(heads_out, W_O)                                              # W_O mixes the heads
for h, w in enumerate(attn):
    print(tr("head {h}, weights of token 2: {w}", "سر {h}، وزن‌های توکن ۲: {w}",
             h=h, w=digits(str([round(v, 3) for v in w[2]]))))
for t, row in enumerate(y):
    print(tr("output {t}: {o}", "خروجی {t}: {o}", t=t, o=digits(str([round(v, 3) for v in row]))))

# Expected output (en):
# W_Q of head 0: 2 x 4, reads all 4 numbers of each token
# head 0's queries = first 2 columns of x W_Q: yes
# head 0, weights of token 2: [0.086, 0.014, 0.9]
# head 1, weights of token 2: [0.849, 0.01, 0.141]
# output 0: [2.05, -1.12, 0.95, 1.99]
# output 1: [3.496, -1.693, 3.477, -1.138]
# output 2: [1.062, -0.577, 1.765, 0.934]
# Expected output (fa):
# سر ۰: W_Q آن ۲ در ۴ است و هر ۴ عدد هر توکن را می‌خواند
# پرسش‌های سر ۰ = ۲ ستون اول x W_Q: بله
# سر ۰، وزن‌های توکن ۲: [۰٫۰۸۶, ۰٫۰۱۴, ۰٫۹]
# سر ۱، وزن‌های توکن ۲: [۰٫۸۴۹, ۰٫۰۱, ۰٫۱۴۱]
# خروجی ۰: [۲٫۰۵, -۱٫۱۲, ۰٫۹۵, ۱٫۹۹]
# خروجی ۱: [۳٫۴۹۶, -۱٫۶۹۳, ۳٫۴۷۷, -۱٫۱۳۸]
# خروجی ۲: [۱٫۰۶۲, -۰٫۵۷۷, ۱٫۷۶۵, ۰٫۹۳۴]
