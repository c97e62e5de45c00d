# The causal mask: a letter may look at itself and at earlier letters, never at later ones.
from lmdocs.transformer.attention import causal_mask, scaled_dot_product_attention

mask = causal_mask(4)
for row in mask:
    print(" ".join("1" if allowed else "." for allowed in row))

x = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.5, -0.5]]   # four tokens, q = k = v = x
_, weights = scaled_dot_product_attention(x, x, x, mask)
for row in weights:
    print("  ".join(f"{w:.2f}" for w in row), "| sum", round(sum(row), 6))

# Expected output:
# 1 . . .
# 1 1 . .
# 1 1 1 .
# 1 1 1 1
# 1.00  0.00  0.00  0.00 | sum 1.0
# 0.33  0.67  0.00  0.00 | sum 1.0
# 0.25  0.25  0.50  0.00 | sum 1.0
# 0.31  0.15  0.22  0.31 | sum 1.0
