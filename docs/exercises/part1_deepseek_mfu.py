# Exercise: DeepSeek-V3: 37B active parameters, 14.8T tokens, 2,664,000 H800 GPU-hours
# of pre-training; an H800 peaks at 989e12 FLOP/s (dense BF16). What utilization?
from lmdocs.exercises import check

answer = ...  # a fraction: 0.5 means 50%
check("part1.deepseek-mfu", answer)
