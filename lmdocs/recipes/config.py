"""Training configs as dataclasses, named presets, config files, and validated ``--key=value`` overrides.

>>> cfg = parse_args(["--config=tiny", "--max_iters=50", "--device=cpu"])
>>> cfg.name, cfg.max_iters, cfg.n_layer
('tiny', 50, 2)
>>> parse_args(["--max_iter=50"])
Traceback (most recent call last):
...
lmdocs.recipes.config.RecipeError: unknown option --max_iter; did you mean --max_iters? (python -m lmdocs.recipes.train --help lists them)
>>> field_comments()["block_size"]
'context length in tokens'

``--config`` names a preset (``CONFIGS``) or a file: ``--config=my_run.toml`` (TOML, read with
``tomllib``) or ``--config=my_run.py`` (nanoGPT's style: plain ``name = value`` lines, read with
``ast.literal_eval``; nothing in it is executed). A file's keys are the fields below, checked and
converted exactly like the command line; ``config = "hafez-char"`` in a file starts from that
preset, and the run is named after the file unless it sets ``name``. Options on the command line
override the file.

Every value is converted with its field's type (int, float, bool, str, or ``X | None`` where the
word ``none`` gives None); a value that does not convert is an error. This module imports no
torch, so a bad command line fails in milliseconds. ``--help`` shows each field's comment, read
from this file's source (``field_comments``).
"""
from __future__ import annotations

import difflib
import inspect
import io
import tokenize
import typing
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from lmdocs.tokenizers import KINDS as TOKENIZERS


class RecipeError(ValueError):
    """Bad input to a recipe (config, data, checkpoint, device); the CLI prints it on one line."""



@dataclass
class TrainConfig:
    name: str = "tiny"  # run name; outputs go to runs/<name> unless out_dir is set
    model: str = "gpt"  # "gpt", "lstm" or "mingru": same trainer, same data, same metrics
    # data
    data: str = "hafez"  # "hafez" (lmdocs.corpora), a text file or a folder of .txt files; sft: a .jsonl file
    tokenizer: str = "char"  # "char", "byte" or "bpe" (lmdocs.tokenizers)
    bpe_vocab_size: int = 512  # target vocabulary when tokenizer="bpe"; 256 byte tokens + merges
    val_fraction: float = 0.1  # a file or folder holds out its last 10%; Hafez holds out its last 50 ghazals
    data_cache: str = "data-cache"  # prepared token files live here, keyed by data and tokenizer
    init_from: str | None = None  # sft: the checkpoint to fine-tune (its model and tokenizer are kept)
    # model
    block_size: int = 64  # context length in tokens
    vocab_size: int | None = None  # None: the tokenizer's size; larger pads the table (50304 for GPT-2)
    n_layer: int = 2  # blocks (GPT) or stacked layers (LSTM, minGRU)
    n_head: int = 2  # attention heads (GPT only)
    n_embd: int = 64  # width of the residual stream / hidden state
    dropout: float = 0.0  # 0 for big data; 0.1-0.2 when the model can memorise the corpus
    bias: bool = True  # biases in Linear and LayerNorm, as GPT-2
    # optimisation
    batch_size: int = 16  # sequences per micro-batch per process (a speed setting: grad_accum keeps the step)
    grad_accum: int = 1  # micro-batches summed before each optimiser step (per process)
    max_iters: int = 300  # optimiser steps in total
    learning_rate: float = 3e-3  # peak learning rate, reached after warm-up
    min_lr: float = 3e-4  # the cosine ends here (about learning_rate / 10, Chinchilla)
    warmup_iters: int = 20  # linear warm-up from 0 over this many steps
    lr_decay_iters: int | None = None  # None: decay over max_iters (kept when --resume changes max_iters)
    weight_decay: float = 0.1  # AdamW decay, applied to matrices only (not biases, norms)
    beta1: float = 0.9  # AdamW's first-moment decay
    beta2: float = 0.99  # 0.95 for big models, 0.99 for small ones that see few tokens per step
    grad_clip: float = 1.0  # clip the global gradient norm; 0 switches clipping off
    # evaluation, logging, checkpoints
    eval_interval: int = 100  # evaluate (and plot) every this many steps and at the end; 0: only at the end; -1: never
    eval_tokens: int = 0  # evaluate on the first this many validation tokens; 0: all of them
    log_interval: int = 10  # write a metrics line every this many steps
    ckpt_interval: int = 100  # checkpoint every this many steps and at the end; 0: only at the end; -1: never
    keep_last: int = 0  # also keep the last N checkpoints as ckpt-STEP.pt (0: only ckpt.pt and best.pt)
    out_dir: str | None = None  # None: runs/<name>
    resume: bool = False  # continue from out_dir/ckpt.pt exactly where it stopped
    overwrite: bool = False  # start afresh even though out_dir holds a run (the old one moves to <out_dir>.old)
    progress: bool = True  # tqdm progress bar on the main process (log lines are printed either way)
    # system
    device: str = "auto"  # "auto" (cuda if present), "cpu", "cuda", "cuda:1", "mps"
    dtype: str = "auto"  # "auto" (bfloat16 on CUDA, float16 + loss scaling where a GPU lacks bfloat16, else float32)
    compile: bool | None = None  # torch.compile; None: on for CUDA, off for CPU
    compile_mode: str = "default"  # torch.compile mode: default, max-autotune-no-cudagraphs, reduce-overhead, max-autotune
    loss_chunk: int = 0  # rows per chunk of a fused output layer + cross-entropy (no full logits); 0: off
    seed: int = 1337  # seeds the weights, dropout and the batch sampler

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
    # supervised fine-tuning (python -m lmdocs.recipes.sft): a gentle rate, few steps, the model's own shape
    "sft": dict(name="sft", max_iters=200, learning_rate=3e-4, min_lr=3e-5, warmup_iters=10, batch_size=16,
                eval_interval=50, ckpt_interval=50, log_interval=10, val_fraction=0.1, weight_decay=0.0),
}
MODELS = ("gpt", "lstm", "mingru")  # built by factory.build_model
DTYPES = ("auto", "bfloat16", "float16", "float32")
COMPILE_MODES = ("default", "max-autotune-no-cudagraphs", "reduce-overhead", "max-autotune")
FILE_SUFFIXES = (".toml", ".py")  # --config=FILE


