"""Loss and gradient of a GPT on a batch, by hand: the pure-Python reference of training.

The forward pass is the model's own (``GPT.forward(ids, trace=True)`` keeps every intermediate
tensor, by name); backpropagation walks the same tensors in reverse with the derivatives of
``backward.py``. For one sequence of T tokens::

    logits = ln_f(x_L) wte^T               ->  dwte += dlogits^T ln_f,   dx_L = ln_f'(dlogits wte)
    x_l = m + mlp(ln_2(m)),  m = x_{l-1} + attn(ln_1(x_{l-1}))      (each block, last to first)
    x_0 = wte[ids] + wpe[:T]               ->  dwte[ids[t]] += dx_0[t],  dwpe[t] += dx_0[t]

The loss is the mean cross-entropy over every counted target of the batch (targets of -1 are not
counted), as ``F.cross_entropy(..., ignore_index=-1)`` in ``lmdocs.recipes.model``; the batch is a
loop over its sequences. Gradients come back under the weights' names (``lm_head`` is tied to
``wte``, so wte's gradient holds both uses).

>>> from lmdocs.transformer.config import GPTConfig
>>> from lmdocs.transformer.init import random_gpt
>>> model = random_gpt(GPTConfig(block_size=4, vocab_size=3, n_layer=1, n_head=1, n_embd=2), seed=0)
>>> loss, grads = loss_and_grads(model, [[0, 1, 2]], [[1, 2, 0]])
>>> round(loss, 3), len(grads["transformer.wpe.weight"])  # about ln 3 before training
(1.087, 4)
"""
from __future__ import annotations

import math

from lmdocs.transformer.attention import merge_heads
from lmdocs.transformer.backward import (add_into, attention_backward, cross_entropy, gelu_backward,
                                         layer_norm_backward, linear_backward)
from lmdocs.transformer.config import GPTConfig
from lmdocs.transformer.model import GPT
from lmdocs.transformer.ops import Matrix, add


def check_batch(config: GPTConfig, inputs: list, targets: list | None = None) -> int:
    """Raise ValueError unless inputs (B, T) and targets (B, T) fit the model; returns the counted targets."""
    if not isinstance(inputs, list) or not inputs or not all(isinstance(row, list) for row in inputs):
        raise ValueError("inputs must be a non-empty list of token-id lists, shape (B, T).")
    length = len(inputs[0])
    if any(len(row) != length for row in inputs) or length == 0:
        raise ValueError(f"every sequence of a batch must have the same length > 0; got lengths "
                         f"{sorted({len(row) for row in inputs})}.")
    if length > config.block_size:
        raise ValueError(f"sequences of {length} tokens do not fit in block_size {config.block_size}; "
                         "cut them to block_size tokens.")
    _check_ids(inputs, config.vocab_size, "input")
    if targets is None:
        return 0
    if (not isinstance(targets, list) or len(targets) != len(inputs)
            or any(not isinstance(row, list) or len(row) != length for row in targets)):
        raise ValueError(f"targets must have the inputs' shape ({len(inputs)}, {length}).")
    _check_ids(targets, config.vocab_size, "target", allow_ignore=True)
    counted = sum(t != -1 for row in targets for t in row)
    if counted == 0:
        raise ValueError("every target is -1 (ignored); a batch needs at least one target to learn from.")
    return counted


def _check_ids(rows: list, vocab: int, what: str, allow_ignore: bool = False) -> None:
    low = -1 if allow_ignore else 0
    for row in rows:
        for i in row:
            if isinstance(i, bool) or not isinstance(i, int) or not low <= i < vocab:
                hint = " or -1 (ignored)" if allow_ignore else ""
                raise ValueError(f"{what} id {i!r} is out of range; ids must be integers in 0..{vocab - 1}{hint}.")


def loss_and_grads(model: GPT, inputs: list[list[int]], targets: list[list[int]]) -> tuple[float, dict[str, list]]:
    """Mean cross-entropy of the batch (nats per counted target) and d loss / d every weight."""
    counted = check_batch(model.config, inputs, targets)
    grads = {name: _zeros_like(value) for name, value in model.weights.items()}
    total = 0.0
    for ids, row_targets in zip(inputs, targets):
        result = model.forward(ids, trace=True)
        activations = {step.name: step.value for step in result.steps}
        loss_sum, dlogits = cross_entropy(result.logits, row_targets, 1.0 / counted)
        total += loss_sum
        _backward(model, ids, activations, dlogits, grads)
    return total / counted, grads


