"""The shape of a GPT: its hyper-parameters and the name and shape of every weight.

The fields and the weight names are those of ``lmdocs.recipes.model`` (and of nanoGPT), so a
PyTorch ``state_dict`` maps one to one onto the pure-Python model. Dropout is absent: it only
acts during training.

>>> config = GPTConfig(block_size=8, vocab_size=10, n_layer=1, n_head=2, n_embd=4)
>>> parameter_shapes(config)["transformer.h.0.attn.c_attn.weight"]
(12, 4)
>>> config.n_params()  # wte 40 + wpe 32 + one block 244 + ln_f 8
324
"""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class GPTConfig:
    block_size: int  # longest context; the position table wpe has this many rows
    vocab_size: int  # number of token ids; rows of wte (and of the tied unembedding)
    n_layer: int  # transformer blocks
    n_head: int  # attention heads per block; n_embd splits evenly among them
    n_embd: int  # width of the residual stream
    bias: bool = True  # biases in the Linear and LayerNorm layers, as GPT-2

    def __post_init__(self) -> None:
        for name in ("block_size", "vocab_size", "n_layer", "n_head", "n_embd"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"GPTConfig.{name} must be a positive integer, got {value!r}.")
        if not isinstance(self.bias, bool):
            raise ValueError(f"GPTConfig.bias must be true or false, got {self.bias!r}.")
        if self.n_embd % self.n_head != 0:
            raise ValueError(f"n_embd ({self.n_embd}) must be a multiple of n_head ({self.n_head}).")

    @property
    def head_size(self) -> int:
        return self.n_embd // self.n_head

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "GPTConfig":
        """Build from a dict with exactly the fields above (``dropout`` is accepted and ignored)."""
        if not isinstance(data, dict):
            raise ValueError(f"a GPT config must be a JSON object, got {type(data).__name__}.")
        known = {"block_size", "vocab_size", "n_layer", "n_head", "n_embd", "bias"}
        unknown = set(data) - known - {"dropout"}
        if unknown:
            raise ValueError(f"unknown GPT config field(s) {sorted(unknown)}; expected {sorted(known)}.")
        missing = known - set(data) - {"bias"}
        if missing:
            raise ValueError(f"GPT config is missing {sorted(missing)}.")
        return cls(**{k: v for k, v in data.items() if k in known})

    def n_params(self) -> int:
        """Number of weights, the tied unembedding counted once."""
        total = 0
        for shape in parameter_shapes(self).values():
            size = 1
            for dim in shape:
                size *= dim
            total += size
        return total


def parameter_shapes(config: GPTConfig) -> dict[str, tuple[int, ...]]:
    """Every weight's ``state_dict`` name and shape, in forward order; ``lm_head.weight`` is tied to wte."""
    c = config.n_embd
    shapes: dict[str, tuple[int, ...]] = {
        "transformer.wte.weight": (config.vocab_size, c),
        "transformer.wpe.weight": (config.block_size, c),
    }
    layers = [("ln_1", (c,)), ("attn.c_attn", (3 * c, c)), ("attn.c_proj", (c, c)),
              ("ln_2", (c,)), ("mlp.c_fc", (4 * c, c)), ("mlp.c_proj", (c, 4 * c))]
    for i in range(config.n_layer):
        for name, shape in layers:
            shapes[f"transformer.h.{i}.{name}.weight"] = shape
            if config.bias:
                shapes[f"transformer.h.{i}.{name}.bias"] = (shape[0],)
    shapes["transformer.ln_f.weight"] = (c,)
    if config.bias:
        shapes["transformer.ln_f.bias"] = (c,)
    return shapes
