"""Encoding step by step: the tokens after each merge, for visualisations and teaching.

>>> from lmdocs.bpe import Tokenizer
>>> tok = Tokenizer(merges=[(97, 97), (97, 98), (256, 257)])
>>> for step in trace(tok, "aaabdaaabac"):
...     print(step.pair, tok.pieces(step.tokens))
None ['a', 'a', 'a', 'b', 'd', 'a', 'a', 'a', 'b', 'a', 'c']
(97, 97) ['aa', 'a', 'b', 'd', 'aa', 'a', 'b', 'a', 'c']
(97, 98) ['aa', 'ab', 'd', 'aa', 'ab', 'a', 'c']
(256, 257) ['aaab', 'd', 'aaab', 'a', 'c']

A step applies one merge everywhere it is the best merge available, so the last step's
tokens are exactly tokenizer.encode(text). Not handled: special tokens (the text is
traced as ordinary text).
"""
from __future__ import annotations

from dataclasses import dataclass

from lmdocs.bpe.pretokenize import pretokenize
from lmdocs.bpe.tokenizer import Pair, Tokenizer


@dataclass(frozen=True)
class TraceStep:
    """The tokens of the whole text after one merge (`pair` is None for the raw bytes)."""
    rank: int | None    # the merge's position in tokenizer.merges
    pair: Pair | None
    id: int | None      # the token the merge made
    tokens: list[int]


def trace(tokenizer: Tokenizer, text: str) -> list[TraceStep]:
    """Encode `text`, recording the tokens after each merge is applied (see the example).

    Chunks are independent, so applying the lowest-ranked merge present in any chunk,
    step after step, ends where encoding each chunk on its own ends.
    """
    if not isinstance(text, str):
        raise TypeError(f"trace expects text (str), got {type(text).__name__}.")
    chunks = [list(chunk.encode("utf-8")) for chunk in pretokenize(text)]
    steps = [TraceStep(None, None, None, _flat(chunks))]
    while True:
        ranks = [_lowest_rank(tokenizer, chunk) for chunk in chunks]
        rank = min((r for r in ranks if r is not None), default=None)
        if rank is None:
            return steps
        pair = tokenizer.merges[rank]
        for chunk in chunks:
            while _lowest_rank(tokenizer, chunk) == rank:
                _merge_leftmost(tokenizer, chunk, pair)
        steps.append(TraceStep(rank, pair, tokenizer.merged_id(pair), _flat(chunks)))


def _lowest_rank(tokenizer: Tokenizer, ids: list[int]) -> int | None:
    """Rank of the first merge that applies to `ids`, None if none does."""
    ranks = [tokenizer.rank(pair) for pair in zip(ids, ids[1:])]
    return min((r for r in ranks if r is not None), default=None)


def _merge_leftmost(tokenizer: Tokenizer, ids: list[int], pair: Pair) -> None:
    i = list(zip(ids, ids[1:])).index(pair)
    ids[i:i + 2] = [tokenizer.merged_id(pair)]


def _flat(chunks: list[list[int]]) -> list[int]:
    return [token for chunk in chunks for token in chunk]
