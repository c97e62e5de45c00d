"""What a run reports: a JSONL metrics log, model FLOPs utilisation, and the loss plot.

>>> round(mfu(flops_per_token=6 * 124e6, tokens_per_s=400_000, peak=989e12), 3)  # of an H100
0.301
>>> mfu(6 * 124e6, 400_000, peak=None) is None  # a CPU or an unknown GPU: MFU is reported as n/a
True
>>> log_line({"step": 100, "loss": 2.1042, "val_loss": 2.1893, "bpc": 3.1586, "tokens_per_s": 41233, "mfu": 0.412})
'step 100: train loss 2.1042, val loss 2.1893 (3.1586 bits/char), tok/s 41,233, mfu 41.2%'

MFU (PaLM, appendix B) = achieved model FLOPs per second / the device's peak dense FLOPs. Model
FLOPs per token are 6N + 12 L C T for a GPT (forward + backward, attention included), 6N for
the recurrent baselines. Peaks come from the one table of GPU peaks, ``lmdocs.compute.peak_flops``.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from lmdocs.recipes.files import atomic_path, atomic_write_text


def log_line(record: dict) -> str:
    """The plain line printed at each evaluation (and each log step without the progress bar), as nanoGPT's."""
    parts = [f"step {record['step']}: train loss {record['loss']:.4f}"]
    if record.get("val_loss") is not None:
        parts.append(f"val loss {record['val_loss']:.4f} ({record['bpc']:.4f} bits/char)")
    util = record.get("mfu")
    parts.append(f"tok/s {record['tokens_per_s']:,.0f}, mfu {'n/a' if util is None else f'{util:.1%}'}")
    return ", ".join(parts)


def mfu(flops_per_token: float, tokens_per_s: float, peak: float | None) -> float | None:
    """Fraction of the peak the model's arithmetic reaches; None when the peak is unknown."""
    return None if not peak else flops_per_token * tokens_per_s / peak


class Throughput:
    """Tokens per second between two reports of a run, leaving out the pauses (evaluation, checkpoints).

    >>> meter = Throughput(step=0, tokens_per_step=1000)
    >>> meter.measure(step=10) > 0
    True
    """

    def __init__(self, step: int, tokens_per_step: int):
        self.step, self.tokens_per_step = step, tokens_per_step
        self.time = time.perf_counter()

    def measure(self, step: int) -> float:
        """Tokens per second since the last measure (or restart), now that ``step`` steps are done."""
        now = time.perf_counter()
        rate = (step - self.step) * self.tokens_per_step / (now - self.time)
        self.step, self.time = step, now
        return rate

    def restart(self) -> None:
        """Start the clock again, after a pause that must not count."""
        self.time = time.perf_counter()


class MetricsLog:
    """Append-only JSONL file: one object per line, e.g. {"kind": "train", "step": 10, "loss": 2.1}."""

    def __init__(self, path: str | Path, enabled: bool = True):
        self.path = Path(path)
        self.enabled = enabled

    def write(self, **record: object) -> None:
        if self.enabled:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as f:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")

    def truncate_after(self, step: int) -> None:
        """Drop records past ``step``: a resumed run rewrites what the crashed run logged after its checkpoint.

        The shorter log replaces the old one atomically: a kill during a resume leaves the whole old
        log or the whole new one.
        """
        if self.enabled and self.path.exists():
            keep = [line for line in self.read() if line.get("step", 0) <= step]
            atomic_write_text(self.path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in keep))

    def reset(self) -> None:
        if self.enabled:
            self.path.unlink(missing_ok=True)

    def read(self) -> list[dict]:
        """Every record; a line torn by a killed writer is skipped."""
        lines = self.path.read_text(encoding="utf-8").splitlines() if self.path.exists() else []
        records = []
        for line in lines:
            try:
                records.append(json.loads(line))
            except ValueError:
                continue
        return records


def plot_metrics(records: list[dict], png: str | Path, title: str = "") -> None:
    """Training and validation loss against step, and validation bits per character, into ``png``."""
    import matplotlib
    matplotlib.use("Agg")  # no display needed
    import matplotlib.pyplot as plt

    train = [r for r in records if r.get("kind") == "train"]
    evals = [r for r in records if r.get("kind") == "eval"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot([r["step"] for r in train], [r["loss"] for r in train], label="train")
    left.plot([r["step"] for r in evals], [r["val_loss"] for r in evals], "o-", label="validation")
    left.set(xlabel="step", ylabel="loss (nats per token)", title=title or "loss")
    left.legend()
    right.plot([r["step"] for r in evals], [r["bpc"] for r in evals], "o-", color="C1")
    right.set(xlabel="step", ylabel="bits per character", title="validation")
    fig.tight_layout()
    with atomic_path(png) as tmp:  # a kill while drawing leaves the previous plot, not half a PNG
        fig.savefig(tmp, dpi=100, format="png")
    plt.close(fig)
