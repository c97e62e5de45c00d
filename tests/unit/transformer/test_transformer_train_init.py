"""Random initialisation (lmdocs/transformer/init.py) against the recipe's torch model.

torch draws other numbers, so the comparison is of the rule: for every weight the recipe's model
(nanoGPT's init) holds, ours must be all zeros, all ones, or normal with the same standard
deviation (estimated on the tensor, within a few standard errors).
"""
from __future__ import annotations

import math
import statistics

import pytest

torch = pytest.importorskip("torch")

from lmdocs.recipes.model import GPT as TorchGPT  # noqa: E402
from lmdocs.recipes.model import GPTConfig as TorchConfig  # noqa: E402
from lmdocs.transformer.config import GPTConfig, parameter_shapes  # noqa: E402
from lmdocs.transformer.grad import mean_loss  # noqa: E402
from lmdocs.transformer.init import init_weights, random_gpt  # noqa: E402

CONFIG = GPTConfig(block_size=32, vocab_size=40, n_layer=3, n_head=4, n_embd=48)


def flat(value) -> list[float]:
    return [x for row in value for x in row] if isinstance(value[0], list) else list(value)


def kind(values: list[float]) -> tuple:
    if all(v == 0.0 for v in values):
        return ("zeros",)
    if all(v == 1.0 for v in values):
        return ("ones",)
    return ("normal", statistics.pstdev(values), len(values))


def test_every_weight_follows_the_recipe_models_initialisation():
    torch.manual_seed(0)
    reference = TorchGPT(TorchConfig(**CONFIG.to_dict(), dropout=0.0)).state_dict()
    ours = init_weights(CONFIG, seed=0)
    assert list(ours) == list(parameter_shapes(CONFIG))
    for name, value in ours.items():
        theirs = kind(reference[name].flatten().tolist())
        mine = kind(flat(value))
        assert mine[0] == theirs[0], name
        if mine[0] == "normal":  # same std: 0.02, or 0.02 / sqrt(2 * n_layer) for the residual projections
            expected = 0.02 / math.sqrt(2 * CONFIG.n_layer) if name.endswith("c_proj.weight") else 0.02
            tolerance = 5 * expected / math.sqrt(2 * mine[2])  # ~5 standard errors of a sample std
            assert abs(mine[1] - expected) < tolerance and abs(theirs[1] - expected) < tolerance, name
            assert abs(statistics.fmean(flat(value))) < 5 * expected / math.sqrt(mine[2]), name


def test_the_seed_decides_the_weights():
    assert init_weights(CONFIG, seed=3) == init_weights(CONFIG, seed=3)
    assert init_weights(CONFIG, seed=3) != init_weights(CONFIG, seed=4)
    model = random_gpt(CONFIG, seed=3)
    assert model.weights == init_weights(CONFIG, seed=3) and model.metadata["seed"] == 3


def test_a_random_model_starts_near_the_uniform_loss():
    model = random_gpt(CONFIG, seed=1)
    ids = [(7 * i) % CONFIG.vocab_size for i in range(CONFIG.block_size + 1)]
    loss = mean_loss(model, [ids[:-1]], [ids[1:]])
    assert abs(loss - math.log(CONFIG.vocab_size)) < 0.05  # small weights: about 1 / vocab for every token


def test_bad_seed_is_refused():
    with pytest.raises(ValueError, match="seed must be an integer"):
        init_weights(CONFIG, seed="1")
