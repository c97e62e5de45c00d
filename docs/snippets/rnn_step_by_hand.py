# One step of a vanilla RNN by hand: h' = tanh(W h + U x + b), with x a one-hot character.
import math

from lmdocs.i18n import digits, tr
from lmdocs.rnn import CharRNN, CharTokenizer

tokenizer = CharTokenizer.from_text("ابی")  # three characters: ids 0, 1, 2
W = [[0.5, -0.25], [0.1, 0.2]]  # hidden -> hidden (2 x 2)
U = [[0.3, -0.1, 0.0], [0.2, 0.4, -0.5]]  # one-hot input -> hidden (2 x 3): column x is picked
b = [0.0, 0.1]
h = [1.0, -1.0]
x = tokenizer.encode("ب")[0]  # "ب" is character 1

z = [sum(W[i][j] * h[j] for j in range(2)) + U[i][x] + b[i] for i in range(2)]
h_next = [math.tanh(v) for v in z]
print(tr("By hand:", "با دست:"))
print(digits(f"z  = {[round(v, 4) for v in z]}"))
print(digits(f"h' = {[round(v, 4) for v in h_next]}"))

# The same step with lmdocs.rnn: its Wx is U transposed (row x = the column that x picks).
model = CharRNN(tokenizer, cell="rnn", hidden_size=2,
                params={"Wx": [list(col) for col in zip(*U)], "Wh": W, "b": b,
                        "Wy": [[0.0, 0.0]] * 3, "by": [0.0] * 3})
(h_lib,) = model.cell.step(x, (h,))
print(tr("The same step with lmdocs.rnn:", "همان قدم با lmdocs.rnn:"))
print(digits(f"h' = {[round(v, 4) for v in h_lib]}"))

# Expected output (en):
# By hand:
# z  = [0.65, 0.4]
# h' = [0.5717, 0.3799]
# The same step with lmdocs.rnn:
# h' = [0.5717, 0.3799]
# Expected output (fa):
# با دست:
# z  = [۰٫۶۵, ۰٫۴]
# h' = [۰٫۵۷۱۷, ۰٫۳۷۹۹]
# همان قدم با lmdocs.rnn:
# h' = [۰٫۵۷۱۷, ۰٫۳۷۹۹]
