# Exercise: GPT-2 small on T = 1024 tokens; the shapes of one block's attention weights and of the logits.
from lmdocs.exercises import check

answer = ...  # [[heads, T, T], [T, V]] with numbers in place of the letters
check("part4.gpt2-shapes", answer)
