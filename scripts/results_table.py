"""Train n-gram, RNN, LSTM, minGRU and GPT models small on the same Hafez split; write the results table.

    .venv/bin/python scripts/results_table.py                  # 5 minutes on a free core, 14 on a busy one
    .venv/bin/python scripts/results_table.py --steps 50 --out /tmp/table.md    # a quick check

Every model sees the same training text (the lines of the first 445 ghazals, ``hafez_split``) and is
scored on the same held-out text (the last 50 ghazals) in bits per character: the mean of
-log2 p(next character) over every character of the held-out lines, the end of each line included
(the newline for the networks, ``</s>`` for the n-grams, which never see across lines).

- n-grams: character n-grams with modified Kneser-Ney (``lmdocs.ngram``), queried as an ARPA
  backoff model would be: p(w | h) = 10^logp(h w) if h w was seen, else gamma(h) * p(w | h').
- networks: the recipes' PyTorch models at the sizes of their tiny presets, built by the recipes'
  model factory (``lmdocs.recipes.factory``: GPT, LSTM, minGRU), and a plain ``torch.nn.RNN`` with
  the same embedding and head, all trained by one short AdamW loop (same batches, same
  learning-rate schedule, same seed) on the character tokenizer of every lmdocs model
  (``lmdocs.tokenizers.CharTokenizer``). Evaluation runs over consecutive windows of ``block_size`` characters, so a
  character sees between 0 and block_size - 1 characters of context.

Writes ``docs/snippets/results_table.md`` with two sections, ``en`` and ``fa`` (the same numbers,
the headers and the note in each language), which the articles include with
``--8<-- "snippets/results_table.md:en"``. Ctrl-C stops the run without writing the table.
Not handled: repeated runs with several seeds (one seed; differences under ~0.05 bits are noise),
models trained to convergence (the settings are small on purpose: CPU minutes, not GPU hours).
"""
from __future__ import annotations

import argparse
import datetime
import math
import os
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout: python scripts/...
from lmdocs.corpora import hafez_split
from lmdocs.ngram.counts import BOS, EOS, UNK, count_ngrams
from lmdocs.ngram.kneser_ney import kneser_ney
from lmdocs.recipes.baselines import RNNConfig
from lmdocs.recipes.config import make_config
from lmdocs.recipes.data import BatchSampler, get_batch
from lmdocs.recipes.factory import build_model, model_args_for
from lmdocs.tokenizers import CharTokenizer

OUT = "docs/snippets/results_table.md"
LN2 = math.log(2)


# ------------------------------------------------------------------ n-grams
def ngram_bits(train_lines: list[str], test_lines: list[str], order: int) -> tuple[float, int]:
    """(bits per character on test_lines, number of n-grams stored) for a character n-gram."""
    counts = count_ngrams([list(line) for line in train_lines], order)
    logp, backoff, _ = kneser_ney(counts, modified=True, discount_fallback=True)
    known = {gram[0] for gram in logp if len(gram) == 1}

    def log10_prob(history: tuple[str, ...], word: str) -> float:
        if history + (word,) in logp:
            return logp[history + (word,)]
        if not history:
            return logp[(UNK,)]
        return backoff.get(history, 0.0) + log10_prob(history[1:], word)

    total_log10, n_chars = 0.0, 0
    for line in test_lines:
        tokens = [c if c in known else UNK for c in line] + [EOS]
        context = [BOS]
        for token in tokens:
            total_log10 += log10_prob(tuple(context[-(order - 1):]) if order > 1 else (), token)
            context.append(token)
            n_chars += 1
    return -total_log10 / math.log10(2) / n_chars, len(logp)


# ------------------------------------------------------------------ networks
class RNN(nn.Module):
    """The vanilla recurrent network, h_t = tanh(W x_t + U h_{t-1} + b), with the LSTM baseline's I/O."""

    def __init__(self, config: RNNConfig):
        super().__init__()
        self.config = config
        self.wte = nn.Embedding(config.vocab_size, config.n_embd)
        self.rnn = nn.RNN(config.n_embd, config.n_embd, num_layers=config.n_layer, batch_first=True)
        self.lm_head = nn.Linear(config.n_embd, config.vocab_size)

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None):
        h, _ = self.rnn(self.wte(idx))  # (B, T, C), from a zero state
        logits = self.lm_head(h)  # (B, T, vocab)
        loss = None if targets is None else nn.functional.cross_entropy(
            logits.view(-1, logits.size(-1)), targets.view(-1))
        return logits, loss


