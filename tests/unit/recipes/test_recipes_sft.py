"""Supervised fine-tuning (issue 15.7): the loss counts only answer tokens (against a loss masked by hand
from lmdocs.chat's mask), the vocabulary grows for the template, resume is exact, bad lines are named."""
import json
from dataclasses import asdict

import pytest
import torch

from lmdocs import chat
from lmdocs.corpora import hafez_split
from lmdocs.recipes import sample, sft
from lmdocs.recipes.checkpoint import load_checkpoint, save_checkpoint
from lmdocs.recipes.config import RecipeError, make_config
from lmdocs.recipes.conversations import Conversations, load_conversations, pad, read_conversations
from lmdocs.recipes.data import BatchSampler
from lmdocs.recipes.distributed import Context
from lmdocs.recipes.factory import build_model
from lmdocs.tokenizers import CharTokenizer


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def verses():
    lines = hafez_split()[0]
    return [(lines[i], lines[i + 1]) for i in range(0, 40, 2)]  # (first half, second half) of 20 verses


@pytest.fixture(scope="module")
def base(tmp_path_factory, verses):
    """A recipe checkpoint of a Hafez character GPT (untrained: fine-tuning does not care)."""
    folder = tmp_path_factory.mktemp("base")
    tokenizer = CharTokenizer.from_text("".join(a + "\n" + b + "\n" for a, b in verses))
    args = dict(block_size=96, vocab_size=tokenizer.vocab_size, n_layer=1, n_head=2, n_embd=16, dropout=0.0,
                bias=True)
    torch.manual_seed(0)
    model = build_model("gpt", args)
    save_checkpoint(folder / "ckpt.pt", {"model_type": "gpt", "model_args": args, "model": model.state_dict(),
                                         "config": asdict(make_config("tiny")), "step": 100,
                                         "tokenizer": tokenizer.to_dict()})
    return folder / "ckpt.pt"


def write_jsonl(path, verses):
    with open(path, "w", encoding="utf-8") as f:
        for first, second in verses:
            messages = [{"role": "user", "content": first}, {"role": "assistant", "content": second}]
            f.write(json.dumps({"messages": messages}, ensure_ascii=False) + "\n")
    return path


def test_the_loss_counts_only_the_answers(tmp_path, verses, base):
    path = write_jsonl(tmp_path / "chat.jsonl", verses[:4])
    saved = load_checkpoint(base)
    tokenizer = chat.extend_tokenizer(CharTokenizer(saved["tokenizer"]["chars"]), read_conversations(path))
    data = load_conversations(path, tokenizer, block_size=96, val_fraction=0.0)
    x, y = pad(data.train, block_size=96)
    torch.manual_seed(0)
    model = build_model("gpt", dict(block_size=96, vocab_size=tokenizer.vocab_size, n_layer=1, n_head=2, n_embd=16))
    logits, loss = model(x, y)
    logits.retain_grad()
    loss.backward()
    # the reference: chat.render's character mask, by hand (a character model: token i is character i)
    log_probs = torch.log_softmax(logits.detach().double(), -1)
    picked, prompt_positions = [], []
    for row, (first, second) in enumerate(verses[:4]):
        text, mask = chat.render([{"role": "user", "content": first}, {"role": "assistant", "content": second}])
        ids = tokenizer.encode(text)
        for i in range(min(len(ids) - 1, 96)):  # position i predicts character i + 1
            if mask[i + 1]:
                picked.append(-log_probs[row, i, ids[i + 1]])
            else:
                prompt_positions.append((row, i))
    expected = torch.stack(picked).mean()
    torch.testing.assert_close(loss.double(), expected, rtol=1e-6, atol=0)
    assert len(picked) == sum(len(b) + 1 for _, b in verses[:4])  # each answer and its line break
    grad = logits.grad
    assert all(grad[r, i].abs().max() == 0 for r, i in prompt_positions)  # no gradient from a prompt token
    assert (grad[:, :, :].abs().sum(-1) > 0).sum() == len(picked)  # nor from padding


