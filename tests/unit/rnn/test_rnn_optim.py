"""Adam, Adagrad and gradient clipping against torch.optim (float64)."""
import random

import pytest

torch = pytest.importorskip("torch")

from lmdocs.rnn.optim import Adagrad, Adam, clip_grad_norm, grad_norm  # noqa: E402


def random_params(rng):
    return {"W": [[rng.gauss(0, 1) for _ in range(3)] for _ in range(2)], "b": [rng.gauss(0, 1) for _ in range(4)]}


@pytest.mark.parametrize("name", ["adam", "adagrad"])
def test_five_steps_match_torch_optim(name):
    rng = random.Random(3)
    params = random_params(rng)
    leaves = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in params.items()}
    if name == "adam":
        ours, theirs = Adam(params, lr=0.01), torch.optim.Adam(leaves.values(), lr=0.01)
    else:
        ours, theirs = Adagrad(params, lr=0.1), torch.optim.Adagrad(leaves.values(), lr=0.1, eps=1e-10)
    for _ in range(5):
        grads = {"W": [[rng.gauss(0, 1) for _ in range(3)] for _ in range(2)], "b": [rng.gauss(0, 1) for _ in range(4)]}
        for k, leaf in leaves.items():
            leaf.grad = torch.tensor(grads[k], dtype=torch.float64)
        ours.step(grads)
        theirs.step()
    for k, leaf in leaves.items():
        assert torch.allclose(torch.tensor(params[k], dtype=torch.float64), leaf.detach(), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("max_norm", [0.5, 100.0])
def test_clip_grad_norm_matches_torch(max_norm):
    rng = random.Random(1)
    grads = random_params(rng)
    leaves = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in grads.values()]
    for leaf, v in zip(leaves, grads.values()):
        leaf.grad = torch.tensor(v, dtype=torch.float64)
    norm = clip_grad_norm(grads, max_norm)
    ref = torch.nn.utils.clip_grad_norm_(leaves, max_norm)
    assert norm == pytest.approx(ref.item(), rel=1e-12)
    for leaf, v in zip(leaves, grads.values()):
        assert torch.allclose(torch.tensor(v, dtype=torch.float64), leaf.grad, rtol=1e-12)
    assert grad_norm(grads) == pytest.approx(min(max_norm, ref.item()), rel=1e-5)


@pytest.mark.parametrize("lr", [float("nan"), float("inf"), 0.0, -1.0])
def test_bad_learning_rates_are_refused(lr):
    with pytest.raises(ValueError, match="learning rate"):
        Adam({"b": [0.0]}, lr=lr)
    with pytest.raises(ValueError, match="learning rate"):
        Adagrad({"b": [0.0]}, lr=lr)


def test_a_learning_rate_of_the_wrong_type_is_a_type_error():
    with pytest.raises(TypeError, match="learning rate"):
        Adam({"b": [0.0]}, lr="0.1")