TINY_PRESETS = {"lstm": "lstm-tiny", "mingru": "mingru-tiny", "gpt": "tiny"}  # lmdocs.recipes.config.CONFIGS


def build(kind: str, vocab_size: int, block_size: int) -> nn.Module:
    """The networks at the sizes of the recipes' tiny presets; the RNN at the LSTM's size."""
    if kind == "rnn":
        return RNN(RNNConfig(block_size=block_size, vocab_size=vocab_size, n_layer=1, n_embd=128))
    if kind not in TINY_PRESETS:
        raise ValueError(f"unknown model {kind!r}; choose rnn, {', '.join(TINY_PRESETS)}")
    preset = make_config(TINY_PRESETS[kind], {"block_size": block_size})
    return build_model(kind, model_args_for(preset, vocab_size))


def shipped_gpt(tokenizer: CharTokenizer) -> nn.Module:
    """The GPT that ships with the site (lmdocs/data/tiny_gpt_hafez.json), loaded into the PyTorch GPT."""
    from lmdocs.transformer import load_hafez_gpt

    plain = load_hafez_gpt()
    if plain.tokenizer != tokenizer:
        raise ValueError("the shipped model's characters differ from this split's; re-export it with "
                         "scripts/train_attention_model.py before comparing")
    model = build_model("gpt", plain.config.to_dict())
    state = {name: torch.tensor(value, dtype=torch.float32) for name, value in plain.weights.items()}
    state["lm_head.weight"] = state["transformer.wte.weight"]  # tied
    model.load_state_dict(state)
    return model


def load_hafez_gpt_steps() -> int:
    """Training steps recorded in the shipped model's metadata."""
    from lmdocs.transformer import load_hafez_gpt

    return int(load_hafez_gpt().metadata.get("steps", 0))


def learning_rate(step: int, steps: int, peak: float, warmup: int) -> float:
    """Linear warm-up, then a cosine down to peak / 10 (the recipes' schedule)."""
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = min(1.0, (step - warmup) / max(1, steps - warmup))
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))


def train_network(model: nn.Module, train_ids: np.ndarray, args: argparse.Namespace, label: str) -> float:
    """A short AdamW loop; returns the seconds it took."""
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.99), weight_decay=0.1)
    sampler = BatchSampler(seed=args.seed)
    began = time.time()
    for step in range(args.steps):
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(step, args.steps, args.lr, warmup=20)
        x, y = get_batch(train_ids, sampler.offsets(args.batch_size, len(train_ids) - args.block_size - 1),
                         args.block_size)
        _, loss = model(x, y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        if step % 100 == 0 or step == args.steps - 1:
            print(f"  {label:7s} step {step:4d}/{args.steps}  loss {loss.item():.3f} nats  "
                  f"{time.time() - began:5.0f} s", flush=True)
    return time.time() - began


@torch.no_grad()
def network_bits(model: nn.Module, val_ids: np.ndarray, block_size: int, batch: int = 64) -> float:
    """Bits per character over consecutive windows that together predict val_ids[1:]."""
    model.eval()
    ids = torch.from_numpy(val_ids.astype(np.int64))
    full = (len(ids) - 1) // block_size  # whole windows; the rest is one shorter window
    windows = [(s, block_size) for s in range(0, full * block_size, block_size)]
    if full * block_size < len(ids) - 1:
        windows.append((full * block_size, len(ids) - 1 - full * block_size))
    total_nats, count = 0.0, 0
    for length in sorted({n for _, n in windows}):
        starts = [s for s, n in windows if n == length]
        for i in range(0, len(starts), batch):
            x = torch.stack([ids[s:s + length] for s in starts[i:i + batch]])  # (B, T)
            y = torch.stack([ids[s + 1:s + 1 + length] for s in starts[i:i + batch]])
            logits, _ = model(x)
            total_nats += nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1),
                                                      reduction="sum").item()
            count += y.numel()
    model.train()
    assert count == len(ids) - 1, "every held-out character after the first is scored once"
    return total_nats / LN2 / count


