"""PyTorch training recipes: a GPT (nanoGPT's names and math), an LSTM and a minGRU, one trainer.

    python -m lmdocs.recipes.data --config=tiny                # prepare the token files (optional)
    python -m lmdocs.recipes.train --config=tiny               # a few minutes on a laptop CPU
    python -m lmdocs.recipes.sample --ckpt=runs/tiny/best.pt --prompt="الا یا"
    python -m lmdocs.recipes.evaluate --ckpt=runs/tiny/best.pt --text=held_out.txt
    python -m lmdocs.recipes.sft --init_from=runs/tiny/best.pt --data=chat.jsonl
    python -m lmdocs.recipes.export --ckpt=runs/tiny/best.pt --out=tiny_gpt.json
    torchrun --standalone --nproc_per_node=8 -m lmdocs.recipes.train --config=gpt2-small

Modules, one concept each: ``config`` (dataclass configs, presets, ``--key=value`` overrides,
RecipeError) and ``config_files`` (TOML or plain-assignment .py configs), ``data`` (preparing token
files with a ``lmdocs.tokenizers`` tokenizer, memory-mapped batches), ``conversations`` (JSONL chats
with ``lmdocs.chat``'s loss mask), ``model`` (GPT, imports only torch), ``baselines`` (LSTM, minGRU),
``loss`` (the output layer and cross-entropy, plain or fused in chunks), ``factory`` (every model
built from its name), ``evaluate`` (bits per character), ``checkpoint`` (atomic save, validated
load), ``files`` (atomic writes, one-line file-system errors), ``distributed`` (DDP setup),
``metrics`` (JSONL log, log lines, MFU, loss plot), ``run`` (one training run's state, started fresh,
from a checkpoint or from given data), ``outputs`` (what a run writes: ckpt.pt, best.pt, the last N,
good-checkpoint checks, restore), ``train``, ``sft`` and ``sample`` (the commands), ``export`` (a
checkpoint as the JSON model file of lmdocs.transformer).

Nothing is imported here, so ``import lmdocs.recipes`` works without torch installed; import the
module you need (``from lmdocs.recipes.model import GPT, GPTConfig``).
"""
