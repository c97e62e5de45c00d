"""The derivative of every operation of the GPT, each next to its forward formula.

Backpropagation runs the forward pass backwards: given ``dy`` = d loss / d output of an
operation (same shape as the output), it returns d loss / d input and d loss / d weights. The
forward functions are those of ``ops.py`` and ``attention.py``; only what the derivative needs is
recomputed here (the LayerNorm statistics).

>>> dx, dw, db = linear_backward([[1.0, -1.0]], [[2.0, 3.0]], [[1.0, 0.0], [0.0, 1.0]])
>>> dx, dw, db
([[1.0, -1.0]], [[2.0, 3.0], [-2.0, -3.0]], [1.0, -1.0])
>>> [round(g, 4) for g in gelu_backward([1.0, 1.0], [0.0, 1.0])]  # GELU'(0) = 0.5
[0.5, 1.0833]

Shapes are those of one sequence: (T, features). tests/unit/transformer/test_transformer_train_grad.py
checks every derivative against torch autograd. Not handled: dropout.
"""
from __future__ import annotations

import math

from lmdocs.transformer.ops import Matrix, Vector, dot, transpose

_INV_SQRT2 = 1.0 / math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def linear_backward(dy: Matrix, x: Matrix, weight: Matrix) -> tuple[Matrix, Matrix, Vector]:
    """y = x W^T + b  ->  dx = dy W,  dW = dy^T x,  db = sum over t of dy[t].

    Returns (dx (T, in), dW (out, in), db (out,)); db is returned even when the layer has no bias.
    """
    w_columns = transpose(weight)  # (in, out): dx[t][i] = sum_o dy[t][o] * W[o][i]
    dx = [[dot(row, column) for column in w_columns] for row in dy]
    dy_columns, x_columns = transpose(dy), transpose(x)  # (out, T), (in, T)
    dw = [[dot(g, column) for column in x_columns] for g in dy_columns]
    db = [sum(g) for g in dy_columns]
    return dx, dw, db


def layer_norm_backward(dy: Matrix, x: Matrix, weight: Vector, eps: float = 1e-5) -> tuple[Matrix, Vector, Vector]:
    """y = xhat * w + b with xhat = (x - mean) * rstd, rstd = 1 / sqrt(var + eps).

    dxhat = dy * w
    dx    = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat))   (mean over the row)
    dw    = sum over t of dy * xhat,   db = sum over t of dy.
    Returns (dx (T, C), dw (C,), db (C,)).
    """
    n = len(weight)
    dx, dw, db = [], [0.0] * n, [0.0] * n
    for row, g in zip(x, dy):
        mean = sum(row) / n
        centred = [v - mean for v in row]
        rstd = 1.0 / math.sqrt(dot(centred, centred) / n + eps)
        xhat = [c * rstd for c in centred]
        dxhat = [gi * wi for gi, wi in zip(g, weight)]
        mean_d, mean_dx = sum(dxhat) / n, dot(dxhat, xhat) / n
        dx.append([rstd * (d - mean_d - h * mean_dx) for d, h in zip(dxhat, xhat)])
        dw = [a + gi * h for a, gi, h in zip(dw, g, xhat)]
        db = [a + gi for a, gi in zip(db, g)]
    return dx, dw, db


def gelu_backward(dy: Vector, x: Vector) -> Vector:
    """GELU(x) = x * Phi(x)  ->  GELU'(x) = Phi(x) + x * phi(x), with phi the normal density."""
    return [g * (0.5 * (1.0 + math.erf(v * _INV_SQRT2)) + v * _INV_SQRT_2PI * math.exp(-0.5 * v * v))
            for g, v in zip(dy, x)]


def softmax_backward(dp: Vector, p: Vector) -> Vector:
    """p = softmax(s)  ->  ds = p * (dp - sum_j p_j dp_j). Masked entries (p = 0) get 0."""
    inner = dot(p, dp)
    return [pi * (d - inner) for pi, d in zip(p, dp)]


def attention_backward(dy: Matrix, q: Matrix, k: Matrix, v: Matrix, weights: Matrix) -> tuple[Matrix, Matrix, Matrix]:
    """One head: s = q k^T / sqrt(d), p = masked softmax(s), y = p v.

    dp = dy v^T,  dv = p^T dy,  ds = softmax_backward(dp, p),  dq = ds k / sqrt(d),  dk = ds^T q / sqrt(d).
    Shapes: dy and q (T, d), k and v (S, d), weights (T, S). Returns (dq, dk, dv).
    """
    scale = 1.0 / math.sqrt(len(q[0]))
    dp = [[dot(g, vj) for vj in v] for g in dy]  # (T, S)
    ds = [[d * scale for d in softmax_backward(dp_row, p_row)] for dp_row, p_row in zip(dp, weights)]
    dy_columns, q_columns, k_columns = transpose(dy), transpose(q), transpose(k)
    p_columns, ds_columns = transpose(weights), transpose(ds)  # (S, T)
    dv = [[dot(pc, gc) for gc in dy_columns] for pc in p_columns]  # (S, d)
    dq = [[dot(row, kc) for kc in k_columns] for row in ds]  # (T, d)
    dk = [[dot(sc, qc) for qc in q_columns] for sc in ds_columns]  # (S, d)
    return dq, dk, dv


def cross_entropy(logits: Matrix, targets: list[int], scale: float) -> tuple[float, Matrix]:
    """Summed loss -log softmax(logits[t])[targets[t]] and its gradient times ``scale``.

    d loss / d logits[t] = softmax(logits[t]) - onehot(targets[t]). A target of -1 is ignored (no
    loss, zero gradient), as ``ignore_index=-1`` in the recipe. The caller passes scale = 1 / (number
    of counted targets) to get the gradient of the mean.
    """
    total, dlogits = 0.0, []
    for row, target in zip(logits, targets):
        if target == -1:
            dlogits.append([0.0] * len(row))
            continue
        top = max(row)
        exps = [math.exp(v - top) for v in row]
        norm = sum(exps)
        total += math.log(norm) + top - row[target]  # log sum exp(row) - row[target]
        grad = [e * scale / norm for e in exps]
        grad[target] -= scale
        dlogits.append(grad)
    return total, dlogits


def add_into(total: list, part: list) -> None:
    """total += part, element-wise and in place, for a vector or a matrix (list of rows)."""
    if total and isinstance(total[0], list):
        for row, extra in zip(total, part):
            row[:] = [a + b for a, b in zip(row, extra)]
    else:
        total[:] = [a + b for a, b in zip(total, part)]
