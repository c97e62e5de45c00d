# Exercise: x = [4, 8, 0, 12], one number per token, averaged over the past.
# What does position 2 (the third token) get?
from lmdocs.exercises import check

answer = ...  # a number
check("part5.average-past", answer)
