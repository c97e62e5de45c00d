"""The pure-Python loss and gradients of the GPT (lmdocs/transformer/grad.py) against torch autograd.

The reference is the recipe's model (``lmdocs.recipes.model.GPT``) in float64 with the same
weights: its loss ``F.cross_entropy(..., ignore_index=-1)`` and ``loss.backward()``. Weights are
drawn with std 0.4 (LayerNorm weights 1 +- 0.3) so that every path carries a gradient far from
zero, on configurations chosen to cover one and several layers and heads, odd widths, no bias,
a batch of several sequences, sequences shorter than block_size and ignored targets.

"Within 1e-9 relative" is checked per tensor: every entry within 1e-9 of torch's, relative to the
largest entry of that tensor (an entry that is 0 in exact arithmetic, such as the key bias's
gradient, is rounding noise on both sides and has no relative error of its own).
"""
from __future__ import annotations

import random

import pytest

torch = pytest.importorskip("torch")

from lmdocs.recipes.model import GPT as TorchGPT  # noqa: E402
from lmdocs.recipes.model import GPTConfig as TorchConfig  # noqa: E402
from lmdocs.transformer.backward import gelu_backward  # noqa: E402
from lmdocs.transformer.config import GPTConfig, parameter_shapes  # noqa: E402
from lmdocs.transformer.grad import loss_and_grads, mean_loss  # noqa: E402
from lmdocs.transformer.model import GPT  # noqa: E402

CASES = {  # block_size, vocab_size, n_layer, n_head, n_embd, bias, B, T
    "one-layer-one-head": (8, 7, 1, 1, 4, True, 1, 8),
    "batch-of-3-short": (12, 11, 2, 2, 8, True, 3, 7),
    "no-bias-4-heads": (9, 5, 2, 4, 12, False, 2, 9),
    "odd-head-size": (16, 13, 1, 3, 9, True, 4, 5),
    "two-layers-one-token": (6, 17, 2, 4, 8, True, 2, 1),
}


def random_weights(config: GPTConfig, rng: random.Random) -> dict[str, list]:
    weights = {}
    for name, shape in parameter_shapes(config).items():
        if len(shape) == 1:
            centre = 1.0 if name.endswith(".weight") else 0.0  # a LayerNorm weight or a bias
            weights[name] = [centre + rng.gauss(0.0, 0.3) for _ in range(shape[0])]
        else:
            weights[name] = [[rng.gauss(0.0, 0.4) for _ in range(shape[1])] for _ in range(shape[0])]
    return weights


def random_case(fields: tuple, seed: int):
    block_size, vocab_size, n_layer, n_head, n_embd, bias, batch, length = fields
    rng = random.Random(seed)
    config = GPTConfig(block_size=block_size, vocab_size=vocab_size, n_layer=n_layer, n_head=n_head,
                       n_embd=n_embd, bias=bias)
    model = GPT(config, random_weights(config, rng))
    inputs = [[rng.randrange(vocab_size) for _ in range(length)] for _ in range(batch)]
    targets = [[rng.randrange(vocab_size) for _ in range(length)] for _ in range(batch)]
    if batch * length > 1:
        targets[0][0] = -1  # ignored, as ignore_index=-1
    return model, inputs, targets


def torch_twin(model: GPT):
    twin = TorchGPT(TorchConfig(**model.config.to_dict(), dropout=0.0)).double()
    state = {name: torch.tensor(value, dtype=torch.float64) for name, value in model.weights.items()}
    state["lm_head.weight"] = state["transformer.wte.weight"]
    twin.load_state_dict(state)
    return twin


def assert_tensor_close(ours, theirs: torch.Tensor, name: str, rel: float = 1e-9) -> None:
    ours = torch.tensor(ours, dtype=torch.float64)
    assert ours.shape == theirs.shape, name
    scale = theirs.abs().max().item()
    assert scale > 0, f"{name}: the reference gradient is all zeros; the case tests nothing"
    worst = (ours - theirs).abs().max().item()
    assert worst <= rel * scale, f"{name}: off by {worst:.3g}, {worst / scale:.3g} of its largest entry"


@pytest.mark.parametrize("case", sorted(CASES))
def test_loss_and_every_gradient_equal_torch_autograd(case):
    model, inputs, targets = random_case(CASES[case], seed=sorted(CASES).index(case))
    loss, grads = loss_and_grads(model, inputs, targets)
    twin = torch_twin(model)
    _, reference = twin(torch.tensor(inputs), torch.tensor(targets))
    reference.backward()
    assert loss == pytest.approx(reference.item(), rel=1e-9)
    parameters = dict(twin.named_parameters())  # the tied lm_head is wte: one tensor, both gradients
    assert set(grads) == set(parameters) == set(model.weights)
    for name, grad in grads.items():
        if name.endswith("attn.c_attn.bias"):  # the key third is 0 in exact arithmetic: compare q and v
            c = model.config.n_embd
            assert_tensor_close(grad[:c] + grad[2 * c:], torch.cat([parameters[name].grad[:c],
                                                                    parameters[name].grad[2 * c:]]), name)
            assert max(abs(g) for g in grad[c:2 * c]) < 1e-12 * max(map(abs, grad))
        else:
            assert_tensor_close(grad, parameters[name].grad, name)


def test_mean_loss_is_the_loss_of_loss_and_grads():
    model, inputs, targets = random_case(CASES["batch-of-3-short"], seed=7)
    assert mean_loss(model, inputs, targets) == pytest.approx(loss_and_grads(model, inputs, targets)[0], rel=1e-12)


def test_gelu_derivative_equals_torch_far_into_the_tails():
    xs = [-12.0, -6.0, -3.3, -1.0, -0.3, 0.0, 1e-9, 0.7, 1.1, 2.5, 5.0, 12.0]
    x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    torch.nn.functional.gelu(x).sum().backward()
    for ours, theirs in zip(gelu_backward([1.0] * len(xs), xs), x.grad.tolist()):
        assert ours == pytest.approx(theirs, rel=1e-12, abs=1e-300)
