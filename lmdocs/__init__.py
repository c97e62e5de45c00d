"""lmdocs: language modeling from n-grams to transformers, in pure Python.

Standard library only, so every module runs unchanged in CPython and in Pyodide.
This file only re-exports; each concept lives in its own module or subpackage:

- ``lmdocs.text``        Persian/English normalisation; splitting text into sentences, words, characters
- ``lmdocs.ngram``       n-gram models (MLE, add-k, Kneser-Ney, modified Kneser-Ney as KenLM)
- ``lmdocs.bpe``         byte-level BPE tokenizer
- ``lmdocs.tokenizers``  text to token ids for every model: characters, UTF-8 bytes, BPE
- ``lmdocs.tensor_json`` weights in JSON model files: base64 of little-endian floats
- ``lmdocs.rnn``         character RNN, LSTM, GRU, minGRU with hand-written backprop
- ``lmdocs.transformer`` a tiny GPT forward pass and attention, for reading and for the browser
- ``lmdocs.chat``        the chat template and its loss mask (fine-tuning in the page and the sft recipe)
- ``lmdocs.compute``, ``lmdocs.shannon``, ``lmdocs.corpora``, ``lmdocs.page`` (the page bridge)
- ``lmdocs.recipes``     PyTorch training recipes (needs torch; never imported from here)

The re-exports are imported on first use (PEP 562), so that ``python -m lmdocs.ngram`` or
``import lmdocs.text`` does not pay for the BPE, RNN and transformer modules.

>>> from lmdocs import NGramModel, hafez_split
>>> NGramModel.__module__
'lmdocs.ngram.model'
"""
import importlib

__version__ = "0.1.0"

_SUBMODULES = ("bpe", "chat", "compute", "corpora", "ngram", "rnn", "shannon", "tensor_json", "text", "tokenizers",
               "transformer")
_NAMES = {
    "train_bpe": ("bpe", "train"),
    "english_sample": ("corpora", "english_sample"), "english_sentences": ("corpora", "english_sentences"),
    "hafez_ghazals": ("corpora", "hafez_ghazals"), "hafez_split": ("corpora", "hafez_split"),
    "hafez_text": ("corpora", "hafez_text"), "parallel_fa_en": ("corpora", "parallel_fa_en"),
    "NGramModel": ("ngram", "NGramModel"),
    "Perplexity": ("ngram", "Perplexity"), "CharRNN": ("rnn", "CharRNN"),
    "TrainConfig": ("rnn", "TrainConfig"), "Trainer": ("rnn", "Trainer"),
    "TrainingDiverged": ("rnn", "TrainingDiverged"),
    "characters": ("text", "characters"), "normalize": ("text", "normalize"),
    "sentences": ("text", "sentences"), "words": ("text", "words"),
    "CharTokenizer": ("tokenizers", "CharTokenizer"), "ByteTokenizer": ("tokenizers", "ByteTokenizer"),
    "BPETokenizer": ("tokenizers", "BPETokenizer"),
    "GPT": ("transformer", "GPT"), "GPTConfig": ("transformer", "GPTConfig"),
}

__all__ = sorted(["__version__", *_SUBMODULES, *_NAMES])


def __getattr__(name: str) -> object:
    if name in _SUBMODULES:
        return importlib.import_module(f"lmdocs.{name}")
    if name in _NAMES:
        module, attribute = _NAMES[name]
        value = getattr(importlib.import_module(f"lmdocs.{module}"), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'lmdocs' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
