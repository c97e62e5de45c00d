# Exercise: one token through a bias-free linear layer y = W x, W is 1000 × 1000.
# FLOPs of: the forward pass, the gradient w.r.t. x, the gradient w.r.t. W.
from lmdocs.exercises import check

answer = ...  # three whole numbers: [forward, input gradient, weight gradient]
check("part1.six-nd", answer)
