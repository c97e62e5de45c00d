"""Checkpoints: a model (and, optionally, its trainer) as a versioned JSON file.

    {"format": "lmdocs.rnn", "version": 1, "cell": "lstm", "hidden_size": 64, "chars": "...",
     "precision": "float64", "params": {"Wx": {"shape": [V, 4H], "data": "<base64>"}, ...},
     "training": null | {"config": {...}, "position": ..., "optimizer": {...}, ...}, "note": "..."}

Arrays are stored as ``lmdocs.tensor_json`` writes them: base64 of little-endian IEEE floats
(float64 by default: exact; float32 or float16 for small shipped files), and the JSON is written
with sorted keys, so the same model gives the same bytes in CPython and in Pyodide. Writing goes
to a temporary file that replaces the old one only when complete, and a model with a NaN or
infinite weight is refused, so a checkpoint on disk is never half-written or corrupted.

>>> from lmdocs.rnn.model import CharRNN
>>> from lmdocs.tokenizers import CharTokenizer
>>> model = CharRNN(CharTokenizer.from_text("ab"), cell="rnn", hidden_size=2, seed=0)
>>> checkpoint_from_json(checkpoint_to_json(model)).model.Wy == model.Wy
True

Not handled: files from other programs (torch's state_dict), versions newer than this module.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import asdict, dataclass
from importlib import resources

from lmdocs import tensor_json
from lmdocs.rnn.model import CharRNN
from lmdocs.rnn.train import TrainConfig, Trainer
from lmdocs.tokenizers import CharTokenizer

FORMAT, VERSION = "lmdocs.rnn", 1


@dataclass
class Checkpoint:
    model: CharRNN
    training: dict | None  # what Trainer needs to continue; None for a model-only checkpoint
    note: str = ""


def text_fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def checkpoint_to_json(model: CharRNN, trainer: Trainer | None = None, precision: str = "float64",
                       note: str = "") -> str:
    if precision not in tensor_json.DTYPES:
        raise ValueError(f"unknown precision {precision!r}; choose one of {', '.join(tensor_json.DTYPES)}")
    params = model.params()
    for name, value in params.items():
        rows = value if isinstance(value[0], list) else [value]
        if not all(math.isfinite(x) for row in rows for x in row):
            raise ValueError(f"parameter {name} has a NaN or infinite weight; refusing to save a broken model")
    doc = {
        "format": FORMAT, "version": VERSION, "cell": model.cell_kind, "hidden_size": model.hidden_size,
        "chars": model.tokenizer.chars, "seed": model.seed, "precision": precision, "note": note,
        "params": {name: tensor_json.encode(value, precision) for name, value in params.items()},
        "training": None if trainer is None else _training_to_dict(trainer),
    }
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=1) + "\n"


def _training_to_dict(trainer: Trainer) -> dict:
    opt = trainer.optimizer.state_dict()
    return {
        "config": asdict(trainer.config),
        "text": {"length": len(trainer.ids), "sha256": text_fingerprint(trainer.model.tokenizer.decode(trainer.ids))},
        "position": trainer.position, "steps": trainer.steps, "chars_seen": trainer.chars_seen,
        "losses": tensor_json.encode(trainer.losses)["data"] if trainer.losses else "",
        "state": [tensor_json.encode(s) for s in trainer.state],
        "optimizer": {k: ({n: tensor_json.encode(v) for n, v in val.items()} if isinstance(val, dict) else val)
                      for k, val in opt.items()},
    }


def checkpoint_from_json(text: str) -> Checkpoint:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"this is not a checkpoint file (not JSON: {err})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError(f"this is not an {FORMAT} checkpoint (its 'format' field is missing or different)")
    if doc.get("version") != VERSION:
        raise ValueError(f"checkpoint version {doc.get('version')!r} is not supported; this lmdocs reads {VERSION}")
    try:
        precision = doc["precision"]
        if precision not in tensor_json.DTYPES:
            raise ValueError(f"unknown precision {precision!r} in the checkpoint")
        params = {name: tensor_json.decode(item, precision, f"parameter {name}")
                  for name, item in doc["params"].items()}
        model = CharRNN(CharTokenizer(doc["chars"]), cell=doc["cell"], hidden_size=doc["hidden_size"],
                        seed=doc.get("seed", 0), params=params)
    except (KeyError, TypeError, AttributeError) as err:
        raise ValueError(f"the checkpoint is incomplete or damaged (at {err!r}); save it again") from None
    return Checkpoint(model, doc.get("training"), doc.get("note", ""))


def resume(checkpoint: Checkpoint, text: str) -> Trainer:
    """A Trainer that continues exactly where the checkpoint's trainer stopped, on the same text.

    For a model-only checkpoint (or to fine-tune on another text) use Trainer(checkpoint.model, text).
    """
    info = checkpoint.training
    if info is None:
        raise ValueError("this checkpoint holds no training state; use Trainer(checkpoint.model, text) instead")
    if len(text) != info["text"]["length"] or text_fingerprint(text) != info["text"]["sha256"]:
        raise ValueError("this checkpoint was trained on another text; pass the same text to continue, or "
                         "start a new Trainer(checkpoint.model, text) to fine-tune on this one")
    trainer = Trainer(checkpoint.model, text, TrainConfig.from_dict(info["config"]))
    opt = {k: ({n: tensor_json.decode(v) for n, v in val.items()} if isinstance(val, dict) else val)
           for k, val in info["optimizer"].items()}
    trainer.optimizer.load_state_dict(opt)
    trainer.position, trainer.steps, trainer.chars_seen = info["position"], info["steps"], info["chars_seen"]
    trainer.losses = tensor_json.decode({"shape": [info["steps"]], "data": info["losses"]}) if info["losses"] else []
    trainer.state = tuple(tensor_json.decode(s) for s in info["state"])
    return trainer


def save_checkpoint(path, model: CharRNN, trainer: Trainer | None = None, precision: str = "float64",
                    note: str = "") -> None:
    """Write atomically: a temporary file next to ``path``, then a rename over it."""
    data = checkpoint_to_json(model, trainer, precision, note)  # raises before touching the disk
    path = os.fspath(path)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(data)
    os.replace(tmp, path)


def load_checkpoint(path) -> Checkpoint:
    with open(path, encoding="utf-8") as f:
        return checkpoint_from_json(f.read())


def load_pretrained(cell: str = "lstm") -> Checkpoint:
    """The checkpoint trained on Hafez by scripts/train_rnn_checkpoint.py, shipped in lmdocs/data."""
    name = f"rnn_hafez_{cell}.json"
    resource = resources.files("lmdocs.data").joinpath(name)
    if not resource.is_file():
        raise ValueError(f"no pretrained checkpoint for cell {cell!r}; run scripts/train_rnn_checkpoint.py")
    return checkpoint_from_json(resource.read_text(encoding="utf-8"))