def parse_args(argv: list[str]) -> TrainConfig:
    """``["--config", "tiny", "--key=value", "--resume"]`` -> a validated TrainConfig."""
    return make_config(*split_args(argv))


def split_args(argv: list[str], default: str = "tiny") -> tuple[str, dict[str, str]]:
    """The preset's name (or config file) and the ``--key=value`` overrides as strings (checked against the fields)."""
    name, overrides = default, {}
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
                    raise RecipeError("--config needs a name or a file, e.g. --config=tiny or --config=run.toml")
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
    """Preset or config file ``name`` with ``overrides`` (strings are converted with the field's type)."""
    if name.endswith(FILE_SUFFIXES):
        cfg = _from_file(Path(name))
    elif name in CONFIGS:
        cfg = _preset(name)
    else:
        raise RecipeError(f"unknown config {name!r}; choose one of {', '.join(CONFIGS)}, or a .toml or .py file")
    return override(cfg, overrides or {})


def override(cfg: TrainConfig, overrides: dict[str, object]) -> TrainConfig:
    """``cfg`` with fields replaced by converted ``overrides``, validated."""
    cfg = replace(cfg, **{key: _convert(key, value) for key, value in overrides.items()})
    validate(cfg)
    return cfg


def config_from_dict(values: dict[str, object]) -> TrainConfig:
    """Rebuild a config saved with ``asdict`` (ignores fields that no longer exist)."""
    known = {f.name for f in fields(TrainConfig)}
    return TrainConfig(**{k: v for k, v in values.items() if k in known})


def _preset(name: str) -> TrainConfig:
    return replace(TrainConfig(name=name), **CONFIGS[name])


