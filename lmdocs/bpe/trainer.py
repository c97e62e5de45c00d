"""Learn BPE merges from text, keeping the pair counts up to date incrementally.

BPE training repeats one step: find the most frequent pair of adjacent tokens and merge it
into a new token. Recounting every pair after every merge costs a pass over the whole
text per merge (768 passes for a 1024-token vocabulary). Here the text is cut into chunks
(lmdocs.bpe.pretokenize), equal chunks are counted once, and a merge only revisits the
chunks that contain the merged pair, subtracting their old pairs and adding their new ones.

Wikipedia's example, worked by hand ('a'=97, 'b'=98; ids 256, 257, 258 are new):

    aaabdaaabac   pairs: aa 4, ab 2, ...       -> merge aa  -> 256 ('Z')
    ZabdZabac     pairs: Za 2, ab 2, ...       -> tie: smaller pair (97, 98) < (256, 97) -> ab -> 257 ('Y')
    ZYdZYac       pairs: ZY 2, others 1        -> merge ZY  -> 258 ('X')
    XdXac         no pair occurs twice: stop (min_frequency=2)

>>> train("aaabdaaabac", vocab_size=300).merges
[(97, 97), (97, 98), (256, 257)]

Ties: the pair with the larger count wins; among equal counts, the smaller pair, as
Hugging Face tokenizers' BpeTrainer decides it. tokenizers numbers the 256 bytes by their GPT-2
printable stand-ins (bytes_to_unicode: the printable Latin-1 bytes '!'..'~', '¡'..'¬', '®'..'ÿ'
stand for themselves, the other 68 become chr(256 + n)), so on a tie every printable byte comes
before space, newline and the continuation bytes 0x80..0xA0: between ' a' and 'ab' it takes 'ab',
and in the zero-width non-joiner (bytes E2 80 8C) it merges E2 80 before 80 8C. Learned tokens
(ids 256, 257, ...) come after every byte in both. tests/unit/bpe/test_bpe_train.py checks the
rule on constructed ties and that Hafez and English text give tokenizers' merges in its order.
Overlaps count like in tokenizers: 'aaa' holds the pair (a, a) twice, but merging it
gives 'Z a' (left to right).
"""
from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lmdocs.bpe.pretokenize import pretokenize
from lmdocs.bpe.tokenizer import Pair, Tokenizer


# Ties are broken as tokenizers does: bytes ordered by their GPT-2 printable stand-in. Training
# relabels byte b as TIE_RANK[b] (a permutation of 0..255; learned ids >= 256 keep their number),
# so comparing pairs of labels compares them in that order; BYTE_OF_RANK maps a label back.
_PRINTABLE = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
BYTE_OF_RANK = _PRINTABLE + [b for b in range(256) if b not in _PRINTABLE]
TIE_RANK = {b: rank for rank, b in enumerate(BYTE_OF_RANK)}
_TO_LABELS = str.maketrans({chr(b): chr(rank) for b, rank in TIE_RANK.items()})


def _token_id(label: str) -> int:
    """The token id behind a training label (a byte's tie rank, or a learned id unchanged)."""
    code = ord(label)
    return BYTE_OF_RANK[code] if code < 256 else code


@dataclass(frozen=True)
class Merge:
    """One training step: `pair` became token `id`, seen `count` times in the text."""
    rank: int      # 0 for the first merge learned
    pair: Pair
    id: int
    count: int
    token: bytes   # the bytes the new token stands for


def train(text: str, vocab_size: int, *, special_tokens: Sequence[str] = (), min_frequency: int = 2,
          on_merge: Callable[[Merge], bool | None] | None = None) -> Tokenizer:
    """Learn merges from `text` until the vocabulary has `vocab_size` ids.

    vocab_size counts the 256 bytes, the learned tokens and the special tokens. Training
    stops early when no pair occurs `min_frequency` times, or when `on_merge` (called after
    every merge, for progress) returns False; the tokenizer learned so far is returned.
    Special-token strings in `text` are cut out, so no merge crosses or learns them. An empty
    text (or one holding nothing but special tokens) raises ValueError.
    """
    if not isinstance(text, str):
        raise TypeError(f"train expects text (str), got {type(text).__name__}.")
    _check_sizes(vocab_size, len(special_tokens), min_frequency)
    tokenizer = Tokenizer()
    chunks = _count_chunks(text, special_tokens)
    if not chunks:
        raise ValueError("the training text is empty" + (" once its special tokens are cut out" if text else "")
                         + ": BPE learns its merges from the text, so give it some.")
    # A chunk is held as a str with one character per token: chr(TIE_RANK[byte]) for a byte,
    # chr(id) for a learned token. Merging a pair is then str.replace (left to right,
    # non-overlapping, as BPE merges), which runs in C; comparing two pairs as strings
    # compares them in tokenizers' tie order.
    words = [chunk.encode("utf-8").decode("latin-1").translate(_TO_LABELS) for chunk in chunks]
    freqs = list(chunks.values())
    counts, where = _count_pairs(words, freqs)
    heap = [(-count, pair) for pair, count in counts.items()]
    heapq.heapify(heap)
    while len(tokenizer.vocab) < vocab_size - len(special_tokens):
        pair, count = _most_frequent(heap, counts)
        if count < min_frequency:
            break
        ids = (_token_id(pair[0]), _token_id(pair[1]))
        # A pair can come back after its merge only when a later merge spelled one of its
        # tokens again (same bytes, same id); it then reuses its first merge.
        new_id = tokenizer.merged_id(ids) or tokenizer._add_merge(ids)
        for new_pair in _apply_merge(pair, chr(new_id), words, freqs, counts, where):
            heapq.heappush(heap, (-counts[new_pair], new_pair))
        step = Merge(tokenizer.rank(ids), ids, new_id, count, tokenizer.vocab[new_id])
        if on_merge is not None and on_merge(step) is False:
            break
    for special in special_tokens:
        tokenizer._add_special(special)
    return tokenizer


