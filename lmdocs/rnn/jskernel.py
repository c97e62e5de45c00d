"""Training windows in JavaScript, for Pyodide: the browser's fast path, the same arithmetic.

In a browser, Python runs interpreted inside WebAssembly, several times slower than CPython,
while the page's JavaScript engine compiles hot loops to machine code. ``kernel.js`` (next to
this file) ports one training window of every cell (forward, loss, backpropagation through time,
clipping, Adam or Adagrad) to JavaScript over flat Float64Arrays.

Crossing the Python <-> JavaScript bridge costs microseconds per call and converting a list costs
Python work per element, so the weights stay in JavaScript for a whole ``Trainer.train`` call:
uploaded once at its start, one call per window, copied back into the model's lists (in place)
at its end and when training stops with an error. Around a callback the weights and the state
go back and forth; the optimizer's moments only if the callback touches ``trainer.optimizer``.
Between ``train`` calls the Python lists are the truth, so sampling, saving and the pure-Python
``Trainer.train_window`` see the weights as usual.

    >>> from lmdocs.rnn import linalg
    >>> linalg.use_kernel("python")   # opt out (in Pyodide "auto" picks "js")  # doctest: +SKIP

The pure-Python cells stay the reference: tests/pyodide/test_rnn_jskernel.py trains both in Pyodide and
compares losses and weights. Not handled: CPython (no JavaScript engine there: ``available()``
is False), ``vanishing.state_gradient_norms`` (it calls the Python cells directly).
"""
from __future__ import annotations

import sys
from array import array
from importlib import resources
from itertools import chain

_KERNEL = None  # the evaluated kernel.js (loaded on first use)
CELLS = ("rnn", "lstm", "gru", "mingru")  # the cells kernel.js implements


def available() -> bool:
    """True in Pyodide (a browser or Node.js running Python in WebAssembly)."""
    return sys.platform == "emscripten"


def kernel():
    """kernel.js, evaluated once; raises RuntimeError outside Pyodide."""
    global _KERNEL
    if _KERNEL is None:
        if not available():
            raise RuntimeError("the JavaScript kernel needs Pyodide; in CPython use kernel 'auto' or 'python'")
        from pyodide.code import run_js
        _KERNEL = run_js(resources.files("lmdocs.rnn").joinpath("kernel.js").read_text(encoding="utf-8"))
    return _KERNEL


def supports(trainer) -> bool:
    """Whether kernel.js can train this trainer's cell with its optimizer."""
    return trainer.model.cell_kind in CELLS and trainer.optimizer.name in ("adam", "adagrad")


def _rows(value):
    return value if value and isinstance(value[0], list) else [value]


def _flat(rows_by_name: dict, names) -> array:
    flat = []
    for name in names:
        for row in _rows(rows_by_name[name]):
            flat += row  # copies pointers; array() then converts the whole list in one C loop
    return array("d", flat)


def _unflat(flat: list, rows_by_name: dict, names) -> None:
    """Write a flat list back into the rows, in place (the lists keep their identity)."""
    start = 0
    for name in names:
        for row in _rows(rows_by_name[name]):
            row[:] = flat[start:start + len(row)]
            start += len(row)


