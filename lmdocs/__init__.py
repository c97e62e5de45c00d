"""lmdocs: language modeling from n-grams to transformers, in pure Python.

Standard library only, so every module runs unchanged in CPython and in Pyodide.
This file only re-exports; each concept lives in its own module or subpackage.
"""
from lmdocs.corpora import hafez_ghazals, hafez_split, hafez_text

__version__ = "0.1.0"

__all__ = ["__version__", "hafez_ghazals", "hafez_split", "hafez_text"]
