"""Byte-level BPE (byte pair encoding), the tokenizer of GPT-2 and most language models.

>>> from lmdocs.bpe import train
>>> tokenizer = train("low lower lowest newest widest " * 20, vocab_size=262)
>>> ids = tokenizer.encode(" lowest newer")
>>> tokenizer.pieces(ids)  # the 6 merges are Hugging Face tokenizers' too: es lo est low ' low' dest
[' low', 'est', ' ', 'n', 'e', 'w', 'e', 'r']
>>> tokenizer.decode(ids)
' lowest newer'

Modules: pretokenize (GPT-2 chunks with `re`), trainer (learning merges), tokenizer
(encode/decode), trace (merge steps for display), model_file (save/load),
__main__ (command line: python -m lmdocs.bpe train|encode|decode). The texts of the
tokenization article live with the other corpora (lmdocs.corpora); the models' tokenizer
interface, with BPE as one kind, is lmdocs.tokenizers.
"""
from lmdocs.bpe.model_file import FORMAT_VERSION, load, save
from lmdocs.bpe.pretokenize import GPT2_PATTERN, pretokenize
from lmdocs.bpe.tokenizer import Tokenizer
from lmdocs.bpe.trace import TraceStep, trace
from lmdocs.bpe.trainer import Merge, train

__all__ = ["FORMAT_VERSION", "GPT2_PATTERN", "Merge", "Tokenizer", "TraceStep",
           "load", "pretokenize", "save", "trace", "train"]
