"""GPT training steps in JavaScript, for Pyodide: the browser's fast path, the same arithmetic.

In a browser, Python runs interpreted inside WebAssembly, far slower than the page's JavaScript
engine, which compiles hot loops to machine code. ``kernel_ops.js`` and ``kernel.js`` (next to
this file) port a whole training step of the GPT (forward over the batch, cross-entropy,
backward, clipping, AdamW) to JavaScript over flat Float64Arrays; the matrix products run in a
small WebAssembly SIMD kernel (``matmul.wat``), or in its JavaScript twin where the engine has no
WebAssembly SIMD.

Crossing the Python <-> JavaScript bridge costs microseconds per call and converting a list costs
Python work per element, so a ``JsSession`` holds the weights and AdamW's moments for a whole
``Trainer.train`` call: uploaded once at its start, one call per step (plus the batch's token ids,
copied in one go), copied back into the model's lists (in place) around callbacks and at its end.

    >>> session = JsSession(model.config, max_tokens=8 * 64)      # doctest: +SKIP
    >>> session.upload(model.weights)                             # doctest: +SKIP
    >>> loss, grads = session.loss_and_grads(inputs, targets)     # doctest: +SKIP

The pure-Python path (grad.py, optim.py) stays the reference: tests/pyodide/test_transformer_kernel.py
compares both in Pyodide. ``next_logits`` gives the next-token logits for sampling (``Trainer.sample``):
pure-Python generation is slow in Pyodide (each dot product of ``math.sumprod`` costs microseconds
there). Not handled: CPython (no JavaScript engine there: ``available()`` is False), a key/value
cache (a sample recomputes its window, a few milliseconds a token).
"""
from __future__ import annotations

import math
import sys
from array import array
from importlib import resources

from lmdocs.transformer.config import GPTConfig, parameter_shapes
from lmdocs.transformer.grad import check_batch

_KERNEL = None  # kernel.js's {create, layout}, evaluated on first use
MATMULS = ("wasm", "js")


def available() -> bool:
    """True in Pyodide (a browser or Node.js running Python in WebAssembly)."""
    return sys.platform == "emscripten"


def kernel():
    """kernel_ops.js and kernel.js, evaluated once; raises RuntimeError outside Pyodide."""
    global _KERNEL
    if _KERNEL is None:
        if not available():
            raise RuntimeError("the JavaScript kernel needs Pyodide; in CPython train with kernel 'python'")
        from pyodide.code import run_js
        source = resources.files("lmdocs.transformer")
        wasm = run_js(source.joinpath("matmul_wasm.js").read_text(encoding="utf-8"))
        operations = run_js(source.joinpath("kernel_ops.js").read_text(encoding="utf-8"))(wasm)
        _KERNEL = run_js(source.joinpath("kernel.js").read_text(encoding="utf-8"))(operations)
    return _KERNEL


def flatten(tensors: dict[str, list], config: GPTConfig) -> array:
    """Nested lists by name -> one flat array('d'), tensors in ``parameter_shapes`` order, rows in order."""
    flat = array("d")
    for name in parameter_shapes(config):
        value = tensors[name]
        if value and isinstance(value[0], list):
            for row in value:
                flat.fromlist(row)
        else:
            flat.fromlist(value)
    return flat


def unflatten_into(flat: list[float], tensors: dict[str, list], config: GPTConfig) -> None:
    """Write a flat list back into the nested lists, in place (the lists keep their identity)."""
    start = 0
    for name in parameter_shapes(config):
        value = tensors[name]
        for row in (value if value and isinstance(value[0], list) else [value]):
            row[:] = flat[start:start + len(row)]
            start += len(row)


def _read(typed_array) -> list[float]:
    out = array("d", bytes(8 * typed_array.length))
    typed_array.assign_to(out)
    return out.tolist()


