"""Text to token ids and back, for every model in lmdocs: characters, UTF-8 bytes, or byte-level BPE.

>>> chars = CharTokenizer.from_text("سلام")
>>> chars.encode("سلام"), chars.decode([3, 0])
([1, 2, 0, 3], 'ما')
>>> ByteTokenizer().encode("سل")  # two bytes per Persian letter
[216, 179, 217, 132]
>>> tokenizer_from_dict(chars.to_dict()) == chars
True

The pure-Python RNNs (``lmdocs.rnn``), the GPT that runs in the page (``lmdocs.transformer``) and
the PyTorch recipes (``lmdocs.recipes``) all use these classes, so a model trained in one place
reads its text the same way in another. Each tokenizer saves itself as a small JSON-able dict
(``to_dict``): ``{"kind": "char", "chars": [...]}``, ``{"kind": "byte"}`` or ``{"kind": "bpe",
"merges": [[a, b], ...]}``. ``tokenizer_from_dict`` reads those, and also the older spelling of
GPT files of version 1 (``{"kind": "chars", "vocab": [...]}``, ``{"kind": "bytes"}``).

Characters are Unicode code points, so Persian letters, the zero-width non-joiner and an emoji are
one character each. Not handled: grapheme clusters (an emoji with a skin-tone modifier is two
characters), special tokens (``lmdocs.bpe.Tokenizer`` has them; models here do not use them), and
characters a CharTokenizer never saw: they raise ValueError (``skip_unknown=True`` drops them).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

KINDS = ("char", "byte", "bpe")
_OLD_KINDS = {"chars": "char", "bytes": "byte"}  # how GPT files of version 1 spell them
_REPLACEMENT = "\ufffd".encode("utf-8")  # what an id outside the vocabulary decodes to


def _visible(piece: str) -> str:
    """A token's text with its space and newline drawn: '␣' and '⏎'."""
    return piece.replace(" ", "␣").replace("\n", "⏎")


class CharTokenizer:
    """One id per character: the id is the character's position in ``chars``.

    >>> CharTokenizer("ab").label(1), CharTokenizer(["\\n", " "]).label(0)
    ('b', '⏎')
    """

    kind = "char"

    def __init__(self, chars: str | Sequence[str]):
        if not isinstance(chars, str):
            if not isinstance(chars, (list, tuple)) or not all(isinstance(c, str) and len(c) == 1 for c in chars):
                raise ValueError("a character vocabulary must be a string or a list of one-character strings.")
            chars = "".join(chars)
        if len(set(chars)) != len(chars):
            twice = next(c for i, c in enumerate(chars) if c in chars[:i])
            raise ValueError(f"the character vocabulary lists {twice!r} twice; each character must appear once.")
        self.chars = chars
        self.index = {c: i for i, c in enumerate(chars)}

    @classmethod
    def from_text(cls, text: str) -> CharTokenizer:
        """Every distinct character of ``text``, sorted by code point."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        chars = "".join(sorted(set(text)))
        if len(chars) < 2:
            raise ValueError(f"the text has {len(chars)} distinct character(s); a character model needs at "
                             "least 2 (use a longer text)")
        return cls(chars)

    @property
    def vocab_size(self) -> int:
        return len(self.chars)

    def encode(self, text: str, skip_unknown: bool = False) -> list[int]:
        """Ids of the characters; a character outside ``chars`` raises ValueError, or is dropped
        with ``skip_unknown``."""
        index = self.index
        if skip_unknown:
            return [index[c] for c in text if c in index]
        try:
            return [index[c] for c in text]
        except KeyError:
            unseen = sorted({c for c in text if c not in index})
            shown = ", ".join(repr(c) for c in unseen[:10])
            raise ValueError(f"the model never saw these characters: {shown}; its vocabulary has "
                             f"{self.vocab_size} characters, so leave them out of the text") from None

    def decode(self, ids: Iterable[int]) -> str:
        """Characters of the ids; an id outside the vocabulary (a padded model's spare rows) is '\ufffd'."""
        chars, size = self.chars, len(self.chars)
        return "".join(chars[i] if 0 <= i < size else "\ufffd" for i in ids)

    def label(self, token_id: int) -> str:
        """The token as a visible label: a space is '␣' and a newline '⏎'."""
        return _visible(self.decode([token_id]))

    def to_dict(self) -> dict:
        return {"kind": self.kind, "chars": list(self.chars)}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CharTokenizer) and other.chars == self.chars

    def __hash__(self) -> int:
        return hash((self.kind, self.chars))

    def __repr__(self) -> str:
        return f"CharTokenizer({self.chars!r})"


