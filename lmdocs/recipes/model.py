"""A decoder-only transformer (GPT) in plain PyTorch, with nanoGPT's parameter names and math.

The names match karpathy/nanoGPT (``transformer.wte``, ``transformer.h.0.attn.c_attn``, ...), so a
checkpoint maps one to one onto the pure-Python transformer in ``lmdocs.transformer`` and onto
GPT-2's published weights. This file imports only torch (and the recipes' loss): the trainer owns I/O and devices.

>>> import torch
>>> model = GPT(GPTConfig(block_size=8, vocab_size=10, n_layer=1, n_head=2, n_embd=8))
>>> logits, loss = model(torch.tensor([[1, 2, 3]]), torch.tensor([[2, 3, 4]]))
>>> tuple(logits.shape), loss.ndim
((1, 3, 10), 0)

Not handled: key/value caching (``generate`` recomputes the whole window each step), padding
masks (every sequence is a full causal window), and contexts longer than ``block_size``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

from lmdocs.recipes.loss import head_and_loss


@dataclass
class GPTConfig:
    block_size: int = 256  # longest context the model sees; the position table has this many rows
    vocab_size: int = 256  # number of token ids; pad up to a multiple of 64 on a GPU for speed
    n_layer: int = 6  # transformer blocks stacked one on another
    n_head: int = 6  # attention heads per block; n_embd must divide evenly among them
    n_embd: int = 384  # width of the residual stream
    dropout: float = 0.0  # 0 for pre-training on a lot of data; try 0.1+ when the data is small
    bias: bool = True  # biases in Linear and LayerNorm, as GPT-2; False is slightly faster

    def __post_init__(self) -> None:
        if self.n_embd % self.n_head != 0:
            raise ValueError(f"n_embd ({self.n_embd}) must be a multiple of n_head ({self.n_head}); change one of them.")


class LayerNorm(nn.Module):
    """LayerNorm with an optional bias (torch's nn.LayerNorm cannot switch the bias off alone)."""

    def __init__(self, ndim: int, bias: bool):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(ndim))
        self.bias = nn.Parameter(torch.zeros(ndim)) if bias else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.layer_norm(x, self.weight.shape, self.weight, self.bias, 1e-5)


class CausalSelfAttention(nn.Module):
    def __init__(self, config: GPTConfig):
        super().__init__()
        self.c_attn = nn.Linear(config.n_embd, 3 * config.n_embd, bias=config.bias)  # q, k, v for all heads
        self.c_proj = nn.Linear(config.n_embd, config.n_embd, bias=config.bias)
        self.resid_dropout = nn.Dropout(config.dropout)
        self.n_head = config.n_head
        self.n_embd = config.n_embd
        self.dropout = config.dropout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        B, T, C = x.size()  # batch, time, channels (n_embd)
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)
        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)  # (B, nh, T, hs)
        k = k.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)  # (B, nh, T, hs)
        v = v.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)  # (B, nh, T, hs)
        # softmax(q k^T / sqrt(hs) + causal mask) v, fused (flash attention on a GPU)
        y = F.scaled_dot_product_attention(
            q, k, v, dropout_p=self.dropout if self.training else 0.0, is_causal=True
        )  # (B, nh, T, hs)
        y = y.transpose(1, 2).contiguous().view(B, T, C)  # heads side by side again: (B, T, C)
        return self.resid_dropout(self.c_proj(y))


class MLP(nn.Module):
    def __init__(self, config: GPTConfig):
        super().__init__()
        self.c_fc = nn.Linear(config.n_embd, 4 * config.n_embd, bias=config.bias)
        self.gelu = nn.GELU()  # exact GELU, x * Phi(x) with erf (not the tanh approximation)
        self.c_proj = nn.Linear(4 * config.n_embd, config.n_embd, bias=config.bias)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.dropout(self.c_proj(self.gelu(self.c_fc(x))))


class Block(nn.Module):
    """Pre-norm residual block: x + attn(ln_1(x)), then x + mlp(ln_2(x))."""

    def __init__(self, config: GPTConfig):
        super().__init__()
        self.ln_1 = LayerNorm(config.n_embd, bias=config.bias)
        self.attn = CausalSelfAttention(config)
        self.ln_2 = LayerNorm(config.n_embd, bias=config.bias)
        self.mlp = MLP(config)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.ln_1(x))
        x = x + self.mlp(self.ln_2(x))
        return x


