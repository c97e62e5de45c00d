# Train a small BPE tokenizer on 30 ghazals of Hafez, then encode and decode a line it
# never saw, with a ZWNJ and an emoji: decoding gives back exactly the same text.
from lmdocs.bpe import train
from lmdocs.corpora import hafez_ghazals
from lmdocs.i18n import tr

poems = "\n".join(line for ghazal in hafez_ghazals()[:30] for line in ghazal)
tokenizer = train(poems, vocab_size=500)

line = "بیا که قصر امل سخت سست‌بنیاد است 🌹"
ids = tokenizer.encode(line)
print(tr("{b} bytes -> {t} tokens", "{b} بایت ← {t} توکن", b=len(line.encode("utf-8")), t=len(ids)))
print(tokenizer.pieces(ids)[:6])
print(tokenizer.decode(ids) == line)

# Expected output (en):
# 64 bytes -> 25 tokens
# ['ب', 'ی', 'ا', ' که', ' ق', 'ص']
# True
# Expected output (fa):
# ۶۴ بایت ← ۲۵ توکن
# ['ب', 'ی', 'ا', ' که', ' ق', 'ص']
# True
