# What a byte-level tokenizer starts from: UTF-8 bytes. An English letter is one byte, a
# Persian letter two, the zero-width non-joiner (ZWNJ) in "می‌خوانم" three, an emoji four.
from lmdocs.i18n import tr

for word in ["book", "کتاب", "می\u200cخوانم", "📚"]:
    data = word.encode("utf-8")
    hex_bytes = " ".join(f"{b:02x}" for b in data)
    print(tr("characters: {c}, bytes: {n} ({h})", "حرف‌ها: {c}، بایت‌ها: {n} ({h})", c=len(word), n=len(data), h=hex_bytes))

# Expected output (en):
# characters: 4, bytes: 4 (62 6f 6f 6b)
# characters: 4, bytes: 8 (da a9 d8 aa d8 a7 d8 a8)
# characters: 8, bytes: 17 (d9 85 db 8c e2 80 8c d8 ae d9 88 d8 a7 d9 86 d9 85)
# characters: 1, bytes: 4 (f0 9f 93 9a)
# Expected output (fa):
# حرف‌ها: ۴، بایت‌ها: ۴ (62 6f 6f 6b)
# حرف‌ها: ۴، بایت‌ها: ۸ (da a9 d8 aa d8 a7 d8 a8)
# حرف‌ها: ۸، بایت‌ها: ۱۷ (d9 85 db 8c e2 80 8c d8 ae d9 88 d8 a7 d9 86 d9 85)
# حرف‌ها: ۱، بایت‌ها: ۴ (f0 9f 93 9a)