def _check_sizes(vocab_size: int, n_special: int, min_frequency: int) -> None:
    if not isinstance(vocab_size, int) or vocab_size < 256 + n_special:
        raise ValueError(f"vocab_size must be an integer of at least {256 + n_special} (the 256 byte "
                         f"tokens plus {n_special} special tokens), got {vocab_size!r}.")
    if not isinstance(min_frequency, int) or min_frequency < 1:
        raise ValueError(f"min_frequency must be an integer >= 1, got {min_frequency!r}.")


def _count_chunks(text: str, special_tokens: Sequence[str]) -> Counter[str]:
    """How often each pre-tokenised chunk occurs: 'to be or not to be' -> {' be': 2, ...}."""
    parts = [text]
    if special_tokens:
        parts = re.split("|".join(map(re.escape, special_tokens)), text)
    return Counter(chunk for part in parts for chunk in pretokenize(part))


def _count_pairs(words: list[str], freqs: list[int]) -> tuple[dict[str, int], dict[str, set[int]]]:
    """Pair counts over all chunks, and for each pair the chunks (indices) holding it.

    A pair of tokens is the 2-character string of their labels (see TIE_RANK); comparing two
    such strings orders them like tokenizers' tuples of ids. With letters for labels:
    ['abc'] with freqs [5] -> counts {'ab': 5, 'bc': 5}, where {'ab': {0}, 'bc': {0}}
    """
    counts: dict[str, int] = {}
    where: dict[str, set[int]] = {}
    for index, (word, freq) in enumerate(zip(words, freqs)):
        for i in range(len(word) - 1):
            pair = word[i:i + 2]
            counts[pair] = counts.get(pair, 0) + freq
            where.setdefault(pair, set()).add(index)
    return counts, where


def _most_frequent(heap: list[tuple[int, str]], counts: dict[str, int]) -> tuple[str, int]:
    """Pop the pair with the highest count (ties: the smaller pair of labels); ('', 0) if none.

    The heap is lazy: an entry whose count is out of date (the pair lost occurrences to
    an earlier merge) is pushed back with its current count. Counts only grow for pairs
    holding the newest token, and those are pushed fresh after each merge.
    """
    while heap:
        negative_count, pair = heapq.heappop(heap)
        count = counts.get(pair, 0)
        if count == -negative_count:
            return pair, count
        if count > 0:
            heapq.heappush(heap, (-count, pair))
    return "", 0


def _apply_merge(pair: str, new: str, words: list[str], freqs: list[int],
                 counts: dict[str, int], where: dict[str, set[int]]) -> set[str]:
    """Merge `pair` into the token `new` in every chunk holding it; return the new pairs.

    Only the neighbours of each occurrence change. In 'xaby' merging 'ab' -> 'Z':
    xa -1, xZ +1, by -1, Zy +1 (and ab itself, which is dropped afterwards). When two
    occurrences touch ('abab'), the second sees the first's 'Z' as its left neighbour.
    """
    left, right = pair
    changed: set[str] = set()
    for index in where.pop(pair):
        word = words[index]
        i = word.find(pair)
        if i < 0:
            continue  # stale index: an earlier merge already took this chunk's pair
        freq, end, last = freqs[index], -1, len(word) - 2
        while i >= 0:
            if i > 0:
                before = new if i == end else word[i - 1]
                counts[before + left] -= freq
                _add(before + new, index, freq, counts, where, changed)
            if i < last:
                after = word[i + 2]
                counts[right + after] -= freq
                _add(new + after, index, freq, counts, where, changed)
            end = i + 2
            i = word.find(pair, end)
        words[index] = word.replace(pair, new)
    del counts[pair]  # no occurrence is left: one overlapping a merged pair needs left == right
    return changed


def _add(pair: str, index: int, freq: int, counts: dict[str, int], where: dict[str, set[int]],
         changed: set[str]) -> None:
    counts[pair] = counts.get(pair, 0) + freq
    where.setdefault(pair, set()).add(index)
    changed.add(pair)
