# Exercise 1: top-p with p = 0.8, by hand.
from lmdocs.exercises import check

answer = ...  # {character: probability} for the kept ones
check("part6.top-p", answer)
