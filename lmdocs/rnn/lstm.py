"""The LSTM cell (Hochreiter & Schmidhuber, 1997, with the forget gate of Gers et al., 2000).

    a = Wx[x] + Wh h + b                 four gates stacked in one vector, torch's order i, f, g, o
    i, f, o = sigmoid(a_i, a_f, a_o)     g = tanh(a_g)
    c' = f c + i g                       h' = o tanh(c')

All four gates come from one stacked matrix ``Wh`` (4H, H): one pass of 4H dot products, in C,
instead of four matrices and four loops. Weights match torch.nn.LSTM: ``Wx`` = ``weight_ih_l0``^T, ``Wh`` = ``weight_hh_l0``,
``b`` = ``bias_ih_l0 + bias_hh_l0``. The forget-gate bias starts at 1 (Jozefowicz et al., 2015), so
a fresh cell remembers instead of forgetting half of its memory at each step.

>>> import random
>>> cell = LSTMCell(vocab_size=3, hidden_size=2, rng=random.Random(0))
>>> [len(v) for v in cell.step(1, cell.zero_state())]
[2, 2]

Not handled: peepholes, projections, several layers.
"""
from __future__ import annotations

import math
from itertools import repeat
from operator import add, mul

from lmdocs.rnn import linalg as la


class LSTMCell:
    kind = "lstm"
    state_names = ("h", "c")

    def __init__(self, vocab_size: int, hidden_size: int, rng=None, params: dict | None = None):
        self.vocab_size, self.hidden_size = vocab_size, hidden_size
        H = hidden_size
        if params is None:
            bound = 1.0 / math.sqrt(H)
            params = {
                "Wx": la.uniform(rng, vocab_size, 4 * H, bound),  # (V, 4H)
                "Wh": la.uniform(rng, 4 * H, H, bound),  # (4H, H)
                "b": [0.0] * H + [1.0] * H + [0.0] * (2 * H),  # (4H,) forget bias 1
            }
        self.params = params

    def zero_state(self) -> tuple:
        return ([0.0] * self.hidden_size, [0.0] * self.hidden_size)

    def step(self, x: int, state: tuple) -> tuple:
        return self.forward([x], state)[1]

    def forward(self, xs: list[int], state: tuple):
        H, Wx, dot, tanh, one = self.hidden_size, self.params["Wx"], la.dot, math.tanh, la.ONE
        Whb = la.with_bias(self.params["Wh"], self.params["b"])  # [Wh | b], (4H, H + 1)
        h, c = state
        hs, steps = [], []
        for x in xs:
            a = list(map(add, map(dot, Whb, repeat(h + one)), Wx[x]))  # a = Wh h + b + Wx[x]
            # i, f, o = sigmoid(a) = (1 + tanh(a / 2)) / 2 ;  g = tanh(a_g)
            i = [0.5 + 0.5 * tanh(0.5 * v) for v in a[:H]]
            f = [0.5 + 0.5 * tanh(0.5 * v) for v in a[H:2 * H]]
            g = list(map(tanh, a[2 * H:3 * H]))
            o = [0.5 + 0.5 * tanh(0.5 * v) for v in a[3 * H:]]
            c_prev = c
            c = [fi * ci + ii * gi for fi, ci, ii, gi in zip(f, c, i, g)]  # c' = f c + i g
            tc = list(map(tanh, c))
            h = list(map(mul, o, tc))  # h' = o tanh(c')
            hs.append(h)
            steps.append((i, f, g, o, c_prev, tc))
        return hs, (h, c), (xs, state[0], hs, steps)

    def backward(self, cache, WyT: list, dls: list, dstate: tuple, record: list | None = None):
        """As RNNCell.backward; dstate = (dL/dh_T, dL/dc_T)."""
        xs, h0, hs, steps = cache
        dot = la.dot
        WhT = la.columns(self.params["Wh"])  # (H, 4H)
        both = [a + b for a, b in zip(WyT, WhT)]  # (H, V + 4H): [Wy^T | Wh^T]
        da = [0.0] * (4 * self.hidden_size)
        extra, dc_next = dstate
        das = [None] * len(xs)
        for t in reversed(range(len(xs))):
            i, f, g, o, c_prev, tc = steps[t]
            # dh_t = Wy^T dl_t + Wh^T da_{t+1}
            dh = list(map(dot, both, repeat(dls[t] + da)))
            if extra is not None:
                dh, extra = list(map(add, dh, extra)), None
            if record is not None:
                record.append(dh)
            # h' = o tanh(c')  ->  do = dh tanh(c'),  dc' += dh o (1 - tanh(c')^2)
            dc = [dcn + d * oo * (1.0 - y * y) for dcn, d, oo, y in zip(dc_next, dh, o, tc)]
            # c' = f c + i g  ->  di = dc g, df = dc c, dg = dc i, dc_prev = dc f
            # gate pre-activations: sigmoid' = s (1 - s), tanh' = 1 - g^2
            da = (
                [d * gg * s * (1.0 - s) for d, gg, s in zip(dc, g, i)]
                + [d * cp * s * (1.0 - s) for d, cp, s in zip(dc, c_prev, f)]
                + [d * ii * (1.0 - s * s) for d, ii, s in zip(dc, i, g)]
                + [d * y * s * (1.0 - s) for d, y, s in zip(dh, tc, o)]
            )
            das[t] = da
            dc_next = list(map(mul, dc, f))
        dh0 = list(map(dot, WhT, repeat(da)))  # a_1 = Wh h_0 + ...  ->  dh_0 = Wh^T da_1
        if record is not None:
            record.append(dh0)
        grads = {  # a_t = Wx[x_t] + Wh h_{t-1} + b
            "Wx": la.scatter_rows(xs, das, self.vocab_size),
            "Wh": la.sum_outer(la.columns(das), la.columns([h0] + hs[:-1])),
            "b": la.column_sums(das),
        }
        return grads, (dh0, dc_next)
