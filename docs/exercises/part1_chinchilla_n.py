# Exercise: a budget of C = 1e24 FLOPs, spent the Chinchilla way (D = 20 N tokens).
# How many parameters N should the model have?
import math

from lmdocs.exercises import check

answer = ...  # a number of parameters, e.g. 5e10
check("part1.chinchilla-n", answer)
