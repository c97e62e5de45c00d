"""The GPT's JavaScript kernel (lmdocs/transformer/kernel*.js) against the pure-Python reference, in Pyodide.

Inside Pyodide 314 (headless Chromium): for random configurations (one or two layers, one to four
heads, odd head sizes, no bias, batches of several sequences shorter than block_size, ignored
targets) the loss and every gradient of the JavaScript step must equal grad.loss_and_grads within
1e-9 relative (per tensor, to its largest entry), with the WebAssembly products and with their
JavaScript twins, which must give exactly the same bits. Then whole training runs (chunks,
callbacks, held-out loss, a diverging step) must match the pure-Python trainer: losses within 1e-9
relative, weights and AdamW's moments within 1e-9 of max(1, the tensor's largest entry). (The key
bias has a zero gradient in exact arithmetic; both paths see rounding noise there, which AdamW
turns into steps of about lr * noise / eps, far below 1e-9.)
"""
import json
import math

import pytest

CODE = r"""
import json, math, random
from lmdocs.transformer import jskernel
from lmdocs.transformer.config import GPTConfig, parameter_shapes
from lmdocs.transformer.grad import loss_and_grads
from lmdocs.transformer.init import random_gpt
from lmdocs.transformer.model import GPT
from lmdocs.transformer.optim import TrainingDiverged
from lmdocs.transformer.train import TrainConfig, Trainer

CASES = {  # block_size, vocab_size, n_layer, n_head, n_embd, bias, B, T
    "one-layer-one-head": (8, 7, 1, 1, 4, True, 1, 8),
    "batch-of-3-short": (12, 11, 2, 2, 8, True, 3, 7),
    "no-bias-4-heads": (9, 5, 2, 4, 12, False, 2, 9),
    "odd-head-size": (16, 13, 1, 3, 9, True, 4, 5),
    "wide-odd-rows": (10, 9, 2, 2, 20, True, 3, 9),
}

def random_case(fields, seed):
    block, vocab, layers, heads, width, bias, batch, length = fields
    rng = random.Random(seed)
    config = GPTConfig(block_size=block, vocab_size=vocab, n_layer=layers, n_head=heads, n_embd=width, bias=bias)
    weights = {}
    for name, shape in parameter_shapes(config).items():
        if len(shape) == 1:
            weights[name] = [(1.0 if name.endswith(".weight") else 0.0) + rng.gauss(0, 0.3) for _ in range(shape[0])]
        else:
            weights[name] = [[rng.gauss(0, 0.4) for _ in range(shape[1])] for _ in range(shape[0])]
    inputs = [[rng.randrange(vocab) for _ in range(length)] for _ in range(batch)]
    targets = [[rng.randrange(vocab) for _ in range(length)] for _ in range(batch)]
    targets[0][0] = -1
    return GPT(config, weights), inputs, targets

out = {"default": None, "grads": {}, "runs": {}}
for index, (name, fields) in enumerate(CASES.items()):
    model, inputs, targets = random_case(fields, index)
    loss, grads = loss_and_grads(model, inputs, targets)
    entry = {"python": [loss, grads]}
    for matmul in ("wasm", "js"):
        session = jskernel.JsSession(model.config, fields[6] * fields[7], matmul)
        session.upload(model.weights)
        entry[matmul] = list(session.loss_and_grads(inputs, targets))
        entry[matmul + "_used"] = session.matmul
    out["grads"][name] = entry

TEXT = [(i * i + i // 3) % 9 for i in range(300)]
CONFIG = GPTConfig(block_size=12, vocab_size=9, n_layer=2, n_head=2, n_embd=8)

def run(kernel):
    settings = TrainConfig(batch_size=3, seq_len=10, learning_rate=0.01, warmup_steps=3, seed=4)
    trainer = Trainer(random_gpt(CONFIG, seed=2), TEXT[:240], TEXT[240:], settings, kernel=kernel)
    seen, mid = [], []
    def callback(t):  # the weights must be back in Python when a callback runs
        seen.append(t.model.weights["transformer.h.1.mlp.c_fc.weight"][3][1])
        t.model.weights["transformer.ln_f.bias"][0] += 0.25  # and what it changes must reach the next step
        if len(seen) == 2:
            mid.append(t.evaluate(windows=5))
    losses = trainer.train(7, callback=callback, every=3) + trainer.train(5)
    samples = [trainer.sample([1, 2, 3], 30, temperature=0.8, seed=9), trainer.sample([4], 20, temperature=0)]
    held_out = trainer.evaluate(windows=6)
    trainer.model.weights["transformer.h.0.attn.c_attn.weight"][2][1] -= 0.25  # the kernel keeps W^T: it must
    edited = trainer.evaluate(windows=6)                                        # see a weight changed in Python
    last = trainer.model.logits(TEXT[:12])[-1]
    state = trainer.optimizer.state_dict()
    return {"losses": losses, "seen": seen, "mid": mid, "weights": trainer.model.weights, "m": state["m"],
            "v": state["v"], "t": state["t"], "steps": trainer.steps, "held_out": held_out, "edited": edited,
            "kernel": trainer.kernel, "session": trainer._session is not None, "samples": samples,
            "next_logits": trainer._session.next_logits(TEXT[:12]) if trainer._session else last, "last": last}

def diverge(kernel):
    settings = TrainConfig(batch_size=2, seq_len=6, seed=1)
    trainer = Trainer(random_gpt(CONFIG, seed=1), TEXT, config=settings, kernel=kernel)
    trainer.train(2)
    trainer.model.weights["transformer.wte.weight"][0][0] = math.nan
    before = repr(trainer.model.weights)
    try:
        trainer.train(3)
        message = None
    except TrainingDiverged as error:
        message = str(error)
    return {"message": message, "unchanged": repr(trainer.model.weights) == before, "steps": trainer.steps,
            "losses": trainer.losses}

def refused():
    session = jskernel.JsSession(CONFIG, 10)
    messages = []
    for inputs, targets in [([[1] * 6, [2] * 6], [[1] * 6, [2] * 6]), ([[1, 9]], [[2, 3]]), ([[1, 2]], [[-1, -1]])]:
        try:
            session.loss(inputs, targets)
        except ValueError as error:
            messages.append(str(error))
    for inputs, targets in [([[1, 9]], [[2, 3]]), ([[1, 2]], [[2, -2]])]:  # trusted: range checked in C
        try:
            session.step(inputs, targets, 0.01, trusted=True)
        except ValueError as error:
            messages.append(str(error))
    return messages

out["default"] = Trainer(random_gpt(CONFIG, seed=0), TEXT, config=TrainConfig(seq_len=6)).kernel
out["runs"]["js-again"] = run("js")
for kernel in ("js", "python"):
    out["runs"][kernel] = run(kernel)
    out["runs"]["diverge-" + kernel] = diverge(kernel)
out["refused"] = refused()
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def results():
    from support.pyodide import run_in_pyodide
    return json.loads(run_in_pyodide(CODE, timeout=600).strip().splitlines()[-1])


def flat(value):
    if isinstance(value, dict):
        return [x for key in sorted(value) for x in flat(value[key])]
    if isinstance(value, list):
        return [x for item in value for x in flat(item)]
    return [value]


def assert_close_per_tensor(ours: dict, reference: dict, floor: float = 0.0, rel: float = 1e-9) -> None:
    assert sorted(ours) == sorted(reference)
    for name in reference:
        a, b = flat(ours[name]), flat(reference[name])
        assert len(a) == len(b), name
        scale = max(floor, max(abs(x) for x in b))
        assert scale > 0, f"{name} is all zeros: nothing is compared"
        assert max(abs(x - y) for x, y in zip(a, b)) <= rel * scale, name


CASES = ["one-layer-one-head", "batch-of-3-short", "no-bias-4-heads", "odd-head-size", "wide-odd-rows"]


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_javascript_loss_and_gradients_equal_the_python_reference(case, results):
    entry = results["grads"][case]
    (loss, grads), (wasm_loss, wasm_grads), (js_loss, js_grads) = entry["python"], entry["wasm"], entry["js"]
    assert entry["wasm_used"] == "wasm" and entry["js_used"] == "js"
    assert wasm_loss == pytest.approx(loss, rel=1e-9)
    reference = {name: g for name, g in grads.items() if not name.endswith("attn.c_attn.bias")}
    assert_close_per_tensor({name: wasm_grads[name] for name in reference}, reference)
    assert (js_loss, js_grads) == (wasm_loss, wasm_grads)  # the twins add in the same order: the same bits
    for name, value in grads.items():  # the key bias: 0 in exact arithmetic, rounding noise in both
        if name.endswith("attn.c_attn.bias"):
            width = len(value) // 3
            assert_close_per_tensor({"qv": wasm_grads[name][:width] + wasm_grads[name][2 * width:]},
                                    {"qv": value[:width] + value[2 * width:]})
            assert max(map(abs, wasm_grads[name][width:2 * width])) < 1e-12 * max(map(abs, value))


@pytest.mark.browser
@pytest.mark.slow
def test_pyodide_trains_in_javascript_by_default(results):
    assert results["default"] == "js"
    assert results["runs"]["js"]["kernel"] == "js" and results["runs"]["js"]["session"]
    assert results["runs"]["python"]["kernel"] == "python" and not results["runs"]["python"]["session"]


@pytest.mark.browser
@pytest.mark.slow
def test_javascript_training_equals_python_training(results):
    js, py = results["runs"]["js"], results["runs"]["python"]
    assert len(js["losses"]) == 12 and js["losses"][-1] < js["losses"][0]
    assert js["losses"] == pytest.approx(py["losses"], rel=1e-9)
    assert js["seen"] == pytest.approx(py["seen"], rel=1e-9) and len(js["seen"]) == 2
    assert js["held_out"] == pytest.approx(py["held_out"], rel=1e-9)
    assert js["edited"] == pytest.approx(py["edited"], rel=1e-9) and js["edited"] != js["held_out"]
    assert js["mid"] == pytest.approx(py["mid"], rel=1e-9) and len(js["mid"]) == 1  # evaluate() in a callback
    assert_close_per_tensor(js["weights"], py["weights"], floor=1.0)
    assert_close_per_tensor(js["m"], py["m"], floor=1.0)  # AdamW's moments are back when train() returns
    assert_close_per_tensor(js["v"], py["v"], floor=1.0)
    assert js["t"] == py["t"] == js["steps"] == py["steps"] == 12


@pytest.mark.browser
@pytest.mark.slow
def test_samples_drawn_in_javascript_equal_generate_in_python(results):
    js, py = results["runs"]["js"], results["runs"]["python"]
    assert js["next_logits"] == pytest.approx(js["last"], rel=1e-12, abs=1e-12)
    assert len(js["samples"][0]) == 33 and len(js["samples"][1]) == 21  # longer than block_size 12: cropped
    assert js["samples"] == py["samples"]  # same logits, same seed: the same characters


@pytest.mark.browser
@pytest.mark.slow
def test_the_javascript_kernel_trains_deterministically(results):
    first, again = results["runs"]["js-again"], results["runs"]["js"]
    assert first["losses"] == again["losses"] and first["weights"] == again["weights"]
    assert first["m"] == again["m"] and first["held_out"] == again["held_out"]


@pytest.mark.browser
@pytest.mark.slow
def test_a_diverging_step_stops_both_kernels_alike(results):
    js, py = results["runs"]["diverge-js"], results["runs"]["diverge-python"]
    assert js["message"] is not None and js["message"] == py["message"]
    assert "loss became nan at step 3" in js["message"]
    assert js["unchanged"] and py["unchanged"] and js["steps"] == py["steps"] == 2
    assert js["losses"] == pytest.approx(py["losses"], rel=1e-9)


@pytest.mark.browser
@pytest.mark.slow
def test_bad_batches_are_refused_before_javascript_sees_them(results):
    too_big, out_of_vocab, all_ignored, trusted_input, trusted_target = results["refused"]
    assert "a batch of 2 x 6 tokens exceeds this session's 10" in too_big
    assert "input id 9 is out of range" in out_of_vocab
    assert "at least one target" in all_ignored
    assert "input id 9 is out of range" in trusted_input  # a trusted batch's ids are still range-checked
    assert "target id -2 is out of range" in trusted_target
    assert not math.isnan(results["runs"]["js"]["held_out"])