def mean_loss(model: GPT, inputs: list[list[int]], targets: list[list[int]]) -> float:
    """The loss alone (no gradient): mean nats per counted target."""
    counted = check_batch(model.config, inputs, targets)
    total = sum(cross_entropy(model.logits(ids), row_targets, 0.0)[0] for ids, row_targets in zip(inputs, targets))
    return total / counted


def _zeros_like(value: list) -> list:
    return [[0.0] * len(row) for row in value] if value and isinstance(value[0], list) else [0.0] * len(value)


def _backward(model: GPT, ids: list[int], act: dict[str, list], dlogits: Matrix, grads: dict[str, list]) -> None:
    """Add one sequence's gradients into ``grads``, walking the traced activations backwards."""
    w = model.weights
    wte = "transformer.wte.weight"
    last = f"h.{model.config.n_layer - 1}"
    dx, dw, _ = linear_backward(dlogits, act["ln_f"], w[wte])  # logits = ln_f wte^T: lm_head is wte
    add_into(grads[wte], dw)
    dx = _layer_norm_back(dx, act[last], "transformer.ln_f", w, grads)
    for layer in reversed(range(model.config.n_layer)):
        dx = _block_backward(model, layer, act, dx, grads)
    for t, token in enumerate(ids):  # x_0 = wte[ids] + wpe[:T]
        grads[wte][token][:] = [a + b for a, b in zip(grads[wte][token], dx[t])]
        grads["transformer.wpe.weight"][t][:] = [a + b for a, b in zip(grads["transformer.wpe.weight"][t], dx[t])]


def _block_backward(model: GPT, layer: int, act: dict[str, list], dx: Matrix, grads: dict[str, list]) -> Matrix:
    """dx = d loss / d block output -> d loss / d block input; weight gradients added to grads."""
    p, w = f"h.{layer}.", model.weights
    name = f"transformer.h.{layer}."
    x_in = act[f"h.{layer - 1}"] if layer else act["embed"]
    # x_out = m + c_proj(gelu(c_fc(ln_2(m))))
    dh = _linear_back(dx, act[p + "mlp.gelu"], name + "mlp.c_proj", w, grads)
    dh = [gelu_backward(g, f) for g, f in zip(dh, act[p + "mlp.c_fc"])]
    dh = _linear_back(dh, act[p + "ln_2"], name + "mlp.c_fc", w, grads)
    dx = add(dx, _layer_norm_back(dh, act[p + "attn_residual"], name + "ln_2", w, grads))
    # m = x_in + c_proj(attention(c_attn(ln_1(x_in))))
    dy = _linear_back(dx, act[p + "attn.heads"], name + "attn.c_proj", w, grads)
    q, k, v, probs = act[p + "attn.q"], act[p + "attn.k"], act[p + "attn.v"], act[p + "attn.weights"]
    hs = len(q[0][0])
    per_head = [attention_backward([row[h * hs:(h + 1) * hs] for row in dy], q[h], k[h], v[h], probs[h])
                for h in range(len(q))]
    dq, dk, dv = (merge_heads([grads_of_head[i] for grads_of_head in per_head]) for i in range(3))
    dqkv = [a + b + c for a, b, c in zip(dq, dk, dv)]  # (T, 3C): q, k, v side by side as c_attn's output
    dh = _linear_back(dqkv, act[p + "ln_1"], name + "attn.c_attn", w, grads)
    return add(dx, _layer_norm_back(dh, x_in, name + "ln_1", w, grads))


def _linear_back(dy: Matrix, x: Matrix, name: str, w: dict, grads: dict) -> Matrix:
    dx, dw, db = linear_backward(dy, x, w[name + ".weight"])
    add_into(grads[name + ".weight"], dw)
    if name + ".bias" in grads:
        add_into(grads[name + ".bias"], db)
    return dx


def _layer_norm_back(dy: Matrix, x: Matrix, name: str, w: dict, grads: dict) -> Matrix:
    dx, dw, db = layer_norm_backward(dy, x, w[name + ".weight"])
    add_into(grads[name + ".weight"], dw)
    if name + ".bias" in grads:
        add_into(grads[name + ".bias"], db)
    return dx


def bits(nats: float) -> float:
    """Nats per character -> bits per character (divide by ln 2)."""
    return nats / math.log(2.0)
