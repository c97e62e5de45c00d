"""The JavaScript kernel (lmdocs/rnn/kernel.js) against the pure-Python reference, in Pyodide.

Both train the same model side by side inside Pyodide 314 (headless Chromium): losses, every
weight, the optimizer's moments and the carried state must agree to 1e-9 relative (JavaScript
sums in another order and has its own tanh/exp, so equality is not expected), through chunk
boundaries, callbacks, a wrap-around of the text, and a diverging run. Opting out ("python")
must not touch JavaScript.
"""
import json

import pytest

from lmdocs.rnn import jskernel
from lmdocs.rnn import linalg as la

CODE = r"""
import json, math
from lmdocs.corpora import hafez_text
from lmdocs.rnn import CharRNN, CharTokenizer, TrainConfig, Trainer, TrainingDiverged, linalg

TEXT = hafez_text()[:400]  # short: 12 windows of 32 wrap around to the top

def run(cell, kernel, optimizer="adam", hidden=12):
    out = {"kernel": linalg.use_kernel(kernel)}
    model = CharRNN(CharTokenizer.from_text(TEXT), cell=cell, hidden_size=hidden, seed=5)
    lr = 0.01 if optimizer == "adam" else 0.1
    trainer = Trainer(model, TEXT, TrainConfig(seq_len=32, optimizer=optimizer, learning_rate=lr, clip=1.0))
    seen, mid = [], []
    def callback(t):  # the weights must be back in Python when a callback runs
        seen.append(t.model.Wy[1][2])
        t.model.by[0] += 0.25  # ...and what it changes must reach the next window
        if len(seen) == 2:  # the optimizer's moments too, when it looks at them (to save, say)
            mid.append(json.loads(json.dumps(t.optimizer.state_dict())))
    losses = trainer.train(7, callback=callback, every=3) + trainer.train(6)
    opt = trainer.optimizer.state_dict()
    moments = {k: v for k, v in opt.items() if k in ("m", "v", "sum_sq")}
    out.update(losses=losses, seen=seen, mid=mid, params=model.params(), moments=moments, t=opt.get("t"),
               state=trainer.state, position=trainer.position, steps=trainer.steps,
               chars_seen=trainer.chars_seen, used_js=hasattr(trainer, "_js_session"))
    linalg.use_kernel("auto")
    return out

def diverge(kernel):
    linalg.use_kernel(kernel)
    model = CharRNN(CharTokenizer.from_text(TEXT), cell="lstm", hidden_size=8, seed=1)
    trainer = Trainer(model, TEXT, TrainConfig(seq_len=16))
    trainer.train(2)
    model.Wy[0][0] = math.nan  # the next loss is NaN
    before = repr(model.params())
    try:
        trainer.train(3)
        message = None
    except TrainingDiverged as err:
        message = str(err)
    linalg.use_kernel("auto")
    return {"message": message, "unchanged": repr(model.params()) == before,
            "steps": trainer.steps, "losses": trainer.losses}

out = {"default": linalg.kernel_name(), "runs": {}, "diverge": {}}
for cell, optimizer in [("rnn", "adam"), ("lstm", "adam"), ("gru", "adam"), ("mingru", "adam"),
                        ("rnn", "adagrad"), ("lstm", "adagrad")]:
    for kernel in ("js", "python"):
        out["runs"][f"{cell}/{optimizer}/{kernel}"] = run(cell, kernel, optimizer)
for kernel in ("js", "python"):
    out["diverge"][kernel] = diverge(kernel)
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def results():
    from support.pyodide import run_in_pyodide
    return json.loads(run_in_pyodide(CODE, timeout=600).strip().splitlines()[-1])


def close(a, b):
    """Nested lists/dicts of floats equal to 1e-9 relative (1e-12 absolute near zero)."""
    if isinstance(a, dict):
        assert sorted(a) == sorted(b)
        for k in a:
            close(a[k], b[k])
    elif isinstance(a, list):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            close(x, y)
    elif isinstance(a, str):
        assert a == b
    else:
        assert a == pytest.approx(b, rel=1e-9, abs=1e-12)


@pytest.mark.browser
@pytest.mark.slow
def test_pyodide_defaults_to_the_javascript_kernel(results):
    assert results["default"] == "js"
    assert all(run["used_js"] for name, run in results["runs"].items() if name.endswith("/js"))
    assert results["runs"]["rnn/adam/python"]["kernel"] == "sumprod"
    assert not results["runs"]["rnn/adam/python"]["used_js"]  # the opt-out never reaches JavaScript


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("run", ["rnn/adam", "lstm/adam", "gru/adam", "mingru/adam", "rnn/adagrad",
                                 "lstm/adagrad"])
def test_javascript_trains_the_same_model_as_python(run, results):
    js, py = results["runs"][run + "/js"], results["runs"][run + "/python"]
    assert len(js["losses"]) == 13 and js["losses"][-1] < js["losses"][0]
    assert len(js["mid"]) == 1
    for key in ("losses", "seen", "mid", "params", "moments", "state"):
        close(js[key], py[key])
    for key in ("t", "position", "steps", "chars_seen"):
        assert js[key] == py[key]
    assert js["position"] < 13 * 32  # the text wrapped around at least once


@pytest.mark.browser
@pytest.mark.slow
def test_a_diverging_window_stops_both_kernels_alike(results):
    js, py = results["diverge"]["js"], results["diverge"]["python"]
    assert js["message"] is not None and js["message"] == py["message"]
    assert "loss became" in js["message"]
    assert js["unchanged"] and py["unchanged"] and js["steps"] == py["steps"] == 2
    close(js["losses"], py["losses"])


def test_cpython_has_no_javascript_kernel():
    assert not jskernel.available()
    assert la.kernel_name() != "js"
    with pytest.raises(ValueError, match="needs Pyodide"):
        la.use_kernel("js")
    assert la.use_kernel("python") == la.use_kernel("auto") == ("sumprod" if la.SUMPROD else "fallback")
    with pytest.raises(RuntimeError, match="needs Pyodide"):
        jskernel.kernel()