class GPT(nn.Module):
    loss_chunk = 0  # > 0: the output layer and the loss run in chunks of this many rows (lmdocs.recipes.loss)

    def __init__(self, config: GPTConfig):
        super().__init__()
        self.config = config
        self.transformer = nn.ModuleDict(dict(
            wte=nn.Embedding(config.vocab_size, config.n_embd),  # token embeddings
            wpe=nn.Embedding(config.block_size, config.n_embd),  # position embeddings
            drop=nn.Dropout(config.dropout),
            h=nn.ModuleList([Block(config) for _ in range(config.n_layer)]),
            ln_f=LayerNorm(config.n_embd, bias=config.bias),
        ))
        self.lm_head = nn.Linear(config.n_embd, config.vocab_size, bias=False)
        self.transformer.wte.weight = self.lm_head.weight  # weight tying: one matrix reads and writes tokens
        self.apply(self._init_weights)
        for name, p in self.named_parameters():  # GPT-2: scale residual projections by 1/sqrt(2 * n_layer)
            if name.endswith("c_proj.weight"):
                torch.nn.init.normal_(p, mean=0.0, std=0.02 / math.sqrt(2 * config.n_layer))

    def _init_weights(self, module: nn.Module) -> None:
        if isinstance(module, nn.Linear):
            torch.nn.init.normal_(module.weight, mean=0.0, std=0.02)
            if module.bias is not None:
                torch.nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            torch.nn.init.normal_(module.weight, mean=0.0, std=0.02)

    def num_params(self, non_embedding: bool = True) -> int:
        """Parameters counted once (tied weights once); without the position table by default."""
        n = sum(p.numel() for p in self.parameters())
        return n - self.transformer.wpe.weight.numel() if non_embedding else n

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None):
        """idx (B, T) token ids -> (logits (B, T, vocab), mean cross-entropy or None); targets of -1 are
        left out of the loss. With ``loss_chunk`` set and targets given, the logits are None (never formed)."""
        B, T = idx.size()
        if T > self.config.block_size:
            raise ValueError(f"sequence of length {T} is longer than block_size {self.config.block_size}; crop it.")
        pos = torch.arange(0, T, dtype=torch.long, device=idx.device)  # (T,)
        x = self.transformer.drop(self.transformer.wte(idx) + self.transformer.wpe(pos))  # (B, T, C)
        for block in self.transformer.h:
            x = block(x)
        return head_and_loss(self.transformer.ln_f(x), self.lm_head, targets, self.loss_chunk)

    def flops_per_token(self) -> float:
        """Training FLOPs per token (forward + backward): 6N + 12 * L * C * T (PaLM, appendix B)."""
        cfg = self.config
        return 6 * self.num_params() + 12 * cfg.n_layer * cfg.n_embd * cfg.block_size

    @torch.no_grad()
    def generate(self, idx: torch.Tensor, max_new_tokens: int, temperature: float = 1.0,
                 top_k: int | None = None, generator: torch.Generator | None = None,
                 top_p: float | None = None) -> torch.Tensor:
        """Append ``max_new_tokens`` sampled tokens to idx (B, T); the context is cropped to block_size."""
        return generate(self, idx, max_new_tokens, self.config.block_size, temperature, top_k, generator, top_p)


def next_token_probs(logits: torch.Tensor, temperature: float = 1.0, top_k: int | None = None,
                     top_p: float | None = None) -> torch.Tensor:
    """softmax(logits / temperature) over the last dim, with every token outside the ``top_k`` best, then
    outside the nucleus (the smallest set of likeliest tokens whose mass reaches ``top_p``; lower index
    first on ties) set to 0 and the rest renormalized: lmdocs.transformer's next_token_distribution.

    >>> next_token_probs(torch.tensor([2.0, 1.0, 0.0, -1.0]), top_p=0.8).round(decimals=3).tolist()
    [0.731, 0.269, 0.0, 0.0]
    """
    logits = logits / temperature
    if top_k is not None:
        v, _ = torch.topk(logits, min(top_k, logits.size(-1)))
        logits = logits.masked_fill(logits < v[..., [-1]], -float("inf"))
    if top_p is None:
        return F.softmax(logits, dim=-1)
    probs = F.softmax(logits.double(), dim=-1)  # float64, as the pure-Python reference picks the nucleus
    sorted_probs, order = torch.sort(probs, dim=-1, descending=True, stable=True)  # ties: lower index first
    before = F.pad(sorted_probs.cumsum(-1)[..., :-1], (1, 0))  # the mass of the likelier tokens
    keep = torch.zeros_like(probs, dtype=torch.bool).scatter(-1, order, before < top_p - 1e-12)
    probs = probs * keep
    return probs / probs.sum(-1, keepdim=True)


def check_sampling(temperature: float, top_k: int | None, top_p: float | None) -> None:
    """Raise ValueError for a temperature <= 0, a top_k < 1 or a top_p outside (0, 1]."""
    if temperature <= 0:
        raise ValueError(f"temperature must be > 0, got {temperature}; use a small value such as 0.01 for near-greedy.")
    if top_k is not None and top_k < 1:
        raise ValueError(f"top_k must be at least 1, got {top_k}.")
    if top_p is not None and not 0 < top_p <= 1:
        raise ValueError(f"top_p must be in (0, 1], got {top_p}; 1 keeps every token.")


@torch.no_grad()
def generate(model: nn.Module, idx: torch.Tensor, max_new_tokens: int, block_size: int,
             temperature: float = 1.0, top_k: int | None = None,
             generator: torch.Generator | None = None, top_p: float | None = None) -> torch.Tensor:
    """Sampling loop shared by every model that maps (B, T) ids to (B, T, vocab) logits."""
    check_sampling(temperature, top_k, top_p)
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -block_size:]
        logits, _ = model(idx_cond)
        probs = next_token_probs(logits[:, -1, :], temperature, top_k, top_p)  # (B, vocab)
        idx_next = torch.multinomial(probs, num_samples=1, generator=generator)  # (B, 1)
        idx = torch.cat((idx, idx_next), dim=1)
    return idx
