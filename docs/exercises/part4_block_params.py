# Exercise: the parameters of one GPT-2 small block, C = 768, biases included.
from lmdocs.exercises import check

answer = ...  # a whole number
check("part4.block-params", answer)
