# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Train a GPT on Hafez
#
# This page is a walk-through of the project's training recipes, `lmdocs.recipes`: a compact PyTorch
# version of Karpathy's nanoGPT. We prepare the ghazals of Hafez as tokens, look at one batch, train a
# tiny GPT on a CPU, sample from it, compare it with an LSTM and a minGRU trained the same way, and end
# with the commands for one GPU and for several.
#
# The page is also a Python file (`docs/recipes/train-gpt.en.py`, in jupytext's percent format): run it
# with `python docs/recipes/train-gpt.en.py` from the repository root, or open it as a notebook in
# Jupyter. The site shows it without running it. Set the environment variable `MAX_ITERS` to train
# longer or shorter than the default 300 steps (a few minutes on a laptop CPU).
#
# ## Install
#
# From a clone of the repository, install the package with its training extras (PyTorch, NumPy, tqdm,
# matplotlib):
#
# ```bash
# pip install -e ".[train]"
# ```

# %%
import json
import os

import torch

print("torch", torch.__version__, "| CUDA GPU:", torch.cuda.is_available())
MAX_ITERS = int(os.environ.get("MAX_ITERS", "300"))  # training steps for each model on this page

# %% [markdown]
# ## Prepare the data
#
# `prepare` reads the text, splits it (for Hafez: the first 445 ghazals for training, the last 50 held
# out, so no test poem is seen in training), fits the tokenizer and writes the token ids once to
# `data-cache/`. Every later run memory-maps those files instead of reading the text again. Here the
# tokens are characters; `"byte"` gives UTF-8 bytes (two per Persian letter) and `"bpe"` a byte-level
# BPE tokenizer learned from the training text.

# %%
from lmdocs.recipes.data import prepare

data = prepare("hafez", "char")
tokenizer = data.tokenizer
print(data.meta["vocab_size"], "characters;", len(data.train), "training and", len(data.val), "validation tokens")
print(tokenizer.decode(data.train[:75].tolist()))

# %% [markdown]
# ## One batch
#
# A batch is a few windows of `block_size` tokens taken at random offsets. The targets are the same
# windows shifted by one token: at every position the model learns to predict the next character.

# %%
from lmdocs.recipes.data import BatchSampler, get_batch

offsets = BatchSampler(seed=0).offsets(2, high=len(data.train) - 32)  # two random windows
x, y = get_batch(data.train, offsets, block_size=32)
print(tuple(x.shape), tuple(y.shape))  # (batch, time)
print(repr(tokenizer.decode(x[0].tolist())))
print(repr(tokenizer.decode(y[0].tolist())))

# %% [markdown]
# ## The model
#
# `lmdocs/recipes/model.py` is nanoGPT's GPT with the same parameter names: token and position
# embeddings, blocks of causal self-attention and an MLP, each behind a LayerNorm and a residual
# connection, and an output layer that shares its weights with the token embedding. The `tiny`
# configuration has two blocks, two heads and a width of 64.

# %%
from lmdocs.recipes.model import GPT, GPTConfig

config = GPTConfig(block_size=64, vocab_size=data.meta["vocab_size"], n_layer=2, n_head=2, n_embd=64)
model = GPT(config)
print(f"{model.num_params():,} parameters")
logits, loss = model(x[:, :16], y[:, :16])
print(tuple(logits.shape), f"loss before training {loss.item():.3f} nats (uniform: ln 37 = 3.611)")

# %% [markdown]
# ## Train a tiny configuration on the CPU
#
# The trainer is a command, `python -m lmdocs.recipes.train --config=tiny`; from Python, `train.main`
# takes the same arguments. Any field of the config can be changed with `--key=value`; an unknown key
# or a value of the wrong type stops with a one-line message. The run writes everything to
# `runs/tiny/`: `ckpt.pt` (replaced atomically, so a crash never leaves half a file), `metrics.jsonl`
# and `loss.png`. `--overwrite` lets this page start again from scratch when you run it twice.

# %%
from lmdocs.recipes import train

assert train.main(["--config=tiny", f"--max_iters={MAX_ITERS}", "--overwrite"]) == 0

# %% [markdown]
# The validation score is in **bits per character**: the total loss on the held-out text, in bits,
# divided by its number of characters. Loss per token would not compare a character model with a BPE
# model, whose tokens are several characters long; bits per character does. A uniform guess among 37
# characters costs $\log_2 37 \approx 5.2$ bits.

