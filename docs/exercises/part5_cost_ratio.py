# Exercise: one head's score table at T = 1024 (GPT-2) against T = 64 (the Hafez GPT).
# How many times more entries?
from lmdocs.exercises import check

answer = ...  # a whole number
check("part5.cost-ratio", answer)
