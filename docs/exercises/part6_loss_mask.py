# Exercise: the two-message conversation of the question, in lmdocs.chat's template.
from lmdocs.exercises import check

answer = ...  # [characters in the whole text, characters counted by the SFT loss]
check("part6.loss-mask", answer)
