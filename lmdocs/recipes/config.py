"""Training configs as dataclasses, named presets, and validated ``--key=value`` overrides.

>>> cfg = parse_args(["--config=tiny", "--max_iters=50", "--device=cpu"])
>>> cfg.name, cfg.max_iters, cfg.n_layer
('tiny', 50, 2)
>>> parse_args(["--max_iter=50"])
Traceback (most recent call last):
...
lmdocs.recipes.config.RecipeError: unknown option --max_iter; did you mean --max_iters? (python -m lmdocs.recipes.train --help lists them)

Every value is converted with its field's type (int, float, bool, str, or ``X | None`` where the
word ``none`` gives None); a value that does not convert is an error. Nothing is ``exec``-ed.
This module imports no torch, so a bad command line fails in milliseconds.
"""
from __future__ import annotations

import difflib
import typing
from dataclasses import asdict, dataclass, fields, replace

from lmdocs.tokenizers import KINDS as TOKENIZERS


class RecipeError(ValueError):
    """Bad input to a recipe (config, data, checkpoint, device); the CLI prints it on one line."""


@dataclass
class TrainConfig:
    name: str = "tiny"  # run name; outputs go to runs/<name> unless out_dir is set
    model: str = "gpt"  # "gpt", "lstm" or "mingru": same trainer, same data, same metrics
    # data
    data: str = "hafez"  # "hafez" (lmdocs.corpora) or a path to a text file or a folder of .txt files
    tokenizer: str = "char"  # "char", "byte" or "bpe" (lmdocs.tokenizers)
    bpe_vocab_size: int = 512  # target vocabulary when tokenizer="bpe"; 256 byte tokens + merges
    val_fraction: float = 0.1  # a file or folder holds out its last 10%; Hafez holds out its last 50 ghazals
    data_cache: str = "data-cache"  # prepared token files live here, keyed by data and tokenizer
    # model
    block_size: int = 64  # context length in tokens
    vocab_size: int | None = None  # None: the tokenizer's size; larger pads the table (50304 for GPT-2)
    n_layer: int = 2  # blocks (GPT) or stacked layers (LSTM, minGRU)
    n_head: int = 2  # attention heads (GPT only)
    n_embd: int = 64  # width of the residual stream / hidden state
    dropout: float = 0.0  # 0 for big data; 0.1-0.2 when the model can memorise the corpus
    bias: bool = True  # biases in Linear and LayerNorm, as GPT-2
    # optimisation
    batch_size: int = 16  # sequences per micro-batch per process
    grad_accum: int = 1  # micro-batches summed before each optimiser step (per process)
    max_iters: int = 300  # optimiser steps in total
    learning_rate: float = 3e-3  # peak learning rate, reached after warm-up
    min_lr: float = 3e-4  # the cosine ends here (about learning_rate / 10, Chinchilla)
    warmup_iters: int = 20  # linear warm-up from 0 over this many steps
    lr_decay_iters: int | None = None  # None: decay over max_iters (kept when --resume changes max_iters)
    weight_decay: float = 0.1  # AdamW decay, applied to matrices only (not biases, norms)
    beta1: float = 0.9
    beta2: float = 0.99  # 0.95 for big models, 0.99 for small ones that see few tokens per step
    grad_clip: float = 1.0  # clip the global gradient norm; 0 switches clipping off
    # evaluation, logging, checkpoints
    eval_interval: int = 100  # evaluate (and plot) every this many steps and at the end; 0: only at the end
    eval_tokens: int = 0  # evaluate on the first this many validation tokens; 0: all of them
    log_interval: int = 10  # write a metrics line every this many steps
    ckpt_interval: int = 100  # checkpoint every this many steps and at the end; 0: only at the end
    out_dir: str | None = None  # None: runs/<name>
    resume: bool = False  # continue from out_dir/ckpt.pt exactly where it stopped
    overwrite: bool = False  # start afresh even though out_dir holds a checkpoint (it is replaced)
    progress: bool = True  # tqdm progress bar on the main process
    # system
    device: str = "auto"  # "auto" (cuda if present), "cpu", "cuda", "cuda:1", "mps"
    dtype: str = "auto"  # "auto" (bfloat16 autocast on CUDA, float32 elsewhere), "bfloat16", "float32"
    compile: bool | None = None  # torch.compile; None: on for CUDA, off for CPU
    seed: int = 1337

    @property
    def run_dir(self) -> str:
        return self.out_dir if self.out_dir is not None else f"runs/{self.name}"