class JsSession:
    """One trainer's weights, moments and state in JavaScript, for the duration of a train() call."""

    def __init__(self, trainer):
        from js import Int32Array
        self.trainer = trainer
        model = trainer.model
        ids = array("i", trainer.ids)
        js_ids = Int32Array.new(len(ids))
        js_ids.assign(ids)
        self.js = kernel().create(model.cell_kind, model.tokenizer.vocab_size, model.hidden_size, js_ids)
        self.names = list(kernel().names(model.cell_kind))
        self.key = _key(trainer)

    def upload(self, moments: bool = True) -> None:
        """Python lists -> JavaScript: weights, carried state and (unless told not to) the
        optimizer's moments and step."""
        trainer, js = self.trainer, self.js
        opt = trainer.optimizer
        js.P.assign(_flat(trainer.model.params(), self.names))
        js.state.assign(array("d", chain.from_iterable(trainer.state)))
        if moments and opt.name == "adam":
            js.m.assign(_flat(opt.m, self.names))
            js.v.assign(_flat(opt.v, self.names))
            js.t = opt.t
        elif moments:  # Adagrad's sum of squares sits in m
            js.m.assign(_flat(opt.sum_sq, self.names))
        settings = {"name": opt.name, "lr": opt.lr, "eps": opt.eps, "clip": float(trainer.config.clip)}
        if opt.name == "adam":
            settings["beta1"], settings["beta2"] = map(float, opt.betas)
        from js import Object
        from pyodide.ffi import to_js
        self.settings = to_js(settings, dict_converter=Object.fromEntries)

    def download(self, moments: bool = True) -> None:
        """JavaScript -> the Python lists, in place."""
        trainer, js = self.trainer, self.js
        _unflat(_read(js.P), trainer.model.params(), self.names)
        state = _read(js.state)
        H = trainer.model.hidden_size
        trainer.state = tuple(state[k * H:(k + 1) * H] for k in range(len(state) // H))
        if moments:
            self.download_moments()

    def download_moments(self, opt=None) -> None:
        opt, js = opt or self.trainer.optimizer, self.js
        if opt.name == "adam":
            _unflat(_read(js.m), opt.m, self.names)
            _unflat(_read(js.v), opt.v, self.names)
            opt.t = js.t
        else:
            _unflat(_read(js.m), opt.sum_sq, self.names)

    def run_callback(self, callback):
        """callback(trainer) with the weights and state in Python; the optimizer's moments are
        fetched only if the callback looks at the optimizer (to save a checkpoint, say), since
        copying them costs more than a window when the callback runs after every window."""
        trainer = self.trainer
        self.download(moments=False)
        real = trainer.optimizer
        lazy = trainer.optimizer = _FetchOnFirstUse(real, lambda: self.download_moments(real))
        try:
            return callback(trainer)
        finally:
            trainer.optimizer = real
            self.upload(moments=lazy.fetched)

    def reset_state(self) -> None:
        self.js.state.fill(0.0)

    def train_window(self, position: int, seq_len: int) -> tuple[float, int, float]:
        """One window in JavaScript: (loss, status, gradient norm); status 0 means it was applied."""
        js = self.js
        loss = js.trainWindow(position, seq_len, self.settings)
        status = js.status
        return loss, status, (js.norm if status == 2 else 0.0)


class _FetchOnFirstUse:
    """Stands in for an optimizer: its first attribute access runs ``fetch``, then delegates."""

    def __init__(self, optimizer, fetch):
        self._optimizer, self._fetch, self.fetched = optimizer, fetch, False

    def __getattr__(self, name):
        if not self.fetched:
            self.fetched = True
            self._fetch()
        return getattr(self._optimizer, name)

    def __setattr__(self, name, value):
        if name in ("_optimizer", "_fetch", "fetched"):
            object.__setattr__(self, name, value)
        else:  # fetch first, so that the upload after the callback sends what was set
            self.__getattr__(name)
            setattr(self._optimizer, name, value)


def _read(typed_array) -> list:
    out = array("d", bytes(8 * typed_array.length))
    typed_array.assign_to(out)
    return out.tolist()


def _key(trainer) -> tuple:
    """What a session's arrays are shaped for: a new text or model needs a new session."""
    model = trainer.model
    return id(trainer.ids), len(trainer.ids), model.cell_kind, model.tokenizer.vocab_size, model.hidden_size


def session_for(trainer) -> JsSession:
    """The trainer's JsSession (made once, kept on the trainer), with the current weights uploaded."""
    session = getattr(trainer, "_js_session", None)
    if session is None or session.key != _key(trainer):
        session = trainer._js_session = JsSession(trainer)
    session.upload()
    return session
