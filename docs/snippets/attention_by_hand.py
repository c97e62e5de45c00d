# Scaled dot-product attention on three tokens, by hand: scores, softmax, weighted average.
import math

from lmdocs.transformer.attention import scaled_dot_product_attention

q = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]   # what each token looks for
k = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]   # what each token offers
v = [[10.0, 0.0], [0.0, 10.0], [5.0, 5.0]]  # what each token passes on

d = len(q[0])
scores = [[sum(a * b for a, b in zip(qi, kj)) / math.sqrt(d) for kj in k] for qi in q]
for i, row in enumerate(scores):
    exps = [math.exp(s) for s in row]
    weights = [e / sum(exps) for e in exps]
    print(f"token {i}: scores {[round(s, 3) for s in row]} -> weights {[round(w, 3) for w in weights]}")

out, weights = scaled_dot_product_attention(q, k, v)  # the same, in one call
for i, row in enumerate(out):
    print(f"output {i}: {[round(x, 3) for x in row]}")

# Expected output:
# token 0: scores [0.707, 0.0, 0.707] -> weights [0.401, 0.198, 0.401]
# token 1: scores [0.0, 0.707, 0.707] -> weights [0.198, 0.401, 0.401]
# token 2: scores [0.707, 0.707, 1.414] -> weights [0.248, 0.248, 0.503]
# output 0: [6.017, 3.983]
# output 1: [3.983, 6.017]
# output 2: [5.0, 5.0]