# Named presets: each is a set of overrides on TrainConfig's defaults.
CONFIGS: dict[str, dict[str, object]] = {
    # a GPT small enough to learn Hafez's letters in a few minutes on a laptop CPU
    "tiny": {},
    # nanoGPT's shakespeare-char recipe on Hafez: about 10 M parameters, minutes on one GPU
    "hafez-char": dict(block_size=256, n_layer=6, n_head=6, n_embd=384, dropout=0.2, batch_size=64,
                       max_iters=5000, learning_rate=1e-3, min_lr=1e-4, warmup_iters=100,
                       eval_interval=250, ckpt_interval=250, log_interval=10),
    "hafez-bpe": dict(tokenizer="bpe", bpe_vocab_size=1024, block_size=128, n_layer=6, n_head=6,
                      n_embd=384, dropout=0.2, batch_size=64, max_iters=3000, learning_rate=1e-3,
                      min_lr=1e-4, warmup_iters=100, eval_interval=250, ckpt_interval=250),
    "lstm-tiny": dict(model="lstm", n_layer=1, n_embd=128),
    "mingru-tiny": dict(model="mingru", n_layer=2, n_embd=64),
    # GPT-2 small (124 M) for measuring speed: byte tokens, vocabulary padded to GPT-2's 50304
    "gpt2-small": dict(tokenizer="byte", vocab_size=50304, block_size=1024, n_layer=12, n_head=12,
                       n_embd=768, batch_size=16, grad_accum=4, max_iters=5000, learning_rate=6e-4,
                       min_lr=6e-5, warmup_iters=200, beta2=0.95, eval_interval=1000,
                       eval_tokens=65536, ckpt_interval=1000),
}
MODELS = ("gpt", "lstm", "mingru")  # built by factory.build_model
DTYPES = ("auto", "bfloat16", "float32")


def parse_args(argv: list[str]) -> TrainConfig:
    """``["--config", "tiny", "--key=value", "--resume"]`` -> a validated TrainConfig."""
    return make_config(*split_args(argv))


def split_args(argv: list[str]) -> tuple[str, dict[str, str]]:
    """The preset's name and the ``--key=value`` overrides as strings (checked against the fields)."""
    name, overrides = "tiny", {}
    args = list(argv)
    while args:
        arg = args.pop(0)
        if not arg.startswith("--"):
            raise RecipeError(f"unexpected argument {arg!r}; options look like --key=value")
        key, eq, value = arg[2:].partition("=")
        key = key.replace("-", "_")
        if key == "config":
            if not eq:
                if not args:
                    raise RecipeError("--config needs a name, e.g. --config=tiny")
                value = args.pop(0)
            name = value
            continue
        if not eq:  # a bare --flag sets a bool field to True
            if _field_type(key) is not bool:
                raise RecipeError(f"--{key} needs a value: write --{key}=VALUE")
            value = "true"
        _field_type(key)
        overrides[key] = value
    return name, overrides


def make_config(name: str, overrides: dict[str, object] | None = None) -> TrainConfig:
    """Preset ``name`` with ``overrides`` (strings are converted with the field's type)."""
    if name not in CONFIGS:
        raise RecipeError(f"unknown config {name!r}; choose one of {', '.join(CONFIGS)}")
    return override(replace(TrainConfig(name=name), **CONFIGS[name]), overrides or {})


def override(cfg: TrainConfig, overrides: dict[str, object]) -> TrainConfig:
    """``cfg`` with fields replaced by converted ``overrides``, validated."""
    cfg = replace(cfg, **{key: _convert(key, value) for key, value in overrides.items()})
    validate(cfg)
    return cfg


