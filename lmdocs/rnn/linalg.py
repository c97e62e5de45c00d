"""The few list-of-lists kernels the recurrent cells need, and nothing else.

A matrix is a list of rows (row-major), a vector a list of floats. Every kernel is built on one
dot product, so the hot loops run in C:

- Python >= 3.12 (Pyodide 314 ships 3.14) has ``math.sumprod``, an exact-ish C dot product;
- Python 3.11 has not, so the fallback ``sum(map(mul, a, b))`` keeps the loop in C as well.

The two differ in the last bits (``sumprod`` accumulates with extra precision), never more:
``tests/unit/rnn/test_rnn_linalg.py`` checks both against an exactly rounded reference.

>>> matvec([[1.0, 2.0], [3.0, 4.0]], [1.0, 1.0])
[3.0, 7.0]
>>> transpose([[1.0, 2.0], [3.0, 4.0]])
[[1.0, 3.0], [2.0, 4.0]]

Not handled: shape checks (callers build consistent shapes; a short row is silently truncated by
``zip`` in the fallback, and raises in ``sumprod``).
"""
from __future__ import annotations

import math
from itertools import repeat
from operator import mul

from lmdocs.rnn import jskernel

Matrix = list[list[float]]
Vector = list[float]


def dot_fallback(a, b) -> float:
    """sum_i a[i] * b[i], for Pythons without ``math.sumprod`` (3.11)."""
    return sum(map(mul, a, b))


SUMPROD = getattr(math, "sumprod", None)
dot = SUMPROD or dot_fallback  # the kernel in use; see use_kernel


# "js": Trainer.train runs its windows in kernel.js; the default in Pyodide (see use_kernel)
BACKEND = {"name": "js" if jskernel.available() else "python"}


def use_kernel(name: str) -> str:
    """Select the kernel: "sumprod", "fallback", "python" (the best of those two), "js" or "auto".

    "js" (Pyodide only) makes Trainer.train run its windows in lmdocs/rnn/kernel.js (see
    jskernel.py); every other computation keeps using the Python dot product. "auto" is "js" in
    Pyodide and "python" elsewhere. Returns the name of the kernel now in use.
    """
    global dot
    if name not in ("sumprod", "fallback", "python", "js", "auto"):
        raise ValueError(f"unknown kernel {name!r}; choose 'sumprod', 'fallback', 'python', 'js' or 'auto'")
    if name == "js" and not jskernel.available():
        raise ValueError("kernel 'js' needs Pyodide (a browser); use 'auto' or 'python'")
    if name == "sumprod" and SUMPROD is None:
        raise ValueError("math.sumprod needs Python >= 3.12; use kernel 'fallback' or 'auto'")
    dot = dot_fallback if name == "fallback" or SUMPROD is None else SUMPROD
    BACKEND["name"] = "js" if name == "js" or (name == "auto" and jskernel.available()) else "python"
    return kernel_name()


def kernel_name() -> str:
    if BACKEND["name"] == "js":
        return "js"
    return "fallback" if dot is dot_fallback else "sumprod"


def matvec(rows: Matrix, x: Vector) -> Vector:
    """y = M x, one dot product per row."""
    return list(map(dot, rows, repeat(x)))


def transpose(rows: Matrix) -> Matrix:
    """M^T as a new list of rows."""
    return [list(col) for col in zip(*rows)]


def sum_outer(cols_a: Matrix, cols_b: Matrix) -> Matrix:
    """sum_t a_t b_t^T, given the a_t and b_t as columns (cols_a[i][t] = a_t[i]).

    This is how a weight gradient is summed over a window of T steps: one dot product of length T
    per weight instead of T scalar multiply-adds in Python.
    """
    return [list(map(dot, repeat(row), cols_b)) for row in cols_a]


def columns(vectors: list[Vector]) -> list[tuple[float, ...]]:
    """[v_0, v_1, ...] -> their components as columns: out[i][t] = v_t[i]."""
    return list(zip(*vectors))


def zeros(n_rows: int, n_cols: int) -> Matrix:
    return [[0.0] * n_cols for _ in range(n_rows)]


def uniform(rng, n_rows: int, n_cols: int, bound: float) -> Matrix:
    """Weights drawn from U(-bound, bound), row after row, from a seeded random.Random."""
    return [[rng.uniform(-bound, bound) for _ in range(n_cols)] for _ in range(n_rows)]


def sigmoid(a: Vector, tanh=math.tanh) -> Vector:
    """1 / (1 + e^-a) written as (1 + tanh(a/2)) / 2: never overflows (math.exp would raise).

    Derivative: sigmoid'(a) = s (1 - s), used by every gate's backward step. Tiny outputs
    (a < -30) keep absolute, not relative, precision; training never notices.
    """
    return [0.5 + 0.5 * tanh(0.5 * v) for v in a]


ONE = [1.0]


def with_bias(rows: Matrix, bias: Vector) -> Matrix:
    """[W | b]: each row gets its bias as a last column, so that dot(row, h + [1]) = W h + b.

    Built once per window, it saves one pass over the output at every step.
    """
    return [row + [b] for row, b in zip(rows, bias)]


def scatter_rows(ids: list[int], rows: list[Vector], n_rows: int) -> Matrix:
    """out[i] = sum of rows[t] where ids[t] == i: the gradient of a table looked up by id.

    A one-hot input x picks row x of the input weights, so the weight gradient is the gate
    gradient added into that row.
    """
    out = zeros(n_rows, len(rows[0]))
    for i, row in zip(ids, rows):
        out[i] = [a + b for a, b in zip(out[i], row)]
    return out


def column_sums(vectors: list[Vector]) -> Vector:
    """sum_t v_t (the gradient of a bias added at every step).

    Plain ``sum``: compensated (Neumaier) summation in Python >= 3.12, several times faster than
    ``math.fsum`` in Pyodide.
    """
    return [sum(col) for col in zip(*vectors)]