class JsSession:
    """A GPT's weights, gradient and AdamW state in JavaScript, sized for batches of up to ``max_tokens``."""

    def __init__(self, config: GPTConfig, max_tokens: int, matmul: str = "wasm"):
        if matmul not in MATMULS:
            raise ValueError(f"unknown matmul {matmul!r}; choose 'wasm' or 'js'.")
        self.config = config
        c = config
        self.js = kernel().create(c.vocab_size, c.block_size, c.n_layer, c.n_head, c.n_embd, c.bias,
                                  max_tokens, matmul)
        laid_out = [(name, size, bool(decays)) for name, _, size, decays in self.js.tensors.to_py()]
        expected = [(name, math.prod(shape), len(shape) == 2) for name, shape in parameter_shapes(config).items()]
        if laid_out != expected:  # names, sizes, and which weights AdamW decays
            raise RuntimeError("kernel.js lays the weights out differently from parameter_shapes; "
                               "the kernel and the package are out of step.")
        self.max_tokens = max_tokens
        self.matmul = str(self.js.matmul)

    def configure(self, optimizer, grad_clip: float) -> None:
        """AdamW's settings (betas, eps, weight decay) and the gradient clipping for ``step``."""
        beta1, beta2 = optimizer.betas
        self.js.configure(beta1, beta2, optimizer.eps, optimizer.weight_decay, float(grad_clip))

    def upload(self, weights: dict[str, list], optimizer=None) -> None:
        """Python lists -> JavaScript: the weights and, when given, AdamW's moments and step count."""
        self.js.P.assign(flatten(weights, self.config))
        self.js.weightsChanged()
        if optimizer is not None:
            self.js.m.assign(flatten(optimizer.m, self.config))
            self.js.v.assign(flatten(optimizer.v, self.config))
            self.js.t = optimizer.t

    def download(self, weights: dict[str, list], optimizer=None) -> None:
        """JavaScript -> the Python lists, in place."""
        unflatten_into(_read(self.js.P), weights, self.config)
        if optimizer is not None:
            unflatten_into(_read(self.js.m), optimizer.m, self.config)
            unflatten_into(_read(self.js.v), optimizer.v, self.config)
            optimizer.t = self.js.t

    def set_batch(self, inputs: list[list[int]], targets: list[list[int]], trusted: bool = False) -> tuple[int, int]:
        """Check a (B, T) batch of token ids and copy it into JavaScript in one go; returns (B, T).

        ``trusted``: the batch is windows of ids checked before (``Trainer.next_batch``); only the
        shape and the id range are checked again (in C, not id by id in Python: a millisecond a step
        in Pyodide).
        """
        if not trusted:
            check_batch(self.config, inputs, targets)
        batch, length = len(inputs), len(inputs[0])
        if batch * length > self.max_tokens:
            raise ValueError(f"a batch of {batch} x {length} tokens exceeds this session's {self.max_tokens}.")
        flat_inputs, flat_targets = array("i"), array("i")
        for row in inputs:
            flat_inputs.fromlist(row)
        for row in targets:
            flat_targets.fromlist(row)
        if trusted and not (len(flat_inputs) == len(flat_targets) == batch * length and
                            0 <= min(flat_inputs) and max(flat_inputs) < self.config.vocab_size and
                            -1 <= min(flat_targets) and max(flat_targets) < self.config.vocab_size):
            check_batch(self.config, inputs, targets)  # raises the error that says what is wrong
        self.js.inputs.subarray(0, batch * length).assign(flat_inputs)
        self.js.targets.subarray(0, batch * length).assign(flat_targets)
        return batch, length

    def loss_and_grads(self, inputs: list[list[int]], targets: list[list[int]]) -> tuple[float, dict[str, list]]:
        """As ``grad.loss_and_grads``, computed in JavaScript (the gradient comes back as nested lists)."""
        loss = self.js.lossAndGrads(*self.set_batch(inputs, targets))
        grads = {name: ([[0.0] * shape[1] for _ in range(shape[0])] if len(shape) == 2 else [0.0] * shape[0])
                 for name, shape in parameter_shapes(self.config).items()}
        unflatten_into(_read(self.js.G), grads, self.config)
        return loss, grads

    def loss(self, inputs: list[list[int]], targets: list[list[int]]) -> float:
        """The mean loss of a batch, forward only."""
        return self.js.loss(*self.set_batch(inputs, targets))

    def next_logits(self, ids: list[int]) -> list[float]:
        """The logits of the token after ``ids`` (at most block_size of them), computed in JavaScript."""
        check_batch(self.config, [ids])
        if len(ids) > self.max_tokens:
            raise ValueError(f"{len(ids)} token ids exceed this session's {self.max_tokens}.")
        self.js.inputs.subarray(0, len(ids)).assign(array("i", ids))
        return _read(self.js.lastLogits(len(ids)))

    def step(self, inputs: list[list[int]], targets: list[list[int]], lr: float,
             trusted: bool = False) -> tuple[float, int, float]:
        """One training step in JavaScript: (loss, status, gradient norm); status 0 means it was applied.
        ``trusted`` as for ``set_batch``."""
        loss = self.js.step(*self.set_batch(inputs, targets, trusted), lr)
        return loss, int(self.js.status), float(self.js.norm)
