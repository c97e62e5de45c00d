"""Finite differences: every gradient of every cell against (L(w + e) - L(w - e)) / 2e."""
import random

import pytest

from lmdocs.rnn import CharRNN, CharTokenizer

EPS = 1e-5


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru", "mingru"])
def test_gradients_match_central_differences(cell):
    rng = random.Random(7)
    model = CharRNN(CharTokenizer("سلام!"), cell=cell, hidden_size=3, seed=2)
    for value in model.params().values():
        for row in (value if isinstance(value[0], list) else [value]):
            row[:] = [rng.gauss(0, 0.7) for _ in row]
    xs, ys = [0, 3, 1, 2, 4, 1], [3, 1, 2, 4, 1, 0]
    state = tuple([rng.gauss(0, 0.5) for _ in range(3)] for _ in model.zero_state())
    _, grads, _ = model.loss_and_grads(xs, ys, state)
    checked = 0
    for name, value in model.params().items():
        rows = value if isinstance(value[0], list) else [value]
        grad_rows = grads[name] if isinstance(value[0], list) else [grads[name]]
        for row, grad_row in zip(rows, grad_rows):
            for j in range(len(row)):
                saved = row[j]
                row[j] = saved + EPS
                up = model.loss_and_grads(xs, ys, state)[0]
                row[j] = saved - EPS
                down = model.loss_and_grads(xs, ys, state)[0]
                row[j] = saved
                numeric = (up - down) / (2 * EPS)
                assert grad_row[j] == pytest.approx(numeric, rel=1e-5, abs=1e-8), (name, j)
                checked += 1
    assert checked == model.num_params()
