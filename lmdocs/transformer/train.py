"""Training a GPT in resumable chunks: random windows of the text, AdamW, clipping, held-out loss.

    trainer = Trainer(model, train_ids, val_ids, TrainConfig(batch_size=8, seq_len=64))
    trainer.train(100)              # 100 steps; call again to continue where it stopped
    bits(trainer.evaluate())        # held-out bits per character
    trainer.sample(prompt_ids, 200, temperature=0.8, seed=0)   # what the model writes now

Each step draws ``batch_size`` windows of ``seq_len`` + 1 tokens at random places of the training
ids (``random.Random(seed)``: the same seed gives the same batches, so the same run), and trains
on predicting every next token. Everything a later chunk needs (weights, AdamW's moments, the
random generator, the losses) lives in the trainer, so "stop and continue" gives the same model as
one long run.

In Pyodide the steps run in JavaScript (``jskernel.py``; ``kernel="python"`` opts out), with
the weights back in the model's lists before each callback and when ``train`` returns or raises;
AdamW's moments come back when ``train`` returns or raises (copying them around every callback
would cost more than a step).
A loss or gradient that becomes NaN or infinite raises ``TrainingDiverged`` before the update.

>>> from lmdocs.transformer.init import random_gpt
>>> from lmdocs.transformer.config import GPTConfig
>>> model = random_gpt(GPTConfig(block_size=8, vocab_size=3, n_layer=1, n_head=1, n_embd=4), seed=0)
>>> trainer = Trainer(model, [0, 1, 2] * 20, config=TrainConfig(batch_size=2, seq_len=6, learning_rate=0.03))
>>> losses = trainer.train(40)
>>> losses[-1] < 0.5 * losses[0]  # "0 1 2 0 1 2 ..." is easy to predict
True

Not handled: learning-rate decay (the page trains for as long as the reader wants), dropout,
gradient accumulation.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, fields

from lmdocs.transformer import jskernel
from lmdocs.transformer.generate import check_generate_args, choose_token, generate
from lmdocs.transformer.grad import loss_and_grads, mean_loss
from lmdocs.transformer.model import GPT
from lmdocs.transformer.optim import AdamW, TrainingDiverged, check_learning_rate, clip_grad_norm, grad_norm

KERNELS = ("auto", "python", "js")


@dataclass
class TrainConfig:
    batch_size: int = 8  # windows per step
    seq_len: int = 64  # tokens per window (at most the model's block_size)
    learning_rate: float = 3e-3  # AdamW's step size after the warm-up
    warmup_steps: int = 20  # the learning rate grows linearly over the first steps (as the recipe)
    weight_decay: float = 0.1  # AdamW's decay of the 2-D weights (as lmdocs.recipes.train)
    beta1: float = 0.9
    beta2: float = 0.99  # 0.99 for a small model that sees few tokens per step (as the recipe)
    eps: float = 1e-8
    grad_clip: float = 1.0  # largest global gradient norm; 0 switches clipping off
    seed: int = 0  # the order of the windows

    def __post_init__(self) -> None:
        for name in ("batch_size", "seq_len"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer, got {value!r}.")
        if isinstance(self.warmup_steps, bool) or not isinstance(self.warmup_steps, int) or self.warmup_steps < 0:
            raise ValueError(f"warmup_steps must be an integer >= 0, got {self.warmup_steps!r}.")
        self.learning_rate = check_learning_rate(self.learning_rate)
        if not (isinstance(self.grad_clip, (int, float)) and math.isfinite(self.grad_clip) and self.grad_clip >= 0):
            raise ValueError(f"grad_clip must be a finite number >= 0 (0 = no clipping), got {self.grad_clip!r}.")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int):
            raise ValueError(f"seed must be an integer, got {self.seed!r}.")

    @classmethod
    def from_dict(cls, values: dict) -> "TrainConfig":
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown training setting(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}.")
        return cls(**values)


class Trainer:
    """Trains ``model`` on ``train_ids``; ``val_ids`` (optional) measure the held-out loss."""

    def __init__(self, model: GPT, train_ids: list[int], val_ids: list[int] | None = None,
                 config: TrainConfig | None = None, kernel: str = "auto"):
        self.model, self.config = model, config or TrainConfig()
        if self.config.seq_len > model.config.block_size:
            raise ValueError(f"seq_len {self.config.seq_len} exceeds the model's block_size "
                             f"{model.config.block_size}; lower seq_len.")
        self.train_ids = _checked_ids(train_ids, model, self.config.seq_len, "train_ids")
        self.val_ids = None if val_ids is None else _checked_ids(val_ids, model, self.config.seq_len, "val_ids")
        if kernel not in KERNELS:
            raise ValueError(f"unknown kernel {kernel!r}; choose 'auto', 'python' or 'js'.")
        if kernel == "js" and not jskernel.available():
            raise ValueError("kernel 'js' needs Pyodide (a browser); use 'auto' or 'python'.")
        self.kernel = "js" if kernel == "auto" and jskernel.available() else ("python" if kernel == "auto" else kernel)
        c = self.config
        self.optimizer = AdamW(model.weights, c.learning_rate, (c.beta1, c.beta2), c.eps, c.weight_decay)
        self.rng = random.Random(c.seed)
        self.steps = 0
        self.tokens_seen = 0
        self.losses: list[float] = []  # the training loss of every step (nats per token)
        self._session = None

    def lr_at(self, step: int) -> float:
        """The learning rate of step ``step`` (from 0): linear warm-up, then constant."""
        c = self.config
        if step < c.warmup_steps:
            return c.learning_rate * (step + 1) / (c.warmup_steps + 1)
        return c.learning_rate

    def next_batch(self) -> tuple[list[list[int]], list[list[int]]]:
        """``batch_size`` random windows: inputs ids[s : s+T] and targets ids[s+1 : s+T+1]."""
        ids, length = self.train_ids, self.config.seq_len
        starts = [self.rng.randrange(len(ids) - length) for _ in range(self.config.batch_size)]
        return [ids[s:s + length] for s in starts], [ids[s + 1:s + length + 1] for s in starts]

    def train_step(self) -> float:
        """One step in pure Python: batch, loss and gradient, clip, AdamW. Returns the batch's loss."""
        inputs, targets = self.next_batch()
        loss, grads = loss_and_grads(self.model, inputs, targets)
        if not math.isfinite(loss):
            raise _diverged(f"the loss became {loss}", self.steps)
        clip = self.config.grad_clip
        norm = clip_grad_norm(grads, clip) if clip else grad_norm(grads)
        if not math.isfinite(norm):
            raise _diverged(f"the gradient norm became {norm}", self.steps)
        self.optimizer.step(grads, self.lr_at(self.steps))
        self._record(loss)
        return loss

    def _record(self, loss: float) -> None:
        self.steps += 1
        self.tokens_seen += self.config.batch_size * self.config.seq_len
        self.losses.append(loss)

    def train(self, steps: int, callback=None, every: int = 10) -> list[float]:
        """Train ``steps`` steps; call ``callback(trainer)`` every ``every`` steps (charts, samples;
        return True from it to stop early). Returns the losses of this chunk."""
        if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
            raise ValueError(f"steps must be an integer >= 0, got {steps!r}.")
        if isinstance(every, bool) or not isinstance(every, int) or every < 1:
            raise ValueError(f"every must be a positive integer, got {every!r}.")
        start = len(self.losses)
        session = self._js_session() if steps and self.kernel == "js" else None
        if session is not None:
            session.upload(self.model.weights, self.optimizer)
        try:
            for i in range(1, steps + 1):
                self.train_step() if session is None else self._train_step_js(session)
                if callback is not None and i % every == 0 and self._callback(callback, session):
                    break
        finally:
            if session is not None:
                session.download(self.model.weights, self.optimizer)
        return self.losses[start:]

    def _train_step_js(self, session) -> float:
        inputs, targets = self.next_batch()
        # trusted: windows of train_ids, checked in __init__
        loss, status, norm = session.step(inputs, targets, self.lr_at(self.steps), trusted=True)
        if status == 1:
            raise _diverged(f"the loss became {loss}", self.steps)
        if status == 2:
            raise _diverged(f"the gradient norm became {norm}", self.steps)
        if status == 3:
            raise TrainingDiverged("this update would make a weight NaN or infinite; training stopped and the "
                                   "weights were kept as they were; lower the learning rate")
        self._record(loss)
        return loss

    def _callback(self, callback, session) -> bool:
        if session is None:
            return bool(callback(self))
        session.download(self.model.weights)  # the callback sees the current weights
        try:
            return bool(callback(self))
        finally:
            session.upload(self.model.weights)  # and what it changed to them goes on training

    def _js_session(self):
        tokens = max(self.config.batch_size * self.config.seq_len, self.model.config.block_size)  # or a sample's window
        if self._session is None or self._session.max_tokens < tokens:
            self._session = jskernel.JsSession(self.model.config, tokens)
        self._session.configure(self.optimizer, self.config.grad_clip)
        return self._session

    def sample(self, prompt: list[int], max_new_tokens: int, temperature: float = 1.0, top_k: int | None = None,
               seed: int | None = None) -> list[int]:
        """``prompt`` followed by ``max_new_tokens`` ids drawn from the current model, as ``generate`` draws
        them (same seed, same ids); in JavaScript when the trainer's kernel is, for samples during training."""
        if self.kernel != "js":
            return generate(self.model, prompt, max_new_tokens, temperature, top_k, seed)
        check_generate_args(self.model, prompt, max_new_tokens, temperature, top_k)
        session, rng, context = self._js_session(), random.Random(seed), list(prompt)
        session.upload(self.model.weights)
        for _ in range(max_new_tokens):  # the whole window each time (no key/value cache): same logits
            logits = session.next_logits(context[-self.model.config.block_size:])
            context.append(choose_token(logits, temperature, top_k, rng))
        return context

    def evaluate(self, ids: list[int] | None = None, windows: int = 32) -> float:
        """Mean loss (nats per token) on ``windows`` evenly spaced windows of ``ids`` (default: val_ids)."""
        ids = self.val_ids if ids is None else _checked_ids(ids, self.model, self.config.seq_len, "ids")
        if ids is None:
            raise ValueError("this trainer has no held-out ids; pass val_ids to Trainer or ids to evaluate().")
        if isinstance(windows, bool) or not isinstance(windows, int) or windows < 1:
            raise ValueError(f"windows must be a positive integer, got {windows!r}.")
        length = self.config.seq_len
        stride = max(1, (len(ids) - length - 1) // max(1, windows - 1))
        starts = list(range(0, len(ids) - length, stride))[:windows]
        inputs, targets = [ids[s:s + length] for s in starts], [ids[s + 1:s + length + 1] for s in starts]
        if self.kernel != "js":
            return mean_loss(self.model, inputs, targets)
        session = self._js_session()
        session.upload(self.model.weights)
        size = self.config.batch_size
        total = sum(session.loss(inputs[i:i + size], targets[i:i + size]) * len(inputs[i:i + size])
                    for i in range(0, len(inputs), size))
        return total / len(inputs)


def _checked_ids(ids: list[int], model: GPT, length: int, name: str) -> list[int]:
    if not isinstance(ids, list):
        raise ValueError(f"{name} must be a list of token ids, got {type(ids).__name__}.")
    if len(ids) < length + 1:
        raise ValueError(f"{name} has {len(ids)} tokens; windows of seq_len={length} need at least "
                         f"{length + 1} (give more text or lower seq_len).")
    vocab = model.config.vocab_size
    if any(isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < vocab for i in ids):
        bad = next(i for i in ids if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < vocab)
        raise ValueError(f"{name} holds token id {bad!r}; ids must be integers in 0..{vocab - 1}.")
    return ids


def _diverged(what: str, steps: int) -> TrainingDiverged:
    return TrainingDiverged(f"{what} at step {steps + 1}; training stopped and the weights were kept as they "
                            "were; lower the learning rate or keep gradient clipping on")
