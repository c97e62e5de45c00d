"""Recurrent baselines for the same trainer: an LSTM and a minGRU (built by name in ``factory``).

Both map token ids (B, T) to logits (B, T, vocab) and a loss, exactly like GPT, so the trainer,
the evaluation in bits per character and the sampler treat all three alike.

minGRU (Feng et al. 2024, "Were RNNs All We Needed?") drops the hidden state from the gates:

    z_t = sigmoid(W_z x_t)            h~_t = g(W_h x_t)
    h_t = (1 - z_t) * h_{t-1} + z_t * h~_t

so h_t = a_t h_{t-1} + b_t with a_t, b_t known for every t at once, and the recurrence is a
scan: h_t = sum_{s<=t} (prod_{r=s+1..t} a_r) b_s. We compute it in log space
(``parallel_scan_log``), which needs b_t > 0: g(x) = x + 0.5 for x >= 0, sigmoid(x) below, as in
the paper. ``MinGRU.forward_sequential`` is the step-by-step loop the tests compare it with.

>>> import torch
>>> m = MinGRULM(RNNConfig(block_size=8, vocab_size=10, n_layer=1, n_embd=8))
>>> tuple(m(torch.tensor([[1, 2, 3]]))[0].shape)
(1, 3, 10)

Not handled: carrying the hidden state across windows (each window starts from h_0 = 0, like
the GPT's context starts empty), and a constant-memory recurrent mode for generation.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

from lmdocs.recipes.loss import head_and_loss
from lmdocs.recipes.model import MLP, GPTConfig, LayerNorm, generate


@dataclass
class RNNConfig:
    block_size: int = 64  # training window; generation crops its context to this many tokens
    vocab_size: int = 256  # number of token ids
    n_layer: int = 1  # stacked recurrent layers
    n_embd: int = 128  # hidden-state width (and embedding width)
    dropout: float = 0.0  # between layers and before the output head
    bias: bool = True  # biases in Linear and LayerNorm (minGRU)


class _LanguageModel(nn.Module):
    """What every baseline shares: the output layer and loss, FLOPs per token and sampling."""

    loss_chunk = 0  # > 0: the output layer and the loss run in chunks of this many rows (lmdocs.recipes.loss)

    def head(self, hidden: torch.Tensor, targets: torch.Tensor | None):
        """(logits, loss) from the last hidden states, as GPT.forward returns them."""
        return head_and_loss(hidden, self.lm_head, targets, self.loss_chunk)

    def num_params(self) -> int:
        return sum(p.numel() for p in self.parameters())

    def flops_per_token(self) -> float:
        """6 FLOPs per weight that multiplies (forward 2, backward 4); the embedding is a lookup."""
        return 6 * (self.num_params() - self.wte.weight.numel())

    @torch.no_grad()
    def generate(self, idx: torch.Tensor, max_new_tokens: int, temperature: float = 1.0,
                 top_k: int | None = None, generator: torch.Generator | None = None,
                 top_p: float | None = None) -> torch.Tensor:
        return generate(self, idx, max_new_tokens, self.config.block_size, temperature, top_k, generator, top_p)


class LSTM(_LanguageModel):
    def __init__(self, config: RNNConfig):
        super().__init__()
        self.config = config
        self.wte = nn.Embedding(config.vocab_size, config.n_embd)
        self.lstm = nn.LSTM(config.n_embd, config.n_embd, num_layers=config.n_layer, batch_first=True,
                            dropout=config.dropout if config.n_layer > 1 else 0.0)
        self.drop = nn.Dropout(config.dropout)
        self.lm_head = nn.Linear(config.n_embd, config.vocab_size)

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None):
        h, _ = self.lstm(self.drop(self.wte(idx)))  # (B, T, C), from a zero state
        return self.head(self.drop(h), targets)  # logits (B, T, vocab), loss


def g(x: torch.Tensor) -> torch.Tensor:
    """Positive activation for the candidate state: x + 0.5 (x >= 0), sigmoid(x) (x < 0)."""
    return torch.where(x >= 0, x + 0.5, torch.sigmoid(x))


def log_g(x: torch.Tensor) -> torch.Tensor:
    """log g(x), computed without forming g(x): log(x + 0.5) or -softplus(-x)."""
    return torch.where(x >= 0, (F.relu(x) + 0.5).log(), -F.softplus(-x))


def parallel_scan_log(log_a: torch.Tensor, log_b: torch.Tensor) -> torch.Tensor:
    """h_t = a_t h_{t-1} + b_t with h_0 = 0, from log a and log b (B, T, C), in O(log T) depth."""
    a_star = torch.cumsum(log_a, dim=1)  # log prod_{r<=t} a_r
    return torch.exp(a_star + torch.logcumsumexp(log_b - a_star, dim=1))  # (B, T, C)


class MinGRU(nn.Module):
    def __init__(self, n_embd: int, bias: bool):
        super().__init__()
        self.to_gate_and_state = nn.Linear(n_embd, 2 * n_embd, bias=bias)  # W_z and W_h side by side
        self.c_proj = nn.Linear(n_embd, n_embd, bias=bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        k, h_tilde = self.to_gate_and_state(x).chunk(2, dim=-1)  # (B, T, C) each
        log_z = -F.softplus(-k)  # log sigmoid(k)
        log_one_minus_z = -F.softplus(k)  # log (1 - sigmoid(k))
        h = parallel_scan_log(log_one_minus_z, log_z + log_g(h_tilde))
        return self.c_proj(h)

    def forward_sequential(self, x: torch.Tensor) -> torch.Tensor:
        """The same recurrence one step at a time (the reference for ``forward``)."""
        k, h_tilde = self.to_gate_and_state(x).chunk(2, dim=-1)
        z, h = torch.sigmoid(k), torch.zeros_like(k[:, 0])
        states = []
        for t in range(x.size(1)):
            h = (1 - z[:, t]) * h + z[:, t] * g(h_tilde[:, t])
            states.append(h)
        return self.c_proj(torch.stack(states, dim=1))


class MinGRUBlock(nn.Module):
    """A transformer block with the attention swapped for a minGRU: x + rnn(ln(x)), x + mlp(ln(x))."""

    def __init__(self, config: RNNConfig):
        super().__init__()
        self.ln_1 = LayerNorm(config.n_embd, bias=config.bias)
        self.rnn = MinGRU(config.n_embd, config.bias)
        self.ln_2 = LayerNorm(config.n_embd, bias=config.bias)
        self.mlp = MLP(GPTConfig(n_embd=config.n_embd, n_head=1, dropout=config.dropout, bias=config.bias))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.rnn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class MinGRULM(_LanguageModel):
    def __init__(self, config: RNNConfig):
        super().__init__()
        self.config = config
        self.wte = nn.Embedding(config.vocab_size, config.n_embd)
        self.drop = nn.Dropout(config.dropout)
        self.h = nn.ModuleList([MinGRUBlock(config) for _ in range(config.n_layer)])
        self.ln_f = LayerNorm(config.n_embd, bias=config.bias)
        self.lm_head = nn.Linear(config.n_embd, config.vocab_size, bias=False)

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None):
        x = self.drop(self.wte(idx))  # (B, T, C)
        for block in self.h:
            x = block(x)
        return self.head(self.ln_f(x), targets)  # logits (B, T, vocab), loss
