"""The character vocabulary of a character-level model: every distinct character, sorted.

>>> vocab = CharVocab.from_text("hello")
>>> vocab.chars, vocab.encode("hell"), vocab.decode([3, 1])
('ehlo', [1, 0, 2, 2], 'oh')

Characters are Unicode code points, so Persian letters, the zero-width non-joiner and emoji are
single characters like any other. Not handled: grapheme clusters (an emoji with a skin-tone
modifier is two characters) and characters outside the training text, which raise ValueError.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CharVocab:
    chars: str  # the distinct characters, sorted by code point; id = position
    index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if len(set(self.chars)) != len(self.chars):
            raise ValueError("vocabulary characters must be distinct")
        object.__setattr__(self, "index", {ch: i for i, ch in enumerate(self.chars)})

    @classmethod
    def from_text(cls, text: str) -> "CharVocab":
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        chars = "".join(sorted(set(text)))
        if len(chars) < 2:
            raise ValueError(
                f"the text has {len(chars)} distinct character(s); a character model needs at least 2 "
                "(paste a longer text)"
            )
        return cls(chars)

    def __len__(self) -> int:
        return len(self.chars)

    def encode(self, text: str) -> list[int]:
        index = self.index
        try:
            return [index[ch] for ch in text]
        except KeyError:
            unseen = sorted({ch for ch in text if ch not in index})
            shown = ", ".join(repr(ch) for ch in unseen[:10])
            raise ValueError(
                f"the model never saw these characters: {shown}; use only characters from its "
                "training text (see vocab.chars)"
            ) from None

    def decode(self, ids: list[int]) -> str:
        chars = self.chars
        return "".join(chars[i] for i in ids)
