# Exercise: the first three merges BPE learns from
# low ×5, lower ×2, newest ×6, widest ×3 (a word a line).
# Write them as a list of strings, e.g. ["ab", "abc", "xy"].
from lmdocs.exercises import check

answer = ...
check("tokenization.bpe-by-hand", answer)
