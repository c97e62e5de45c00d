"""Every model the recipes train, built from its name: the one place that maps a name to a module.

>>> from lmdocs.recipes.config import make_config
>>> args = model_args_for(make_config("mingru-tiny"), vocab_size=37)
>>> args
{'block_size': 64, 'vocab_size': 37, 'n_layer': 2, 'n_embd': 64, 'dropout': 0.0, 'bias': True}
>>> type(build_model("mingru", args)).__name__
'MinGRULM'

A model is described by its name (``"gpt"``, ``"lstm"``, ``"mingru"``: the ``--model`` option)
and its constructor arguments (``model_args``), the pair every checkpoint stores; the trainer,
the sampler, the exporter and the scripts all build models through this module, so a checkpoint
always comes back as the module that wrote it.
"""
from __future__ import annotations

from pathlib import Path

import torch.nn as nn

from lmdocs.recipes.baselines import LSTM, MinGRULM, RNNConfig
from lmdocs.recipes.config import RecipeError, TrainConfig
from lmdocs.recipes.model import GPT, GPTConfig

# name -> (module class, its config dataclass); the same names as config.MODELS (the --model choices)
MODEL_CLASSES: dict[str, tuple[type[nn.Module], type]] = {
    "gpt": (GPT, GPTConfig),
    "lstm": (LSTM, RNNConfig),
    "mingru": (MinGRULM, RNNConfig),
}


def model_args_for(cfg: TrainConfig, vocab_size: int) -> dict:
    """The constructor arguments of model ``cfg.model`` taken from a TrainConfig."""
    args = dict(block_size=cfg.block_size, vocab_size=vocab_size, n_layer=cfg.n_layer,
                n_embd=cfg.n_embd, dropout=cfg.dropout, bias=cfg.bias)
    if cfg.model == "gpt":
        args["n_head"] = cfg.n_head
    return args


def build_model(kind: str, model_args: dict) -> nn.Module:
    """A freshly initialised model ``kind`` (draws its weights from torch's global generator)."""
    if kind not in MODEL_CLASSES:
        raise RecipeError(f"unknown model {kind!r}; choose one of {', '.join(MODEL_CLASSES)}")
    module, config = MODEL_CLASSES[kind]
    return module(config(**model_args))


def model_from_checkpoint(saved: dict, path: str | Path) -> nn.Module:
    """The model a checkpoint (read by ``checkpoint.load_checkpoint`` from ``path``) holds, weights loaded."""
    model = build_model(saved["model_type"], saved["model_args"])
    try:
        model.load_state_dict(saved["model"])
    except RuntimeError as error:
        raise RecipeError(f"checkpoint {path} does not match its own model arguments "
                          f"({str(error).splitlines()[0][:120]})") from None
    return model


def grow_vocabulary(kind: str, model_args: dict, state_dict: dict, vocab_size: int) -> tuple[dict, dict]:
    """(model_args, state_dict) of the same model with ``vocab_size`` token ids: the old rows of the
    embedding and output layer are kept, the new ones start as a new model's do (normal, std 0.02 for
    the GPT, as nanoGPT initialises them). Used to fine-tune on text with characters the model never saw.

    >>> args = {"block_size": 8, "vocab_size": 3, "n_layer": 1, "n_embd": 4}
    >>> old = build_model("lstm", args).state_dict()
    >>> new_args, new = grow_vocabulary("lstm", args, old, 5)
    >>> new_args["vocab_size"], tuple(new["wte.weight"].shape), bool((new["wte.weight"][:3] == old["wte.weight"]).all())
    (5, (5, 4), True)
    """
    if vocab_size < model_args["vocab_size"]:
        raise RecipeError(f"cannot shrink the vocabulary from {model_args['vocab_size']} to {vocab_size} ids")
    new_args = {**model_args, "vocab_size": vocab_size}
    grown = build_model(kind, new_args).state_dict()
    for name, old in state_dict.items():
        new = grown[name]
        if old.shape == new.shape:
            new.copy_(old)
        elif old.shape[1:] == new.shape[1:] and old.shape[0] == model_args["vocab_size"]:
            new[:old.shape[0]].copy_(old)  # a vocabulary-sized table: keep the rows we have
        else:
            raise RecipeError(f"{name} has shape {tuple(old.shape)}; it does not fit a {kind} with {new_args}")
    return new_args, grown
