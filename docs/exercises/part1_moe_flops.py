# Exercise: Kimi K2, a mixture of experts: 1.04T parameters, 32B active per token,
# 15.5T training tokens. About how many FLOPs did its pre-training take?
from lmdocs.exercises import check

answer = ...  # a number, e.g. 1.2e24
check("part1.moe-flops", answer)
