"""How far back does the gradient reach? ||dL_T / dh_{T-k}|| as a function of k.

L_T is the loss of predicting the character after position T; h_{T-k} is the hidden state k steps
earlier. For a vanilla RNN, dh_{t-1} = Wh^T (dh_t * (1 - h_t^2)): each step multiplies by a matrix
whose gain is usually below one, so the norm falls off exponentially in k (Bengio et al., 1994;
Pascanu et al., 2013). An LSTM's cell state carries it along c_{t-1} = f * c_t, decaying only as
fast as the forget gate closes.

>>> from lmdocs.rnn.model import CharRNN
>>> from lmdocs.tokenizers import CharTokenizer
>>> model = CharRNN(CharTokenizer.from_text("abcd"), cell="rnn", hidden_size=8, seed=0)
>>> norms = state_gradient_norms(model, "abcdabcdabcd", max_lag=4, windows=2)
>>> len(norms), norms[0] > norms[4]
(5, True)

Not handled: the gradient of the whole window's loss (only the last character's loss is used,
so that "k steps back" has one meaning).
"""
from __future__ import annotations

import math


def state_gradient_norms(model, text, max_lag: int = 30, windows: int = 8) -> list[float]:
    """Mean over ``windows`` windows of ||dL_T/dh_{T-k}||, for k = 0..max_lag.

    ``text`` is a string (encoded with the model's tokenizer) or a list of character ids. Windows
    start from the zero state at evenly spaced places in the text.
    """
    ids = model.tokenizer.encode(text) if isinstance(text, str) else list(text)
    if isinstance(max_lag, bool) or not isinstance(max_lag, int) or max_lag < 0:
        raise ValueError(f"max_lag must be an int >= 0, got {max_lag!r}")
    if isinstance(windows, bool) or not isinstance(windows, int) or windows < 1:
        raise ValueError(f"windows must be an int >= 1, got {windows!r}")
    span = max_lag + 2  # max_lag + 1 inputs and one target
    if len(ids) < span:
        raise ValueError(f"the text has {len(ids)} characters; max_lag={max_lag} needs at least {span}")
    last_start = len(ids) - span
    starts = [round(i * last_start / max(windows - 1, 1)) for i in range(windows)]
    totals = [0.0] * (max_lag + 1)
    for start in starts:
        xs, ys = ids[start:start + span - 1], ids[start + 1:start + span]
        record: list = []
        model.loss_and_grads(xs, ys, model.zero_state(), last_only=True, record=record)
        for k, dh in enumerate(record[:max_lag + 1]):  # record[k] = dL/dh_{T-k}
            totals[k] += math.sqrt(math.fsum(v * v for v in dh))
    return [t / len(starts) for t in totals]

