# Multi-head attention: split the width into heads, attend in each, put the heads side by side.
from lmdocs.transformer.attention import merge_heads, multi_head_attention, split_heads

x = [[1.0, 0.0, 0.0, 1.0], [0.0, 1.0, 1.0, 0.0], [1.0, 1.0, 0.0, 0.0]]  # T = 3 tokens, C = 4
heads = split_heads(x, n_head=2)
print("x:", len(x), "x", len(x[0]), "-> heads:", len(heads), "x", len(heads[0]), "x", len(heads[0][0]))
print("head 0 sees", heads[0])
print("head 1 sees", heads[1])
print("merged back:", merge_heads(heads) == x)

out, weights = multi_head_attention(x, x, x, n_head=2, causal=True)
for h, w in enumerate(weights):
    print(f"head {h} weights of token 2:", [round(v, 3) for v in w[2]])
print("output:", len(out), "x", len(out[0]))

# Expected output:
# x: 3 x 4 -> heads: 2 x 3 x 2
# head 0 sees [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
# head 1 sees [[0.0, 1.0], [1.0, 0.0], [0.0, 0.0]]
# merged back: True
# head 0 weights of token 2: [0.248, 0.248, 0.503]
# head 1 weights of token 2: [0.333, 0.333, 0.333]
# output: 3 x 4
