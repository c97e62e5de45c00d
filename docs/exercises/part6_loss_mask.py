# Exercise: the user asks «سلام», the assistant answers «درود بر تو», in lmdocs.chat's template.
from lmdocs.exercises import check

answer = ...  # [characters in the whole text, characters counted by the SFT loss]
check("part6.loss-mask", answer)
