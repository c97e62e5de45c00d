"""The small character-level GPT trained on Hafez that ships inside the package (for the articles' demos).

Trained and exported by ``scripts/train_attention_model.py`` (seeded; see the file's metadata).
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from lmdocs.transformer.model import GPT

HAFEZ_MODEL_FILE = "tiny_gpt_hafez.json"


@lru_cache(maxsize=1)
def load_hafez_gpt() -> GPT:
    """The shipped model (loaded once, then cached): 2 layers, 4 heads, width 64, 64 characters of context."""
    text = resources.files("lmdocs.data").joinpath(HAFEZ_MODEL_FILE).read_text(encoding="utf-8")
    return GPT.from_dict(json.loads(text))
