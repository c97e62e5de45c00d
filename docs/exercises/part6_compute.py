# Exercise 4: training compute, C ≈ 6ND, of two open models.
from lmdocs.exercises import check

answer = ...  # [Llama 3 405B, DeepSeek-V3] in FLOPs, e.g. 3.8e25
check("part6.compute", answer)
