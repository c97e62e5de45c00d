"""state_gradient_norms: the values are checked against torch in test_rnn_torch.py; here, its claim."""
import pytest

from lmdocs.corpora import hafez_split
from lmdocs.rnn import CharRNN, CharTokenizer, load_pretrained, state_gradient_norms

HELD_OUT = "\n".join(hafez_split()[1])[:20000]


def test_the_trained_lstm_keeps_gradients_that_the_trained_rnn_loses():
    # Part 3, exercise 6: the trained LSTM's line falls about as fast as the RNN's over the first
    # twenty steps, then levels off, around a hundred times above the RNN's at forty.
    rnn = state_gradient_norms(load_pretrained("rnn").model, HELD_OUT, max_lag=40, windows=4)
    lstm = state_gradient_norms(load_pretrained("lstm").model, HELD_OUT, max_lag=40, windows=4)
    assert rnn[40] / rnn[0] < 1e-6  # measured ~3e-8: exponential decay
    assert lstm[40] / lstm[0] > 30 * rnn[40] / rnn[0]  # measured ~300x more survives
    assert lstm[20] / lstm[0] < 10 * rnn[20] / rnn[0]  # measured ~4x: not yet far apart


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
