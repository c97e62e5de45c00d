# Exercise: a dense 7B model on 2T tokens, on H100s at 40% utilization.
# How many H100-days? (lmdocs.compute.estimate can help.)
from lmdocs.compute import estimate
from lmdocs.exercises import check

answer = ...  # a number of GPU-days
check("part1.gpu-days", answer)
