# log2 probabilities of four tokens: -1, -3, -2, -2.
from lmdocs.exercises import check

answer = ...  # the perplexity
check("part2.perplexity-from-logprobs", answer)
