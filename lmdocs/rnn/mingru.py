"""minGRU (Feng et al., 2024, "Were RNNs All We Needed?"), sequential mode:

    z = sigmoid(Wx_z[x] + b_z)       h~ = Wx_h[x] + b_h       (neither looks at h)
    h' = (1 - z) h + z h~

The gates see only the input, which is what lets the paper train it with a parallel scan; here we
run it step by step. ``Wx`` stacks the two blocks (z, then h~), so one row lookup gives both.
With one layer and one-hot characters, h is a gated running average of per-character vectors:
far weaker than a GRU (the paper stacks layers); the demo lets the reader see that.

>>> import random
>>> cell = MinGRUCell(vocab_size=3, hidden_size=2, rng=random.Random(0))
>>> len(cell.step(0, cell.zero_state())[0])
2

Not handled: the log-space parallel scan, the paper's positive g(.) activation, stacked layers.
"""
from __future__ import annotations

import math
from itertools import repeat
from operator import add

from lmdocs.rnn import linalg as la


class MinGRUCell:
    kind = "mingru"
    state_names = ("h",)

    def __init__(self, vocab_size: int, hidden_size: int, rng=None, params: dict | None = None):
        self.vocab_size, self.hidden_size = vocab_size, hidden_size
        if params is None:
            bound = 1.0 / math.sqrt(vocab_size)  # nn.Linear's init, fan-in V
            params = {
                "Wx": la.uniform(rng, vocab_size, 2 * hidden_size, bound),  # (V, 2H): z, h~
                "b": [0.0] * (2 * hidden_size),
            }
        self.params = params

    def zero_state(self) -> tuple:
        return ([0.0] * self.hidden_size,)

    def step(self, x: int, state: tuple) -> tuple:
        return self.forward([x], state)[1]

    def forward(self, xs: list[int], state: tuple):
        H, Wx, b, tanh = self.hidden_size, self.params["Wx"], self.params["b"], math.tanh
        h = state[0]
        hs, steps = [], []
        for x in xs:
            a = list(map(add, Wx[x], b))  # a = Wx[x] + b = (a_z, h~)
            z = [0.5 + 0.5 * tanh(0.5 * v) for v in a[:H]]  # z = sigmoid(a_z)
            ht = a[H:]
            h_prev = h
            h = [hi + zi * (ti - hi) for hi, zi, ti in zip(h, z, ht)]  # h' = (1 - z) h + z h~
            hs.append(h)
            steps.append((h_prev, z, ht))
        return hs, (h,), (xs, hs, steps)

    def backward(self, cache, WyT: list, dls: list, dstate: tuple, record: list | None = None):
        """As RNNCell.backward."""
        xs, hs, steps = cache
        dot = la.dot
        carry = dstate[0]  # dh_{t+1} (1 - z_{t+1}); at the end, dL/dh_T
        das = [None] * len(xs)
        for t in reversed(range(len(xs))):
            h_prev, z, ht = steps[t]
            dh = list(map(add, map(dot, WyT, repeat(dls[t])), carry))  # dh_t = Wy^T dl_t + carry
            if record is not None:
                record.append(dh)
            # h' = (1 - z) h + z h~  ->  dz = dh (h~ - h),  dh~ = dh z,  dh_prev = dh (1 - z)
            # z = sigmoid(a_z)  ->  da_z = dz z (1 - z)
            das[t] = (
                [d * (ti - hp) * zi * (1.0 - zi) for d, ti, hp, zi in zip(dh, ht, h_prev, z)]
                + [d * zi for d, zi in zip(dh, z)]
            )
            carry = [d * (1.0 - zi) for d, zi in zip(dh, z)]
        if record is not None:
            record.append(carry)
        grads = {"Wx": la.scatter_rows(xs, das, self.vocab_size), "b": la.column_sums(das)}
        return grads, (carry,)
