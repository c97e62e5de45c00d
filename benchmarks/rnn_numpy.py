"""The benchmark's peer: the same four cells as lmdocs.rnn, in numpy, one window at a time.

Same formulas, same parameter layout (``Wx`` (V, G*H) indexed by character, ``Wh`` (G*H, H),
output ``Wy`` (V, H)), same mean cross-entropy, same Adam; only the arithmetic runs in numpy.
check_peers() in benchmarks/rnn.py checks that it gives lmdocs.rnn's loss and gradients, so the speed
ratio compares like with like. Not shipped: lmdocs itself uses the standard library only.
"""
from __future__ import annotations

import numpy as np


def sigmoid(a):
    return 0.5 + 0.5 * np.tanh(0.5 * a)


class NumpyCharRNN:
    def __init__(self, params: dict, cell: str, hidden_size: int):
        self.p = {k: np.array(v, dtype=np.float64) for k, v in params.items()}
        self.cell, self.H = cell, hidden_size
        self.m = {k: np.zeros_like(v) for k, v in self.p.items()}
        self.v = {k: np.zeros_like(v) for k, v in self.p.items()}
        self.t = 0

    def zero_state(self):
        return tuple(np.zeros(self.H) for _ in range(2 if self.cell == "lstm" else 1))

    def loss_and_grads(self, xs, ys, state):
        p, H, T = self.p, self.H, len(xs)
        h = state[0]
        c = state[1] if self.cell == "lstm" else None
        hs, saved = [], []
        for x in xs:
            if self.cell == "rnn":
                h_prev, h = h, np.tanh(p["Wx"][x] + p["Wh"] @ h + p["b"])
                saved.append((h_prev,))
            elif self.cell == "lstm":
                a = p["Wx"][x] + p["Wh"] @ h + p["b"]
                i, f, g, o = sigmoid(a[:H]), sigmoid(a[H:2 * H]), np.tanh(a[2 * H:3 * H]), sigmoid(a[3 * H:])
                h_prev, c_prev = h, c
                c = f * c + i * g
                tc = np.tanh(c)
                h = o * tc
                saved.append((h_prev, c_prev, i, f, g, o, tc))
            elif self.cell == "gru":
                ax, ah = p["Wx"][x] + p["bx"], p["Wh"] @ h + p["bh"]
                r, z = sigmoid(ax[:H] + ah[:H]), sigmoid(ax[H:2 * H] + ah[H:2 * H])
                n = np.tanh(ax[2 * H:] + r * ah[2 * H:])
                h_prev, h = h, (1 - z) * n + z * h
                saved.append((h_prev, r, z, n, ah[2 * H:]))
            else:  # mingru
                a = p["Wx"][x] + p["b"]
                z, ht = sigmoid(a[:H]), a[H:]
                h_prev, h = h, (1 - z) * h + z * ht
                saved.append((h_prev, z, ht))
            hs.append(h)
        Hs = np.array(hs)  # (T, H)
        logits = Hs @ p["Wy"].T + p["by"]  # (T, V)
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        probs = e / e.sum(axis=1, keepdims=True)
        loss = -np.log(probs[np.arange(T), ys]).mean()
        dl = probs
        dl[np.arange(T), ys] -= 1
        dl /= T
        g = {k: np.zeros_like(v) for k, v in p.items()}
        g["Wy"], g["by"] = dl.T @ Hs, dl.sum(axis=0)
        dHs = dl @ p["Wy"]  # (T, H)
        dh_next = np.zeros(H)
        dc_next = np.zeros(H)
        for t in reversed(range(T)):
            dh = dHs[t] + dh_next
            x = xs[t]
            if self.cell == "rnn":
                (h_prev,) = saved[t]
                dz = dh * (1 - hs[t] ** 2)
                g["Wx"][x] += dz
                g["Wh"] += np.outer(dz, h_prev)
                g["b"] += dz
                dh_next = p["Wh"].T @ dz
            elif self.cell == "lstm":
                h_prev, c_prev, i, f, gg, o, tc = saved[t]
                dc = dc_next + dh * o * (1 - tc ** 2)
                da = np.concatenate([dc * gg * i * (1 - i), dc * c_prev * f * (1 - f),
                                     dc * i * (1 - gg ** 2), dh * tc * o * (1 - o)])
                g["Wx"][x] += da
                g["Wh"] += np.outer(da, h_prev)
                g["b"] += da
                dh_next, dc_next = p["Wh"].T @ da, dc * f
            elif self.cell == "gru":
                h_prev, r, z, n, ahn = saved[t]
                dan = dh * (1 - z) * (1 - n ** 2)
                dar = dan * ahn * r * (1 - r)
                daz = dh * (h_prev - n) * z * (1 - z)
                dax = np.concatenate([dar, daz, dan])
                dah = np.concatenate([dar, daz, dan * r])
                g["Wx"][x] += dax
                g["bx"] += dax
                g["Wh"] += np.outer(dah, h_prev)
                g["bh"] += dah
                dh_next = dh * z + p["Wh"].T @ dah
            else:
                h_prev, z, ht = saved[t]
                da = np.concatenate([dh * (ht - h_prev) * z * (1 - z), dh * z])
                g["Wx"][x] += da
                g["b"] += da
                dh_next = dh * (1 - z)
        state_end = (h, c) if self.cell == "lstm" else (h,)
        return float(loss), g, state_end

    def adam_step(self, grads, lr=0.003, b1=0.9, b2=0.999, eps=1e-8, clip=5.0):
        norm = np.sqrt(sum(float((v * v).sum()) for v in grads.values()))
        coef = clip / (norm + 1e-6)
        self.t += 1
        for k, v in self.p.items():
            gk = grads[k] * coef if coef < 1 else grads[k]
            self.m[k] = b1 * self.m[k] + (1 - b1) * gk
            self.v[k] = b2 * self.v[k] + (1 - b2) * gk * gk
            v -= lr / (1 - b1 ** self.t) * self.m[k] / (np.sqrt(self.v[k] / (1 - b2 ** self.t)) + eps)

    def train(self, ids, seq_len, windows):
        """Same loop as lmdocs.rnn.Trainer: consecutive windows, state carried, wrap at the end."""
        state, pos = self.zero_state(), 0
        for _ in range(windows):
            if pos + seq_len + 1 > len(ids):
                state, pos = self.zero_state(), 0
            loss, grads, state = self.loss_and_grads(ids[pos:pos + seq_len], ids[pos + 1:pos + seq_len + 1], state)
            self.adam_step(grads)
            pos += seq_len
        return loss
