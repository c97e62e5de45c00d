# Exercise: how many UTF-8 bytes in «کتاب‌ها» (books)?
# Count by hand first; the cell can check len(....encode()).
from lmdocs.exercises import check

answer = ...  # a whole number
check("tokenization.utf8-bytes", answer)
