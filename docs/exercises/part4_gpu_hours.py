# Exercise: GPT-2 small (124,439,808 parameters) on 10 billion tokens, one H100 at 40% of 989 TFLOP/s.
from lmdocs.exercises import check

answer = ...  # hours
check("part4.gpu-hours", answer)
