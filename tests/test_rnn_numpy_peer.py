"""The benchmark's numpy peer computes what lmdocs.rnn computes (so its speed ratio is fair)."""
import pytest

np = pytest.importorskip("numpy")

from benchmarks.rnn_numpy import NumpyCharRNN  # noqa: E402
from lmdocs.corpora import hafez_text  # noqa: E402
from lmdocs.rnn import CharRNN, CharVocab, TrainConfig, Trainer  # noqa: E402


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru", "mingru"])
def test_numpy_peer_matches_lmdocs_over_three_windows(cell):
    text = hafez_text()[:400]
    model = CharRNN(CharVocab.from_text(text), cell=cell, hidden_size=8, seed=1)
    peer = NumpyCharRNN(model.params(), cell, 8)
    trainer = Trainer(model, text, TrainConfig(seq_len=16))
    losses = trainer.train(3)
    peer_loss = peer.train(trainer.ids, 16, 3)
    assert peer_loss == pytest.approx(losses[-1], rel=1e-9)
    for name, value in model.params().items():
        np.testing.assert_allclose(np.array(value), peer.p[name], rtol=1e-7, atol=1e-10)
