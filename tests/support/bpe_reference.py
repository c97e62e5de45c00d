"""Independent references for the lmdocs.bpe tests: Hugging Face tokenizers and a naive trainer.

- bytes_to_unicode: GPT-2's printable stand-ins for the 256 bytes, as tokenizers' ByteLevel uses;
- hf_chunks: tokenizers' own GPT-2 pre-tokenisation (the `\\p{L}` pattern, Oniguruma);
- to_huggingface: a tokenizers BPE model from an lmdocs tokenizer's vocabulary and merges;
- huggingface_merges: what tokenizers' BpeTrainer learns, in its order;
- naive_train: BPE the slow, obvious way (recount everything before every merge).
"""
from __future__ import annotations

import json
import os

os.environ.setdefault("RAYON_NUM_THREADS", "1")  # tokenizers' trainer: one thread, repeatable

from tokenizers import Tokenizer as HFTokenizer  # noqa: E402 - after the thread setting
from tokenizers import decoders, models, pre_tokenizers, trainers  # noqa: E402

from lmdocs.bpe import Tokenizer  # noqa: E402


def bytes_to_unicode() -> dict[int, str]:
    """GPT-2's printable stand-in for each byte: printable Latin-1 bytes stand for themselves,
    the other 68 bytes (control characters, space, ...) become chr(256 + n) in byte order."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    others = [b for b in range(256) if b not in printable]
    return {**{b: chr(b) for b in printable}, **{b: chr(256 + n) for n, b in enumerate(others)}}


def to_huggingface(tokenizer: Tokenizer) -> HFTokenizer:
    """A tokenizers BPE model with lmdocs's vocabulary, ids and merges (in rank order)."""
    stand_in = bytes_to_unicode()
    spell = lambda token_id: "".join(stand_in[b] for b in tokenizer.vocab[token_id])  # noqa: E731
    vocab = {spell(i): i for i in tokenizer.vocab}
    merges = [(spell(left), spell(right)) for left, right in tokenizer.merges]
    reference = HFTokenizer(models.BPE(vocab=vocab, merges=merges))
    reference.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    reference.decoder = decoders.ByteLevel()
    return reference


HF_PRETOKENIZER = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
FROM_STAND_IN = {char: byte for byte, char in bytes_to_unicode().items()}


def hf_chunks(text: str) -> list[bytes]:
    """The chunks of `text` as tokenizers' GPT-2 pattern cuts them, as bytes."""
    return [bytes(FROM_STAND_IN[c] for c in piece) for piece, _ in HF_PRETOKENIZER.pre_tokenize_str(text)]


def tie_order(pair: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    """tokenizers' order on a tie: its BpeTrainer numbers the byte alphabet by the code point of
    each byte's printable stand-in, learned tokens after it in the order they were made, and
    takes the smallest pair of numbers."""
    stand_in = bytes_to_unicode()
    return tuple((0, ord(stand_in[t])) if t < 256 else (1, t) for t in pair)


def naive_train(text: str, vocab_size: int, min_frequency: int = 2) -> list[tuple[int, int]]:
    """BPE the slow, obvious way: recount every pair of every chunk before each merge; ties go
    to the smaller pair in tokenizers' order (tie_order)."""
    words = [list(chunk) for chunk in hf_chunks(text)]
    spelling = {i: bytes([i]) for i in range(256)}
    merges = []
    while len(spelling) < vocab_size:
        counts: dict[tuple[int, int], int] = {}
        for word in words:
            for pair in zip(word, word[1:]):
                counts[pair] = counts.get(pair, 0) + 1
        if not counts:
            break
        most = max(counts.values())   # the most frequent pairs; among them the smallest
        best = min((pair for pair, count in counts.items() if count == most), key=tie_order)
        if counts[best] < min_frequency:
            break
        token = spelling[best[0]] + spelling[best[1]]
        new_id = next((i for i, b in spelling.items() if b == token), len(spelling))
        spelling[new_id] = token
        merges.append(best)
        words = [merge_left_to_right(word, best, new_id) for word in words]
    return merges


def merge_left_to_right(word: list[int], pair: tuple[int, int], new_id: int) -> list[int]:
    out, i = [], 0
    while i < len(word):
        if tuple(word[i:i + 2]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(word[i])
            i += 1
    return out


def huggingface_merges(text: str, vocab_size: int) -> list[bytes]:
    """The tokens tokenizers' BpeTrainer learns, in its order, as bytes."""
    reference = HFTokenizer(models.BPE())
    reference.pre_tokenizer = HF_PRETOKENIZER
    reference.train_from_iterator([text], trainers.BpeTrainer(
        vocab_size=vocab_size, min_frequency=2, show_progress=False,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    merges = json.loads(reference.to_str())["model"]["merges"]
    as_bytes = lambda token: bytes(FROM_STAND_IN[c] for c in token)  # noqa: E731
    return [as_bytes(left) + as_bytes(right) for left, right in merges]
