"""A GPT forward pass in plain Python: the same model as ``lmdocs.recipes.model``, without PyTorch.

ids (T,) -> token embeddings wte (T, C) + position embeddings wpe (T, C)
-> n_layer blocks [x + attn(ln_1(x)), then x + mlp(ln_2(x))] -> ln_f -> logits = x wte^T (T, vocab).

>>> model = GPT.from_file("tiny.json")                      # doctest: +SKIP
>>> result = model.forward(model.tokenizer.encode("الا یا"), trace=True)   # doctest: +SKIP
>>> [(step.name, step.shape) for step in result.steps][:3]  # doctest: +SKIP
[('wte', (6, 64)), ('wpe', (6, 64)), ('embed', (6, 64))]

``result.logits`` is (T, vocab), ``result.attention[layer][head]`` is (T, T) and, with
``trace=True``, ``result.steps`` lists every intermediate tensor. Step names are the PyTorch
module names where a module exists (``h.0.attn.c_attn`` is ``transformer.h.0.attn.c_attn``'s
output). Computes in float64. Not handled: batches, dropout, training (no gradients here).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from lmdocs.tokenizers import Tokenizer
from lmdocs.transformer.attention import add_positions, learned_positions, multi_head_attention, split_heads
from lmdocs.transformer.config import GPTConfig
from lmdocs.transformer.file_format import load_document, read_document
from lmdocs.transformer.ops import Matrix, add, gelu, layer_norm, linear, shape_of, softmax


class Step(NamedTuple):
    """One intermediate tensor of the forward pass."""
    name: str  # e.g. "h.0.attn.c_attn"
    shape: tuple[int, ...]  # e.g. (T, 3 * C)
    value: list  # nested lists of floats


@dataclass
class ForwardPass:
    logits: Matrix  # (T, vocab): a score for every possible next token, at every position
    attention: list[list[Matrix]]  # [layer][head] -> (T, S) weights, rows sum to 1
    steps: list[Step] = field(default_factory=list)  # every intermediate tensor, when traced


class KVCache:
    """Keys and values of the tokens already processed, per layer, so a new token costs O(T), not O(T^2)."""

    def __init__(self, n_layer: int):
        self.keys: list[Matrix] = [[] for _ in range(n_layer)]  # [layer] -> (S, C)
        self.values: list[Matrix] = [[] for _ in range(n_layer)]

    @property
    def length(self) -> int:
        return len(self.keys[0])


class _Recorder:
    def __init__(self, enabled: bool):
        self.enabled, self.steps = enabled, []

    def __call__(self, name: str, value: list) -> None:
        if self.enabled:
            self.steps.append(Step(name, shape_of(value), value))


class GPT:
    """A trained GPT held as nested lists; build it with ``GPT.from_file`` or ``GPT.from_dict``."""

    def __init__(self, config: GPTConfig, weights: dict[str, list], tokenizer: Tokenizer | None = None,
                 metadata: dict | None = None):
        self.config = config
        self.weights = weights  # state_dict names -> nested lists (see config.parameter_shapes)
        self.tokenizer = tokenizer
        self.metadata = metadata or {}

    @classmethod
    def from_dict(cls, document: dict) -> "GPT":
        """From a parsed export document (see ``file_format``); bad documents raise ValueError."""
        config, weights, tokenizer, metadata = read_document(document)
        return cls(config, weights, tokenizer, metadata)

    @classmethod
    def from_file(cls, path: str | Path) -> "GPT":
        return cls.from_dict(load_document(path))

    def _w(self, name: str) -> list | None:
        return self.weights.get("transformer." + name)

    def check_ids(self, ids: list[int], start: int = 0) -> None:
        """Raise ValueError unless ids are valid token ids that fit in the context after ``start`` tokens."""
        if not isinstance(ids, list) or not ids:
            raise ValueError("give the model a non-empty list of token ids.")
        vocab = self.config.vocab_size
        for i in ids:
            if not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < vocab:
                raise ValueError(f"token id {i!r} is out of range; ids must be integers in 0..{vocab - 1}.")
        if start + len(ids) > self.config.block_size:
            raise ValueError(f"{start + len(ids)} tokens do not fit in the context of block_size "
                             f"{self.config.block_size}; keep the last {self.config.block_size} tokens.")

    def forward(self, ids: list[int], trace: bool = False, cache: KVCache | None = None) -> ForwardPass:
        """Logits (T, vocab) and attention weights for ``ids``; ``trace=True`` also keeps every tensor.

        With a ``cache``, ``ids`` are the tokens that follow the cached ones; the cache is extended.
        """
        start = cache.length if cache is not None else 0
        self.check_ids(ids, start)
        record = _Recorder(trace)
        tok_emb = [list(self._w("wte.weight")[i]) for i in ids]  # (T, C): a copy of one learned row per token
        record("wte", tok_emb)
        pos_emb = [list(row) for row in learned_positions(self._w("wpe.weight"), start + len(ids))[start:]]
        record("wpe", pos_emb)
        x = add_positions(tok_emb, pos_emb)  # (T, C): the residual stream starts here
        record("embed", x)
        attention = []
        for layer in range(self.config.n_layer):
            x, weights = self._block(layer, x, record, cache)
            attention.append(weights)
        x = layer_norm(x, self._w("ln_f.weight"), self._w("ln_f.bias"))  # (T, C)
        record("ln_f", x)
        logits = linear(x, self._w("wte.weight"))  # (T, vocab): tied unembedding, lm_head = wte
        record("lm_head", logits)
        if trace:
            record("probs", [softmax(row) for row in logits])  # (T, vocab): next-token distribution
        return ForwardPass(logits, attention, record.steps)

    def _block(self, layer: int, x: Matrix, record: _Recorder, cache: KVCache | None) -> tuple[Matrix, list]:
        p = f"h.{layer}."
        w = lambda name: self._w(p + name)  # noqa: E731
        c, n_head = self.config.n_embd, self.config.n_head
        h = layer_norm(x, w("ln_1.weight"), w("ln_1.bias"))  # (T, C)
        record(p + "ln_1", h)
        qkv = linear(h, w("attn.c_attn.weight"), w("attn.c_attn.bias"))  # (T, 3C)
        record(p + "attn.c_attn", qkv)
        q = [row[:c] for row in qkv]  # (T, C) each
        k = [row[c:2 * c] for row in qkv]
        v = [row[2 * c:] for row in qkv]
        if cache is not None:  # keys and values of earlier tokens join the new ones: (S, C)
            k = cache.keys[layer] = cache.keys[layer] + k
            v = cache.values[layer] = cache.values[layer] + v
        if record.enabled:
            record(p + "attn.q", split_heads(q, n_head))  # (n_head, T, hs)
            record(p + "attn.k", split_heads(k, n_head))  # (n_head, S, hs)
            record(p + "attn.v", split_heads(v, n_head))  # (n_head, S, hs)
        y, weights = multi_head_attention(q, k, v, n_head, causal=True)  # (T, C), (n_head, T, S)
        record(p + "attn.weights", weights)
        record(p + "attn.heads", y)
        a = linear(y, w("attn.c_proj.weight"), w("attn.c_proj.bias"))  # (T, C)
        record(p + "attn.c_proj", a)
        x = add(x, a)  # residual connection
        record(p + "attn_residual", x)
        h = layer_norm(x, w("ln_2.weight"), w("ln_2.bias"))
        record(p + "ln_2", h)
        h = linear(h, w("mlp.c_fc.weight"), w("mlp.c_fc.bias"))  # (T, 4C): wider
        record(p + "mlp.c_fc", h)
        h = [gelu(row) for row in h]
        record(p + "mlp.gelu", h)
        h = linear(h, w("mlp.c_proj.weight"), w("mlp.c_proj.bias"))  # (T, C): back to the stream's width
        record(p + "mlp.c_proj", h)
        x = add(x, h)
        record(p.rstrip("."), x)  # the block's output, "h.0"
        return x, weights

    def logits(self, ids: list[int]) -> Matrix:
        """(T, vocab) logits for ids."""
        return self.forward(ids).logits

    def attention(self, ids: list[int]) -> list[list[Matrix]]:
        """Attention weights [layer][head] -> (T, T) for ids."""
        return self.forward(ids).attention

    def encode(self, text: str, skip_unknown: bool = False) -> list[int]:
        """Text -> token ids with the tokenizer stored in the file."""
        if self.tokenizer is None:
            raise ValueError("this model has no tokenizer; pass token ids instead of text.")
        return self.tokenizer.encode(text, skip_unknown=skip_unknown)

    def decode(self, ids: list[int]) -> str:
        if self.tokenizer is None:
            raise ValueError("this model has no tokenizer; it can only return token ids.")
        return self.tokenizer.decode(ids)

    def token_labels(self, ids: list[int]) -> list[str]:
        """A short visible label per token (for the rows and columns of an attention map)."""
        if self.tokenizer is not None:
            return [self.tokenizer.label(i) for i in ids]
        return [str(i) for i in ids]
