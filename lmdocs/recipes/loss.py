"""The output layer and the cross-entropy in one pass over chunks of rows: no full (rows, vocab) logits.

>>> import torch, torch.nn.functional as F
>>> torch.manual_seed(0); h = torch.randn(10, 4, dtype=torch.float64); w = torch.randn(7, 4, dtype=torch.float64)
<torch._C.Generator object at ...>
>>> y = torch.tensor([1, 2, -1, 3, 4, 5, 6, 0, -1, 2])
>>> fused = linear_cross_entropy(h, w, None, y, chunk=3)
>>> plain = F.cross_entropy(h @ w.T, y, ignore_index=-1)
>>> bool(torch.allclose(fused, plain, rtol=1e-12, atol=0))
True

For GPT-2 small at a micro-batch of 16 x 1024 tokens, the logits are 16,384 x 50,304 numbers:
1.6 GB in bfloat16 plus 3.3 GB when the cross-entropy upcasts them to float32, all written and
read again in the backward pass. ``linear_cross_entropy`` instead takes ``chunk`` rows at a time:
their logits (in the autocast type, upcast to float32 for the log-sum-exp, as autocast does for
``F.cross_entropy``), the loss of those rows, and at once the gradient of the loss with respect to
the rows' hidden states and to the weight (softmax minus one-hot, times the weight or the rows).
The backward pass then only scales those saved gradients by the incoming one. Memory for logits
drops to ``chunk x vocab``, and the larger micro-batch that frees can raise the GPU's utilisation
(Liger-Kernel's fused linear cross-entropy works the same way).

The result equals ``F.cross_entropy(F.linear(h, w, b), targets, ignore_index=-1)`` (mean over the
targets that are not -1) and its gradients, to rounding (tests: float64 within 1e-12).
Not handled: label smoothing, z-loss, a ``reduction`` other than the mean.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F

IGNORE = -1  # a target that adds nothing to the loss (as in F.cross_entropy(..., ignore_index=-1))


def _compute_dtype(hidden: torch.Tensor, weight: torch.Tensor) -> torch.dtype:
    """The type a matrix product gets here: autocast's when it is on, else the inputs' common type."""
    device = hidden.device.type
    if torch.is_autocast_enabled(device):
        return torch.get_autocast_dtype(device)
    return torch.promote_types(hidden.dtype, weight.dtype)


class _LinearCrossEntropy(torch.autograd.Function):
    @staticmethod
    def forward(ctx, hidden, weight, bias, targets, chunk):  # noqa: D102 (autograd's signature)
        dtype = _compute_dtype(hidden, weight)
        acc = torch.promote_types(dtype, torch.float32)  # sums and softmax: float32 at least (float64 stays)
        w = weight.to(dtype)
        b = None if bias is None else bias.to(dtype)
        grad_hidden = torch.empty_like(hidden)
        grad_weight = torch.zeros(weight.shape, dtype=acc, device=weight.device)
        grad_bias = None if bias is None else torch.zeros(bias.shape, dtype=acc, device=bias.device)
        total = torch.zeros((), dtype=acc, device=hidden.device)
        for start in range(0, hidden.shape[0], chunk):
            h = hidden[start:start + chunk].to(dtype)
            t = targets[start:start + chunk]
            keep = t != IGNORE
            rows = torch.arange(t.shape[0], device=t.device)
            safe = torch.where(keep, t, 0)
            logits = F.linear(h, w, b).to(acc)  # (chunk, vocab), the only logits alive at a time
            lse = torch.logsumexp(logits, dim=-1)
            total += ((lse - logits[rows, safe]) * keep).sum()
            g = torch.exp(logits - lse[:, None])  # softmax; minus one at the target: d(loss of a row)/d(logits)
            g[rows, safe] -= 1.0
            g *= keep[:, None]
            g_c = g.to(dtype)
            grad_hidden[start:start + chunk] = (g_c @ w).to(hidden.dtype)
            grad_weight += (g_c.T @ h).to(acc)
            if grad_bias is not None:
                grad_bias += g.sum(0)
        count = (targets != IGNORE).sum()
        grad_hidden /= count  # the loss is a mean over the counted targets
        ctx.save_for_backward(grad_hidden, (grad_weight / count).to(weight.dtype),
                              None if grad_bias is None else (grad_bias / count).to(bias.dtype))
        return total / count

    @staticmethod
    def backward(ctx, grad_loss):  # noqa: D102
        grad_hidden, grad_weight, grad_bias = ctx.saved_tensors
        return (grad_hidden * grad_loss, grad_weight * grad_loss,
                None if grad_bias is None else grad_bias * grad_loss, None, None)


def linear_cross_entropy(hidden: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None,
                         targets: torch.Tensor, chunk: int) -> torch.Tensor:
    """Mean cross-entropy of ``F.linear(hidden, weight, bias)`` (rows, vocab) against ``targets`` (rows,),
    computed ``chunk`` rows at a time; targets equal to -1 are left out."""
    if chunk < 1:
        raise ValueError(f"chunk must be at least 1 row, got {chunk}")
    return _LinearCrossEntropy.apply(hidden, weight, bias, targets, chunk)


def head_and_loss(hidden: torch.Tensor, head: torch.nn.Linear, targets: torch.Tensor | None,
                  chunk: int = 0) -> tuple[torch.Tensor | None, torch.Tensor | None]:
    """(logits, loss) of an output layer ``head`` on ``hidden`` (B, T, C), as every recipe model returns them.

    With ``chunk`` > 0 and targets, the loss is computed chunk-wise and the logits are not formed (None).
    """
    if targets is not None and chunk:
        flat = hidden.reshape(-1, hidden.size(-1))
        return None, linear_cross_entropy(flat, head.weight, head.bias, targets.reshape(-1), chunk)
    logits = head(hidden)  # (B, T, vocab)
    if targets is None:
        return logits, None
    return logits, F.cross_entropy(logits.view(-1, logits.size(-1)), targets.reshape(-1), ignore_index=IGNORE)
