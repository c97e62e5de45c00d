# Exercise: q = (1, 1, 1, 1); keys (1, 1, 1, 1), (1, 1, 0, 0), (0, 0, 0, 0); values (1, 0), (0, 1), (1, 1).
# The attention output, to three decimals: [first, second]
from lmdocs.exercises import check

answer = ...  # e.g. [0.123, 0.456]
check("part5.one-output", answer)
