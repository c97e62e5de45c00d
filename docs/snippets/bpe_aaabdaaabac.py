# Byte pair encoding on Wikipedia's example: learn merges from "aaabdaaabac", then watch
# the text shrink one merge at a time. Ids 0-255 are bytes ('a' is 97); new tokens get 256, 257, ...
from lmdocs.bpe import train, trace
from lmdocs.i18n import tr

text = "aaabdaaabac"
tokenizer = train(text, vocab_size=300)  # stops early: after 3 merges no pair occurs twice
for merge in tokenizer.merges:
    print(merge, "->", tokenizer.merged_id(merge), tokenizer.pieces([tokenizer.merged_id(merge)]))

for step in trace(tokenizer, text):
    pieces = " ".join(tokenizer.pieces(step.tokens))
    print(tr("{n} tokens: {pieces}", "{n} توکن: {pieces}", n=len(step.tokens), pieces=pieces))

# Expected output (en):
# (97, 97) -> 256 ['aa']
# (97, 98) -> 257 ['ab']
# (256, 257) -> 258 ['aaab']
# 11 tokens: a a a b d a a a b a c
# 9 tokens: aa a b d aa a b a c
# 7 tokens: aa ab d aa ab a c
# 5 tokens: aaab d aaab a c
# Expected output (fa):
# (97, 97) -> 256 ['aa']
# (97, 98) -> 257 ['ab']
# (256, 257) -> 258 ['aaab']
# ۱۱ توکن: a a a b d a a a b a c
# ۹ توکن: aa a b d aa a b a c
# ۷ توکن: aa ab d aa ab a c
# ۵ توکن: aaab d aaab a c
