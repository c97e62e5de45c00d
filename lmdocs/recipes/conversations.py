"""Conversations for supervised fine-tuning: a JSONL file read line by line, tokenised with the chat
template's loss mask, and drawn as padded batches by the trainer.

>>> import tempfile, pathlib, json
>>> from lmdocs import chat
>>> from lmdocs.tokenizers import CharTokenizer
>>> path = pathlib.Path(tempfile.mkdtemp()) / "chat.jsonl"
>>> line = {"messages": [{"role": "user", "content": "ab"}, {"role": "assistant", "content": "ba"}]}
>>> _ = path.write_text(json.dumps(line) + "\\n", encoding="utf-8")
>>> conversations = read_conversations(path)
>>> tokenizer = chat.extend_tokenizer(CharTokenizer("\\nab"), conversations)
>>> tokenizer.chars
'\\nab <>'
>>> x, y = encode_conversation(conversations[0], tokenizer, block_size=16)
>>> tokenizer.decode(x), [tokenizer.decode([t]) if t >= 0 else "-" for t in y]
('> ab\\n< ba', ['-', '-', '-', '-', '-', '-', 'b', 'a', '\\n'])
>>> import shutil; shutil.rmtree(path.parent)

Each line of the file is ``{"messages": [{"role": "user", "content": ...}, {"role": "assistant",
"content": ...}, ...]}``; a blank line is skipped, anything else that is wrong stops with one line
naming its line number. A conversation is rendered with ``lmdocs.chat`` and encoded piece by piece
(``chat.segments``), so a BPE token never spans the prompt and the answer; the targets are the next
tokens, and -1 (left out of the loss) where the next token is not part of an answer. A character
model's tokenizer gains the characters the conversations use and it never saw (at least the
template's ">" and "<"), at the end of its table (``chat.extend_tokenizer``), and the model a row
for each.

The last ``val_fraction`` of the conversations is held out and scored on its answers only: the
loss per answer token and bits per answer character. Batches: one draw of the step's global batch of
conversations (``BatchSampler``), each process and micro-batch taking its rows as for text; each
conversation is one row, cut to block_size + 1 tokens and padded to block_size (padding targets -1).
The loss of a micro-batch is the mean over its answer tokens.
Not handled: packing several short conversations into one row; conversations longer than the
context (their end is cut, and the count of those is printed).
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import torch
import torch.nn.functional as F

from lmdocs import chat
from lmdocs.recipes.config import RecipeError, TrainConfig
from lmdocs.recipes.data import BatchSampler, micro_batch_rows
from lmdocs.recipes.distributed import Context, sum_across
from lmdocs.recipes.evaluate import bits_per_unit
from lmdocs.recipes.loss import IGNORE
from lmdocs.tokenizers import Tokenizer, tokenizer_from_dict

Example = tuple[list[int], list[int]]  # (inputs, targets with -1 where the loss does not count)


def read_conversations(path: str | Path) -> list[list[dict]]:
    """The message lists of a JSONL file; RecipeError naming the line of the first malformed one."""
    path = Path(path)
    if not path.is_file():
        raise RecipeError(f"conversation file {path} does not exist; give a .jsonl file with --data")
    conversations = []
    with open(path, "rb") as f:
        for number, raw in enumerate(f, 1):
            try:
                line = raw.decode("utf-8")
                if not line.strip():
                    continue
                record = json.loads(line)
                if not isinstance(record, dict) or "messages" not in record:
                    raise ValueError('expected an object {"messages": [...]}')
                messages = chat.check_messages(record["messages"])
                if not any(m["role"] == "assistant" for m in messages):
                    raise ValueError("no assistant message, so nothing to learn from it")
            except UnicodeDecodeError as error:
                raise RecipeError(f"{path} line {number}: not UTF-8 ({error.reason})") from None
            except json.JSONDecodeError as error:
                raise RecipeError(f"{path} line {number}: not JSON ({error.msg}, column {error.colno})") from None
            except ValueError as error:
                raise RecipeError(f"{path} line {number}: {error}") from None
            conversations.append(messages)
    if not conversations:
        raise RecipeError(f"{path} has no conversations; write one JSON object per line")
    return conversations


def encode_conversation(messages: list[dict], tokenizer: Tokenizer, block_size: int) -> Example:
    """(inputs, targets) of one conversation, at most block_size long: targets -1 outside the answers."""
    ids, counted = [], []
    for text, in_answer in chat.segments(messages):
        piece = tokenizer.encode(text)
        ids += piece
        counted += [in_answer] * len(piece)
    ids, counted = ids[:block_size + 1], counted[:block_size + 1]
    targets = [token if keep else IGNORE for token, keep in zip(ids[1:], counted[1:])]
    return ids[:-1], targets


@dataclass
class Conversations:
    """Encoded training and validation conversations, with what the trainer asks of its data."""

    meta: dict  # tokenizer (as a dict), vocab_size
    train: list[Example]
    val: list[Example] = field(default_factory=list)
    val_answer_chars: int = 0  # characters of the validation answers (their line breaks included)

    @property
    def tokenizer(self) -> Tokenizer:
        return tokenizer_from_dict(self.meta["tokenizer"])

    @property
    def has_validation(self) -> bool:
        return bool(self.val)

    def describe(self) -> str:
        answers = sum(sum(t != IGNORE for t in y) for _, y in self.train)
        return f"{len(self.train):,} training conversations ({answers:,} answer tokens)"

    def step_batches(self, sampler: BatchSampler, cfg: TrainConfig, ctx: Context) -> list[tuple[torch.Tensor, torch.Tensor]]:
        """This process's micro-batches of the next step's global batch of conversations."""
        picks = sampler.offsets(cfg.batch_size * cfg.grad_accum * ctx.world_size, high=len(self.train))
        return [pad([self.train[int(i)] for i in picks[rows]], cfg.block_size) for rows in micro_batch_rows(cfg, ctx)]

    @torch.no_grad()
    def validate(self, model: torch.nn.Module, cfg: TrainConfig, ctx: Context, autocast) -> dict:
        """Loss per answer token and bits per answer character of the held-out conversations."""
        was_training = model.training
        model.eval()
        total = torch.zeros(2, dtype=torch.float64, device=ctx.device)  # nats, answer tokens
        mine = self.val[ctx.rank::ctx.world_size]
        for start in range(0, len(mine), cfg.batch_size):
            x, y = (t.to(ctx.device) for t in pad(mine[start:start + cfg.batch_size], cfg.block_size))
            with autocast:
                logits, _ = model(x)
            nats = F.cross_entropy(logits.float().view(-1, logits.size(-1)), y.view(-1), ignore_index=IGNORE,
                                   reduction="sum")
            total += torch.stack([nats.double(), (y != IGNORE).sum().double()])
        model.train(was_training)
        nats, count = (float(v) for v in sum_across(ctx, total))
        return {"val_loss": nats / count, "bpc": bits_per_unit(nats, self.val_answer_chars)}


def pad(examples: list[Example], block_size: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs (B, block_size) padded with 0 and targets padded with -1 (padding adds nothing to the loss)."""
    x = torch.zeros(len(examples), block_size, dtype=torch.long)
    y = torch.full((len(examples), block_size), IGNORE, dtype=torch.long)
    for row, (inputs, targets) in enumerate(examples):
        x[row, :len(inputs)] = torch.tensor(inputs, dtype=torch.long)
        y[row, :len(targets)] = torch.tensor(targets, dtype=torch.long)
    return x, y


