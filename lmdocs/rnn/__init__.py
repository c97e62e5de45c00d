"""Character-level recurrent language models in pure Python, with hand-written backprop.

Cells: vanilla RNN, LSTM, GRU, minGRU; truncated BPTT, gradient clipping, Adam and Adagrad,
sampling with temperature, versioned JSON checkpoints. Each derivative sits next to its forward
formula in the cell's module; tests/unit/rnn/test_rnn_torch.py checks every gradient against torch.
CharTokenizer (characters <-> ids) is lmdocs.tokenizers', the one every model of lmdocs uses.

>>> from lmdocs.rnn import CharRNN, CharTokenizer, Trainer, TrainConfig, sample
>>> text = "to be or not to be " * 20
>>> model = CharRNN(CharTokenizer.from_text(text), cell="lstm", hidden_size=16, seed=0)
>>> trainer = Trainer(model, text, TrainConfig(seq_len=16, learning_rate=0.01))
>>> losses = trainer.train(60)
>>> losses[-1] < losses[0]
True
"""
from lmdocs.rnn.io import (Checkpoint, checkpoint_from_json, checkpoint_to_json, load_checkpoint,
                           load_pretrained, resume, save_checkpoint)
from lmdocs.rnn.model import CELLS, CharRNN
from lmdocs.rnn.optim import Adagrad, Adam, clip_grad_norm, grad_norm
from lmdocs.rnn.sample import sample
from lmdocs.rnn.train import TrainConfig, Trainer, TrainingDiverged
from lmdocs.rnn.vanishing import state_gradient_norms
from lmdocs.tokenizers import CharTokenizer

__all__ = [
    "CELLS", "Adagrad", "Adam", "CharRNN", "CharTokenizer", "Checkpoint", "TrainConfig", "Trainer",
    "TrainingDiverged", "checkpoint_from_json", "checkpoint_to_json", "clip_grad_norm", "grad_norm",
    "load_checkpoint", "load_pretrained", "resume", "sample", "save_checkpoint", "state_gradient_norms",
]
