"""The GRU cell (Cho et al., 2014), in torch.nn.GRU's exact form:

    ax = Wx[x] + bx,  ah = Wh h + bh           three blocks stacked: r, z, n
    r = sigmoid(ax_r + ah_r)    z = sigmoid(ax_z + ah_z)
    n = tanh(ax_n + r * ah_n)                  (the reset gate scales W_hn h + b_hn)
    h' = (1 - z) n + z h

Because r multiplies ``ah_n`` including its bias, a GRU keeps both bias vectors, like torch:
``Wx`` = ``weight_ih_l0``^T, ``Wh`` = ``weight_hh_l0``, ``bx`` = ``bias_ih_l0``, ``bh`` = ``bias_hh_l0``.

>>> import random
>>> cell = GRUCell(vocab_size=3, hidden_size=2, rng=random.Random(0))
>>> len(cell.step(2, cell.zero_state())[0])
2

Not handled: several layers, the "reset after" variants of other libraries.
"""
from __future__ import annotations

import math
from itertools import repeat
from operator import add, mul

from lmdocs.rnn import linalg as la


class GRUCell:
    kind = "gru"
    state_names = ("h",)

    def __init__(self, vocab_size: int, hidden_size: int, rng=None, params: dict | None = None):
        self.vocab_size, self.hidden_size = vocab_size, hidden_size
        H = hidden_size
        if params is None:
            bound = 1.0 / math.sqrt(H)
            params = {
                "Wx": la.uniform(rng, vocab_size, 3 * H, bound),  # (V, 3H)
                "Wh": la.uniform(rng, 3 * H, H, bound),  # (3H, H)
                "bx": [0.0] * (3 * H),
                "bh": [0.0] * (3 * H),
            }
        self.params = params

    def zero_state(self) -> tuple:
        return ([0.0] * self.hidden_size,)

    def step(self, x: int, state: tuple) -> tuple:
        return self.forward([x], state)[1]

    def forward(self, xs: list[int], state: tuple):
        H, Wx, bx, dot, tanh, one = self.hidden_size, self.params["Wx"], self.params["bx"], la.dot, math.tanh, la.ONE
        Whb = la.with_bias(self.params["Wh"], self.params["bh"])  # [Wh | bh], (3H, H + 1)
        h = state[0]
        hs, steps = [], []
        for x in xs:
            ax = list(map(add, Wx[x], bx))  # ax = Wx[x] + bx
            ah = list(map(dot, Whb, repeat(h + one)))  # ah = Wh h + bh
            # r, z = sigmoid(ax + ah) = (1 + tanh((ax + ah) / 2)) / 2
            rz = [0.5 + 0.5 * tanh(0.5 * (u + v)) for u, v in zip(ax[:2 * H], ah)]
            r, z, ahn = rz[:H], rz[H:], ah[2 * H:]
            n = [tanh(u + ri * v) for u, ri, v in zip(ax[2 * H:], r, ahn)]  # n = tanh(ax_n + r ah_n)
            h_prev = h
            h = [ni + zi * (hi - ni) for ni, zi, hi in zip(n, z, h)]  # h' = (1 - z) n + z h
            hs.append(h)
            steps.append((h_prev, r, z, n, ahn))
        return hs, (h,), (xs, hs, steps)

    def backward(self, cache, WyT: list, dls: list, dstate: tuple, record: list | None = None):
        """As RNNCell.backward."""
        xs, hs, steps = cache
        dot = la.dot
        WhT = la.columns(self.params["Wh"])  # (H, 3H)
        both = [a + b for a, b in zip(WyT, WhT)]  # (H, V + 3H): [Wy^T | Wh^T]
        dah = [0.0] * (3 * self.hidden_size)
        carry = dstate[0]  # the direct path dh_{t+1} z_{t+1}; at the end, dL/dh_T
        daxs, dahs = [None] * len(xs), [None] * len(xs)
        for t in reversed(range(len(xs))):
            h_prev, r, z, n, ahn = steps[t]
            # dh_t = Wy^T dl_t + Wh^T dah_{t+1} + dh_{t+1} z_{t+1}
            dh = list(map(add, map(dot, both, repeat(dls[t] + dah)), carry))
            if record is not None:
                record.append(dh)
            # h' = (1 - z) n + z h  ->  dn = dh (1 - z),  dz = dh (h - n),  dh_prev += dh z
            # n = tanh(ax_n + r ah_n)  ->  dan = dn (1 - n^2),  dr = dan ah_n,  dah_n = dan r
            dan = [d * (1.0 - zi) * (1.0 - ni * ni) for d, zi, ni in zip(dh, z, n)]
            dar = [d * b * ri * (1.0 - ri) for d, b, ri in zip(dan, ahn, r)]  # sigmoid' = r (1 - r)
            daz = [d * (hp - ni) * zi * (1.0 - zi) for d, hp, ni, zi in zip(dh, h_prev, n, z)]
            daxs[t] = dar + daz + dan
            dah = dar + daz + list(map(mul, dan, r))
            dahs[t] = dah
            carry = list(map(mul, dh, z))
        dh0 = list(map(add, map(dot, WhT, repeat(dah)), carry))
        if record is not None:
            record.append(dh0)
        grads = {  # ax = Wx[x] + bx, ah = Wh h + bh
            "Wx": la.scatter_rows(xs, daxs, self.vocab_size),
            "Wh": la.sum_outer(la.columns(dahs), la.columns([s[0] for s in steps])),
            "bx": la.column_sums(daxs),
            "bh": la.column_sums(dahs),
        }
        return grads, (dh0,)
