"""Exercises of part 3 (recurrent networks); the page is docs/series/3-rnn.md.

The reference answers are computed with lmdocs.rnn where the package does the same thing: the
backward step of its vanilla cell, the parameter count of its LSTM, its gradient clipping.

    >>> [round(v, 3) for v in bptt_step()]
    [0.337, -0.168]
    >>> lstm_params(), vanish_steps()
    (26368, 20)
"""
from __future__ import annotations

import math

from lmdocs.exercises.registry import exercise

# The step of docs/snippets/rnn_step_by_hand.py: h' = tanh(W h + U x + b) with x the character "ب".
_W = [[0.5, -0.25], [0.1, 0.2]]
_U = [[0.3, -0.1, 0.0], [0.2, 0.4, -0.5]]
_B = [0.0, 0.1]
_H = [1.0, -1.0]


@exercise("part3.bptt-step", rel_tol=1e-3, abs_tol=1e-3,
          hint_en="first multiply dL/dh' by tanh' = 1 - h'^2, element by element; then multiply by W transposed.",
          hint_fa="اول dL/dh' را عنصربه‌عنصر در مشتق tanh، یعنی 1 - h'^2، ضرب کنید؛ بعد در ترانهادهٔ W.")
def bptt_step() -> list[float]:
    """dL/dh for dL/dh' = (1, 0), by the backward pass of lmdocs.rnn's vanilla cell."""
    from lmdocs.rnn import CharRNN, CharTokenizer
    from lmdocs.rnn.linalg import columns

    tokenizer = CharTokenizer.from_text("ابی")
    model = CharRNN(tokenizer, cell="rnn", hidden_size=2,
                    params={"Wx": [list(col) for col in zip(*_U)], "Wh": _W, "b": _B,
                            "Wy": [[0.0, 0.0]] * 3, "by": [0.0] * 3})
    x = tokenizer.encode("ب")
    _, _, cache = model.cell.forward(x, (_H,))
    no_output = [[0.0] * 3 for _ in x]          # no loss at this step's own output: only dL/dh'
    _, (dh,) = model.cell.backward(cache, columns(model.Wy), no_output, ([1.0, 0.0],))
    return dh


@exercise("part3.lstm-params",
          hint_en="four layers (f, i, o and the candidate), each with H×H weights for h, H×V for x and H biases.",
          hint_fa="چهار لایه (f، i، o و مقدار نامزد)، هر کدام H×H وزن برای h، H×V برای x و H بایاس.")
def lstm_params() -> int:
    """The LSTM cell of lmdocs.rnn with H = 64 over an alphabet of V = 38 characters: 4H(H + V + 1)."""
    from lmdocs.rnn import CharRNN, CharTokenizer

    alphabet = "".join(chr(0x0627 + i) for i in range(38))   # any 38 distinct characters
    model = CharRNN(CharTokenizer.from_text(alphabet), cell="lstm", hidden_size=64)
    return sum(len(v) * len(v[0]) if isinstance(v[0], list) else len(v) for v in model.cell.params.values())


@exercise("part3.vanish-steps",
          hint_en="find the smallest whole k with 0.7 to the power k below 0.001 (take logarithms).",
          hint_fa="کوچک‌ترین عدد درست k را پیدا کنید که ۰٫۷ به توان k کمتر از ۰٫۰۰۱ شود (لگاریتم بگیرید).")
def vanish_steps() -> int:
    """The smallest k with 0.7**k < 1/1000: k > ln(1000) / ln(1/0.7) = 19.37."""
    return math.floor(math.log(1000) / math.log(1 / 0.7)) + 1


@exercise("part3.clip", rel_tol=1e-3, abs_tol=1e-3,
          hint_en="if the norm of g is above the threshold, scale g by threshold / norm; the direction stays.",
          hint_fa="اگر اندازهٔ g از آستانه بیشتر است، g را در آستانه تقسیم بر اندازه ضرب کنید؛ جهت عوض نمی‌شود.")
def clip() -> list[float]:
    """g = (6, 8) clipped to norm 5 with lmdocs.rnn.clip_grad_norm (in place)."""
    from lmdocs.rnn import clip_grad_norm

    grads = {"g": [6.0, 8.0]}
    clip_grad_norm(grads, 5.0)
    return grads["g"]


@exercise("part3.nats-bits",
          hint_en="one nat is 1 / ln 2 bits: divide by ln 2.",
          hint_fa="هر نت برابر 1 / ln 2 بیت است: بر ln 2 تقسیم کنید.")
def nats_to_bits() -> float:
    """1.5 nats per character in bits per character."""
    return 1.5 / math.log(2)
