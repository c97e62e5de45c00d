# Exercise: parameters of an LSTM layer, H = 64, V = 38.
# One bias vector per gate; no output layer.
from lmdocs.exercises import check

answer = ...  # a whole number
check("part3.lstm-params", answer)
