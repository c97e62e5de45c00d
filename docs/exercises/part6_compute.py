# Exercise: training compute with C ≈ 6ND for Llama 3 405B and DeepSeek-V3.
from lmdocs.exercises import check

answer = ...  # [Llama 3 405B FLOPs, DeepSeek-V3 FLOPs]; write 3.8e25 for 3.8 × 10^25
check("part6.compute", answer)
