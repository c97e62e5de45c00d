"""AdamW (lmdocs/transformer/optim.py) and whole training steps against torch, in float64.

The reference optimizer is the recipe's own: ``lmdocs.recipes.run.make_optimizer`` (AdamW with
weight decay on the 2-D weights only, nanoGPT's rule), so these tests also pin that the page decays
the same weights as the recipe. The end-to-end test trains the recipe's torch model and the
pure-Python GPT from the same weights on the same batches (clipping, warm-up, AdamW) and compares
losses and weights after every step.
"""
from __future__ import annotations

import copy
import math
import random

import pytest

torch = pytest.importorskip("torch")

from lmdocs.recipes.config import TrainConfig as RecipeConfig  # noqa: E402
from lmdocs.recipes.model import GPT as TorchGPT  # noqa: E402
from lmdocs.recipes.model import GPTConfig as TorchConfig  # noqa: E402
from lmdocs.recipes.run import make_optimizer  # noqa: E402
from lmdocs.transformer.config import GPTConfig  # noqa: E402
from lmdocs.transformer.init import random_gpt  # noqa: E402
from lmdocs.transformer.optim import AdamW, TrainingDiverged, decays  # noqa: E402
from lmdocs.transformer.train import TrainConfig, Trainer  # noqa: E402

CONFIG = GPTConfig(block_size=8, vocab_size=11, n_layer=2, n_head=2, n_embd=8)


def torch_twin(weights: dict, config: GPTConfig):
    twin = TorchGPT(TorchConfig(**config.to_dict(), dropout=0.0)).double()
    state = {name: torch.tensor(value, dtype=torch.float64) for name, value in weights.items()}
    state["lm_head.weight"] = state["transformer.wte.weight"]
    twin.load_state_dict(state)
    return twin


def recipe_optimizer(twin, lr=3e-3, weight_decay=0.1, betas=(0.9, 0.99)):
    cfg = RecipeConfig(learning_rate=lr, weight_decay=weight_decay, beta1=betas[0], beta2=betas[1])
    return make_optimizer(twin, cfg, "cpu")


def assert_weights_close(weights: dict, twin, rel: float = 1e-9) -> None:
    """Every tensor within ``rel`` of torch's, relative to its largest entry (or to 1 for a tensor
    that is still near 0, such as a bias after a few steps)."""
    parameters = dict(twin.named_parameters())
    for name, value in weights.items():
        ours, theirs = torch.tensor(value, dtype=torch.float64), parameters[name].detach()
        scale = max(theirs.abs().max().item(), 1.0)
        assert (ours - theirs).abs().max().item() <= rel * scale, name


def test_adamw_steps_equal_torch_adamw_with_the_recipes_parameter_groups():
    model = random_gpt(CONFIG, seed=1)
    twin = torch_twin(model.weights, CONFIG)
    theirs = recipe_optimizer(twin, lr=0.01, weight_decay=0.2)
    ours = AdamW(model.weights, lr=0.01, betas=(0.9, 0.99), weight_decay=0.2)
    decayed = {name for name, value in model.weights.items() if decays(value)}
    torch_decayed = {name for name, p in twin.named_parameters()
                     if any(p is q for q in theirs.param_groups[0]["params"])}
    assert decayed == torch_decayed == {n for n in model.weights if "ln_" not in n and not n.endswith(".bias")}
    rng = random.Random(2)
    parameters = dict(twin.named_parameters())
    for step, lr in enumerate([0.002, 0.005, 0.01, 0.01, 0.004]):  # a warm-up changes lr between steps
        grads = {name: ([[rng.gauss(0, 1) for _ in row] for row in value] if decays(value)
                        else [rng.gauss(0, 1) for _ in value]) for name, value in model.weights.items()}
        for name, p in parameters.items():
            p.grad = torch.tensor(grads[name], dtype=torch.float64)
        for group in theirs.param_groups:
            group["lr"] = lr
        theirs.step()
        ours.step(grads, lr)
        assert ours.t == step + 1
        assert_weights_close(model.weights, twin, rel=1e-13)


def test_training_steps_equal_torch_on_the_same_batches():
    model = random_gpt(CONFIG, seed=3)
    text = [random.Random(4).randrange(CONFIG.vocab_size) for _ in range(200)]
    settings = TrainConfig(batch_size=3, seq_len=6, learning_rate=0.01, warmup_steps=2, grad_clip=0.5, seed=5)
    trainer = Trainer(model, text, config=settings, kernel="python")
    twin = torch_twin(copy.deepcopy(model.weights), CONFIG)
    optimizer = recipe_optimizer(twin, lr=settings.learning_rate)
    replay = random.Random(settings.seed)  # the trainer's batches, drawn again
    for step in range(5):
        starts = [replay.randrange(len(text) - 6) for _ in range(3)]
        x = torch.tensor([text[s:s + 6] for s in starts])
        y = torch.tensor([text[s + 1:s + 7] for s in starts])
        _, loss = twin(x, y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(twin.parameters(), settings.grad_clip)
        for group in optimizer.param_groups:
            group["lr"] = trainer.lr_at(step)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        assert trainer.train_step() == pytest.approx(loss.item(), rel=1e-9)
        assert_weights_close(model.weights, twin)
    assert [trainer.lr_at(s) for s in range(4)] == pytest.approx([0.01 / 3, 0.02 / 3, 0.01, 0.01])


def test_a_step_that_would_make_a_weight_infinite_changes_nothing():
    params = {"w": [[1.0, 2.0]], "b": [0.5]}
    opt = AdamW(params, lr=0.1, eps=0.0)
    opt.step({"w": [[1.0, 1.0]], "b": [1.0]})
    before, moments = copy.deepcopy(params), copy.deepcopy(opt.state_dict())
    with pytest.raises(TrainingDiverged, match="NaN or infinite"):
        opt.step({"w": [[0.0, math.inf]], "b": [0.0]})
    assert params == before and opt.state_dict() == moments


def test_bad_settings_and_states_are_refused_with_one_line():
    with pytest.raises(ValueError, match="betas"):
        AdamW({"w": [1.0]}, betas=(0.9, 1.0))
    with pytest.raises(ValueError, match="weight_decay"):
        AdamW({"w": [1.0]}, weight_decay=-0.1)
    with pytest.raises(ValueError, match="learning rate"):
        AdamW({"w": [1.0]}, lr=0.0)
    with pytest.raises(ValueError, match="not AdamW's"):
        AdamW({"w": [1.0]}).load_state_dict({"name": "adam", "t": 1, "m": {}, "v": {}})


def test_a_loaded_state_is_a_copy_of_the_saved_one():
    first = AdamW({"w": [[1.0, 2.0]], "b": [0.5]}, lr=0.1)
    first.step({"w": [[1.0, -1.0]], "b": [2.0]})
    second = AdamW({"w": [[1.0, 2.0]], "b": [0.5]}, lr=0.1)
    second.load_state_dict(first.state_dict())
    assert second.state_dict() == first.state_dict()
    second.step({"w": [[1.0, 1.0]], "b": [1.0]})
    assert first.t == 1 and first.m["w"] != second.m["w"]  # the two optimizers share nothing
    with pytest.raises(ValueError, match="another shape"):
        AdamW({"w": [[1.0]], "b": [0.5]}).load_state_dict(first.state_dict())