# ------------------------------------------------------------------ the table
NAMES = {
    "uniform": ("uniform guess (no learning)", "حدس یکنواخت (بی‌یادگیری)"),
    "ngram3": ("character 3-gram, modified Kneser-Ney", "۳-گرم حرفی، Kneser-Ney اصلاح‌شده"),
    "ngram5": ("character 5-gram, modified Kneser-Ney", "۵-گرم حرفی، Kneser-Ney اصلاح‌شده"),
    "rnn": ("RNN (1 layer, 128 wide)", "RNN (یک لایه، پهنای ۱۲۸)"),
    "lstm": ("LSTM (1 layer, 128 wide)", "LSTM (یک لایه، پهنای ۱۲۸)"),
    "mingru": ("minGRU (2 layers, 64 wide)", "minGRU (دو لایه، پهنای ۶۴)"),
    "gpt": ("GPT (2 blocks, 2 heads, 64 wide)", "GPT (دو بلوک، دو سر، پهنای ۶۴)"),
    "shipped": ("GPT of the site's demos (2 blocks, 4 heads, 64 wide), {steps} steps",
                "GPT دموهای سایت (دو بلوک، چهار سر، پهنای ۶۴)، {steps} گام"),
}
FA_DIGITS = str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫")


def render(rows: list[dict], args: argparse.Namespace, chars: tuple[int, int], minutes: float) -> str:
    """The Markdown file: an ``en`` and a ``fa`` section with the same numbers."""
    today = datetime.date.today().isoformat()
    lines = ["<!-- Written by scripts/results_table.py; do not edit by hand, run the script again. -->", ""]
    for lang in ("en", "fa"):
        fa = lang == "fa"
        num = (lambda text: text.translate(FA_DIGITS)) if fa else (lambda text: text)
        lines.append(f"<!-- --8<-- [start:{lang}] -->")
        if fa:
            lines.append("| مدل | پارامترها | بیت بر حرف (متن آزمون) | زمان آموزش |")
        else:
            lines.append("| Model | Parameters | Bits per character (held out) | Training time |")
        lines.append("|---|--:|--:|--:|")
        for row in rows:
            name = NAMES[row["kind"]][1 if fa else 0].format(steps=num(str(row.get("steps", ""))))
            params = "—" if row["params"] is None else num(f"{row['params']:,}".replace(",", "٬" if fa else ","))
            seconds = "—" if row["seconds"] is None else num(f"{row['seconds']:.0f}") + (" ث" if fa else " s")
            bpc = num(f"{row['bpc']:.3f}")
            lines.append(f"| {name} | {params} | {bpc} | {seconds} |")
        lines.append("")
        shipped = next((row for row in rows if row["kind"] == "shipped"), None)
        ratio = f"{shipped['steps'] / args.steps:g}" if shipped else ""
        if fa:
            comma = lambda n: num(f"{n:,}".replace(",", "٬"))  # noqa: E731
            note = (
                f"*ساخته‌شده با `python scripts/results_table.py` در {num(today.replace('-', '/'))} روی CPU "
                f"({num(f'{minutes:.0f}')} دقیقه برای همه). آموزش بر {comma(chars[0])} حرفِ ۴۴۵ غزل نخست، "
                f"آزمون بر {comma(chars[1])} حرفِ ۵۰ غزل آخر. همهٔ شبکه‌هایی که این‌جا آموزش دیده‌اند بودجهٔ "
                f"یکسان داشته‌اند: {num(str(args.steps))} گام، هر گام {num(str(args.batch_size))} پنجرهٔ "
                f"{num(str(args.block_size))}‌حرفی (همان پنجره‌ها به همان ترتیب)، AdamW با نرخ یادگیری بیشینهٔ "
                f"{num(str(args.lr))}، بذر {num(str(args.seed))}. مدل‌ها کوچک‌اند، کوتاه آموزش دیده‌اند و فقط "
                "یک بار اجرا شده‌اند (تفاوت کمتر از حدود ۰٫۰۵ بیت را جدی نگیرید): مقایسه‌ای در یک بودجهٔ کوچک، "
                "نه بهترین عدد هر معماری. پارامترهای n-گرم‌ها همان احتمال‌های ذخیره‌شده‌اند.")
            if shipped:
                note += (" سطر آخر بیرون از این مقایسه است: مدلی است که دموهای سایت اجرا می‌کنند و "
                         f"`scripts/train_attention_model.py` آن را {num(str(shipped['steps']))} گام، یعنی "
                         f"{num(ratio)} برابر بودجهٔ بالا، آموزش داده؛ این‌جا فقط امتیازش سنجیده شده.")
        else:
            note = (
                f"*Produced by `python scripts/results_table.py` on {today}, on a CPU ({minutes:.0f} minutes for "
                f"all rows). Trained on the {chars[0]:,} characters of the first 445 ghazals, scored on the "
                f"{chars[1]:,} characters of the last 50. Every network trained here had the same budget: "
                f"{args.steps} steps × {args.batch_size} windows of {args.block_size} characters (the same windows "
                f"in the same order), AdamW, peak learning rate {args.lr}, seed {args.seed}. The models are small, "
                "briefly trained and run once (do not read much into differences under ~0.05 bits): a comparison "
                "at one small budget, not each architecture's best. For the n-grams, the parameters are the "
                "stored probabilities.")
            if shipped:
                note += (" The last row is outside that comparison: it is the model the site's demos run, trained "
                         f"by scripts/train_attention_model.py for {shipped['steps']} steps, {ratio} times the "
                         "budget above, and only scored here.")
        lines.append(note + "*")
        lines.append(f"<!-- --8<-- [end:{lang}] -->")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=500, help="optimiser steps per network")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--block-size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--seed", type=int, default=1337)
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads (1 is fastest on a busy machine)")
    parser.add_argument("--models", default="ngram3,ngram5,rnn,lstm,mingru,gpt,shipped")
    parser.add_argument("--out", default=OUT)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    began = time.time()

    train_lines, test_lines = hafez_split()
    train_text = "".join(line + "\n" for line in train_lines)
    val_text = "".join(line + "\n" for line in test_lines)
    tokenizer = CharTokenizer.from_text(train_text + val_text)  # as the recipes' char tokenizer
    train_ids = np.asarray(tokenizer.encode(train_text), dtype=np.uint16)
    val_ids = np.asarray(tokenizer.encode(val_text), dtype=np.uint16)
    if "shipped" in args.models.split(","):
        shipped_gpt(tokenizer)  # a shipped model from other characters is refused now, not after the training
    rows = [dict(kind="uniform", params=None, bpc=math.log2(tokenizer.vocab_size), seconds=None)]
    print(f"{len(train_text):,} training and {len(val_text):,} held-out characters, "
          f"{tokenizer.vocab_size} distinct", flush=True)

    for kind in args.models.split(","):
        t0 = time.time()
        if kind == "shipped":
            model = shipped_gpt(tokenizer)
            steps = load_hafez_gpt_steps()
            bpc = network_bits(model, val_ids, args.block_size)
            rows.append(dict(kind=kind, params=sum(p.numel() for p in model.parameters()), bpc=bpc,
                             seconds=None, steps=steps))
            print(f"shipped GPT ({steps} steps): {bpc:.3f} bits per character", flush=True)
            continue
        if kind.startswith("ngram"):
            bpc, size = ngram_bits(train_lines, test_lines, int(kind[5:]))
            rows.append(dict(kind=kind, params=size, bpc=bpc, seconds=time.time() - t0))
            print(f"{kind}: {bpc:.3f} bits per character ({size:,} n-grams, {time.time() - t0:.0f} s)", flush=True)
            continue
        torch.manual_seed(args.seed)
        model = build(kind, tokenizer.vocab_size, args.block_size)
        params = sum(p.numel() for p in model.parameters())
        seconds = train_network(model, train_ids, args, kind)
        bpc = network_bits(model, val_ids, args.block_size)
        rows.append(dict(kind=kind, params=params, bpc=bpc, seconds=seconds))
        print(f"{kind}: {bpc:.3f} bits per character ({params:,} parameters, {seconds:.0f} s)", flush=True)

    minutes = (time.time() - began) / 60
    out = Path(args.out)
    tmp = out.with_name(out.name + ".tmp")  # written whole, then renamed: a crash leaves the old table
    tmp.write_text(render(rows, args, (len(train_text), len(val_text)), minutes), encoding="utf-8")
    os.replace(tmp, out)
    print(f"wrote {args.out} ({minutes:.1f} minutes)")


if __name__ == "__main__":
    main()
