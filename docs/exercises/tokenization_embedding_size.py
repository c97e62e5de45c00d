# Exercise: parameters in Llama 3 8B's embedding table:
# a vocabulary of 128,256 tokens, vectors of 4,096 numbers.
from lmdocs.exercises import check

answer = ...  # a whole number (Python accepts 1_000_000)
check("tokenization.embedding-size", answer)
