"""lmdocs: language modeling from n-grams to transformers, in pure Python.

Standard library only, so every module runs unchanged in CPython and in Pyodide.
This file only re-exports; each concept lives in its own module or subpackage:

- ``lmdocs.text``        Persian/English normalisation and tokenisation
- ``lmdocs.ngram``       n-gram models (MLE, add-k, Kneser-Ney, modified Kneser-Ney as KenLM)
- ``lmdocs.bpe``         byte-level BPE tokenizer
- ``lmdocs.rnn``         character RNN, LSTM, GRU, minGRU with hand-written backprop
- ``lmdocs.transformer`` a tiny GPT forward pass and attention, for reading and for the browser
- ``lmdocs.compute``, ``lmdocs.shannon``, ``lmdocs.corpora``, ``lmdocs.page`` (the page bridge)
- ``lmdocs.recipes``     PyTorch training recipes (needs torch; never imported from here)
"""
from lmdocs import bpe, compute, corpora, ngram, rnn, shannon, text, transformer
from lmdocs.bpe import Tokenizer as BPETokenizer
from lmdocs.bpe import train as train_bpe
from lmdocs.corpora import article_text, english_sentences, hafez_ghazals, hafez_split, hafez_text
from lmdocs.ngram import NGramModel, Perplexity
from lmdocs.rnn import CharRNN, CharVocab, TrainConfig, Trainer, TrainingDiverged
from lmdocs.text import characters, normalize, sentences, words
from lmdocs.transformer import GPT, GPTConfig

__version__ = "0.1.0"

__all__ = [
    "BPETokenizer", "CharRNN", "CharVocab", "GPT", "GPTConfig", "NGramModel", "Perplexity", "__version__",
    "article_text", "bpe", "characters", "compute", "corpora", "english_sentences", "hafez_ghazals",
    "hafez_split", "hafez_text", "ngram", "normalize", "rnn", "sentences", "shannon", "text", "train_bpe",
    "TrainConfig", "Trainer", "TrainingDiverged",
    "transformer", "words",
]
