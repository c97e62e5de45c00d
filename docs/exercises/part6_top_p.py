# Exercise: top-p with p = 0.8 on «ن» 0.5, «م» 0.2, «ر» 0.15, «ت» 0.1, «ش» 0.05.
from lmdocs.exercises import check

answer = ...  # the kept characters and their renormalized probabilities, e.g. {"ن": 0.6, ...}
check("part6.top-p", answer)
