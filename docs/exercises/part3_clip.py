# Exercise: clip g = (6, 8) to a norm of at most 5.
from lmdocs.exercises import check

answer = ...  # the clipped gradient: [first, second]
check("part3.clip", answer)
