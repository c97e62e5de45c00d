"""PyTorch training recipes: a GPT (nanoGPT's names and math), an LSTM and a minGRU, one trainer.

    python -m lmdocs.recipes.train --config=tiny             # a few minutes on a laptop CPU
    python -m lmdocs.recipes.sample --ckpt=runs/tiny/ckpt.pt --prompt="الا یا"
    torchrun --standalone --nproc_per_node=8 -m lmdocs.recipes.train --config=gpt2-small

Modules, one concept each: ``config`` (dataclass configs, ``--key=value`` overrides, RecipeError),
``data`` (preparing token files with a ``lmdocs.tokenizers`` tokenizer, memory-mapped batches),
``model`` (GPT, imports only torch), ``baselines`` (LSTM, minGRU), ``factory`` (every model built
from its name), ``evaluate`` (bits per character), ``checkpoint`` (atomic save, validated load),
``distributed`` (DDP setup), ``metrics`` (JSONL log, MFU, loss plot), ``run`` (one training run's
state: started fresh or from a checkpoint, saved), ``train`` and ``sample`` (the two commands),
``export`` (a checkpoint as the JSON model file of lmdocs.transformer).

Nothing is imported here, so ``import lmdocs.recipes`` works without torch installed; import the
module you need (``from lmdocs.recipes.model import GPT, GPTConfig``).
"""
