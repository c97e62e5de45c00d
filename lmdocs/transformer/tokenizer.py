"""The two tokenizers a small exported GPT can carry: characters from a list, or UTF-8 bytes.

>>> chars = CharTokenizer(["\\n", " ", "ا", "ب", "ل"])
>>> chars.encode("بال")
[3, 2, 4]
>>> chars.decode([3, 2, 4])
'بال'
>>> ByteTokenizer().encode("با")  # two Persian letters are four UTF-8 bytes
[216, 168, 216, 167]

Not handled: merges (BPE) and special tokens.
"""
from __future__ import annotations


class CharTokenizer:
    """One token per character; token id = index of the character in ``vocab``."""

    kind = "chars"

    def __init__(self, vocab: list[str]):
        if not isinstance(vocab, list) or not all(isinstance(c, str) and len(c) == 1 for c in vocab):
            raise ValueError("a character vocabulary must be a list of one-character strings.")
        if len(set(vocab)) != len(vocab):
            raise ValueError("the character vocabulary lists a character twice.")
        self.vocab = list(vocab)
        self.index = {c: i for i, c in enumerate(vocab)}

    @property
    def vocab_size(self) -> int:
        return len(self.vocab)

    def encode(self, text: str, skip_unknown: bool = False) -> list[int]:
        """Ids of the characters; unknown characters raise ValueError, or are dropped with ``skip_unknown``."""
        if not skip_unknown:
            for c in text:
                if c not in self.index:
                    raise ValueError(f"character {c!r} is not in the model's vocabulary of "
                                     f"{len(self.vocab)} characters; remove it or pass skip_unknown=True.")
        return [self.index[c] for c in text if c in self.index]

    def decode(self, ids: list[int]) -> str:
        """Characters of the ids; an id beyond the vocabulary (a padded model's unused rows) is '\ufffd'."""
        return "".join(self.vocab[i] if 0 <= i < len(self.vocab) else "\ufffd" for i in ids)

    def label(self, token_id: int) -> str:
        """A visible label for one token: a space is '␣' and a newline '⏎'."""
        char = self.decode([token_id])
        return {" ": "␣", "\n": "⏎"}.get(char, char)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "vocab": list(self.vocab)}


class ByteTokenizer:
    """One token per UTF-8 byte, 256 ids; any text can be encoded."""

    kind = "bytes"
    vocab_size = 256

    def encode(self, text: str, skip_unknown: bool = False) -> list[int]:
        return list(text.encode("utf-8"))

    def decode(self, ids: list[int]) -> str:
        return bytes(i for i in ids if 0 <= i < 256).decode("utf-8", errors="replace")

    def label(self, token_id: int) -> str:
        return chr(token_id) if 32 < token_id < 127 else f"<{token_id:02x}>"

    def to_dict(self) -> dict:
        return {"kind": self.kind}


Tokenizer = CharTokenizer | ByteTokenizer


def tokenizer_from_dict(data: dict) -> Tokenizer:
    """Rebuild a tokenizer from ``{"kind": "chars", "vocab": [...]}`` or ``{"kind": "bytes"}``."""
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind == "chars":
        return CharTokenizer(data.get("vocab"))
    if kind == "bytes":
        return ByteTokenizer()
    raise ValueError(f"unknown tokenizer {kind!r}; expected 'chars' (with a 'vocab' list) or 'bytes'.")
