# Exercise: the small model's guess for the next byte has
# probabilities 1/2, 1/4, 1/8, 1/8. Its entropy in bits?
from lmdocs.exercises import check

answer = ...  # a number
check("tokenization.entropy-bits", answer)
