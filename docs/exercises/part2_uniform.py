# Exercise: a model gives each of 8 symbols the probability 1/8. What is its perplexity?
from lmdocs.exercises import check

answer = ...  # write your number here
check("part2.uniform-perplexity", answer)
