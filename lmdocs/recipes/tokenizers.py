"""Three tokenizers behind one interface: characters, UTF-8 bytes, and byte-level BPE.

>>> tok = CharTokenizer.from_text("سلام")
>>> tok.encode("سلام"), tok.decode([3, 0])
([1, 2, 0, 3], 'ما')
>>> ByteTokenizer().encode("سل")  # two bytes per Persian letter
[216, 179, 217, 132]

Each tokenizer saves itself as a small JSON-able dict (``to_dict``) that travels in the data
cache's meta.json and in every checkpoint, so sampling needs neither the data nor a retrain.
Not handled: unknown characters for CharTokenizer (a clear error: use bytes or BPE instead).
"""
from __future__ import annotations

from lmdocs.recipes.config import RecipeError


class CharTokenizer:
    """One id per distinct character of the corpus, in sorted order."""

    kind = "char"

    def __init__(self, chars: list[str]):
        self.chars = chars
        self._id = {c: i for i, c in enumerate(chars)}

    @classmethod
    def from_text(cls, text: str) -> CharTokenizer:
        return cls(sorted(set(text)))

    @property
    def vocab_size(self) -> int:
        return len(self.chars)

    def encode(self, text: str) -> list[int]:
        try:
            return [self._id[c] for c in text]
        except KeyError as error:
            raise RecipeError(f"the character {error.args[0]!r} is not in this model's vocabulary of "
                              f"{self.vocab_size} characters; leave it out of the prompt") from None

    def decode(self, ids: list[int]) -> str:
        return "".join(self.chars[i] for i in ids)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "chars": self.chars}


class ByteTokenizer:
    """The 256 values of UTF-8 bytes; any text encodes, a cut character decodes as U+FFFD."""

    kind = "byte"
    vocab_size = 256

    def encode(self, text: str) -> list[int]:
        return list(text.encode("utf-8"))

    def decode(self, ids: list[int]) -> str:
        return bytes(ids).decode("utf-8", errors="replace")

    def to_dict(self) -> dict:
        return {"kind": self.kind}


class BPETokenizer:
    """Adapter around lmdocs.bpe's byte-level BPE (GPT-2 pre-tokenisation)."""

    kind = "bpe"

    def __init__(self, merges: list[tuple[int, int]]):
        self.inner = _bpe_module().Tokenizer(merges=[tuple(pair) for pair in merges])

    @classmethod
    def train(cls, text: str, vocab_size: int) -> BPETokenizer:
        trained = _bpe_module().train(text, vocab_size)
        return cls(list(trained.merges))

    @property
    def vocab_size(self) -> int:
        return self.inner.vocab_size

    def encode(self, text: str) -> list[int]:
        return self.inner.encode_ordinary(text)

    def decode(self, ids: list[int]) -> str:
        return self.inner.decode(ids)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "merges": [list(pair) for pair in self.inner.merges]}


def _bpe_module():
    try:
        import lmdocs.bpe as bpe
    except ImportError:
        bpe = None
    if bpe is None or not hasattr(bpe, "train") or not hasattr(bpe, "Tokenizer"):
        raise RecipeError("tokenizer='bpe' needs lmdocs.bpe (train and Tokenizer), which this checkout "
                          "does not have yet; use --tokenizer=char or --tokenizer=byte")
    return bpe


def train_tokenizer(kind: str, text: str, bpe_vocab_size: int = 512):
    """A tokenizer of ``kind`` fitted to ``text`` (only char and bpe look at the text)."""
    if kind == "char":
        return CharTokenizer.from_text(text)
    if kind == "byte":
        return ByteTokenizer()
    if kind == "bpe":
        return BPETokenizer.train(text, bpe_vocab_size)
    raise RecipeError(f"unknown tokenizer {kind!r}; choose char, byte or bpe")


def tokenizer_from_dict(saved: dict):
    """Inverse of ``to_dict``."""
    kind = saved.get("kind")
    if kind == "char":
        return CharTokenizer(list(saved["chars"]))
    if kind == "byte":
        return ByteTokenizer()
    if kind == "bpe":
        return BPETokenizer([tuple(pair) for pair in saved["merges"]])
    raise RecipeError(f"saved tokenizer has unknown kind {kind!r}; was it written by another version?")
