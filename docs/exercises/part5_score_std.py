# Exercise: q and k have d_k = 64 independent entries of mean 0 and variance 1.
# What is the standard deviation of q·k (before dividing by the square root of d_k)?
from lmdocs.exercises import check

answer = ...  # a number
check("part5.score-std", answer)
