# Exercise 5: how much does L(N) fall when N grows tenfold?
from lmdocs.exercises import check

answer = ...  # a fraction, e.g. 0.5 for "by half"
check("part6.scaling", answer)
