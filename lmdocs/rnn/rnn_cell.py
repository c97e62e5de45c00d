"""The vanilla (Elman) recurrent cell: h' = tanh(Wx[x] + Wh h + b).

Weights follow torch.nn.RNN with the input as a one-hot character: our ``Wx`` is torch's
``weight_ih_l0`` transposed (row x = the column a one-hot x picks), ``Wh`` is ``weight_hh_l0``,
and ``b`` = ``bias_ih_l0 + bias_hh_l0``.

Every cell has the same interface: ``step`` (one character, for sampling), ``forward`` (a window)
and ``backward`` (the window in reverse). ``backward`` gets the output layer's transposed weights
``WyT`` and the logit gradients ``dls``, so that the two matrix products that reach h_t,
Wy^T dl_t and Wh^T dz_{t+1}, run as one: [Wy^T | Wh^T] (dl_t ++ dz_{t+1}).

>>> import random
>>> cell = RNNCell(vocab_size=3, hidden_size=2, rng=random.Random(0))
>>> hs, state, cache = cell.forward([0, 2], cell.zero_state())
>>> len(hs), len(hs[-1])
(2, 2)

Not handled: several layers, dropout, inputs that are not one-hot characters.
"""
from __future__ import annotations

import math
from itertools import repeat
from operator import add

from lmdocs.rnn import linalg as la


class RNNCell:
    kind = "rnn"
    state_names = ("h",)

    def __init__(self, vocab_size: int, hidden_size: int, rng=None, params: dict | None = None):
        self.vocab_size, self.hidden_size = vocab_size, hidden_size
        if params is None:
            bound = 1.0 / math.sqrt(hidden_size)  # torch's default init
            params = {
                "Wx": la.uniform(rng, vocab_size, hidden_size, bound),  # (V, H)
                "Wh": la.uniform(rng, hidden_size, hidden_size, bound),  # (H, H)
                "b": [0.0] * hidden_size,  # (H,)
            }
        self.params = params

    def zero_state(self) -> tuple:
        return ([0.0] * self.hidden_size,)

    def step(self, x: int, state: tuple) -> tuple:
        """One step, for sampling: returns the new state; the output is state[0]."""
        return (self.forward([x], state)[0][0],)

    def forward(self, xs: list[int], state: tuple):
        """Run the window xs; returns (outputs h_1..h_T, final state, cache for backward)."""
        Wx, dot, tanh, one = self.params["Wx"], la.dot, math.tanh, la.ONE
        Whb = la.with_bias(self.params["Wh"], self.params["b"])  # [Wh | b]
        h = state[0]
        hs = []
        for x in xs:
            # z = Wh h + b + Wx[x] ;  h' = tanh(z)
            h = list(map(tanh, map(add, map(dot, Whb, repeat(h + one)), Wx[x])))
            hs.append(h)
        return hs, (h,), (xs, state[0], hs)

    def backward(self, cache, WyT: list, dls: list, dstate: tuple, record: list | None = None):
        """Backpropagate through the window.

        dls[t] = dL/dlogits_t, WyT = the output weights transposed (H, V), dstate = dL/d(final
        state) from beyond the window. Returns (grads by parameter name, dL/d(initial state)).
        If ``record`` is a list, dL/dh_t is appended to it for t = T, T-1, ..., 0.
        """
        xs, h0, hs = cache
        dot = la.dot
        WhT = la.columns(self.params["Wh"])
        both = [a + b for a, b in zip(WyT, WhT)]  # (H, V + H): [Wy^T | Wh^T]
        dz = [0.0] * self.hidden_size  # dz_{T+1}: nothing flows back from beyond the window...
        extra = dstate[0]  # ...except dL/dh_T, added once below
        dzs = [None] * len(xs)
        for t in reversed(range(len(xs))):
            # logits_t = Wy h_t + by and z_{t+1} = Wh h_t + ...  ->  dh_t = Wy^T dl_t + Wh^T dz_{t+1}
            dh = list(map(dot, both, repeat(dls[t] + dz)))
            if extra is not None:
                dh, extra = list(map(add, dh, extra)), None
            if record is not None:
                record.append(dh)
            # h_t = tanh(z_t)  ->  dz_t = dh_t (1 - h_t^2)
            dz = [d * (1.0 - y * y) for d, y in zip(dh, hs[t])]
            dzs[t] = dz
        dh0 = list(map(dot, WhT, repeat(dz)))  # z_1 = Wh h_0 + ...  ->  dh_0 = Wh^T dz_1
        if record is not None:
            record.append(dh0)
        grads = {  # z_t = Wx[x_t] + Wh h_{t-1} + b  ->  dWx[x_t] += dz_t, dWh += dz_t h_{t-1}^T, db += dz_t
            "Wx": la.scatter_rows(xs, dzs, self.vocab_size),
            "Wh": la.sum_outer(la.columns(dzs), la.columns([h0] + hs[:-1])),
            "b": la.column_sums(dzs),
        }
        return grads, (dh0,)