def load_conversations(path: str | Path, tokenizer: Tokenizer, block_size: int, val_fraction: float,
                       verbose: bool = True) -> Conversations:
    """Read, encode and split the conversations of ``path`` (the last ``val_fraction`` held out)."""
    conversations = read_conversations(path)
    try:
        examples = [encode_conversation(messages, tokenizer, block_size) for messages in conversations]
    except ValueError as error:  # a character the tokenizer lacks (chat.extend_tokenizer first)
        raise RecipeError(f"{path}: {error}") from None
    cut = [i for i, messages in enumerate(conversations) if len(tokenizer.encode(chat.render(messages)[0])) > block_size + 1]
    if cut and verbose:
        print(f"{len(cut)} of {len(examples)} conversations are longer than block_size + 1 = {block_size + 1} "
              "tokens; their ends are cut", file=sys.stderr)
    n_val = int(len(examples) * val_fraction)
    train, val = examples[:len(examples) - n_val], examples[len(examples) - n_val:]
    if not any(t != IGNORE for _, y in train for t in y):
        raise RecipeError(f"{path}: no answer token fits in the first {block_size + 1} tokens of any training "
                          "conversation; raise --block_size or shorten the prompts")
    if not any(t != IGNORE for _, y in val for t in y):
        val = []  # no held-out answer fits the context: nothing to score
    answer_chars = sum(len(tokenizer.decode([t for t in y if t != IGNORE])) for _, y in val)
    meta = {"tokenizer": tokenizer.to_dict(), "vocab_size": tokenizer.vocab_size, "conversations": len(examples)}
    return Conversations(meta, train, val, answer_chars)
