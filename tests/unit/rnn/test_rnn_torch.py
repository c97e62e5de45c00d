"""lmdocs.rnn against PyTorch autograd (float64): same weights -> same loss and every gradient."""
import math
import random

import pytest

torch = pytest.importorskip("torch")
F = torch.nn.functional

from lmdocs.rnn import linalg as la  # noqa: E402
from lmdocs.rnn.model import CharRNN  # noqa: E402
from lmdocs.tokenizers import CharTokenizer  # noqa: E402
from lmdocs.rnn.vanishing import state_gradient_norms  # noqa: E402

CELLS = ["rnn", "lstm", "gru", "mingru"]
RTOL = 1e-6


def t64(rows):
    return torch.tensor(rows, dtype=torch.float64)


def random_model(cell, seed):
    """A model with every parameter random (biases too), on a random shape."""
    rng = random.Random(seed)
    tokenizer = CharTokenizer("".join(chr(0x627 + i) for i in range(rng.randint(2, 7))))  # Persian letters
    model = CharRNN(tokenizer, cell=cell, hidden_size=rng.randint(1, 6), seed=seed)
    for value in model.params().values():
        rows = value if isinstance(value[0], list) else [value]
        for row in rows:
            row[:] = [rng.gauss(0.0, 0.8) for _ in row]
    return model, rng


class TorchMirror:
    """The same model in torch, built from our weights."""

    def __init__(self, model):
        self.kind, self.H, V = model.cell_kind, model.hidden_size, model.tokenizer.vocab_size
        p = model.params()
        self.leaves = {name: t64(value).requires_grad_() for name, value in p.items()}
        if self.kind in ("rnn", "lstm", "gru"):
            rnn_class = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[self.kind]
            self.rnn = rnn_class(V, self.H, batch_first=True).double()
            with torch.no_grad():
                self.rnn.weight_ih_l0.copy_(t64(p["Wx"]).T)
                self.rnn.weight_hh_l0.copy_(t64(p["Wh"]))
                if self.kind == "gru":
                    self.rnn.bias_ih_l0.copy_(t64(p["bx"]))
                    self.rnn.bias_hh_l0.copy_(t64(p["bh"]))
                else:
                    self.rnn.bias_ih_l0.copy_(t64(p["b"]))
                    self.rnn.bias_hh_l0.zero_()

    def hidden_states(self, xs, h0, c0=None):
        V = self.leaves["Wy"].shape[0]
        onehot = F.one_hot(torch.tensor(xs), V).double()  # (T, V)
        if self.kind == "mingru":  # the short torch version of minGRU
            a = onehot @ self.leaves["Wx"] + self.leaves["b"]  # (T, 2H)
            z, h_tilde = torch.sigmoid(a[:, :self.H]), a[:, self.H:]
            hs, h = [], h0
            for t in range(len(xs)):
                h = (1 - z[t]) * h + z[t] * h_tilde[t]
                hs.append(h)
            return torch.stack(hs)
        init = h0.view(1, 1, -1) if self.kind != "lstm" else (h0.view(1, 1, -1), c0.view(1, 1, -1))
        out, _ = self.rnn(onehot.unsqueeze(0), init)
        return out[0]  # (T, H)

    def loss(self, xs, ys, h0, c0=None):
        hs = self.hidden_states(xs, h0, c0)
        logits = hs @ self.leaves["Wy"].T + self.leaves["by"]
        return F.cross_entropy(logits, torch.tensor(ys))

    def grads(self):
        if self.kind == "mingru":
            return {name: leaf.grad for name, leaf in self.leaves.items()}
        r = self.rnn
        out = {"Wx": r.weight_ih_l0.grad.T, "Wh": r.weight_hh_l0.grad, "Wy": self.leaves["Wy"].grad,
               "by": self.leaves["by"].grad}
        if self.kind == "gru":
            out.update(bx=r.bias_ih_l0.grad, bh=r.bias_hh_l0.grad)
        else:
            assert torch.allclose(r.bias_ih_l0.grad, r.bias_hh_l0.grad)
            out["b"] = r.bias_ih_l0.grad
        return out


