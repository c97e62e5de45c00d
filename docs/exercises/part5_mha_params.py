# Exercise: one multi-head attention layer with C = 64 and 4 heads, with biases.
# How many parameters do W_Q, W_K, W_V and W_O hold together?
from lmdocs.exercises import check

answer = ...  # a whole number of parameters
check("part5.mha-params", answer)