def test_sft_grows_the_vocabulary_resumes_exactly_and_samples(tmp_path, verses, base, capsys):
    path = write_jsonl(tmp_path / "chat.jsonl", verses)
    common = [f"--init_from={base}", f"--data={path}", "--batch_size=4", "--eval_interval=2", "--ckpt_interval=2",
              "--log_interval=1", "--progress=false", "--device=cpu", "--val_fraction=0.2", "--warmup_iters=1",
              "--lr_decay_iters=4", "--dropout=0.1"]
    assert sft.main([*common, f"--out_dir={tmp_path / 'whole'}", "--max_iters=4"]) == 0
    assert sft.main([*common, f"--out_dir={tmp_path / 'split'}", "--max_iters=2"]) == 0
    assert sft.main([f"--out_dir={tmp_path / 'split'}", "--max_iters=4", "--resume"]) == 0
    out = capsys.readouterr().out
    assert "16 training conversations" in out and "bits/char" in out

    def train_losses(name):
        lines = (tmp_path / name / "metrics.jsonl").read_text(encoding="utf-8").splitlines()
        return [r["loss"] for r in map(json.loads, lines) if r["kind"] == "train"]

    assert train_losses("split") == train_losses("whole") and len(train_losses("whole")) == 4
    tuned, before = load_checkpoint(tmp_path / "split" / "ckpt.pt"), load_checkpoint(base)
    chars = tuned["tokenizer"]["chars"]
    assert chars[:len(before["tokenizer"]["chars"])] == before["tokenizer"]["chars"] and set("<>") <= set(chars)
    assert tuned["model_args"]["vocab_size"] == len(chars) > before["model_args"]["vocab_size"]
    assert (tmp_path / "split" / "best.pt").exists()
    prompt = chat.prompt([{"role": "user", "content": verses[0][0]}])
    assert sample.main(["--ckpt", str(tmp_path / "split" / "ckpt.pt"), "--prompt", prompt, "--num_tokens=5"]) == 0
    assert capsys.readouterr().out.startswith(prompt)


def test_the_new_rows_start_like_nanogpt_and_the_old_ones_are_kept(tmp_path, verses, base):
    path = write_jsonl(tmp_path / "chat.jsonl", verses)
    cfg, _, start = sft.load_sft_config([f"--init_from={base}", f"--data={path}", f"--out_dir={tmp_path}"])
    cfg, data, weights = sft.prepare_sft(cfg, None, start)
    old = start["model"]["transformer.wte.weight"]
    new = weights["transformer.wte.weight"]
    assert torch.equal(new[:len(old)], old) and new.shape[0] == cfg.vocab_size == data.meta["vocab_size"]
    assert 0.005 < new[len(old):].std() < 0.05  # normal(0, 0.02)
    assert weights["lm_head.weight"] is not None and torch.equal(weights["lm_head.weight"], new)  # still tied


def test_each_process_takes_its_rows_of_one_global_batch(verses):
    tokenizer = CharTokenizer.from_text("".join(chat.render([{"role": "user", "content": a},
                                                             {"role": "assistant", "content": b}])[0]
                                                for a, b in verses))
    examples = [([tokenizer.encode(a)[0]] * 3, [i, -1, i]) for i, (a, _) in enumerate(verses)]
    data = Conversations({"tokenizer": tokenizer.to_dict(), "vocab_size": tokenizer.vocab_size}, examples)
    cfg = make_config("tiny", {"batch_size": 2, "grad_accum": 2, "block_size": 3})
    one = data.step_batches(BatchSampler(7), make_config("tiny", {"batch_size": 4, "grad_accum": 2, "block_size": 3}),
                            Context())
    ranks = [data.step_batches(BatchSampler(7), cfg, Context(rank=r, world_size=2)) for r in (0, 1)]
    for micro in range(2):  # micro-batch m of the two processes together = micro-batch m of one process
        together = torch.cat([ranks[0][micro][1], ranks[1][micro][1]])
        assert torch.equal(together, one[micro][1])


@pytest.mark.parametrize("lines, message", [
    (['{"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]}', "{oops"],
     "line 2: not JSON (Expecting property name enclosed in double quotes, column 2)"),
    (['', '["not", "an", "object"]'], 'line 2: expected an object {"messages": [...]}'),
    (['{"messages": [{"role": "user", "content": "a"}]}'], "line 1: no assistant message"),
    (['{"messages": [{"role": "bot", "content": "a"}]}'], "line 1: message 1: role 'bot' is not one of user, assistant"),
    (['{"messages": [{"role": "user", "content": "a\\nb"}, {"role": "assistant", "content": "c"}]}'],
     "line 1: message 1: a message is one line"),
    (['{"messages": []}'], 'line 1: "messages" must be a non-empty list'),
    (['', '   '], "has no conversations"),
])
def test_a_malformed_line_is_named_by_its_number(tmp_path, lines, message):
    (tmp_path / "bad.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RecipeError) as error:
        read_conversations(tmp_path / "bad.jsonl")
    assert message in str(error.value) and "\n" not in str(error.value)


def test_the_command_says_what_is_missing(tmp_path, base, capsys):
    assert sft.main([f"--data={tmp_path / 'chat.jsonl'}", f"--out_dir={tmp_path}"]) == 2
    assert "--init_from is missing" in capsys.readouterr().err
    assert sft.main([f"--init_from={base}", "--data=hafez", f"--out_dir={tmp_path}"]) == 2
    assert "is not a .jsonl file of conversations" in capsys.readouterr().err
    (tmp_path / "x.jsonl").write_bytes(b'{"messages": [{"role": "user", "content": "\xff"}]}\n')
    assert sft.main([f"--init_from={base}", f"--data={tmp_path / 'x.jsonl'}", f"--out_dir={tmp_path}"]) == 2
    err = capsys.readouterr().err
    assert "x.jsonl line 1: not UTF-8" in err and err.count("\n") == 1
    assert sft.main(["--help"]) == 0 and "--init_from=None" in capsys.readouterr().out
