"""AdamW on a GPT's weights (nested lists, updated in place), step for step as ``torch.optim.AdamW``.

For every weight p with gradient g, at step t (from 1)::

    p = p * (1 - lr * weight_decay)           decoupled weight decay (Loshchilov & Hutter), 2-D weights only
    m = m + (1 - beta1) * (g - m)             running mean of the gradient (torch: lerp)
    v = beta2 * v + (1 - beta2) * g * g       running mean of its square
    p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)

Which weights decay is ``lmdocs.recipes.run.make_optimizer``'s rule (nanoGPT's): tensors with
two dimensions (the embeddings wte and wpe and every Linear weight) decay; biases and LayerNorm
weights do not, since pulling them to 0 would fight their job (a LayerNorm weight starts at 1).

>>> params = {"w": [[1.0, -1.0]], "b": [0.5]}
>>> opt = AdamW(params, lr=0.1, weight_decay=0.5)
>>> opt.step({"w": [[0.2, 0.2]], "b": [-0.1]})  # decay (w only: it is 2-D), then about lr * sign(g)
>>> {name: [round(x, 6) for x in ([*value[0]] if name == "w" else value)] for name, value in params.items()}
{'w': [0.85, -1.05], 'b': [0.6]}

A step that would make a weight NaN or infinite raises ``TrainingDiverged`` and changes nothing.
Not handled: amsgrad, maximize, sparse gradients.
"""
from __future__ import annotations

import math

from lmdocs.rnn.optim import TrainingDiverged, check_learning_rate, clip_grad_norm, grad_norm

__all__ = ["AdamW", "TrainingDiverged", "clip_grad_norm", "decays", "grad_norm"]


def decays(value: list) -> bool:
    """True for a 2-D weight (a list of rows): the weights that AdamW decays."""
    return bool(value) and isinstance(value[0], list)


def _rows(value: list) -> list:
    return value if decays(value) else [value]


class AdamW:
    """``torch.optim.AdamW`` with two parameter groups: 2-D weights decay, the others do not."""

    name = "adamw"

    def __init__(self, params: dict[str, list], lr: float = 3e-3, betas: tuple[float, float] = (0.9, 0.99),
                 eps: float = 1e-8, weight_decay: float = 0.1):
        beta1, beta2 = betas
        if not (0.0 <= beta1 < 1.0 and 0.0 <= beta2 < 1.0):
            raise ValueError(f"betas must lie in [0, 1), got {betas}.")
        if not (math.isfinite(eps) and eps >= 0.0):
            raise ValueError(f"eps must be a finite number >= 0, got {eps}.")
        if not (math.isfinite(weight_decay) and weight_decay >= 0.0):
            raise ValueError(f"weight_decay must be a finite number >= 0, got {weight_decay}.")
        self.params, self.lr = params, check_learning_rate(lr)
        self.betas, self.eps, self.weight_decay = (float(beta1), float(beta2)), float(eps), float(weight_decay)
        self.t = 0
        self.m = {name: [[0.0] * len(row) for row in _rows(value)] for name, value in params.items()}
        self.v = {name: [[0.0] * len(row) for row in _rows(value)] for name, value in params.items()}

    def step(self, grads: dict[str, list], lr: float | None = None) -> None:
        """One update from ``grads`` (same names and shapes as the parameters); ``lr`` overrides self.lr once."""
        lr = self.lr if lr is None else check_learning_rate(lr)
        beta1, beta2 = self.betas
        t = self.t + 1
        step_size = lr / (1.0 - beta1 ** t)
        root_bc2 = math.sqrt(1.0 - beta2 ** t)
        c1, c2, eps, sqrt = 1.0 - beta1, 1.0 - beta2, self.eps, math.sqrt
        pending = []
        for name, value in self.params.items():
            keep = 1.0 - lr * self.weight_decay if decays(value) else 1.0
            new = []
            for p, g, m, v in zip(_rows(value), _rows(grads[name]), self.m[name], self.v[name]):
                m = [mi + c1 * (gi - mi) for mi, gi in zip(m, g)]
                v = [beta2 * vi + c2 * gi * gi for vi, gi in zip(v, g)]
                p = [pi * keep - step_size * mi / (sqrt(vi) / root_bc2 + eps) for pi, mi, vi in zip(p, m, v)]
                new.append((p, m, v))
            pending.append((name, new))
        if not all(all(map(math.isfinite, p)) for _, new in pending for p, _, _ in new):
            raise TrainingDiverged("this update would make a weight NaN or infinite; training stopped and the "
                                   "weights were kept as they were; lower the learning rate")
        for name, new in pending:
            for row, m_row, v_row, (p, m, v) in zip(_rows(self.params[name]), self.m[name], self.v[name], new):
                row[:], m_row[:], v_row[:] = p, m, v
        self.t = t

    def state_dict(self) -> dict:
        """The step count and the moments (the live lists: copy them to keep a snapshot)."""
        return {"name": self.name, "t": self.t, "m": self.m, "v": self.v}

    def load_state_dict(self, state: dict) -> None:
        """Continue from ``state`` (copied, so two optimizers never share their moments)."""
        if state.get("name") != self.name or set(state.get("m", ())) != set(self.m):
            raise ValueError("this optimizer state is not AdamW's for these weights; start the optimizer afresh.")
        for key in ("m", "v"):
            for name, rows in state[key].items():
                if [len(row) for row in rows] != [len(row) for row in self.m[name]]:
                    raise ValueError(f"the saved {key} of {name} has another shape than the weight; "
                                     "start the optimizer afresh.")
        self.t = state["t"]
        self.m = {name: [list(row) for row in rows] for name, rows in state["m"].items()}
        self.v = {name: [list(row) for row in rows] for name, rows in state["v"].items()}
