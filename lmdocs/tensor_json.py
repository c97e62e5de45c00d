"""A tensor of floats in JSON: ``{"shape": [...], "data": "<base64>"}``, the numbers little-endian IEEE.

>>> blob = encode([[0.5, -2.0], [1.0, 0.0]], "float32")
>>> blob
{'shape': [2, 2], 'data': 'AAAAPwAAAMAAAIA/AAAAAA=='}
>>> decode(blob, "float32")
[[0.5, -2.0], [1.0, 0.0]]

Both JSON model files of lmdocs keep their weights this way: the RNN checkpoints
(``lmdocs.rnn.io``, one precision for the whole file) and the exported GPTs
(``lmdocs.transformer.file_format``, a dtype and a checksum for each tensor). float64 keeps every
bit of a Python float; float32 and float16 round, for smaller shipped files. The ``<`` of the
struct codes fixes the byte order, so CPython and Pyodide write the same bytes on any machine.
Not handled: integer tensors, ragged lists (every row must have the length of the first).
"""
from __future__ import annotations

import base64
import binascii
import math
import struct

DTYPES = {"float64": "d", "float32": "f", "float16": "e"}  # the struct code of each float type


def encode(value: list, dtype: str = "float64") -> dict:
    """Nested lists of floats (a vector, a matrix, ...) -> ``{"shape": [...], "data": base64}``."""
    flat, shape = flatten(value)
    return {"shape": shape, "data": base64.b64encode(to_bytes(flat, dtype)).decode("ascii")}


def decode(blob: dict, dtype: str = "float64", what: str = "a tensor") -> list:
    """``{"shape", "data"}`` -> nested lists of floats; a damaged blob raises ValueError naming ``what``."""
    shape = blob["shape"]
    return reshape(from_bytes(from_base64(blob["data"], what), dtype, math.prod(shape), what), shape)


def flatten(value: list) -> tuple[list[float], list[int]]:
    """Nested lists -> (the values in row-major order, the shape).  flatten([[1, 2], [3, 4]]) == ([1, 2, 3, 4], [2, 2])."""
    shape, level = [], value
    while isinstance(level, list):
        shape.append(len(level))
        level = level[0] if level else None
    flat = value
    for _ in shape[1:]:
        flat = [x for row in flat for x in row]
    return flat, shape


def reshape(flat: list[float], shape: list[int] | tuple[int, ...]) -> list:
    """Row-major flat list -> nested lists: ``reshape([1, 2, 3, 4, 5, 6], (2, 3)) == [[1, 2, 3], [4, 5, 6]]``."""
    if len(shape) <= 1:
        return list(flat)
    step = len(flat) // shape[0]
    return [reshape(flat[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])]


def to_bytes(flat: list[float], dtype: str) -> bytes:
    """The values as little-endian ``dtype`` numbers."""
    code = _code(dtype)
    try:
        return struct.pack(f"<{len(flat)}{code}", *flat)
    except (OverflowError, struct.error):
        raise ValueError(f"a value is too large to store as {dtype}; store it as float64") from None


def from_bytes(raw: bytes, dtype: str, count: int, what: str = "a tensor") -> list[float]:
    """``count`` little-endian ``dtype`` numbers; any other length raises ValueError naming ``what``."""
    code = _code(dtype)
    size = struct.calcsize(code)
    if len(raw) != count * size:
        raise ValueError(f"{what} holds {len(raw) // size} {dtype} numbers where its shape needs {count}; "
                         "the file is damaged or truncated.")
    return list(struct.unpack(f"<{count}{code}", raw))


def from_base64(text: str, what: str = "a tensor") -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, TypeError, ValueError):
        raise ValueError(f"{what}: its data is not valid base64; the file is damaged.") from None


def _code(dtype: str) -> str:
    if dtype not in DTYPES:
        raise ValueError(f"dtype must be one of {', '.join(DTYPES)}, got {dtype!r}")
    return DTYPES[dtype]
