# P_cont(فلک) / P_cont(رب) on Hafez.
from lmdocs.exercises import check

answer = ...  # how many times larger?
check("part2.continuation-ratio", answer)
