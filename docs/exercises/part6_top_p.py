# Exercise: top-p with p = 0.8 on the five probabilities of the question.
from lmdocs.exercises import check

answer = ...  # the kept characters and their renormalized probabilities, e.g. {"ن": 0.6, ...}
check("part6.top-p", answer)
