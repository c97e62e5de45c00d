"""Gradient clipping, Adam and Adagrad on list-of-lists parameters, updated in place.

Both optimizers follow torch.optim's formulas (tests/unit/rnn/test_rnn_optim.py steps them side by side):

    Adam:     m = b1 m + (1 - b1) g      v = b2 v + (1 - b2) g^2
              p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
    Adagrad:  G += g^2                   p -= lr * g / (sqrt(G) + eps)

>>> params = {"w": [1.0, 2.0]}
>>> opt = Adam(params, lr=0.1)
>>> opt.step({"w": [0.5, -0.5]}); [round(w, 6) for w in params["w"]]  # first step: lr * sign(g)
[0.9, 2.1]

Not handled: weight decay, learning-rate schedules, sparse updates.
"""
from __future__ import annotations

import math

from lmdocs.rnn import linalg as la


class TrainingDiverged(ValueError):
    """The loss, the gradient or an update became NaN or infinite; the weights were left untouched."""


def _commit(pending: list) -> None:
    """Write the new rows only if every one is finite, so a diverging step changes nothing."""
    for _, new_rows in pending:
        for row in new_rows[-1]:
            if not math.isfinite(sum(row)):
                raise TrainingDiverged(
                    "this update would make a weight NaN or infinite; training stopped and the "
                    "weights were kept as they were; lower the learning rate"
                )
    for targets, new_rows in pending:
        for target_rows, rows in zip(targets, new_rows):
            for target, row in zip(target_rows, rows):
                target[:] = row


def _rows(value):
    """A parameter as a list of rows: a matrix is itself, a vector is one row (same list object)."""
    return value if value and isinstance(value[0], list) else [value]


def grad_norm(grads: dict) -> float:
    """The global 2-norm of every gradient together (inf or nan when one entry is)."""
    dot = la.dot
    return math.sqrt(math.fsum(dot(row, row) for v in grads.values() for row in _rows(v)))


def clip_grad_norm(grads: dict, max_norm: float) -> float:
    """Scale all gradients so their global norm is at most max_norm (torch.nn.utils.clip_grad_norm_).

    Returns the norm before clipping.
    """
    total = grad_norm(grads)
    coef = max_norm / (total + 1e-6)
    if coef < 1.0:
        for v in grads.values():
            for row in _rows(v):
                row[:] = [g * coef for g in row]
    return total


def check_learning_rate(lr) -> float:
    if isinstance(lr, bool) or not isinstance(lr, (int, float)):
        raise TypeError(f"the learning rate must be a number, got {type(lr).__name__}")
    if not math.isfinite(lr) or lr <= 0:
        raise ValueError(f"the learning rate must be a finite number above 0, got {lr}; try 0.002 for Adam")
    return float(lr)


class Adam:
    name = "adam"

    def __init__(self, params: dict, lr: float = 0.002, betas=(0.9, 0.999), eps: float = 1e-8):
        self.params, self.lr, self.betas, self.eps = params, check_learning_rate(lr), betas, eps
        self.t = 0
        self.m = {k: [[0.0] * len(r) for r in _rows(v)] for k, v in params.items()}
        self.v = {k: [[0.0] * len(r) for r in _rows(v)] for k, v in params.items()}

    def step(self, grads: dict) -> None:
        b1, b2 = self.betas
        self.t += 1
        # lr / bc1 * m / (sqrt(v / bc2) + eps), multiplied through by sqrt(bc2) so that sqrt runs
        # once per weight through map (in C) and no division by bc2 is needed per weight
        root_bc2 = math.sqrt(1.0 - b2 ** self.t)
        a = self.lr * root_bc2 / (1.0 - b1 ** self.t)
        eps, sqrt = self.eps * root_bc2, math.sqrt
        c1, c2 = 1.0 - b1, 1.0 - b2
        pending = []
        for name, value in self.params.items():
            new_m, new_v, new_p = [], [], []
            for p, g, m, v in zip(_rows(value), _rows(grads[name]), self.m[name], self.v[name]):
                m = [b1 * mi + c1 * gi for mi, gi in zip(m, g)]
                v = [b2 * vi + c2 * gi * gi for vi, gi in zip(v, g)]
                new_p.append([pi - a * mi / (r + eps) for pi, mi, r in zip(p, m, map(sqrt, v))])
                new_m.append(m)
                new_v.append(v)
            pending.append(((self.m[name], self.v[name], _rows(value)), (new_m, new_v, new_p)))
        try:
            _commit(pending)
        except TrainingDiverged:
            self.t -= 1
            raise

    def state_dict(self) -> dict:
        return {"name": self.name, "t": self.t, "m": self.m, "v": self.v}

    def load_state_dict(self, state: dict) -> None:
        self.t, self.m, self.v = state["t"], state["m"], state["v"]


class Adagrad:
    name = "adagrad"

    def __init__(self, params: dict, lr: float = 0.1, eps: float = 1e-10):
        self.params, self.lr, self.eps = params, check_learning_rate(lr), eps
        self.sum_sq = {k: [[0.0] * len(r) for r in _rows(v)] for k, v in params.items()}

    def step(self, grads: dict) -> None:
        lr, eps, sqrt = self.lr, self.eps, math.sqrt
        pending = []
        for name, value in self.params.items():
            new_s, new_p = [], []
            for p, g, s in zip(_rows(value), _rows(grads[name]), self.sum_sq[name]):
                s = [si + gi * gi for si, gi in zip(s, g)]
                new_p.append([pi - lr * gi / (sqrt(si) + eps) for pi, gi, si in zip(p, g, s)])
                new_s.append(s)
            pending.append(((self.sum_sq[name], _rows(value)), (new_s, new_p)))
        _commit(pending)

    def state_dict(self) -> dict:
        return {"name": self.name, "sum_sq": self.sum_sq}

    def load_state_dict(self, state: dict) -> None:
        self.sum_sq = state["sum_sq"]


OPTIMIZERS = {"adam": Adam, "adagrad": Adagrad}
