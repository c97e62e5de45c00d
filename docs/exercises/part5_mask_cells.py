# Exercise: the causal mask of T = 6 tokens.
# How many cells of the 6 × 6 grid are allowed (not masked)?
from lmdocs.exercises import check

answer = ...  # a whole number of cells
check("part5.mask-cells", answer)
