"""Training in resumable chunks: truncated BPTT over windows, clipping, Adam or Adagrad.

    trainer = Trainer(CharRNN(vocab, "lstm", 64), text, TrainConfig(seq_len=32))
    trainer.train(100)          # 100 windows of 32 characters; call again to continue

Everything a later chunk needs (the weights, the optimizer's moments, the position in the text,
the hidden state carried between windows, the loss history) lives in the trainer and in its
checkpoint (lmdocs.rnn.io), so "stop and continue" is "save, then load and call train again",
and the result is the same as one long run.

A loss or gradient that becomes NaN or infinite raises TrainingDiverged *before* the update, so
the weights (and any checkpoint saved from them) stay as they were after the last good window.

Not handled: mini-batches of several streams, validation splits, learning-rate schedules.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields

from lmdocs.rnn import jskernel
from lmdocs.rnn import linalg as la
from lmdocs.rnn.model import CharRNN
from lmdocs.rnn.optim import OPTIMIZERS, TrainingDiverged, check_learning_rate, clip_grad_norm, grad_norm


@dataclass
class TrainConfig:
    seq_len: int = 64  # characters per window: how far back gradients flow (truncated BPTT); longer
    # windows also spread the cost of one optimizer step (a pass over every weight) over more characters
    optimizer: str = "adam"  # "adam" or "adagrad"
    learning_rate: float = 0.003  # 0.003 suits Adam; Adagrad wants about 0.1
    clip: float = 5.0  # maximum global gradient norm; 0 turns clipping off

    def __post_init__(self):
        if isinstance(self.seq_len, bool) or not isinstance(self.seq_len, int):
            raise TypeError(f"seq_len must be an int, got {type(self.seq_len).__name__}")
        if self.seq_len < 2:
            raise ValueError(f"seq_len must be at least 2 characters, got {self.seq_len}")
        if self.optimizer not in OPTIMIZERS:
            raise ValueError(f"unknown optimizer {self.optimizer!r}; choose one of {', '.join(OPTIMIZERS)}")
        self.learning_rate = check_learning_rate(self.learning_rate)
        if not (isinstance(self.clip, (int, float)) and math.isfinite(self.clip) and self.clip >= 0):
            raise ValueError(f"clip must be a finite number >= 0 (0 = no clipping), got {self.clip!r}")

    @classmethod
    def from_dict(cls, values: dict) -> "TrainConfig":
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown training setting(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return cls(**values)


class Trainer:
    """Trains ``model`` on ``text`` window after window; ``train`` can be called again and again."""

    def __init__(self, model: CharRNN, text: str, config: TrainConfig | None = None):
        self.model, self.config = model, config or TrainConfig()
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        self.ids = model.tokenizer.encode(text)
        if len(self.ids) < self.config.seq_len + 1:
            raise ValueError(
                f"the text has {len(self.ids)} characters; windows of seq_len={self.config.seq_len} need "
                f"at least {self.config.seq_len + 1} (paste a longer text or lower seq_len)"
            )
        self.optimizer = OPTIMIZERS[self.config.optimizer](model.params(), lr=self.config.learning_rate)
        self.position = 0  # where the next window starts in the text
        self.steps = 0  # windows trained so far
        self.chars_seen = 0
        self.state = model.zero_state()  # carried from window to window, without its gradient
        self.losses: list[float] = []  # the loss of every window

    def train_window(self) -> float:
        """One window in Python: forward, backward, clip, update. Returns the window's mean loss."""
        T = self.config.seq_len
        if self.position + T + 1 > len(self.ids):  # wrap around: start again from the top
            self.position, self.state = 0, self.model.zero_state()
        xs = self.ids[self.position:self.position + T]
        ys = self.ids[self.position + 1:self.position + T + 1]
        loss, grads, state = self.model.loss_and_grads(xs, ys, self.state)
        if not math.isfinite(loss):
            raise _diverged_loss(loss, self.steps)
        norm = clip_grad_norm(grads, self.config.clip) if self.config.clip else grad_norm(grads)
        if not math.isfinite(norm):
            raise _diverged_norm(norm, self.steps)
        self.optimizer.step(grads)
        self._advance(state, loss)
        return loss

    def _advance(self, state, loss: float) -> None:
        self.state, self.position = state, self.position + self.config.seq_len
        self.steps += 1
        self.chars_seen += self.config.seq_len
        self.losses.append(loss)

    def _train_window_js(self, session) -> float:
        """As train_window, in kernel.js; the state stays in JavaScript (session.download fetches it)."""
        T = self.config.seq_len
        if self.position + T + 1 > len(self.ids):
            self.position = 0
            session.reset_state()
        loss, status, norm = session.train_window(self.position, T)
        if status == 1:
            raise _diverged_loss(loss, self.steps)
        if status == 2:
            raise _diverged_norm(norm, self.steps)
        if status == 3:
            raise TrainingDiverged("this update would make a weight NaN or infinite; training stopped and the "
                                   "weights were kept as they were; lower the learning rate")
        self._advance(self.state, loss)
        return loss

    def train(self, windows: int, callback=None, every: int = 10) -> list[float]:
        """Train ``windows`` windows; call ``callback(trainer)`` every ``every`` windows (progress,
        charts, samples; return True from it to stop early). Returns the losses of this chunk.

        In Pyodide the windows run in JavaScript (see jskernel.py); the weights are
        back in the model before each callback and when this returns or raises."""
        if isinstance(windows, bool) or not isinstance(windows, int) or windows < 0:
            raise ValueError(f"windows must be an int >= 0, got {windows!r}")
        start = len(self.losses)
        use_js = windows > 0 and la.kernel_name() == "js" and jskernel.supports(self)
        session = jskernel.session_for(self) if use_js else None
        try:
            for i in range(1, windows + 1):
                self.train_window() if session is None else self._train_window_js(session)
                if callback is not None and i % every == 0:
                    if callback(self) if session is None else session.run_callback(callback):
                        break
        finally:
            if session is not None:
                session.download()
        return self.losses[start:]


def _diverged_loss(loss: float, steps: int) -> TrainingDiverged:
    return TrainingDiverged(
        f"the loss became {loss} at window {steps + 1}; training stopped and the weights were "
        "kept as they were; lower the learning rate or keep gradient clipping on"
    )


def _diverged_norm(norm: float, steps: int) -> TrainingDiverged:
    return TrainingDiverged(
        f"the gradient norm became {norm} at window {steps + 1}; training stopped and the "
        "weights were kept as they were; lower the learning rate"
    )
