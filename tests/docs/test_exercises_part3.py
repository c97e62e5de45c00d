"""Part 3's exercise answers against independent references: torch autograd for the BPTT step,
torch.nn.LSTM for the parameter count, torch's clip_grad_norm_ for clipping, and the numbers the
page's answer blocks quote (so the prose and the checkers cannot drift apart)."""
from __future__ import annotations

import doctest
import math

import pytest

import lmdocs.exercises.part3 as part3
from lmdocs.exercises import reference
from support.paths import DOCS

torch = pytest.importorskip("torch")


def test_the_module_examples_hold():
    assert doctest.testmod(part3).failed == 0


def test_bptt_step_matches_torch_autograd():
    W = torch.tensor(part3._W, dtype=torch.float64)
    U = torch.tensor(part3._U, dtype=torch.float64)
    b = torch.tensor(part3._B, dtype=torch.float64)
    h = torch.tensor(part3._H, dtype=torch.float64, requires_grad=True)
    x = torch.tensor([0.0, 1.0, 0.0], dtype=torch.float64)      # "ب", the second of "ابی"
    h_next = torch.tanh(W @ h + U @ x + b)
    (h_next * torch.tensor([1.0, 0.0], dtype=torch.float64)).sum().backward()   # dL/dh' = (1, 0)
    assert reference("part3.bptt-step") == pytest.approx(h.grad.tolist(), abs=1e-12)
    assert h_next.tolist() == pytest.approx([0.5717, 0.3799], abs=1e-4)          # the step the page shows


def test_lstm_parameter_count_matches_torch_with_one_bias():
    lstm = torch.nn.LSTM(input_size=38, hidden_size=64)
    total = sum(p.numel() for p in lstm.parameters())
    assert reference("part3.lstm-params") == total - 4 * 64 == 26_368       # torch keeps two bias vectors


def test_clipping_matches_torch():
    g = torch.tensor([6.0, 8.0], requires_grad=True)
    g.grad = g.detach().clone()
    torch.nn.utils.clip_grad_norm_([g], max_norm=5.0)
    assert reference("part3.clip") == pytest.approx(g.grad.tolist(), rel=1e-6)


def test_vanish_steps_and_nats_are_what_the_page_says():
    k = reference("part3.vanish-steps")
    assert 0.7 ** k < 1e-3 <= 0.7 ** (k - 1)
    assert reference("part3.nats-bits") == pytest.approx(1.5 / math.log(2))


@pytest.mark.parametrize("page", ["3-rnn.md", "3-rnn.en.md"])
def test_answer_blocks_quote_the_computed_numbers(page):
    text = (DOCS / "series" / page).read_text(encoding="utf-8")
    dh = reference("part3.bptt-step")
    assert f"({dh[0]:.3f},\\; {dh[1]:.3f})" in text
    assert f"{reference('part3.lstm-params'):,}".replace(",", "{,}") in text
    assert f"{reference('part3.nats-bits'):.3f}" in text
