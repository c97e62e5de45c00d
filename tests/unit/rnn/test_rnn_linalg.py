"""The dot-product kernels: math.sumprod (Python >= 3.12, Pyodide) and the 3.11 fallback."""
import math
import random

import pytest

from lmdocs.rnn import linalg as la


def exact_dot(a, b):
    """Correctly rounded sum of the exactly computed products (fractions), the reference."""
    from fractions import Fraction
    return float(sum(Fraction(x) * Fraction(y) for x, y in zip(a, b)))


@pytest.mark.parametrize("seed", range(5))
def test_both_kernels_agree_with_an_exactly_rounded_dot(seed):
    rng = random.Random(seed)
    n = rng.randint(1, 300)
    a = [rng.gauss(0, 1) for _ in range(n)]
    b = [rng.gauss(0, 1) for _ in range(n)]
    ref = exact_dot(a, b)
    bound = 1e-15 * n * math.fsum(abs(x * y) for x, y in zip(a, b))
    assert abs(la.dot_fallback(a, b) - ref) <= bound
    if la.SUMPROD is not None:  # Python >= 3.12 (checked in Pyodide by tests/pyodide/test_rnn_pyodide.py)
        assert abs(la.SUMPROD(a, b) - ref) <= bound


def test_kernel_selection_and_errors():
    try:
        assert la.use_kernel("fallback") == "fallback" and la.dot is la.dot_fallback
        assert la.kernel_name() == "fallback"
        expected = "sumprod" if la.SUMPROD is not None else "fallback"
        assert la.use_kernel("auto") == expected
        with pytest.raises(ValueError, match="unknown kernel"):
            la.use_kernel("blas")
        if la.SUMPROD is None:
            with pytest.raises(ValueError, match="Python >= 3.12"):
                la.use_kernel("sumprod")
    finally:
        la.use_kernel("auto")


def test_matrix_helpers():
    M = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    assert la.matvec(M, [1.0, 0.0, -1.0]) == [-2.0, -2.0]
    assert la.transpose(M) == [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]
    # sum_t a_t b_t^T with a_1 = (1, 2), b_1 = (3,), a_2 = (0, 1), b_2 = (5,)  ->  [[3], [6 + 5]]
    assert la.sum_outer(la.columns([[1.0, 2.0], [0.0, 1.0]]), la.columns([[3.0], [5.0]])) == [[3.0], [11.0]]
    assert la.scatter_rows([1, 1, 0], [[1.0], [2.0], [4.0]], 3) == [[4.0], [3.0], [0.0]]
    assert la.with_bias([[1.0], [2.0]], [5.0, 6.0]) == [[1.0, 5.0], [2.0, 6.0]]
    assert la.column_sums([[1.0, 2.0], [3.0, 4.0]]) == [4.0, 6.0]


def test_sigmoid_never_overflows_and_matches_the_textbook_formula():
    values = [-800.0, -30.0, -1.0, 0.0, 2.5, 800.0]
    got = la.sigmoid(values)
    assert got[0] == 0.0 and got[-1] == 1.0
    for v, s in zip(values[1:-1], got[1:-1]):
        assert s == pytest.approx(1 / (1 + math.exp(-v)), rel=1e-12, abs=1e-16)