def config_from_dict(values: dict[str, object]) -> TrainConfig:
    """Rebuild a config saved with ``asdict`` (ignores fields that no longer exist)."""
    known = {f.name for f in fields(TrainConfig)}
    return TrainConfig(**{k: v for k, v in values.items() if k in known})


def _field_type(key: str) -> object:
    hints = typing.get_type_hints(TrainConfig)
    if key not in hints:
        close = difflib.get_close_matches(key, list(hints), n=1)
        hint = f"; did you mean --{close[0]}?" if close else ""
        raise RecipeError(f"unknown option --{key}{hint} (python -m lmdocs.recipes.train --help lists them)")
    return hints[key]


def _convert(key: str, value: object) -> object:
    """Convert ``value`` to the type of field ``key``: ``"3"`` -> 3, ``"none"`` -> None, ``"off"`` -> False."""
    kind = _field_type(key)
    choices = typing.get_args(kind)
    if choices:  # X | None
        if value is None or (isinstance(value, str) and value.lower() == "none"):
            return None
        kind = next(c for c in choices if c is not type(None))
    if not isinstance(value, str):
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            return value
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        raise RecipeError(f"--{key} must be {kind.__name__}, got {value!r}")
    try:
        if kind is bool:
            word = value.lower()
            if word not in _BOOLS:
                raise ValueError
            return _BOOLS[word]
        return kind(value)
    except ValueError:
        raise RecipeError(f"--{key}={value} is not a valid {kind.__name__}") from None


_BOOLS = {"true": True, "1": True, "yes": True, "on": True, "false": False, "0": False, "no": False, "off": False}


def validate(cfg: TrainConfig) -> None:
    """Check ranges and choices that the types alone do not; raise RecipeError naming the field."""
    def need(ok: bool, message: str) -> None:
        if not ok:
            raise RecipeError(message)

    need(cfg.model in MODELS, f"--model={cfg.model} is not one of {', '.join(MODELS)}")
    need(cfg.tokenizer in TOKENIZERS, f"--tokenizer={cfg.tokenizer} is not one of {', '.join(TOKENIZERS)}")
    need(cfg.dtype in DTYPES, f"--dtype={cfg.dtype} is not one of {', '.join(DTYPES)}")
    for key in ("block_size", "n_layer", "n_head", "n_embd", "batch_size", "grad_accum", "max_iters",
                "log_interval"):
        need(getattr(cfg, key) > 0, f"--{key} must be a positive integer, got {getattr(cfg, key)}")
    for key in ("eval_interval", "eval_tokens", "ckpt_interval", "warmup_iters"):
        need(getattr(cfg, key) >= 0, f"--{key} must be 0 or more, got {getattr(cfg, key)}")
    need(0.0 <= cfg.dropout < 1.0, f"--dropout must be in [0, 1), got {cfg.dropout}")
    need(0.0 <= cfg.val_fraction < 1.0, f"--val_fraction must be in [0, 1), got {cfg.val_fraction}")
    need(cfg.learning_rate > 0 and cfg.min_lr >= 0, "--learning_rate must be > 0 and --min_lr >= 0")
    need(cfg.grad_clip >= 0, f"--grad_clip must be 0 (off) or positive, got {cfg.grad_clip}")
    need(cfg.bpe_vocab_size >= 256, f"--bpe_vocab_size must be at least 256 (the byte tokens), got {cfg.bpe_vocab_size}")
    need(cfg.vocab_size is None or cfg.vocab_size > 0, f"--vocab_size must be positive, got {cfg.vocab_size}")
    if cfg.model == "gpt":
        need(cfg.n_embd % cfg.n_head == 0, f"--n_embd={cfg.n_embd} must be a multiple of --n_head={cfg.n_head}")


def describe() -> str:
    """The --help text: presets and every field with its default."""
    lines = ["usage: python -m lmdocs.recipes.train [--config=NAME] [--key=value ...] [--resume]", "",
             "configs: " + ", ".join(CONFIGS), "", "options (defaults of the 'tiny' config):"]
    for key, value in asdict(TrainConfig()).items():
        lines.append(f"  --{key}={value}")
    return "\n".join(lines)
