# A uniform model over 8 symbols: its perplexity?
from lmdocs.exercises import check

answer = ...  # write your number here
check("part2.uniform-perplexity", answer)
