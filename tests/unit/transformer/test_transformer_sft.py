"""Fine-tuning in the page (lmdocs.transformer.sft): the loss counts the answers only, new characters get
rows, and a batch's loss is the one torch computes on the answer characters alone."""
from __future__ import annotations

import math

import pytest

from lmdocs import chat
from lmdocs.tokenizers import CharTokenizer
from lmdocs.transformer.config import GPTConfig
from lmdocs.transformer.grad import loss_and_grads
from lmdocs.transformer.init import random_gpt
from lmdocs.transformer.sft import SFTTrainer, encode_conversation, pad_batch, reply, with_chat_vocabulary
from lmdocs.transformer.train import TrainConfig

CHARS = "\n abcd"
CONFIG = GPTConfig(block_size=16, vocab_size=len(CHARS), n_layer=1, n_head=2, n_embd=8)
QA = [{"role": "user", "content": "ab"}, {"role": "assistant", "content": "cd"}]


def small_model(block_size: int = 16):
    config = GPTConfig(**{**CONFIG.to_dict(), "block_size": block_size})
    return with_chat_vocabulary(random_gpt(config, CharTokenizer(CHARS), seed=0), [QA], seed=1)


def test_the_targets_count_the_answer_and_its_line_break_only():
    model = small_model()
    # By hand: "> ab\n< cd\n" is > ␣ a b ⏎ < ␣ c d ⏎ (positions 0-9); the loss counts c, d and the final
    # line break (positions 7, 8, 9), which position t predicts as target t-1.
    ids = [model.tokenizer.chars.index(c) for c in "> ab\n< cd\n"]
    inputs, targets = encode_conversation(model, QA)
    assert inputs == ids[:9]
    assert targets == [-1, -1, -1, -1, -1, -1, ids[7], ids[8], ids[9]]


def test_a_long_conversation_is_cut_from_the_left_and_keeps_its_answer():
    model = small_model(block_size=8)
    inputs, targets = encode_conversation(model, QA)  # 10 characters, a window of 8 (+1 for the last target)
    ids = [model.tokenizer.chars.index(c) for c in "> ab\n< cd\n"]
    assert inputs == ids[1:9] and targets == [-1, -1, -1, -1, -1, ids[7], ids[8], ids[9]]


def test_new_characters_get_rows_and_the_old_model_is_untouched():
    base = random_gpt(CONFIG, CharTokenizer(CHARS), seed=0)
    before = [row[:] for row in base.weights["transformer.wte.weight"]]
    grown = with_chat_vocabulary(base, [QA], seed=1)
    assert grown.tokenizer.chars == CHARS + "<>"  # the template's markers, after the model's own
    assert grown.config.vocab_size == len(CHARS) + 2
    wte = grown.weights["transformer.wte.weight"]
    assert wte[:len(CHARS)] == before and base.weights["transformer.wte.weight"] == before
    assert len(wte) == len(CHARS) + 2 and all(abs(x) < 0.2 for row in wte[len(CHARS):] for x in row)
    assert base.config.vocab_size == len(CHARS)


def test_padding_is_never_counted():
    inputs, targets = pad_batch([([1, 2, 3], [-1, 4, 5]), ([1], [2])], pad_id=0)
    assert inputs == [[1, 2, 3], [1, 0, 0]] and targets == [[-1, 4, 5], [2, -1, -1]]


def test_the_batch_loss_is_torch_cross_entropy_on_the_answer_characters():
    torch = pytest.importorskip("torch")
    from lmdocs.recipes.model import GPT as TorchGPT
    from lmdocs.recipes.model import GPTConfig as TorchConfig
    model = small_model()
    conversations = [QA, [{"role": "user", "content": "d"}, {"role": "assistant", "content": "abba"}]]
    pairs = [encode_conversation(model, c) for c in conversations]
    inputs, targets = pad_batch(pairs, model.encode("\n")[0])
    loss, _ = loss_and_grads(model, inputs, targets)
    twin = TorchGPT(TorchConfig(**model.config.to_dict(), dropout=0.0)).double()
    state = {name: torch.tensor(value, dtype=torch.float64) for name, value in model.weights.items()}
    state["lm_head.weight"] = state["transformer.wte.weight"]
    twin.load_state_dict(state)
    # independently: each conversation alone, the log-probabilities of the answer characters only
    total, count = 0.0, 0
    for messages in conversations:
        text = chat.render(messages)[0]
        answer_start = text.rindex(chat.ASSISTANT) + len(chat.ASSISTANT)
        ids = torch.tensor([model.encode(text)])
        with torch.no_grad():
            logits = twin.eval()(ids[:, :-1])[0][0]
        logp = torch.log_softmax(logits, dim=-1)
        for position in range(answer_start, len(text)):  # the answer, then its line break
            total -= float(logp[position - 1, ids[0, position]])
            count += 1
    assert count == 3 + 5
    assert math.isclose(loss, total / count, rel_tol=1e-12)


def test_fine_tuning_learns_the_answers_and_reply_stops_at_the_line_break():
    model = small_model()
    trainer = SFTTrainer(model, [QA], [QA], TrainConfig(batch_size=2, learning_rate=0.03, warmup_steps=0),
                         kernel="python")
    first = trainer.evaluate()
    trainer.train(60)
    assert trainer.evaluate() < 0.1 * first
    assert reply(model, "ab") == "cd"  # then the line break, which ends the answer
    assert trainer.tokens_seen == 60 * 2  # conversations, not characters


def test_a_conversation_whose_answer_falls_outside_the_window_is_refused():
    model = small_model(block_size=4)
    with pytest.raises(ValueError, match="no answer inside the model's window"):
        encode_conversation(model, [{"role": "assistant", "content": "c"}, {"role": "user", "content": "abcd"}])
