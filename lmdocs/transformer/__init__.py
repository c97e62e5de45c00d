"""A small GPT in pure Python: load an exported model, follow every tensor, read the attention.

>>> from lmdocs.transformer import load_hafez_gpt            # doctest: +SKIP
>>> model = load_hafez_gpt()                                  # doctest: +SKIP
>>> model.decode(generate(model, model.encode("الا یا"), 30, temperature=0.8, seed=0))  # doctest: +SKIP

Training from random weights (in Pyodide the steps run in JavaScript, see jskernel.py):

>>> trainer = page_trainer(seed=0)                            # doctest: +SKIP
>>> trainer.train(100); trainer.evaluate()                    # doctest: +SKIP
"""
from lmdocs.tokenizers import ByteTokenizer, CharTokenizer, Tokenizer
from lmdocs.transformer.attention import (
    causal_mask,
    multi_head_attention,
    scaled_dot_product_attention,
    sinusoidal_positions,
)
from lmdocs.transformer.config import GPTConfig, parameter_shapes
from lmdocs.transformer.generate import generate, iter_generate
from lmdocs.transformer.hafez_model import HAFEZ_MODEL_FILE, load_hafez_gpt
from lmdocs.transformer.grad import loss_and_grads
from lmdocs.transformer.init import init_weights, random_gpt
from lmdocs.transformer.model import GPT, ForwardPass, KVCache, Step
from lmdocs.transformer.optim import AdamW, TrainingDiverged
from lmdocs.transformer.page_training import PAGE_MODEL, PAGE_TRAINING, page_trainer
from lmdocs.transformer.save import save_gpt
from lmdocs.transformer.train import TrainConfig, Trainer

__all__ = [
    "ByteTokenizer", "CharTokenizer", "GPT", "GPTConfig", "ForwardPass", "HAFEZ_MODEL_FILE", "KVCache", "Step",
    "Tokenizer", "causal_mask", "generate",
    "iter_generate", "load_hafez_gpt", "multi_head_attention", "parameter_shapes",
    "scaled_dot_product_attention", "sinusoidal_positions",
    # training (train.py, grad.py, optim.py, init.py, page_training.py, save.py)
    "AdamW", "PAGE_MODEL", "PAGE_TRAINING", "TrainConfig", "Trainer", "TrainingDiverged", "init_weights",
    "loss_and_grads", "page_trainer", "random_gpt", "save_gpt",
]
