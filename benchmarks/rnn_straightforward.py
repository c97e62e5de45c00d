"""A straightforward pure-Python vanilla RNN (tidy loops, per-step outer products), for scale.

What a first, readable version looks like: each weight gradient accumulated step by step, one
generator-expression dot product per output, no stacked or transposed copies. The benchmark runs it
next to lmdocs.rnn (same model, same Adam from lmdocs.rnn.optim) to show what the kernels buy.
"""
from __future__ import annotations

import math

from lmdocs.rnn.optim import Adam, clip_grad_norm


def train_straightforward(model, ids, seq_len, windows):
    p = model.params()
    Wx, Wh, b, Wy, by = p["Wx"], p["Wh"], p["b"], p["Wy"], p["by"]
    H, V = len(b), len(by)
    opt = Adam(p, lr=0.003)
    h, pos = [0.0] * H, 0
    for _ in range(windows):
        if pos + seq_len + 1 > len(ids):
            h, pos = [0.0] * H, 0
        xs, ys = ids[pos:pos + seq_len], ids[pos + 1:pos + seq_len + 1]
        hs, ps, loss = [h], [], 0.0
        for x, y in zip(xs, ys):
            h = [math.tanh(Wx[x][i] + sum(w * v for w, v in zip(Wh[i], h)) + b[i]) for i in range(H)]
            logits = [sum(w * v for w, v in zip(Wy[k], h)) + by[k] for k in range(V)]
            m = max(logits)
            e = [math.exp(v - m) for v in logits]
            s = sum(e)
            ps.append([v / s for v in e])
            loss += math.log(s) + m - logits[y]
            hs.append(h)
        g = {"Wx": [[0.0] * H for _ in range(V)], "Wh": [[0.0] * H for _ in range(H)], "b": [0.0] * H,
             "Wy": [[0.0] * H for _ in range(V)], "by": [0.0] * V}
        dh_next = [0.0] * H
        for t in reversed(range(seq_len)):
            dl = [v / seq_len for v in ps[t]]
            dl[ys[t]] -= 1.0 / seq_len
            for k in range(V):
                g["Wy"][k] = [a + dl[k] * v for a, v in zip(g["Wy"][k], hs[t + 1])]
                g["by"][k] += dl[k]
            dh = [sum(Wy[k][j] * dl[k] for k in range(V)) + dh_next[j] for j in range(H)]
            dz = [d * (1 - v * v) for d, v in zip(dh, hs[t + 1])]
            for i in range(H):
                g["Wh"][i] = [a + dz[i] * v for a, v in zip(g["Wh"][i], hs[t])]
                g["b"][i] += dz[i]
            g["Wx"][xs[t]] = [a + d for a, d in zip(g["Wx"][xs[t]], dz)]
            dh_next = [sum(Wh[i][j] * dz[i] for i in range(H)) for j in range(H)]
        clip_grad_norm(g, 5.0)
        opt.step(g)
        pos += seq_len
    return loss / seq_len
