# Exercise: each step back multiplies the gradient by 0.7.
# After how many steps is less than 1/1000 of it left?
from lmdocs.exercises import check

answer = ...  # a whole number of steps
check("part3.vanish-steps", answer)
