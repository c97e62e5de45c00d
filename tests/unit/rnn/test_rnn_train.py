"""Training: it learns, it resumes exactly, and bad input or a diverging run gives a clear error."""
import json
import math

import pytest

from lmdocs.corpora import hafez_text
from lmdocs.rnn import (CharRNN, CharTokenizer, TrainConfig, Trainer, TrainingDiverged, load_checkpoint, resume,
                        save_checkpoint)

TEXT = hafez_text()[:3000]  # real Persian text


def make(cell="rnn", hidden=12, text=TEXT, **config):
    model = CharRNN(CharTokenizer.from_text(text), cell=cell, hidden_size=hidden, seed=0)
    return Trainer(model, text, TrainConfig(seq_len=config.pop("seq_len", 16), **config))


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru", "mingru"])
def test_each_cell_learns_persian_text(cell):
    trainer = make(cell, learning_rate=0.01)
    model, ids = trainer.model, trainer.ids[:801]
    before = model.loss_and_grads(ids[:-1], ids[1:], model.zero_state())[0]
    assert before == pytest.approx(math.log(model.tokenizer.vocab_size), rel=0.05)  # a uniform guess
    trainer.train(60)  # 960 characters
    after = model.loss_and_grads(ids[:-1], ids[1:], model.zero_state())[0]
    assert after < 0.85 * before  # measured: 0.79-0.81


def test_adagrad_learns_too():
    losses = make(optimizer="adagrad", learning_rate=0.1).train(60)
    assert sum(losses[-10:]) < 0.9 * sum(losses[:10])


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_training_in_chunks_through_a_checkpoint_equals_one_run(cell, tmp_path):
    one_run = make(cell)
    one_run.train(12)
    first = make(cell)
    first.train(5)
    save_checkpoint(tmp_path / "ck.json", first.model, first)
    second = resume(load_checkpoint(tmp_path / "ck.json"), TEXT)
    second.train(7)
    assert second.losses == one_run.losses  # bit for bit: float64 checkpoints are exact
    assert second.model.params() == one_run.model.params()
    assert (second.position, second.steps, second.chars_seen) == (one_run.position, 12, 12 * 16)


def test_training_wraps_around_the_text_and_resets_the_state():
    trainer = make(text=TEXT[:40])  # two windows of 16 fit, then it starts again from the top
    trainer.train(3)
    assert trainer.position == 16 and trainer.steps == 3


def test_callback_sees_progress_and_can_stop():
    seen = []
    trainer = make()
    losses = trainer.train(50, callback=lambda t: seen.append(t.steps) or t.steps >= 20, every=10)
    assert seen == [10, 20] and len(losses) == 20


@pytest.mark.parametrize("text, message", [("", "0 distinct"), ("a", "1 distinct"), ("aaaa", "1 distinct")])
def test_empty_and_one_character_texts_are_refused(text, message):
    with pytest.raises(ValueError, match=message):
        CharTokenizer.from_text(text)


def test_text_shorter_than_a_window_is_refused():
    model = CharRNN(CharTokenizer.from_text("abc"), cell="rnn", hidden_size=2)
    with pytest.raises(ValueError, match="need at least 17"):
        Trainer(model, "abcabc", TrainConfig(seq_len=16))


@pytest.mark.parametrize("seq_len", [1, 0, -3])
def test_sequence_length_below_two_is_refused(seq_len):
    with pytest.raises(ValueError, match="seq_len must be at least 2"):
        TrainConfig(seq_len=seq_len)


@pytest.mark.parametrize("hidden", [0, -1])
def test_hidden_size_below_one_is_refused(hidden):
    with pytest.raises(ValueError, match="hidden_size must be at least 1"):
        CharRNN(CharTokenizer.from_text("ab"), cell="lstm", hidden_size=hidden)


def test_bad_settings_name_the_problem():
    with pytest.raises(ValueError, match="learning rate"):
        TrainConfig(learning_rate=float("nan"))
    with pytest.raises(ValueError, match="unknown optimizer"):
        TrainConfig(optimizer="sgd")
    with pytest.raises(ValueError, match="unknown cell"):
        CharRNN(CharTokenizer.from_text("ab"), cell="transformer")
    with pytest.raises(ValueError, match="unknown training setting"):
        TrainConfig.from_dict({"seq_len": 8, "lr": 0.1})
    with pytest.raises(TypeError, match="hidden_size must be an int"):
        CharRNN(CharTokenizer.from_text("ab"), hidden_size=2.5)


def test_text_with_characters_outside_the_vocabulary_is_refused():
    model = CharRNN(CharTokenizer.from_text("ab"), cell="rnn", hidden_size=2)
    with pytest.raises(ValueError, match="never saw these characters: 'c'"):
        Trainer(model, "abcab" * 10, TrainConfig(seq_len=4))


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_a_nan_or_infinite_loss_stops_training_without_touching_the_weights(bad, tmp_path):
    trainer = make("lstm")
    trainer.train(3)
    save_checkpoint(tmp_path / "good.json", trainer.model, trainer)
    good_bytes = (tmp_path / "good.json").read_bytes()
    trainer.model.Wy[0][0] = bad  # a weight gone wrong, as after a too-large step
    before = json.dumps(trainer.model.params(), allow_nan=True)
    with pytest.raises(TrainingDiverged, match="became (nan|inf).*lower the learning rate"):
        trainer.train(5)
    assert json.dumps(trainer.model.params(), allow_nan=True) == before  # no update was applied
    assert trainer.steps == 3
    with pytest.raises(ValueError, match="NaN or infinite"):
        save_checkpoint(tmp_path / "good.json", trainer.model, trainer)
    assert (tmp_path / "good.json").read_bytes() == good_bytes  # the old checkpoint is intact
    assert not (tmp_path / "good.json.tmp").exists()


def test_a_huge_learning_rate_diverges_with_a_clear_error_not_garbage():
    trainer = make("rnn", learning_rate=1e308, clip=0)  # the first update overflows to inf
    with pytest.raises(TrainingDiverged, match="training stopped"):
        for _ in range(200):
            trainer.train_window()
            assert all(math.isfinite(w) for row in trainer.model.Wy for w in row)
