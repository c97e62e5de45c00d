"""lmdocs.rnn in Pyodide 314 (Python 3.14, headless Chromium) against CPython 3.11.

Pyodide has math.sumprod, CPython 3.11 has not, so this is where the two dot-product kernels meet:
both must give the same training run inside Pyodide, and Pyodide must agree with CPython up to the
last-place differences of tanh/exp (tolerances, not equality). Checkpoint bytes must be identical.
"""
import hashlib
import json

import pytest

from support.paths import ROOT
from support.pyodide import run_in_pyodide

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CODE = r"""
import hashlib, json, math, sys
from lmdocs.corpora import hafez_text
from lmdocs.rnn import CharRNN, CharTokenizer, TrainConfig, Trainer, checkpoint_to_json, load_pretrained, sample, linalg

def run(cell, kernel):
    linalg.use_kernel(kernel)
    text = hafez_text()[:5000]
    model = CharRNN(CharTokenizer.from_text(text), cell=cell, hidden_size=16, seed=3)
    initial = hashlib.sha256(checkpoint_to_json(model).encode("utf-8")).hexdigest()
    losses = Trainer(model, text, TrainConfig(seq_len=32)).train(6)
    linalg.use_kernel("auto")
    return {"initial": initial, "losses": losses, "Wy": model.Wy[0][:4]}

out = {"python": sys.version_info[:2], "sumprod": linalg.SUMPROD is not None, "runs": {}}
kernels = ["sumprod", "fallback"] if linalg.SUMPROD is not None else ["fallback"]
for cell in ["rnn", "lstm", "gru", "mingru"]:
    for kernel in kernels:
        out["runs"][cell + "/" + kernel] = run(cell, kernel)
lstm = load_pretrained("lstm")
out["shipped_resaved"] = hashlib.sha256(checkpoint_to_json(lstm.model, precision="float16",
                                                          note=lstm.note).encode("utf-8")).hexdigest()
out["greedy"] = sample(lstm.model, "\n", 80, temperature=0, seed=0)
print(json.dumps(out))
"""


def cpython_result():
    import contextlib
    import io
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(compile(CODE, "<rnn-cpython>", "exec"), {"__name__": "__rnn__"})
    return json.loads(buffer.getvalue())


@pytest.fixture(scope="module")
def results():
    return json.loads(run_in_pyodide(CODE, timeout=900).strip().splitlines()[-1]), cpython_result()


def test_pyodide_runs_python_314_with_sumprod(results):
    pyodide, cpython = results
    assert pyodide["python"][0] == 3 and pyodide["python"][1] >= 12 and pyodide["sumprod"]
    assert set(pyodide["runs"]) == {f"{c}/{k}" for c in ("rnn", "lstm", "gru", "mingru") for k in ("sumprod", "fallback")}


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru", "mingru"])
def test_both_kernels_and_both_runtimes_train_the_same_model(cell, results):
    pyodide, cpython = results
    reference = cpython["runs"][f"{cell}/fallback"]
    for kernel in ("sumprod", "fallback"):
        run = pyodide["runs"][f"{cell}/{kernel}"]
        assert run["initial"] == reference["initial"]  # same seeded weights, same checkpoint bytes
        assert run["losses"] == pytest.approx(reference["losses"], rel=1e-9)
        assert run["Wy"] == pytest.approx(reference["Wy"], rel=1e-6, abs=1e-9)


def test_the_shipped_checkpoint_saves_to_identical_bytes_and_samples_alike(results):
    pyodide, cpython = results
    assert pyodide["shipped_resaved"] == cpython["shipped_resaved"]
    from pathlib import Path
    shipped = (ROOT / "lmdocs" / "data" / "rnn_hafez_lstm.json").read_bytes()
    assert hashlib.sha256(shipped).hexdigest() == cpython["shipped_resaved"]
    assert pyodide["greedy"] == cpython["greedy"]
