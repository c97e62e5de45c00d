# Exercise 3: which characters count in the SFT loss?
from lmdocs.exercises import check

answer = ...  # [all characters, characters in the loss]
check("part6.loss-mask", answer)
