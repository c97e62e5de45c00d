"""state_gradient_norms: the values are checked against torch in test_rnn_torch.py; here, its claim."""
import pytest

from lmdocs.corpora import hafez_split
from lmdocs.rnn import CharRNN, CharTokenizer, load_pretrained, state_gradient_norms

HELD_OUT = "\n".join(hafez_split()[1])[:20000]


def test_the_trained_lstm_keeps_gradients_that_the_trained_rnn_loses():
    rnn = state_gradient_norms(load_pretrained("rnn").model, HELD_OUT, max_lag=20, windows=4)
    lstm = state_gradient_norms(load_pretrained("lstm").model, HELD_OUT, max_lag=20, windows=4)
    assert rnn[20] / rnn[0] < 1e-3  # measured ~6e-5: exponential decay
    assert lstm[20] / lstm[0] > 100 * rnn[20] / rnn[0]  # measured ~600x more survives


def test_fresh_rnn_gradients_decay_monotonically_on_average():
    model = CharRNN(CharTokenizer.from_text(HELD_OUT), cell="rnn", hidden_size=32, seed=0)
    norms = state_gradient_norms(model, HELD_OUT, max_lag=12, windows=6)
    assert len(norms) == 13 and norms[12] < norms[6] < norms[0]


@pytest.mark.parametrize("kwargs, message", [
    ({"max_lag": -1}, "max_lag"), ({"max_lag": 1.5}, "max_lag"), ({"windows": 0}, "windows"),
    ({"max_lag": 50}, "needs at least 52"),
])
def test_bad_arguments(kwargs, message):
    model = CharRNN(CharTokenizer.from_text("abcd"), cell="rnn", hidden_size=2)
    with pytest.raises(ValueError, match=message):
        state_gradient_norms(model, "abcdabcd", **kwargs)
    with pytest.raises(ValueError, match="never saw"):
        state_gradient_norms(model, "xyz" * 20, max_lag=3)
