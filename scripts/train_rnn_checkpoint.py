"""Train the character models that ship with the site: lmdocs/data/rnn_hafez_{cell}.json.

    .venv/bin/python scripts/train_rnn_checkpoint.py                 # all four cells, ~minutes
    .venv/bin/python scripts/train_rnn_checkpoint.py --cells lstm --steps 200

Why torch: lmdocs.rnn trains ~1,000 characters a second in pure Python; a readable Hafez model
needs tens of passes over 250,000 characters. This script trains *the same model* (one-hot
characters, one cell of torch.nn.RNN / LSTM / GRU or the minGRU recurrence, a linear layer, mean
cross-entropy; tests/unit/rnn/test_rnn_torch.py proves lmdocs.rnn computes what these torch modules compute)
on 32 parallel streams of the text, then converts the weights to lmdocs's layout, checks that
lmdocs.rnn gives the same held-out loss as torch, and saves with lmdocs.rnn.io (float16 weights,
to keep the four files small).

Reproducible: seeded (torch, data order), one thread, deterministic algorithms; the same torch
version on the same CPU gives the same bytes.
Data: the first 445 ghazals of Hafez (lmdocs.corpora; one half-verse per line, a blank line between
ghazals); the last 50 are held out for the loss printed at the end.
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from lmdocs.corpora import hafez_ghazals, hafez_text  # noqa: E402
from lmdocs.rnn import CharRNN, save_checkpoint  # noqa: E402
from lmdocs.rnn.io import checkpoint_from_json  # noqa: E402
from lmdocs.tokenizers import CharTokenizer  # noqa: E402

CELLS = ("rnn", "lstm", "gru", "mingru")
TEST_GHAZALS = 50


class TorchCharRNN(torch.nn.Module):
    def __init__(self, cell: str, vocab_size: int, hidden_size: int):
        super().__init__()
        self.cell, self.V, self.H = cell, vocab_size, hidden_size
        if cell == "mingru":
            self.Wx = torch.nn.Parameter(torch.empty(vocab_size, 2 * hidden_size).uniform_(
                -1 / math.sqrt(vocab_size), 1 / math.sqrt(vocab_size)))
            self.b = torch.nn.Parameter(torch.zeros(2 * hidden_size))
        else:
            cls = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cell]
            self.rnn = cls(vocab_size, hidden_size, batch_first=True)
            if cell == "lstm":  # forget-gate bias 1, as lmdocs.rnn.LSTMCell starts
                with torch.no_grad():
                    self.rnn.bias_ih_l0[hidden_size:2 * hidden_size].fill_(1.0)
                    self.rnn.bias_hh_l0.zero_()
        self.out = torch.nn.Linear(hidden_size, vocab_size)

    def forward(self, ids, state):  # ids (B, T) -> logits (B, T, V), state
        x = F.one_hot(ids, self.V).to(self.out.weight.dtype)
        if self.cell == "mingru":
            a = x @ self.Wx + self.b
            z, h_tilde = torch.sigmoid(a[..., :self.H]), a[..., self.H:]
            h, hs = state, []
            for t in range(ids.shape[1]):
                h = (1 - z[:, t]) * h + z[:, t] * h_tilde[:, t]
                hs.append(h)
            return self.out(torch.stack(hs, dim=1)), h
        hs, state = self.rnn(x, state)
        return self.out(hs), state

    def zero_state(self, batch):
        h = torch.zeros(1, batch, self.H, dtype=self.out.weight.dtype)
        if self.cell == "mingru":
            return h[0]
        return (h, h.clone()) if self.cell == "lstm" else h

    def to_lmdocs(self) -> dict:
        def rows(t):
            return t.detach().double().tolist()
        p = {"Wy": rows(self.out.weight), "by": rows(self.out.bias)}
        if self.cell == "mingru":
            p.update(Wx=rows(self.Wx), b=rows(self.b))
        elif self.cell == "gru":
            r = self.rnn
            p.update(Wx=rows(r.weight_ih_l0.T), Wh=rows(r.weight_hh_l0), bx=rows(r.bias_ih_l0), bh=rows(r.bias_hh_l0))
        else:
            r = self.rnn
            p.update(Wx=rows(r.weight_ih_l0.T), Wh=rows(r.weight_hh_l0), b=rows(r.bias_ih_l0 + r.bias_hh_l0))
        return p


def detach(state):
    return tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()


def train_cell(cell, vocab_size, train_ids, test_ids, args):
    torch.manual_seed(args.seed)
    model = TorchCharRNN(cell, vocab_size, args.hidden_size)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=args.steps, eta_min=args.lr / 10)
    B, T = args.batch, args.seq_len
    per_stream = (len(train_ids) - 1) // B
    data = torch.tensor(train_ids[:B * per_stream + 1])
    xs_all = data[:-1].view(B, per_stream)  # B contiguous streams through the text
    ys_all = data[1:].view(B, per_stream)
    state, pos, started = model.zero_state(B), 0, time.time()
    for step in range(1, args.steps + 1):
        if pos + T > per_stream:
            state, pos = model.zero_state(B), 0
        logits, state = model(xs_all[:, pos:pos + T], state)
        loss = F.cross_entropy(logits.reshape(-1, vocab_size), ys_all[:, pos:pos + T].reshape(-1))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
        opt.step()
        sched.step()
        state, pos = detach(state), pos + T
        if step % 200 == 0 or step == args.steps:
            print(f"{cell} step {step}/{args.steps} loss {loss.item():.3f} ({time.time() - started:.0f} s)", flush=True)
    with torch.no_grad():
        ids = torch.tensor(test_ids).unsqueeze(0)
        logits, _ = model(ids[:, :-1], model.zero_state(1))
        test_loss = F.cross_entropy(logits[0], ids[0, 1:]).item()
    return model, test_loss


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cells", default=",".join(CELLS))
    parser.add_argument("--hidden-size", type=int, default=64)
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--seq-len", type=int, default=64)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--clip", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--precision", default="float16", choices=["float16", "float32", "float64"])
    parser.add_argument("--out-dir", default=str(ROOT / "lmdocs" / "data"))
    args = parser.parse_args(argv)
    cells = args.cells.split(",")
    unknown = [c for c in cells if c not in CELLS]
    if unknown:
        parser.error(f"unknown cell(s) {unknown}; choose from {CELLS}")
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    ghazals = hafez_ghazals()
    train_text = "\n\n".join("\n".join(g) for g in ghazals[:-TEST_GHAZALS]) + "\n"
    test_text = "\n\n".join("\n".join(g) for g in ghazals[-TEST_GHAZALS:]) + "\n"
    tokenizer = CharTokenizer.from_text(hafez_text())
    train_ids, test_ids = tokenizer.encode(train_text), tokenizer.encode(test_text)
    for cell in cells:
        model, test_loss = train_cell(cell, tokenizer.vocab_size, train_ids, test_ids, args)
        ours = CharRNN(tokenizer, cell=cell, hidden_size=args.hidden_size, params=model.to_lmdocs())
        check = test_ids[:257]
        lm_loss, _, _ = ours.loss_and_grads(check[:-1], check[1:], ours.zero_state())
        with torch.no_grad():
            t = torch.tensor(check).unsqueeze(0)
            logits, _ = model.double()(t[:, :-1], model.zero_state(1))
            torch_loss = F.cross_entropy(logits[0], t[0, 1:]).item()
        assert math.isclose(lm_loss, torch_loss, rel_tol=1e-9), (lm_loss, torch_loss)
        note = (f"Hafez, first {len(ghazals) - TEST_GHAZALS} ghazals; scripts/train_rnn_checkpoint.py --cells {cell} "
                f"--hidden-size {args.hidden_size} --steps {args.steps} --batch {args.batch} --seq-len {args.seq_len} "
                f"--lr {args.lr} --clip {args.clip} --seed {args.seed}; held-out loss {test_loss:.4f} nats/char "
                f"(last {TEST_GHAZALS} ghazals, before {args.precision} rounding)")
        Path(args.out_dir).mkdir(parents=True, exist_ok=True)
        path = Path(args.out_dir) / f"rnn_hafez_{cell}.json"
        save_checkpoint(path, ours, precision=args.precision, note=note)
        rounded = checkpoint_from_json(path.read_text(encoding="utf-8")).model
        r_loss, _, _ = rounded.loss_and_grads(check[:-1], check[1:], rounded.zero_state())
        print(f"{cell}: held-out {test_loss:.4f} nats/char; after {args.precision} rounding {r_loss:.4f} vs "
              f"{lm_loss:.4f} on 256 chars; {path.stat().st_size / 1024:.0f} KB -> {path}", flush=True)


if __name__ == "__main__":
    main()
