# Exercise: dL/dh for dL/dh' = (1, 0), one step back.
# Two numbers, to three decimals: [first, second]
from lmdocs.exercises import check

answer = ...  # e.g. [0.123, -0.456]
check("part3.bptt-step", answer)
