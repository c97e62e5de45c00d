"""`python -m lmdocs.recipes.data` prepares what training reads; `python -m lmdocs.recipes.evaluate` scores a
checkpoint on a text file in bits per character (against log-softmax by hand)."""
import math

import torch

from lmdocs.recipes import data, evaluate
from lmdocs.recipes.checkpoint import save_checkpoint
from lmdocs.recipes.factory import build_model
from lmdocs.tokenizers import CharTokenizer

TEXT = "الا یا ایها الساقی ادر کاسا و ناولها\nکه عشق آسان نمود اول ولی افتاد مشکل‌ها\n"


def test_data_command_prepares_the_cache_training_reads(tmp_path, capsys):
    (tmp_path / "poems.txt").write_text(TEXT * 30, encoding="utf-8")
    argv = [f"--data={tmp_path / 'poems.txt'}", "--tokenizer=byte", f"--data_cache={tmp_path / 'cache'}",
            "--val_fraction=0.1"]
    assert data.main(argv) == 0
    out = capsys.readouterr().out
    prepared = data.prepare(str(tmp_path / "poems.txt"), "byte", tmp_path / "cache", 0.1)
    assert out.startswith(f"{prepared.directory}: byte tokenizer, 256 token ids; ")
    total = len((TEXT * 30).encode("utf-8"))
    assert f"{len(prepared.train):,} training and {len(prepared.val):,} validation tokens" in out
    assert len(prepared.train) + len(prepared.val) == total
    assert data.main([f"--data={tmp_path / 'missing.txt'}"]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert data.main(["--help"]) == 0 and "--tokenizer=char" in capsys.readouterr().out


def test_evaluate_command_gives_bits_per_character_of_a_file(tmp_path, capsys):
    tokenizer = CharTokenizer.from_text(TEXT)
    args = dict(block_size=128, vocab_size=tokenizer.vocab_size, n_layer=1, n_head=2, n_embd=16)
    torch.manual_seed(0)
    model = build_model("gpt", args).eval()
    save_checkpoint(tmp_path / "ckpt.pt", {"model_type": "gpt", "model_args": args, "model": model.state_dict(),
                                           "config": {}, "step": 1, "tokenizer": tokenizer.to_dict()})
    (tmp_path / "verse.txt").write_text(TEXT, encoding="utf-8")
    assert evaluate.main(["--ckpt", str(tmp_path / "ckpt.pt"), "--text", str(tmp_path / "verse.txt")]) == 0
    printed = capsys.readouterr().out
    ids = tokenizer.encode("\n" + TEXT)  # the file is read as if it started a line
    with torch.no_grad():
        log_probs = torch.log_softmax(model(torch.tensor([ids[:-1]]))[0][0].double(), -1)
    nats = -sum(log_probs[i, ids[i + 1]] for i in range(len(ids) - 1)).item()
    assert f"{nats / math.log(2) / len(TEXT):.4f} bits per character" in printed
    assert f"{nats / math.log(2) / len(TEXT.encode('utf-8')):.4f} bits per byte" in printed
    (tmp_path / "latin.txt").write_text("hello", encoding="utf-8")
    assert evaluate.main(["--ckpt", str(tmp_path / "ckpt.pt"), "--text", str(tmp_path / "latin.txt")]) == 2
    err = capsys.readouterr().err
    assert "the text cannot be scored: the model never saw these characters" in err and err.count("\n") == 1
