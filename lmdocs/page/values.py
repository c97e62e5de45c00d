"""Checks and formats for the values lmdocs.page draws: one clear error per bad value.

    >>> check_number(2.5, "y"), check_labels(("a", 1), "labels"), fmt(2 / 3)
    (2.5, ['a', '1'], '0.6667')
"""
from __future__ import annotations

import math
from typing import Any


def check_key(key: Any) -> str:
    """An element's key: a non-empty str."""
    if not isinstance(key, str) or not key:
        raise TypeError(f"key must be a non-empty str naming the element, got {key!r}.")
    return key


def check_number(value: Any, what: str) -> float:
    """A finite int or float (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number, got {type(value).__name__} {value!r}.")
    if not math.isfinite(value):
        raise ValueError(f"{what} must be finite, got {value!r}; replace NaN/inf before drawing.")
    return value


def check_labels(values: Any, what: str) -> list[str]:
    """A list or tuple of labels, each shown as str()."""
    if not isinstance(values, (list, tuple)):
        raise TypeError(f"{what} must be a list of strings, got {type(values).__name__}.")
    return [str(v) for v in values]


def fmt(value: float) -> str:
    """A number as text: floats with 4 significant digits."""
    return f"{value:.4g}" if isinstance(value, float) else str(value)
