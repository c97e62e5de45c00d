# Exercise: the Persian/English ratio the bpe_cost demo
# shows at vocabulary 256. Predict it, then compute it.
from lmdocs.corpora import parallel_fa_en
from lmdocs.exercises import check

persian = "\n".join(fa for fa, _ in parallel_fa_en())
english = "\n".join(en for _, en in parallel_fa_en())
answer = ...  # a number, two decimals are enough
check("tokenization.byte-ratio", answer)
