"""The GPT trainer (lmdocs/transformer/train.py) in CPython: seeded, resumable, and strict with bad input."""
from __future__ import annotations

import copy
import doctest
import importlib
import math

import pytest

from lmdocs.corpora import HAFEZ_TEST_GHAZALS, hafez_ghazals, hafez_text
from lmdocs.transformer import jskernel
from lmdocs.transformer.config import GPTConfig
from lmdocs.transformer.generate import generate
from lmdocs.transformer.grad import bits, check_batch, loss_and_grads, mean_loss
from lmdocs.transformer.init import random_gpt
from lmdocs.transformer.optim import TrainingDiverged
from lmdocs.transformer.page_training import PAGE_MODEL, PAGE_TRAINING, hafez_vocab, page_trainer
from lmdocs.transformer.train import TrainConfig, Trainer

CONFIG = GPTConfig(block_size=8, vocab_size=6, n_layer=1, n_head=2, n_embd=4)
TEXT = [(i * i + i // 3) % 6 for i in range(120)]
SETTINGS = dict(batch_size=2, seq_len=5, learning_rate=0.02, warmup_steps=2)


def make_trainer(seed: int = 0, **settings) -> Trainer:
    config = TrainConfig(**{**SETTINGS, "seed": seed, **settings})
    return Trainer(random_gpt(CONFIG, seed=seed), TEXT[:100], TEXT[100:], config, kernel="python")


def test_the_same_seed_trains_the_same_model():
    a, b = make_trainer(seed=1), make_trainer(seed=1)
    assert a.train(6) == b.train(6)
    assert a.model.weights == b.model.weights and a.optimizer.state_dict() == b.optimizer.state_dict()
    assert make_trainer(seed=2).train(6) != a.losses[:6]


def test_training_in_chunks_equals_one_long_run():
    whole, chunks = make_trainer(seed=3), make_trainer(seed=3)
    whole.train(7)
    chunks.train(3)
    chunks.train(0)
    chunks.train(4)
    assert chunks.losses == whole.losses and chunks.model.weights == whole.model.weights
    assert (chunks.steps, chunks.tokens_seen) == (7, 7 * 2 * 5)


def test_training_lowers_the_held_out_loss():
    trainer = make_trainer(seed=4, learning_rate=0.03)
    before = trainer.evaluate()
    trainer.train(40)
    assert trainer.evaluate() < 0.8 * before
    assert bits(trainer.evaluate()) == pytest.approx(trainer.evaluate() / math.log(2))


def test_evaluate_is_the_mean_loss_of_evenly_spaced_windows():
    trainer = make_trainer(seed=5)
    starts = [0, 38, 76, 114]  # stride (120 - 5 - 1) // 3: the last window ends at the last token
    expected = mean_loss(trainer.model, [TEXT[s:s + 5] for s in starts], [TEXT[s + 1:s + 6] for s in starts])
    assert trainer.evaluate(TEXT, windows=4) == pytest.approx(expected, rel=1e-12)


def test_samples_are_generate_with_the_trainers_model():
    trainer = make_trainer(seed=8)
    trainer.train(5)
    assert trainer.sample([1, 2], 12, temperature=0.9, seed=3) == generate(trainer.model, [1, 2], 12, 0.9, seed=3)
    with pytest.raises(ValueError, match="temperature must be >= 0"):
        trainer.sample([1], 3, temperature=-1.0)
    with pytest.raises(ValueError, match="out of range"):
        trainer.sample([6], 3)


def test_callbacks_see_the_progress_and_can_stop():
    trainer, seen = make_trainer(seed=6), []

    def callback(t):
        seen.append(t.steps)
        return t.steps >= 6

    losses = trainer.train(20, callback=callback, every=3)
    assert seen == [3, 6] and len(losses) == 6 == trainer.steps


def test_a_diverging_step_stops_training_and_keeps_the_weights():
    trainer = make_trainer(seed=7)
    trainer.train(2)
    trainer.model.weights["transformer.wte.weight"][0][0] = math.nan
    before = copy.deepcopy(trainer.model.weights)
    with pytest.raises(TrainingDiverged, match="at step 3"):
        trainer.train(3)
    assert repr(trainer.model.weights) == repr(before) and trainer.steps == 2


@pytest.mark.parametrize("inputs, targets, message", [
    ([[0, 1, 6]], [[1, 2, 3]], "input id 6 is out of range"),
    ([[0, 1, 2]], [[1, 2, 7]], "target id 7 is out of range"),
    ([[0, 1, -1]], [[1, 2, 3]], "input id -1 is out of range"),
    ([[0, 1.0, 2]], [[1, 2, 3]], "input id 1.0 is out of range"),
    ([list(range(6)) + [0, 1, 2]], [[0] * 9], "do not fit in block_size 8"),
    ([[0, 1], [2]], [[1, 2], [3]], "same length"),
    ([[0, 1]], [[1, 2, 3]], "inputs' shape"),
    ([[0, 1]], [[1, 2], [2, 3]], "inputs' shape"),
    ([], [], "non-empty list"),
    ([0, 1, 2], [1, 2, 3], "non-empty list"),
    ([[0, 1]], [[-1, -1]], "at least one target"),
])
def test_bad_batches_are_refused_with_one_clear_line(inputs, targets, message):
    model = random_gpt(CONFIG, seed=0)
    with pytest.raises(ValueError, match=message) as error:
        loss_and_grads(model, inputs, targets)
    assert "\n" not in str(error.value)
    with pytest.raises(ValueError, match=message):
        check_batch(model.config, inputs, targets)


@pytest.mark.parametrize("change, message", [
    (dict(train_ids=TEXT[:100] + [6]), "train_ids holds token id 6"),
    (dict(train_ids=TEXT[:5]), "train_ids has 5 tokens"),
    (dict(val_ids=[0, 1, 2]), "val_ids has 3 tokens"),
    (dict(train_ids="abc"), "must be a list of token ids"),
    (dict(config=TrainConfig(seq_len=9)), "seq_len 9 exceeds the model's block_size 8"),
    (dict(kernel="gpu"), "unknown kernel 'gpu'"),
    (dict(kernel="js"), "needs Pyodide"),
])
def test_bad_trainers_are_refused_with_one_clear_line(change, message):
    arguments = dict(model=random_gpt(CONFIG, seed=0), train_ids=TEXT[:100], val_ids=None,
                     config=TrainConfig(**SETTINGS), kernel="python")
    with pytest.raises(ValueError, match=message):
        Trainer(**{**arguments, **change})


@pytest.mark.parametrize("settings, message", [
    (dict(batch_size=0), "batch_size must be a positive integer"),
    (dict(seq_len=2.5), "seq_len must be a positive integer"),
    (dict(learning_rate=-1.0), "learning rate must be a finite number above 0"),
    (dict(grad_clip=math.inf), "grad_clip must be a finite number"),
    (dict(warmup_steps=-1), "warmup_steps must be an integer >= 0"),
    (dict(seed=None), "seed must be an integer"),
])
def test_bad_settings_are_refused(settings, message):
    with pytest.raises(ValueError, match=message):
        TrainConfig(**settings)
    with pytest.raises(ValueError, match="unknown training setting"):
        TrainConfig.from_dict({"batch": 4})


def test_train_and_evaluate_check_their_arguments():
    trainer = make_trainer()
    with pytest.raises(ValueError, match="steps must be an integer"):
        trainer.train(-1)
    with pytest.raises(ValueError, match="every must be a positive integer"):
        trainer.train(1, callback=print, every=0)
    no_val = Trainer(random_gpt(CONFIG, seed=0), TEXT, config=TrainConfig(**SETTINGS), kernel="python")
    with pytest.raises(ValueError, match="no held-out ids"):
        no_val.evaluate()
    with pytest.raises(ValueError, match="windows must be a positive integer"):
        trainer.evaluate(windows=0)


def test_the_page_model_is_stated_once_and_starts_from_random_weights():
    trainer = page_trainer(seed=0, kernel="python")
    config = trainer.model.config
    assert {k: getattr(config, k) for k in PAGE_MODEL} == PAGE_MODEL
    assert config.vocab_size == len(hafez_vocab()) == len(set(hafez_text()))
    assert {k: getattr(trainer.config, k) for k in PAGE_TRAINING} == PAGE_TRAINING
    held_out = "\n\n".join("\n".join(lines) for lines in hafez_ghazals()[-HAFEZ_TEST_GHAZALS:])
    assert trainer.model.decode(trainer.val_ids) == held_out
    assert len(trainer.train_ids) + len(trainer.val_ids) + 2 == len(hafez_text().strip())
    assert trainer.model.weights == page_trainer(seed=0, kernel="python").model.weights
    assert trainer.kernel == "python" and page_trainer(seed=0).kernel == "python"  # CPython: no JavaScript


def test_cpython_has_no_javascript_kernel():
    assert not jskernel.available()
    with pytest.raises(RuntimeError, match="needs Pyodide"):
        jskernel.kernel()


@pytest.mark.parametrize("name", ["init", "backward", "grad", "optim", "train", "page_training"])
def test_docstring_examples_run(name):
    module = importlib.import_module(f"lmdocs.transformer.{name}")
    assert doctest.testmod(module).failed == 0
