# Probability of خانه after به (3 sentences above).
from lmdocs.exercises import check

answer = ...  # a number, or a fraction such as 1/4
check("part2.bigram-by-hand", answer)
