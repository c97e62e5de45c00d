# Exercise: pad a vocabulary of 48,013 tokens to a multiple of 64; C = 768.
from lmdocs.exercises import check

answer = ...  # [rows after padding, parameters the extra rows add]
check("part4.padded-vocab", answer)
