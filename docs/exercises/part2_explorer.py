# The explorer: Hafez, n = 2, context یا.
from lmdocs.exercises import check

answer = ...  # the top word's probability, 2 decimals
check("part2.explorer-after-ya", answer)
