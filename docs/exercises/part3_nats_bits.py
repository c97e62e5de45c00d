# Exercise: 1.5 nats per character, in bits per character.
import math

from lmdocs.exercises import check

answer = ...  # a number; math.log(2) is ln 2
check("part3.nats-bits", answer)
