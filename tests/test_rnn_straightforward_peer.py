"""The benchmark's straightforward RNN trains exactly like lmdocs.rnn (so its speed ratio is fair)."""
import pytest

from benchmarks.rnn_straightforward import train_straightforward
from lmdocs.corpora import hafez_text
from lmdocs.rnn import CharRNN, CharVocab, TrainConfig, Trainer


def test_straightforward_rnn_matches_lmdocs_over_three_windows():
    text = hafez_text()[:400]
    model = CharRNN(CharVocab.from_text(text), cell="rnn", hidden_size=6, seed=1)
    twin = CharRNN(model.vocab, cell="rnn", hidden_size=6, seed=1)
    trainer = Trainer(model, text, TrainConfig(seq_len=16))
    losses = trainer.train(3)
    assert train_straightforward(twin, trainer.ids, 16, 3) == pytest.approx(losses[-1], rel=1e-9)
    for name, value in model.params().items():
        rows = value if isinstance(value[0], list) else [value]
        twin_rows = twin.params()[name] if isinstance(value[0], list) else [twin.params()[name]]
        for row, twin_row in zip(rows, twin_rows):
            assert twin_row == pytest.approx(row, rel=1e-7, abs=1e-10)