# %%
records = [json.loads(line) for line in open("runs/tiny/metrics.jsonl", encoding="utf-8")]
evals = [r for r in records if r["kind"] == "eval"]
for r in evals:
    print(f"step {r['step']:4d}: {r['bpc']:.3f} bits per character")

# %% [markdown]
# ## Sample
#
# `sample.py` rebuilds the model and the tokenizer from what the checkpoint stored. Temperature divides
# the logits before the softmax (lower is safer, higher is wilder); top-k keeps only the k likeliest
# next characters. On the command line:
# `python -m lmdocs.recipes.sample --ckpt runs/tiny/ckpt.pt --prompt "الا یا" --temperature 0.8 --top-k 10`

# %%
from lmdocs.recipes.sample import load_model, sample

model, tokenizer = load_model("runs/tiny/ckpt.pt")
print(sample(model, tokenizer, prompt="الا یا", num_tokens=200, temperature=0.8, top_k=10))

# %% [markdown]
# ## The same trainer, two recurrent baselines
#
# `--model=lstm` and `--model=mingru` swap the GPT for an LSTM or a minGRU (a recurrent network whose
# gates do not depend on the previous state, so the whole sequence is computed with a parallel scan).
# Data, schedule, evaluation and checkpoints are the same, so the bits per character compare directly.

# %%
scores = {"tiny": evals[-1]["bpc"]}
for name in ("lstm-tiny", "mingru-tiny"):
    argv = [f"--config={name}", f"--max_iters={MAX_ITERS}", "--overwrite", "--progress=false"]
    assert train.main(argv) == 0
    lines = open(f"runs/{name}/metrics.jsonl", encoding="utf-8").read().splitlines()
    scores[name] = [json.loads(line) for line in lines if '"eval"' in line][-1]["bpc"]
for name, bpc in scores.items():
    print(f"{name:12s} {bpc:.3f} bits per character")

# %% [markdown]
# ## Continue a run
#
# `--resume` loads `runs/tiny/ckpt.pt` (weights, optimiser state, step, the random-number generators
# and the data sampler's position) and continues exactly where it stopped: the loss curve is the one
# an uninterrupted run would have drawn. A run killed at any moment loses only the steps since its last
# checkpoint (`--ckpt_interval`). Here we train the tiny run for as many steps again; past its original
# end the learning rate stays at its final value, `min_lr`.

# %%
assert train.main(["--config=tiny", f"--max_iters={2 * MAX_ITERS}", "--resume"]) == 0

# %% [markdown]
# ## On a GPU
#
# On CUDA the trainer uses bfloat16 autocast, fused attention (`scaled_dot_product_attention`),
# `torch.compile`, the fused AdamW kernel and TF32 matrix products, and reports tokens per second and
# the model FLOPs utilisation (MFU: the fraction of the GPU's peak arithmetic the model's own FLOPs
# reach). `hafez-char` is nanoGPT's Shakespeare recipe applied to Hafez (about 10 M parameters):
#
# ```bash
# python -m lmdocs.recipes.train --config=hafez-char
# python -m lmdocs.recipes.sample --ckpt runs/hafez-char/ckpt.pt --prompt "الا یا ایها الساقی" --num-samples 3
# python -m lmdocs.recipes.train --config=hafez-bpe          # the same with 1 024 BPE tokens
# ```
#
# ## Several GPUs and several machines
#
# Start the same module with `torchrun`. Each process takes its own slice of every batch and DDP
# averages the gradients, so eight processes with `--batch_size=16` follow the loss curve of one process
# with a batch of 128. `gpt2-small` is the 124-million-parameter GPT-2 shape:
#
# ```bash
# torchrun --standalone --nproc_per_node=8 -m lmdocs.recipes.train --config=gpt2-small
# # two machines with 8 GPUs each; run on both, with --node_rank=0 and --node_rank=1:
# torchrun --nnodes=2 --node_rank=0 --master_addr=10.0.0.1 --master_port=29500 --nproc_per_node=8 \
#     -m lmdocs.recipes.train --config=gpt2-small --data=path/to/texts
# ```
#
# `--data` takes a text file or a folder of `.txt` files; `--help` lists every option.
