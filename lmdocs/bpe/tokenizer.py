"""A byte-level BPE tokenizer: turn text into token ids and back.

Every text is first UTF-8 bytes, so the 256 byte values are the first 256 tokens and any
string can be encoded: nothing is ever "unknown". Each merge `(left, right)` learned in
training (lmdocs.bpe.train) glues two adjacent tokens into one longer token; merges are
applied in the order they were learned (their rank).

>>> tok = Tokenizer(merges=[(97, 97), (97, 98), (256, 257)])  # 'aa', 'ab', 'aa'+'ab'
>>> tok.encode("aaabdaaabac")
[258, 100, 258, 97, 99]
>>> tok.pieces(tok.encode("aaabdaaabac"))
['aaab', 'd', 'aaab', 'a', 'c']
>>> tok.decode([258, 100])
'aaabd'

Two different merges can spell the same bytes ('ab'+'c' and 'a'+'bc'); the later one
reuses the earlier one's id, as Hugging Face tokenizers does, so every id is a distinct
byte string and len(vocab) can be smaller than 256 + len(merges).

Special tokens (e.g. '<|endoftext|>') get the ids after the learned vocabulary; they are
never produced by merges. Not handled: text normalisation (NFC/NFKC), lone surrogates
(not Unicode text; encode rejects them), BPE dropout.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from lmdocs.bpe.pretokenize import pretokenize

Pair = tuple[int, int]


class Tokenizer:
    """Byte-level BPE with GPT-2 pre-tokenisation. Build one with `lmdocs.bpe.train`."""

    def __init__(self, merges: Iterable[Pair] = (), special_tokens: Sequence[str] = ()):
        self.merges: list[Pair] = []
        self.vocab: dict[int, bytes] = {i: bytes([i]) for i in range(256)}
        self._id_of: dict[bytes, int] = {b: i for i, b in self.vocab.items()}
        self._ranks: dict[Pair, int] = {}   # (left, right) -> rank (position in merges)
        self._merged: dict[Pair, int] = {}  # (left, right) -> id of the merged token
        for pair in merges:
            self._add_merge(pair)
        self.special_tokens: dict[str, int] = {}
        for text in special_tokens:
            self._add_special(text)
        self._cache: dict[str, list[int]] = {}

    def _add_merge(self, pair: Pair) -> int:
        """Record the next merge; return the id of the token it makes."""
        left, right = pair
        for part in (left, right):
            if not isinstance(part, int) or part not in self.vocab:
                raise ValueError(f"merge {pair!r} uses id {part!r}, which is not a token yet "
                                 f"(ids 0..{len(self.vocab) - 1}); merges must only use earlier tokens.")
        if pair in self._ranks:
            raise ValueError(f"merge {pair!r} appears twice; each pair can be merged only once.")
        spelling = self.vocab[left] + self.vocab[right]
        new_id = self._id_of.get(spelling, len(self.vocab))
        self.vocab[new_id] = spelling
        self._id_of[spelling] = new_id
        self._ranks[pair] = len(self.merges)
        self._merged[pair] = new_id
        self.merges.append(pair)
        return new_id

    def _add_special(self, text: str) -> None:
        if not isinstance(text, str) or not text:
            raise ValueError(f"special token {text!r} must be a non-empty string.")
        if text in self.special_tokens:
            raise ValueError(f"special token {text!r} is listed twice.")
        self.special_tokens[text] = len(self.vocab) + len(self.special_tokens)

    @property
    def vocab_size(self) -> int:
        """Number of ids: the 256 bytes, the merged tokens and the special tokens."""
        return len(self.vocab) + len(self.special_tokens)

    def with_vocab_size(self, vocab_size: int) -> Tokenizer:
        """The tokenizer that training would have given at a smaller `vocab_size`.

        Training is greedy, so its first merges are exactly what a shorter run learns.
        >>> Tokenizer([(97, 97), (97, 98)]).with_vocab_size(257).merges
        [(97, 97)]
        """
        learned = vocab_size - len(self.special_tokens)
        if not 256 <= learned <= len(self.vocab):
            raise ValueError(f"vocab_size must be between {256 + len(self.special_tokens)} and "
                             f"{self.vocab_size} for this tokenizer, got {vocab_size}.")
        smaller = Tokenizer()
        for pair in self.merges:
            if len(smaller.vocab) == learned:
                break
            smaller._add_merge(pair)
        for text in self.special_tokens:
            smaller._add_special(text)
        return smaller

    def rank(self, pair: Pair) -> int | None:
        """Position of `pair`'s merge in `merges` (lower merges first); None if never merged."""
        return self._ranks.get(pair)

    def merged_id(self, pair: Pair) -> int | None:
        """Id of the token that merging `pair` makes; None if the pair is never merged."""
        return self._merged.get(pair)

    # --- encoding -------------------------------------------------------------------------

    def encode(self, text: str, allowed_special: str | set[str] = "raise") -> list[int]:
        """Token ids of `text`.

        allowed_special says what to do with special-token strings found in `text`:
        "raise" (default) raises ValueError, "all" encodes them as their special ids,
        "none" encodes them as ordinary text, a set allows just those (others are text).
        """
        if not isinstance(text, str):
            raise TypeError(f"encode expects text (str), got {type(text).__name__}; "
                            "decode bytes first, e.g. data.decode('utf-8').")
        _check_encodable(text)
        allowed = self._allowed_special(text, allowed_special)
        if not allowed:
            return self.encode_ordinary(text)
        ids: list[int] = []
        splitter = re.compile("(" + "|".join(map(re.escape, sorted(allowed, key=len, reverse=True))) + ")")
        for i, part in enumerate(splitter.split(text)):
            if i % 2:
                ids.append(self.special_tokens[part])
            elif part:
                ids.extend(self.encode_ordinary(part))
        return ids

    def _allowed_special(self, text: str, allowed_special: str | set[str]) -> set[str]:
        if allowed_special == "all":
            return set(self.special_tokens)
        if allowed_special == "none":
            return set()
        if allowed_special == "raise":
            found = [s for s in self.special_tokens if s in text]
            if found:
                raise ValueError(f"text contains the special token {found[0]!r}; pass "
                                 "allowed_special='all' to encode it as a special id or 'none' for plain text.")
            return set()
        if isinstance(allowed_special, (set, frozenset)):
            unknown = set(allowed_special) - set(self.special_tokens)
            if unknown:
                raise ValueError(f"allowed_special names unknown special tokens {sorted(unknown)}.")
            return set(allowed_special)
        raise ValueError(f"allowed_special must be 'raise', 'all', 'none' or a set, got {allowed_special!r}.")

    def encode_ordinary(self, text: str) -> list[int]:
        """Token ids of `text`, treating special-token strings as ordinary text."""
        ids: list[int] = []
        cache = self._cache
        for chunk in pretokenize(text):
            chunk_ids = cache.get(chunk)
            if chunk_ids is None:
                chunk_ids = self.merge_chunk(list(chunk.encode("utf-8")))
                if len(cache) < 50_000:
                    cache[chunk] = chunk_ids
            ids.extend(chunk_ids)
        return ids

    def merge_chunk(self, ids: list[int]) -> list[int]:
        """Apply the merges to the ids of one chunk and return them (`ids` is changed).

        Repeatedly merge the lowest-ranked adjacent pair, leftmost first, one occurrence
        at a time: the order Hugging Face tokenizers' BPE model uses.
        [97, 97, 97] with merges [(97, 97)] -> [256, 97]
        """
        rank, merged = self._ranks.get, self._merged
        ranks = [rank(pair, _NO_RANK) for pair in zip(ids, ids[1:])]  # ranks[i]: (ids[i], ids[i+1])
        while ranks:
            best = min(ranks)
            if best == _NO_RANK:
                break
            i = ranks.index(best)  # the leftmost
            ids[i:i + 2] = [merged[ids[i], ids[i + 1]]]
            del ranks[i]  # only the new token's two neighbours form new pairs
            if i > 0:
                ranks[i - 1] = rank((ids[i - 1], ids[i]), _NO_RANK)
            if i < len(ranks):
                ranks[i] = rank((ids[i], ids[i + 1]), _NO_RANK)
        return ids

    # --- decoding -------------------------------------------------------------------------

    def decode_bytes(self, ids: Iterable[int]) -> bytes:
        """The bytes the ids stand for (special tokens as their UTF-8 text)."""
        special_text = {i: s.encode("utf-8") for s, i in self.special_tokens.items()}
        parts = []
        for i in ids:
            part = self.vocab.get(i) if type(i) is int else None
            if part is None:
                part = special_text.get(i) if type(i) is int else None
            if part is None:
                raise ValueError(f"token id {i!r} is not in the vocabulary (ids are integers "
                                 f"0..{self.vocab_size - 1}); was it made by another tokenizer?")
            parts.append(part)
        return b"".join(parts)

    def decode(self, ids: Iterable[int]) -> str:
        """The text the ids stand for. decode(encode(s)) == s for any Unicode string s.

        A sequence cut in the middle of a character (say the first of a Persian letter's two
        bytes) decodes that fragment as U+FFFD.
        """
        return self.decode_bytes(ids).decode("utf-8", errors="replace")

    def pieces(self, ids: Iterable[int]) -> list[str]:
        """Each token as readable text (for display); bytes that are part of a character
        show as escapes: the first byte of 'س' alone is '\\xd8'."""
        return [self.decode_bytes([i]).decode("utf-8", errors="backslashreplace") for i in ids]

    def __repr__(self) -> str:
        return f"Tokenizer(vocab_size={self.vocab_size}, merges={len(self.merges)})"


_NO_RANK = float("inf")


def _check_encodable(text: str) -> None:
    """Raise ValueError for lone surrogates: they are not Unicode text and have no UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(f"text has a lone surrogate {text[error.start]!r} at index {error.start}; "
                         "it is not valid Unicode, so it has no UTF-8 bytes to tokenize.") from None