def _from_file(path: Path) -> TrainConfig:
    """The config a .toml or .py file describes: its preset (``config = ...``, default tiny) and its values."""
    from lmdocs.recipes.config_files import read_config_file  # (it raises this module's RecipeError)

    values = read_config_file(path)
    preset = values.pop("config", ("tiny", 0))[0]
    if preset not in CONFIGS:
        raise RecipeError(f"{path}: config = {preset!r} is not a preset; choose one of {', '.join(CONFIGS)}")
    cfg = replace(_preset(preset), name=path.stem)
    converted = {}
    for key, (value, line) in values.items():
        try:
            converted[key] = _convert(key, value)
        except RecipeError as error:
            where = f"{path} line {line}" if line else str(path)
            raise RecipeError(f"{where}: {error}") from None
    return replace(cfg, **converted)


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

    def one_of(key: str, choices: tuple[str, ...]) -> None:
        need(getattr(cfg, key) in choices, f"--{key}={getattr(cfg, key)} is not one of {', '.join(choices)}")

    one_of("model", MODELS)
    one_of("tokenizer", TOKENIZERS)
    one_of("dtype", DTYPES)
    one_of("compile_mode", COMPILE_MODES)
    for key in ("block_size", "n_layer", "n_head", "n_embd", "batch_size", "grad_accum", "max_iters",
                "log_interval"):
        need(getattr(cfg, key) > 0, f"--{key} must be a positive integer, got {getattr(cfg, key)}")
    for key in ("eval_tokens", "warmup_iters", "keep_last", "loss_chunk"):
        need(getattr(cfg, key) >= 0, f"--{key} must be 0 or more, got {getattr(cfg, key)}")
    for key in ("eval_interval", "ckpt_interval"):
        need(getattr(cfg, key) >= -1, f"--{key} must be a step count, 0 (only at the end) or -1 (never), "
                                      f"got {getattr(cfg, key)}")
    need(0.0 <= cfg.dropout < 1.0, f"--dropout must be in [0, 1), got {cfg.dropout}")
    need(0.0 <= cfg.val_fraction < 1.0, f"--val_fraction must be in [0, 1), got {cfg.val_fraction}")
    need(cfg.learning_rate > 0 and cfg.min_lr >= 0, "--learning_rate must be > 0 and --min_lr >= 0")
    need(cfg.grad_clip >= 0, f"--grad_clip must be 0 (off) or positive, got {cfg.grad_clip}")
    need(cfg.bpe_vocab_size >= 256, f"--bpe_vocab_size must be at least 256 (the byte tokens), got {cfg.bpe_vocab_size}")
    need(cfg.vocab_size is None or cfg.vocab_size > 0, f"--vocab_size must be positive, got {cfg.vocab_size}")
    if cfg.model == "gpt":
        need(cfg.n_embd % cfg.n_head == 0, f"--n_embd={cfg.n_embd} must be a multiple of --n_head={cfg.n_head}")


def field_comments() -> dict[str, str]:
    """Each TrainConfig field's ``# comment`` from this module's source, and ``#`` section lines under
    ``"#section:N"`` keys in order; empty where the source is not available (a frozen application)."""
    try:
        source = inspect.getsource(TrainConfig)
    except (OSError, TypeError):
        return {}
    lines: dict[int, list[tokenize.TokenInfo]] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        lines.setdefault(token.start[0], []).append(token)
    comments: dict[str, str] = {}
    layout = (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
    for row in lines.values():
        row = [t for t in row if t.type not in layout]
        text = next((t.string.lstrip("# ").strip() for t in row if t.type == tokenize.COMMENT), None)
        if text is None:
            continue
        if len(row) == 1:  # a line that is only a comment: a section heading
            comments[f"#section:{len(comments)}"] = text
        elif row[0].type == tokenize.NAME and row[1].string == ":":
            comments[row[0].string] = text
    return comments


def describe(command: str = "python -m lmdocs.recipes.train", preset: str = "tiny") -> str:
    """The --help text: presets, config files, and every field with its default and its comment."""
    comments = field_comments()
    defaults = asdict(_preset(preset))
    lines = [f"usage: {command} [--config=NAME|FILE.toml|FILE.py] [--key=value ...] [--resume]", "",
             "configs: " + ", ".join(CONFIGS),
             "config files: TOML or Python files of plain `key = value` lines (the keys below); "
             "command-line options override them", "", f"options (defaults of the '{preset}' config):"]
    sections = {key: text for key, text in comments.items() if key.startswith("#section:")}
    order = list(comments) if comments else []
    seen = set()
    for key in order:
        if key in sections:
            lines.append(f" {sections[key]}:")
        elif key in defaults:
            seen.add(key)
            lines.append(f"  --{key}={defaults[key]}".ljust(32) + f" {comments[key]}")
    for key, value in defaults.items():  # fields without a comment, or no source to read
        if key not in seen:
            lines.append(f"  --{key}={value}")
    return "\n".join(lines)