def assert_close(ours, theirs, what):
    ours = t64(ours)
    assert ours.shape == theirs.shape, what
    scale = theirs.abs().max().item()
    assert torch.allclose(ours, theirs, rtol=RTOL, atol=RTOL * max(scale, 1e-12)), what


@pytest.mark.parametrize("kernel", ["auto", "fallback"])
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("cell", CELLS)
def test_loss_and_every_gradient_match_torch(cell, seed, kernel):
    la.use_kernel(kernel)
    try:
        model, rng = random_model(cell, seed)
        V, H = model.tokenizer.vocab_size, model.hidden_size
        T = rng.randint(1, 9)
        xs = [rng.randrange(V) for _ in range(T)]
        ys = [rng.randrange(V) for _ in range(T)]
        state = tuple([rng.gauss(0, 0.5) for _ in range(H)] for _ in model.zero_state())
        record = []
        loss, grads, state_end = model.loss_and_grads(xs, ys, state, record=record)

        mirror = TorchMirror(model)
        h0 = t64(state[0]).requires_grad_()
        c0 = t64(state[1]) if cell == "lstm" else None
        ref = mirror.loss(xs, ys, h0, c0)
        ref.backward()
        assert math.isclose(loss, ref.item(), rel_tol=RTOL)
        theirs = mirror.grads()
        assert set(grads) == set(theirs)
        for name, grad in grads.items():
            assert_close(grad, theirs[name], f"{cell} d{name}")
        assert_close(record[-1], h0.grad, f"{cell} dh0")
        with torch.no_grad():
            hs = mirror.hidden_states(xs, t64(state[0]), c0)
        assert_close(state_end[0], hs[-1], f"{cell} final h")
    finally:
        la.use_kernel("auto")


@pytest.mark.parametrize("cell", CELLS)
def test_gradient_norms_by_lag_match_torch_cells(cell):
    """||dL_T/dh_{T-k}|| for the loss of the last character, against torch with retain_grad."""
    model, rng = random_model(cell, 5)
    V, H, T = model.tokenizer.vocab_size, model.hidden_size, 6
    ids = [rng.randrange(V) for _ in range(T + 1)]
    ours = state_gradient_norms(model, ids, max_lag=T - 1, windows=1)

    mirror = TorchMirror(model)
    p = mirror.leaves
    step_cell = None
    if cell != "mingru":
        cls = {"rnn": torch.nn.RNNCell, "lstm": torch.nn.LSTMCell, "gru": torch.nn.GRUCell}[cell]
        step_cell = cls(V, H).double()
        with torch.no_grad():
            for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                getattr(step_cell, name).copy_(getattr(mirror.rnn, name + "_l0"))
    h = torch.zeros(H, dtype=torch.float64)
    c = torch.zeros(H, dtype=torch.float64)
    hs = []
    for x in ids[:T]:
        onehot = F.one_hot(torch.tensor(x), V).double()
        if cell == "mingru":
            a = onehot @ p["Wx"] + p["b"]
            z = torch.sigmoid(a[:H])
            h = (1 - z) * h + z * a[H:]
        elif cell == "lstm":
            h, c = step_cell(onehot.unsqueeze(0), (h.unsqueeze(0), c.unsqueeze(0)))
            h, c = h[0], c[0]
        else:
            h = step_cell(onehot.unsqueeze(0), h.unsqueeze(0))[0]
        h.retain_grad()
        hs.append(h)
    loss = F.cross_entropy((hs[-1] @ p["Wy"].T + p["by"]).unsqueeze(0), torch.tensor([ids[T]]))
    loss.backward()
    theirs = [hs[T - 1 - k].grad.norm().item() for k in range(T)]
    assert len(ours) == T
    for k in range(T):
        assert math.isclose(ours[k], theirs[k], rel_tol=RTOL, abs_tol=1e-14), k
