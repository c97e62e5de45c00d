"""Train the small character-level GPT on Hafez that ships as lmdocs/data/tiny_gpt_hafez.json.

    .venv/bin/python scripts/train_attention_model.py            # about 2-4 minutes on one CPU core
    .venv/bin/python scripts/train_attention_model.py --steps 200 --out /tmp/quick.json

Uses the recipe's PyTorch model (``lmdocs.recipes.model.GPT``), the character tokenizer every lmdocs
model uses (``lmdocs.tokenizers.CharTokenizer``) and the recipe's exporter, on the 445 training
ghazals (``hafez_split``); the last 50 ghazals measure the validation loss. Seeded and single-
threaded, so the same command gives the same file on the same torch version. Ctrl-C stops early
and still exports what has been learned (the metadata records the step reached).
"""
from __future__ import annotations

import argparse
import math
import time

import torch

from lmdocs.corpora import hafez_ghazals, hafez_text
from lmdocs.corpora import HAFEZ_TEST_GHAZALS
from lmdocs.recipes.export import export_model
from lmdocs.recipes.model import GPT, GPTConfig
from lmdocs.tokenizers import CharTokenizer


def encode_corpus(tokenizer: CharTokenizer) -> tuple[torch.Tensor, torch.Tensor]:
    """Training and validation text (ghazals joined by blank lines) as 1-D tensors of ids."""
    ghazals = ["\n".join(lines) for lines in hafez_ghazals()]
    cut = len(ghazals) - HAFEZ_TEST_GHAZALS
    train, val = "\n\n".join(ghazals[:cut]), "\n\n".join(ghazals[cut:])
    return torch.tensor(tokenizer.encode(train)), torch.tensor(tokenizer.encode(val))


def batch(data: torch.Tensor, block_size: int, batch_size: int, gen: torch.Generator):
    starts = torch.randint(len(data) - block_size - 1, (batch_size,), generator=gen)
    x = torch.stack([data[s:s + block_size] for s in starts.tolist()])
    y = torch.stack([data[s + 1:s + 1 + block_size] for s in starts.tolist()])
    return x, y


@torch.no_grad()
def mean_loss(model: GPT, data: torch.Tensor, block_size: int, n_windows: int = 200) -> float:
    """Mean cross-entropy (nats per character) over evenly spaced windows of ``data``."""
    model.eval()
    stride = (len(data) - block_size - 1) // n_windows
    starts = [i * stride for i in range(n_windows)]
    x = torch.stack([data[s:s + block_size] for s in starts])
    y = torch.stack([data[s + 1:s + 1 + block_size] for s in starts])
    _, loss = model(x, y)
    model.train()
    return loss.item()


def learning_rate(step: int, steps: int, peak: float, warmup: int = 100) -> float:
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, steps - warmup)
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--seed", type=int, default=1337)
    parser.add_argument("--out", default="lmdocs/data/tiny_gpt_hafez.json")
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    tokenizer = CharTokenizer.from_text(hafez_text())
    config = GPTConfig(block_size=64, vocab_size=tokenizer.vocab_size, n_layer=2, n_head=4, n_embd=64,
                       dropout=0.0, bias=True)
    model = GPT(config)
    train, val = encode_corpus(tokenizer)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.99), weight_decay=0.01)
    gen = torch.Generator().manual_seed(args.seed)
    began, step = time.time(), 0
    try:
        for step in range(args.steps):
            for group in optimizer.param_groups:
                group["lr"] = learning_rate(step, args.steps, args.lr)
            x, y = batch(train, config.block_size, args.batch_size, gen)
            _, loss = model(x, y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            if step % 250 == 0 or step == args.steps - 1:
                print(f"step {step:5d}  train loss {loss.item():.3f}  {time.time() - began:6.1f} s", flush=True)
        step = args.steps
    except KeyboardInterrupt:
        print(f"stopped at step {step}; exporting what was learned so far")
    model.eval()
    train_loss, val_loss = mean_loss(model, train, config.block_size), mean_loss(model, val, config.block_size)
    print(f"train loss {train_loss:.4f}, validation loss {val_loss:.4f} nats per character")
    metadata = {"corpus": "Hafez, 445 training ghazals (lmdocs.corpora.hafez_split); last 50 held out",
                "trained_by": "scripts/train_attention_model.py", "steps": step, "seed": args.seed,
                "batch_size": args.batch_size, "learning_rate": args.lr, "torch": torch.__version__,
                "train_loss": round(train_loss, 4), "val_loss": round(val_loss, 4)}
    export_model(model, tokenizer, args.out, metadata=metadata)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