class ByteTokenizer:
    """One id per UTF-8 byte, 256 ids: any text encodes; a character cut in two decodes as '\ufffd'.

    >>> ByteTokenizer().decode([216, 179, 216]), ByteTokenizer().label(65), ByteTokenizer().label(216)
    ('س\ufffd', 'A', '<d8>')
    """

    kind = "byte"
    vocab_size = 256

    def encode(self, text: str, skip_unknown: bool = False) -> list[int]:
        """The UTF-8 bytes of ``text`` (nothing is unknown, so ``skip_unknown`` changes nothing)."""
        return list(text.encode("utf-8"))

    def decode(self, ids: Iterable[int]) -> str:
        """The text of the bytes; an id above 255 (a padded model's spare rows) is '\ufffd'."""
        ids = list(ids)
        try:
            raw = bytes(ids)
        except ValueError:
            raw = b"".join(bytes((i,)) if 0 <= i < 256 else _REPLACEMENT for i in ids)
        return raw.decode("utf-8", errors="replace")

    def label(self, token_id: int) -> str:
        """Printable ASCII as itself, any other byte as its hex value: '<d8>'."""
        return chr(token_id) if 32 < token_id < 127 else f"<{token_id:02x}>"

    def to_dict(self) -> dict:
        return {"kind": self.kind}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ByteTokenizer)

    def __hash__(self) -> int:
        return hash(self.kind)

    def __repr__(self) -> str:
        return "ByteTokenizer()"


class BPETokenizer:
    """Byte-level BPE (``lmdocs.bpe``, GPT-2 pre-tokenisation) behind the same interface.

    >>> tok = BPETokenizer([(97, 97), (97, 98)])   # 'aa' -> 256, 'ab' -> 257
    >>> tok.encode("aaab"), tok.decode([256, 257]), tok.vocab_size
    ([256, 257], 'aaab', 258)
    """

    kind = "bpe"

    def __init__(self, merges: Iterable[Sequence[int]]):
        from lmdocs.bpe.tokenizer import Tokenizer

        self.bpe = Tokenizer(merges=[tuple(pair) for pair in merges])

    @classmethod
    def train(cls, text: str, vocab_size: int) -> BPETokenizer:
        """Learn merges on ``text`` until the vocabulary has ``vocab_size`` ids (``lmdocs.bpe.train``)."""
        from lmdocs.bpe.trainer import train

        return cls(train(text, vocab_size).merges)

    @property
    def vocab_size(self) -> int:
        return self.bpe.vocab_size

    def encode(self, text: str, skip_unknown: bool = False) -> list[int]:
        """Token ids of ``text`` (bytes underneath, so nothing is unknown)."""
        return self.bpe.encode_ordinary(text)

    def decode(self, ids: Iterable[int]) -> str:
        """The text of the ids; an id outside the vocabulary is '\ufffd'."""
        vocab = self.bpe.vocab
        return b"".join(vocab.get(i, _REPLACEMENT) for i in ids).decode("utf-8", errors="replace")

    def label(self, token_id: int) -> str:
        """The token's text (a byte that is part of a character as an escape: '\\xd8'), space as '␣'."""
        return _visible(self.bpe.vocab.get(token_id, _REPLACEMENT).decode("utf-8", errors="backslashreplace"))

    def to_dict(self) -> dict:
        return {"kind": self.kind, "merges": [list(pair) for pair in self.bpe.merges]}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BPETokenizer) and other.bpe.merges == self.bpe.merges

    def __hash__(self) -> int:
        return hash((self.kind, tuple(self.bpe.merges)))

    def __repr__(self) -> str:
        return f"BPETokenizer(vocab_size={self.vocab_size})"


Tokenizer = CharTokenizer | ByteTokenizer | BPETokenizer


def train_tokenizer(kind: str, text: str, bpe_vocab_size: int = 512) -> Tokenizer:
    """A tokenizer of ``kind`` fitted to ``text`` (only "char" and "bpe" look at the text).

    >>> train_tokenizer("char", "abba").chars
    'ab'
    """
    if kind == "char":
        return CharTokenizer.from_text(text)
    if kind == "byte":
        return ByteTokenizer()
    if kind == "bpe":
        return BPETokenizer.train(text, bpe_vocab_size)
    raise ValueError(f"unknown tokenizer {kind!r}; choose one of {', '.join(KINDS)}")


def tokenizer_from_dict(saved: dict) -> Tokenizer:
    """The tokenizer that ``to_dict`` described (any kind, either spelling).

    >>> tokenizer_from_dict({"kind": "chars", "vocab": ["a", "b"]}) == CharTokenizer("ab")
    True
    """
    kind = saved.get("kind") if isinstance(saved, dict) else None
    kind = _OLD_KINDS.get(kind, kind)
    if kind == "char":
        return CharTokenizer(saved.get("chars", saved.get("vocab")))
    if kind == "byte":
        return ByteTokenizer()
    if kind == "bpe":
        merges = saved.get("merges")
        pairs = isinstance(merges, list) and all(isinstance(pair, (list, tuple)) and len(pair) == 2 for pair in merges)
        if not pairs:
            raise ValueError("a bpe tokenizer needs its 'merges': a list of [left, right] id pairs.")
        return BPETokenizer(merges)
    raise ValueError(f"unknown tokenizer {kind!r}; expected 'char' (with its 'chars'), 'byte', "
                     "or 'bpe' (with its 'merges').")
