"""A character language model: one recurrent cell, then a softmax over the characters.

    s_t = cell(x_t, s_{t-1})          h_t = s_t[0]
    logits_t = Wy h_t + by            p_t = softmax(logits_t)
    loss = mean_t -log p_t[y_t]       (y_t = the next character)

Truncated backpropagation through time: ``loss_and_grads`` runs one window of T characters from a
given state and backpropagates inside the window only; the trainer carries the final state to the
next window without its gradient.

>>> from lmdocs.tokenizers import CharTokenizer
>>> model = CharRNN(CharTokenizer.from_text("abc"), cell="gru", hidden_size=4, seed=0)
>>> loss, grads, state = model.loss_and_grads([0, 1], [1, 2], model.zero_state())
>>> round(loss, 4), sorted(grads)  # near ln 3 = 1.0986 before training
(1.0618, ['Wh', 'Wx', 'Wy', 'bh', 'bx', 'by'])

Not handled: batches (one stream of text), several layers, dropout.
"""
from __future__ import annotations

import math
import random
from itertools import repeat

from lmdocs.rnn import linalg as la
from lmdocs.rnn.gru import GRUCell
from lmdocs.rnn.lstm import LSTMCell
from lmdocs.rnn.mingru import MinGRUCell
from lmdocs.rnn.rnn_cell import RNNCell
from lmdocs.tokenizers import CharTokenizer

CELLS = {"rnn": RNNCell, "lstm": LSTMCell, "gru": GRUCell, "mingru": MinGRUCell}


class CharRNN:
    """A cell ("rnn", "lstm", "gru" or "mingru") of ``hidden_size`` units over the characters of ``tokenizer``."""

    def __init__(self, tokenizer: CharTokenizer, cell: str = "lstm", hidden_size: int = 64, seed: int = 0,
                 params: dict | None = None):
        if cell not in CELLS:
            raise ValueError(f"unknown cell {cell!r}; choose one of {', '.join(CELLS)}")
        if isinstance(hidden_size, bool) or not isinstance(hidden_size, int):
            raise TypeError(f"hidden_size must be an int, got {type(hidden_size).__name__}")
        if hidden_size < 1:
            raise ValueError(f"hidden_size must be at least 1, got {hidden_size}")
        self.tokenizer, self.cell_kind, self.hidden_size, self.seed = tokenizer, cell, hidden_size, seed
        V, H = tokenizer.vocab_size, hidden_size
        if params is not None:
            self._check_shapes(params)
        rng = random.Random(seed)
        cell_params = None if params is None else {k: v for k, v in params.items() if k not in ("Wy", "by")}
        self.cell = CELLS[cell](V, H, rng=rng, params=cell_params)
        if params is None:
            bound = 1.0 / math.sqrt(H)  # nn.Linear's init
            self.Wy = la.uniform(rng, V, H, bound)  # (V, H)
            self.by = [0.0] * V  # (V,)
        else:
            self.Wy, self.by = params["Wy"], params["by"]

    def _check_shapes(self, params):
        fresh = CharRNN(self.tokenizer, self.cell_kind, self.hidden_size).params()
        for name, value in fresh.items():
            if name not in params:
                raise ValueError(f"parameter {name} is missing for a {self.cell_kind} model")
            got = params[name]
            ok = shape_of(got) == shape_of(value) and (len(got) == 0 or not isinstance(got[0], list)
                                                       or all(len(row) == len(got[0]) for row in got))
            if not ok:
                raise ValueError(f"parameter {name} has shape {shape_of(got)}, expected {shape_of(value)}")
        extra = sorted(set(params) - set(fresh))
        if extra:
            raise ValueError(f"unexpected parameters for a {self.cell_kind} model: {', '.join(extra)}")

    def params(self) -> dict:
        """Every parameter by name (the lists themselves: the optimizer updates them in place)."""
        return {**self.cell.params, "Wy": self.Wy, "by": self.by}

    def num_params(self) -> int:
        return sum(len(v) * len(v[0]) if isinstance(v[0], list) else len(v) for v in self.params().values())

    def zero_state(self) -> tuple:
        return self.cell.zero_state()

    def step(self, x: int, state: tuple) -> tuple[list[float], tuple]:
        """Read character id x: returns (logits over the vocabulary, new state)."""
        state = self.cell.step(x, state)
        return [a + b for a, b in zip(la.matvec(self.Wy, state[0]), self.by)], state

    def loss_and_grads(self, xs: list[int], ys: list[int], state: tuple, *, last_only: bool = False,
                       record: list | None = None):
        """Mean cross-entropy of predicting ys from xs, starting in ``state``.

        Returns (loss, grads by parameter name, final state). With ``last_only`` the loss is that of
        the last character only (used to measure how far gradients reach back); ``record`` collects
        dL/dh_t for t = T, T-1, ..., 0 (h_0 = the initial state).
        """
        hs, state_end, cache = self.cell.forward(xs, state)
        loss, dls = self._output_layer(hs, ys, last_only)
        dstate_end = tuple([0.0] * self.hidden_size for _ in state_end)
        grads, _ = self.cell.backward(cache, la.columns(self.Wy), dls, dstate_end, record)
        # logits_t = Wy h_t + by  ->  dWy = sum_t dl_t h_t^T,  dby = sum_t dl_t
        grads["Wy"] = la.sum_outer(la.columns(dls), la.columns(hs))
        grads["by"] = la.column_sums(dls)
        return loss, grads, state_end

    def _output_layer(self, hs, ys, last_only):
        """The loss, and dL/dlogits_t for every step (zeros where the loss does not look)."""
        dot, exp, log, one = la.dot, math.exp, math.log, la.ONE
        Wyb = la.with_bias(self.Wy, self.by)  # [Wy | by]
        T, V = len(hs), len(self.by)
        first = T - 1 if last_only else 0
        scale = 1.0 / (T - first)
        dls = [[0.0] * V for _ in range(first)]
        total = 0.0
        for h, y in zip(hs[first:], ys[first:]):
            logits = list(map(dot, Wyb, repeat(h + one)))
            m = max(logits)
            e = [exp(v - m) for v in logits]
            s = sum(e)
            # loss_t = log sum exp(logits) - logits[y]  ->  dlogits = (softmax - onehot(y)) / T
            total += log(s) + m - logits[y]
            inv = scale / s
            dl = [v * inv for v in e]
            dl[y] -= scale
            dls.append(dl)
        return total * scale, dls


def shape_of(value) -> tuple[int, ...]:
    return (len(value), len(value[0])) if value and isinstance(value[0], list) else (len(value),)
