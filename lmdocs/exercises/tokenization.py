"""Exercises of the tokenization article; the page is docs/tokenization.md.

    >>> from lmdocs.exercises import reference
    >>> reference("tokenization.bpe-by-hand")
    ['es', 'est', 'lo']
"""
from __future__ import annotations

import math

from lmdocs.exercises.registry import exercise

# Exercise 1: Sennrich et al.'s classic word counts, one word a line (no merge crosses a line).
HAND_TEXT = "low\n" * 5 + "lower\n" * 2 + "newest\n" * 6 + "widest\n" * 3
# Llama 3 8B: its vocabulary and the width of its vectors (model config: vocab_size, hidden_size).
LLAMA3_VOCAB, LLAMA3_WIDTH = 128_256, 4_096


@exercise("tokenization.bpe-by-hand",
          hint_en="count the pairs inside each word times the word's count; on a tie take the pair first in "
                  "alphabetical order, and after each merge count again.",
          hint_fa="جفت‌های درون هر کلمه را ضرب در تعداد آن کلمه بشمارید؛ در تساوی، جفتی که در ترتیب الفبایی "
                  "جلوتر است برنده است؛ بعد از هر ادغام دوباره بشمارید.")
def bpe_by_hand() -> list[str]:
    """The first three merges BPE learns from HAND_TEXT, as strings."""
    from lmdocs.bpe import train
    tokenizer = train(HAND_TEXT, vocab_size=256 + 3)
    return [tokenizer.pieces([tokenizer.merged_id(pair)])[0] for pair in tokenizer.merges]


@exercise("tokenization.utf8-bytes",
          hint_en="a Persian letter is two bytes in UTF-8 and the zero-width non-joiner three.",
          hint_fa="هر حرف فارسی در UTF-8 دو بایت است و نیم‌فاصله سه بایت.")
def utf8_bytes() -> int:
    """The UTF-8 length of «کتاب‌ها» (books): six letters and one zero-width non-joiner."""
    return len("کتاب\u200cها".encode("utf-8"))


@exercise("tokenization.byte-ratio", rel_tol=1e-2,
          hint_en="with the 256 bytes alone, a token is a byte: divide the UTF-8 length of the Persian text by "
                  "that of the English text.",
          hint_fa="با ۲۵۶ بایت تنها، هر توکن یک بایت است: طول UTF-8 متن فارسی را بر طول متن انگلیسی تقسیم کنید.")
def byte_ratio() -> float:
    """Persian/English tokens of the 16 sentence pairs at vocabulary 256, as the bpe_cost demo shows them."""
    from lmdocs.corpora import parallel_fa_en
    persian = "\n".join(fa for fa, _ in parallel_fa_en())
    english = "\n".join(en for _, en in parallel_fa_en())
    return len(persian.encode("utf-8")) / len(english.encode("utf-8"))


@exercise("tokenization.embedding-size",
          hint_en="the table has one row per token of the vocabulary, and each row is a vector as wide as "
                  "the model.",
          hint_fa="جدول برای هر توکن واژگان یک سطر دارد و هر سطر برداری به پهنای مدل است.")
def embedding_size() -> int:
    """Parameters of Llama 3 8B's embedding table: 128,256 rows of 4,096 numbers."""
    return LLAMA3_VOCAB * LLAMA3_WIDTH


@exercise("tokenization.entropy-bits",
          hint_en="H = −Σ p log2 p: a probability of 1/2 adds 1/2 × 1 bit, 1/4 adds 1/4 × 2 bits, and so on.",
          hint_fa="H = −Σ p log2 p: احتمال ۱/۲ سهم ۱/۲ × ۱ بیت دارد، احتمال ۱/۴ سهم ۱/۴ × ۲ بیت، و همین‌طور.")
def entropy_bits() -> float:
    """Entropy of a next-byte guess with probabilities 1/2, 1/4, 1/8, 1/8."""
    return -sum(p * math.log2(p) for p in (1 / 2, 1 / 4, 1 / 8, 1 / 8))
