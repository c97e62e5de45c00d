"""Supervised fine-tuning in the page: train a GPT on conversations, counting the loss on answers only.

    chat_model = with_chat_vocabulary(model, conversations)     # ">" and "<" get embedding rows
    trainer = SFTTrainer(chat_model, conversations, held_out, TrainConfig(batch_size=8, learning_rate=1e-3))
    trainer.train(100)                                            # in JavaScript in Pyodide, as Trainer
    reply(chat_model, "مصراع دوم: ...")                          # the model's answer, up to its line break

Each conversation is rendered with the chat template of ``lmdocs.chat`` and cropped to the model's
window from the left (the answer sits at the end, as it will when the model answers); the target
of every position whose next character the mask does not count (the user's words, the markers) is
-1, which the loss skips (``grad.loss_and_grads`` and the JavaScript kernel, as PyTorch's
``ignore_index=-1``). A batch is ``batch_size`` conversations drawn with the trainer's random
generator, padded at the end to the longest one with ignored targets. Everything else (AdamW, the
warm-up, clipping, Stop and continue, the JavaScript kernel) is ``train.Trainer``'s.

The new characters of the conversations get embedding rows drawn as nanoGPT draws them (normal,
std 0.02), after the model's own, in the order of ``chat.extend_tokenizer``, as the GPU recipe
(``lmdocs.recipes.sft``) does.

Not handled: packing several conversations into one window, multi-turn conversations longer than
the window (their start is cut off).
"""
from __future__ import annotations

import copy
import random

from lmdocs import chat
from lmdocs.transformer import jskernel
from lmdocs.transformer.config import GPTConfig
from lmdocs.transformer.generate import iter_generate
from lmdocs.transformer.grad import mean_loss
from lmdocs.transformer.init import INIT_STD
from lmdocs.transformer.model import GPT
from lmdocs.transformer.train import TrainConfig, Trainer

WTE = "transformer.wte.weight"


def with_chat_vocabulary(model: GPT, conversations: list[list[dict]], seed: int = 0) -> GPT:
    """A copy of ``model`` whose character tokenizer also knows the conversations' characters (and the
    template's); each new character gets an embedding row drawn from normal(0, 0.02) with ``seed``."""
    if model.tokenizer is None:
        raise ValueError("this model has no tokenizer; fine-tuning needs one to encode the conversations.")
    tokenizer = chat.extend_tokenizer(model.tokenizer, conversations)
    weights = copy.deepcopy(model.weights)
    config = model.config
    if tokenizer.vocab_size > config.vocab_size:
        rng = random.Random(seed)
        extra = tokenizer.vocab_size - config.vocab_size
        weights[WTE] += [[rng.gauss(0.0, INIT_STD) for _ in range(config.n_embd)] for _ in range(extra)]
        config = GPTConfig(**{**config.to_dict(), "vocab_size": tokenizer.vocab_size})
    return GPT(config, weights, tokenizer, {**model.metadata, "chat_vocabulary": True})


def encode_conversation(model: GPT, messages: list[dict]) -> tuple[list[int], list[int]]:
    """(inputs, targets) of one conversation, at most block_size long: targets are the next token where
    the chat mask counts it, -1 elsewhere."""
    text, mask = chat.render(messages)
    ids = model.encode(text)
    keep = model.config.block_size + 1
    ids, mask = ids[-keep:], mask[-keep:]
    targets = [token if counted else -1 for token, counted in zip(ids[1:], mask[1:])]
    if all(t == -1 for t in targets):
        raise ValueError("this conversation has no answer inside the model's window; shorten the question.")
    return ids[:-1], targets


def pad_batch(pairs: list[tuple[list[int], list[int]]], pad_id: int) -> tuple[list[list[int]], list[list[int]]]:
    """Pad every (inputs, targets) to the longest: inputs with ``pad_id``, targets with -1 (ignored)."""
    length = max(len(inputs) for inputs, _ in pairs)
    return ([inputs + [pad_id] * (length - len(inputs)) for inputs, _ in pairs],
            [targets + [-1] * (length - len(targets)) for _, targets in pairs])


class SFTTrainer(Trainer):
    """``Trainer`` on conversations: random batches of whole conversations, loss on the answers only."""

    def __init__(self, model: GPT, conversations: list[list[dict]], held_out: list[list[dict]] | None = None,
                 config: TrainConfig | None = None, kernel: str = "auto"):
        if not conversations:
            raise ValueError("give at least one conversation to fine-tune on.")
        self.examples = [encode_conversation(model, messages) for messages in conversations]
        self.held_out = [encode_conversation(model, messages) for messages in held_out or []]
        self.pad_id = model.encode(chat.END)[0]
        longest = max(len(inputs) for inputs, _ in self.examples)
        config = config or TrainConfig()
        config = TrainConfig.from_dict({**config.__dict__, "seq_len": longest})  # the session's buffer size
        # the parent's flat ids (checked there, unused by next_batch): every conversation, whole
        ids = [token for inputs, targets in self.examples for token in inputs + targets[-1:]]
        super().__init__(model, ids, None, config, kernel)

    def next_batch(self) -> tuple[list[list[int]], list[list[int]]]:
        picks = [self.examples[self.rng.randrange(len(self.examples))] for _ in range(self.config.batch_size)]
        return pad_batch(picks, self.pad_id)

    def _record(self, loss: float) -> None:
        super()._record(loss)
        self.tokens_seen -= self.config.batch_size * self.config.seq_len  # count conversations instead
        self.tokens_seen += self.config.batch_size

    def evaluate(self, ids=None, windows: int = 32) -> float:
        """Mean loss (nats per answer character) on ``windows`` evenly spaced held-out conversations."""
        if not self.held_out:
            raise ValueError("this trainer has no held-out conversations; pass held_out to SFTTrainer.")
        stride = max(1, len(self.held_out) // windows)
        chosen = self.held_out[::stride][:windows]
        size = self.config.batch_size
        batches = [pad_batch(chosen[i:i + size], self.pad_id) for i in range(0, len(chosen), size)]
        counts = [sum(t != -1 for row in targets for t in row) for _, targets in batches]
        if self.kernel != "js":
            losses = [mean_loss(self.model, inputs, targets) for inputs, targets in batches]
        else:
            session = self._js_session()
            session.upload(self.model.weights)
            losses = [session.loss(inputs, targets) for inputs, targets in batches]
        return sum(loss * n for loss, n in zip(losses, counts)) / sum(counts)


def reply(model: GPT, question: str, max_chars: int = 48) -> str:
    """The model's greedy answer to one user message: what it writes after the template's "< ", up
    to its first line break (or ``max_chars`` characters). Characters it does not know are left out.
    In Pyodide the logits come from the JavaScript kernel (pure Python is slow there)."""
    ids = model.encode(chat.prompt([{"role": "user", "content": question.replace(chat.END, " ")}]),
                       skip_unknown=True)
    ids = ids[-model.config.block_size:]
    end = model.encode(chat.END)[0]
    out = []
    for token in _greedy(model, ids, max_chars):
        if token == end:
            break
        out.append(token)
    return model.decode(out)


def _greedy(model: GPT, ids: list[int], max_new: int):
    if not jskernel.available():
        yield from iter_generate(model, ids, max_new, temperature=0)
        return
    session = jskernel.JsSession(model.config, model.config.block_size)
    session.upload(model.weights)
    context = list(ids)
    for _ in range(max_new):
        logits = session.next_logits(context[-model.config.block_size:])
        token = max(range(len(logits)), key=logits.__getitem__)  # first index on ties, as generate()
        context.append(token)
        yield token
