"""The few array operations a GPT forward pass needs, on plain Python lists.

A vector is a ``list[float]``; a matrix is a list of rows, ``list[list[float]]``, row-major like
PyTorch. A ``Linear`` weight keeps PyTorch's layout ``(out_features, in_features)``, so output
number ``o`` is the dot product of the input with weight row ``o``.

>>> linear([[1.0, 2.0]], [[1.0, 0.0], [0.5, 0.5], [0.0, -1.0]], [0.0, 0.0, 1.0])
[[1.0, 1.5, -1.0]]
>>> [round(g, 4) for g in gelu([-1.0, 0.0, 1.0])]
[-0.1587, 0.0, 0.8413]

Everything runs in float64 (Python's float). Not handled: batches (one sequence at a time),
broadcasting, and any speed trick beyond ``math.sumprod``.
"""
from __future__ import annotations

import math
import operator

Vector = list[float]
Matrix = list[list[float]]

try:  # Python >= 3.12 (Pyodide 314 too): dot(a, b) = sum_i a[i] * b[i] in one C loop, extended precision
    from math import sumprod as dot
except ImportError:  # Python 3.11

    def dot(a: Vector, b: Vector) -> float:
        """sum_i a[i] * b[i]. ``dot([1, 2], [3, 4]) == 11``."""
        return sum(map(operator.mul, a, b))


def linear(x: Matrix, weight: Matrix, bias: Vector | None = None) -> Matrix:
    """x (T, in) @ weight.T (in, out) + bias (out,) -> (T, out), as ``torch.nn.Linear``."""
    if bias is None:
        return [[dot(row, w) for w in weight] for row in x]
    return [[dot(row, w) + b for w, b in zip(weight, bias)] for row in x]


def add(x: Matrix, y: Matrix) -> Matrix:
    """Element-wise x + y of two matrices of the same shape (the residual connection)."""
    return [[a + b for a, b in zip(row_x, row_y)] for row_x, row_y in zip(x, y)]


def layer_norm(x: Matrix, weight: Vector, bias: Vector | None, eps: float = 1e-5) -> Matrix:
    """Normalise each row to mean 0 and variance 1, then scale by ``weight`` and shift by ``bias``.

    y = (x - mean) / sqrt(var + eps) * weight + bias, with the biased variance (divide by n),
    exactly as ``torch.nn.functional.layer_norm``.
    """
    out = []
    for row in x:
        n = len(row)
        mean = sum(row) / n
        centred = [v - mean for v in row]
        inv_std = 1.0 / math.sqrt(dot(centred, centred) / n + eps)
        if bias is None:
            out.append([c * inv_std * w for c, w in zip(centred, weight)])
        else:
            out.append([c * inv_std * w + b for c, w, b in zip(centred, weight, bias)])
    return out


def gelu(row: Vector) -> Vector:
    """Exact GELU, x * Phi(x) = 0.5 * x * (1 + erf(x / sqrt(2))) (not the tanh approximation)."""
    return [0.5 * v * (1.0 + math.erf(v * _INV_SQRT2)) for v in row]


_INV_SQRT2 = 1.0 / math.sqrt(2.0)


def softmax(row: Vector) -> Vector:
    """exp(row) / sum(exp(row)), shifted by the maximum first so no exp overflows.

    Entries equal to ``-inf`` get probability exactly 0 (that is how a mask works).
    ``softmax([0.0, 0.0]) == [0.5, 0.5]``.
    """
    top = max(row)
    exps = [math.exp(v - top) for v in row]
    total = sum(exps)
    return [e / total for e in exps]


def transpose(x: Matrix) -> Matrix:
    """(rows, cols) -> (cols, rows)."""
    return [list(col) for col in zip(*x)]


def shape_of(value: object) -> tuple[int, ...]:
    """Shape of a nested list, read along its first elements: ``shape_of([[1, 2, 3]]) == (1, 3)``."""
    shape = []
    while isinstance(value, list):
        shape.append(len(value))
        value = value[0] if value else None
    return tuple(shape)
