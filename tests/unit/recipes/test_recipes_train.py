"""The trainer end to end on CPU: loss falls, resume is exact, NaN stops, bad input is one line."""
import json
import math

import numpy as np
import pytest
import torch

from lmdocs.recipes import sample, train
from lmdocs.recipes.checkpoint import load_checkpoint
from lmdocs.recipes.evaluate import bits_per_unit, evaluate
from lmdocs.recipes.model import GPT, GPTConfig


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """Tiny models run fastest on one thread, and far faster than two on a busy machine."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("data-cache")


def tiny(out, cache, *extra):
    """A GPT small enough to take a step in a few milliseconds."""
    return ["--config=tiny", f"--out_dir={out}", f"--data_cache={cache}", "--block_size=16", "--n_layer=1",
            "--n_head=2", "--n_embd=32", "--batch_size=8", "--eval_tokens=512", "--progress=false",
            "--device=cpu", "--log_interval=1", "--warmup_iters=2", *extra]


def records(run_dir, kind="train"):
    lines = (run_dir / "metrics.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, lines) if r["kind"] == kind]


@pytest.mark.parametrize("model", ["gpt", "lstm", "mingru"])
def test_tiny_model_learns(tmp_path, cache, model):
    assert train.main(tiny(tmp_path, cache, f"--model={model}", "--max_iters=40", "--learning_rate=1e-2")) == 0
    losses = [r["loss"] for r in records(tmp_path)]
    assert len(losses) == 40 and np.mean(losses[-5:]) < np.mean(losses[:3]) - 0.4
    (last_eval,) = records(tmp_path, "eval")
    assert last_eval["bpc"] < math.log2(38) - 0.5  # better than uniform over Hafez's 38 characters
    assert math.isclose(last_eval["bpc"], last_eval["val_loss"] / math.log(2))  # one token per character
    assert (tmp_path / "loss.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert load_checkpoint(tmp_path / "ckpt.pt")["step"] == 40


def test_resume_equals_an_uninterrupted_run(tmp_path, cache):
    common = ["--lr_decay_iters=8", "--dropout=0.1", "--grad_accum=2", "--ckpt_interval=4", "--eval_interval=4"]
    assert train.main(tiny(tmp_path / "whole", cache, "--max_iters=8", *common)) == 0
    assert train.main(tiny(tmp_path / "split", cache, "--max_iters=4", *common)) == 0
    assert train.main(tiny(tmp_path / "split", cache, "--max_iters=8", "--resume")) == 0
    whole, split = records(tmp_path / "whole"), records(tmp_path / "split")
    assert [r["step"] for r in split] == list(range(1, 9))
    assert [r["loss"] for r in split] == pytest.approx([r["loss"] for r in whole], rel=1e-6, abs=0)
    a, b = load_checkpoint(tmp_path / "whole" / "ckpt.pt"), load_checkpoint(tmp_path / "split" / "ckpt.pt")
    for name, tensor in a["model"].items():
        torch.testing.assert_close(b["model"][name], tensor, rtol=1e-6, atol=1e-7)
    assert a["sampler"] == b["sampler"] and b["config"]["max_iters"] == 8


def test_nan_loss_stops_and_names_the_last_good_checkpoint(tmp_path, cache, capsys):
    good = ["--max_iters=4", "--ckpt_interval=2", "--eval_interval=2"]
    assert train.main(tiny(tmp_path, cache, *good)) == 0
    capsys.readouterr()
    blow_up = ["--max_iters=20", "--learning_rate=1e30", "--min_lr=1e30", "--grad_clip=0", "--resume"]
    assert train.main(tiny(tmp_path, cache, *blow_up)) == 2
    message = capsys.readouterr().err.strip()
    assert message.startswith("error: the ") and " became nan at step " in message
    assert f"{tmp_path / 'ckpt.pt'} (step 4, val loss " in message and "is the last good checkpoint" in message
    # grad_clip was off, so the advice is to switch it on, and there is a checkpoint to resume from
    assert "--grad_clip=1.0" in message and "--resume --learning_rate=3.3e+29" in message
    assert "\n" not in message and "Traceback" not in message
    saved = load_checkpoint(tmp_path / "ckpt.pt")
    assert saved["step"] == 4 and all(torch.isfinite(t).all() for t in saved["model"].values())


def test_divergence_before_any_checkpoint_advises_no_resume(tmp_path, cache, capsys):
    # the default --grad_clip=1.0 is on already, and nothing was saved: neither is suggested
    argv = tiny(tmp_path, cache, "--max_iters=20", "--learning_rate=1e30", "--min_lr=1e30", "--warmup_iters=0",
                "--ckpt_interval=1")
    assert train.main(argv) == 2
    message = capsys.readouterr().err.strip()
    assert "before any good checkpoint was written" in message and "lower the learning rate (now 1e+30)" in message
    assert "--resume" not in message and "grad_clip" not in message and "\n" not in message
    assert not (tmp_path / "ckpt.pt").exists()


def test_an_exploding_loss_keeps_the_previous_checkpoint(tmp_path, cache, capsys):
    from lmdocs.recipes.config import make_config
    from lmdocs.recipes.distributed import Context
    from lmdocs.recipes.outputs import EXPLODING, save_run
    from lmdocs.recipes.run import start_run

    cfg = make_config("tiny", {"out_dir": str(tmp_path), "data_cache": str(cache), "n_layer": 1, "n_embd": 16,
                               "block_size": 16})
    run = start_run(cfg, Context(), None)
    save_run(run, 10, train_loss=2.5, val_loss=2.0, checkpoint_due=True)
    save_run(run, 20, train_loss=2.4, val_loss=1.8, checkpoint_due=True)
    with torch.no_grad():
        run.raw_model.lm_head.weight.mul_(3)  # a worse but finite model
    save_run(run, 30, train_loss=9.0, val_loss=EXPLODING * 1.8 + 0.01, checkpoint_due=True)
    assert "val loss 2.7100 is more than 1.5 times the best (1.8000)" in capsys.readouterr().err
    assert load_checkpoint(tmp_path / "ckpt.pt")["step"] == 20 and run.kept == (20, "val", 1.8)
    assert load_checkpoint(tmp_path / "best.pt")["step"] == 20
    save_run(run, 40, train_loss=2.0, val_loss=1.9, checkpoint_due=True)  # recovered: a good checkpoint again
    assert load_checkpoint(tmp_path / "ckpt.pt")["step"] == 40 and load_checkpoint(tmp_path / "best.pt")["step"] == 20


def test_log_lines_best_and_last_checkpoints(tmp_path, cache, capsys):
    argv = tiny(tmp_path, cache, "--max_iters=6", "--eval_interval=2", "--ckpt_interval=2", "--keep_last=2",
                "--log_interval=3", "--progress=true")
    assert train.main(argv) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("step ")]
    evals = records(tmp_path, "eval")
    assert [int(line.split(":")[0][5:]) for line in lines[:-1]] == [2, 4, 6]  # one line per evaluation
    for line, scores in zip(lines, evals):
        assert f"val loss {scores['val_loss']:.4f} ({scores['bpc']:.4f} bits/char), tok/s " in line
        assert line.endswith("mfu n/a")
    best_step = min(evals, key=lambda r: r["val_loss"])["step"]
    assert load_checkpoint(tmp_path / "best.pt")["step"] == best_step
    assert sorted(p.name for p in tmp_path.glob("ckpt-*.pt")) == ["ckpt-000004.pt", "ckpt-000006.pt"]
    assert load_checkpoint(tmp_path / "ckpt-000004.pt")["step"] == 4
    for path in tmp_path.glob("*.*"):  # every output readable by all, as any file the user writes
        assert path.stat().st_mode & 0o777 == 0o644, path
    capsys.readouterr()
    assert train.main(tiny(tmp_path / "quiet", cache, "--max_iters=4", "--eval_interval=-1", "--ckpt_interval=-1",
                           "--log_interval=2")) == 0
    out = capsys.readouterr().out
    assert "step 2: train loss " in out and "step 4: train loss " in out and "val loss" not in out
    assert not list((tmp_path / "quiet").glob("*.pt"))


def test_overwrite_moves_the_old_run_aside_first(tmp_path, cache, capsys, monkeypatch):
    assert train.main(tiny(tmp_path, cache, "--max_iters=2")) == 0
    old = load_checkpoint(tmp_path / "ckpt.pt")
    old_log = (tmp_path / "metrics.jsonl").read_text(encoding="utf-8")

    class Crash(Exception):
        pass

    def crash(*args, **kwargs):
        raise Crash  # the new run dies before its first checkpoint

    monkeypatch.setattr(train, "train_step", crash)
    with pytest.raises(Crash):
        train.main(tiny(tmp_path, cache, "--max_iters=2", "--overwrite"))
    monkeypatch.undo()
    assert not (tmp_path / "ckpt.pt").exists()  # --resume cannot mix the old run into the new one
    assert train.main(tiny(tmp_path, cache, "--max_iters=3", "--resume")) == 2
    assert "there is no checkpoint" in capsys.readouterr().err
    previous = tmp_path / "previous"
    assert load_checkpoint(previous / "ckpt.pt")["step"] == old["step"]
    assert (previous / "metrics.jsonl").read_text(encoding="utf-8") == old_log


def test_sampling_from_a_checkpoint(tmp_path, cache, capsys):
    assert train.main(tiny(tmp_path, cache, "--max_iters=3")) == 0
    capsys.readouterr()
    argv = ["--ckpt", str(tmp_path / "ckpt.pt"), "--prompt", "الا یا", "--num-tokens", "20", "--top-k", "1"]
    assert sample.main(argv) == 0
    printed = capsys.readouterr().out.rstrip("\n")
    (tmp_path / "prompt.txt").write_text("الا یا\n", encoding="utf-8")  # nanoGPT's spelling, a prompt file
    assert sample.main(["--ckpt", str(tmp_path / "ckpt.pt"), f"--prompt_file={tmp_path / 'prompt.txt'}",
                        "--num_tokens=20", "--top_k=1", "--dtype=bfloat16"]) == 0
    in_bf16 = capsys.readouterr().out.rstrip("\n")
    assert in_bf16.startswith("الا یا") and len(in_bf16) == len(printed)
    model, tok = sample.load_model(str(tmp_path / "ckpt.pt"))
    ids = torch.tensor([tok.encode("الا یا")])
    for _ in range(20):  # greedy decoding by hand
        ids = torch.cat([ids, model(ids[:, -16:])[0][:, -1].argmax(-1, keepdim=True)], dim=1)
    assert printed == tok.decode(ids[0].tolist())
    assert sample.main([*argv[:2], "--temperature", "0"]) == 2
    assert sample.main([*argv[:-2], "--top_p", "1e-9"]) == 0  # a nucleus of one token: greedy again
    assert capsys.readouterr().out.rstrip("\n") == printed
    for bad in ("0", "1.5"):
        capsys.readouterr()
        assert sample.main([*argv[:2], f"--top-p={bad}"]) == 2
        assert capsys.readouterr().err == f"error: --top-p must be in (0, 1], got {float(bad)}; 1 keeps every " \
                                          "token, 0.9 a usual choice\n"


def test_bits_per_character_of_a_uniform_model_is_log2_of_the_vocabulary():
    # A GPT whose head is all zeros predicts the uniform distribution: ln V nats per token.
    model = GPT(GPTConfig(block_size=8, vocab_size=256, n_layer=1, n_head=2, n_embd=8))
    torch.nn.init.zeros_(model.lm_head.weight)
    text = "الا یا ایها الساقی 🍷 ادر کاسا"
    tokens = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    nats, count = evaluate(model, tokens, context_token=10, block_size=8, batch_size=3, device="cpu",
                           autocast=torch.autocast("cpu", enabled=False))
    assert count == len(tokens)  # every token is predicted once
    assert nats == pytest.approx(len(tokens) * math.log(256))
    assert bits_per_unit(nats, len(text.encode("utf-8"))) == pytest.approx(8.0)
    assert bits_per_unit(nats, len(text)) == pytest.approx(8.0 * len(text.encode("utf-8")) / len(text))


@pytest.mark.parametrize("extra, message", [
    (["--data=/no/such/file.txt"], "data file /no/such/file.txt does not exist"),
    (["--max_iters=abc"], "--max_iters=abc is not a valid int"),
    (["--resume"], "there is no checkpoint"),
    (["--block_size=64"], "fewer than block_size + 1 = 65"),
])
def test_bad_input_is_one_line_and_exit_status_2(tmp_path, cache, capsys, extra, message):
    (tmp_path / "short.txt").write_text("سلام بر حافظ\n" * 3, encoding="utf-8")
    if "--block_size=64" in extra:
        extra = [*extra, f"--data={tmp_path / 'short.txt'}"]
    assert train.main(tiny(tmp_path / "run", cache, *extra)) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_cuda_without_a_gpu_is_a_clear_error(tmp_path, cache, capsys):
    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    assert train.main(tiny(tmp_path, cache, "--device=cuda")) == 2
    assert "has no CUDA GPU" in capsys.readouterr().err


def test_corrupt_checkpoint_and_existing_run(tmp_path, cache, capsys):
    assert train.main(tiny(tmp_path, cache, "--max_iters=1")) == 0
    assert train.main(tiny(tmp_path, cache, "--max_iters=1")) == 2  # would overwrite: refused
    assert "already exists; pass --resume" in capsys.readouterr().err
    ckpt = tmp_path / "ckpt.pt"
    ckpt.write_bytes(ckpt.read_bytes()[: ckpt.stat().st_size // 2])
    assert train.main(tiny(tmp_path, cache, "--max_iters=2", "--resume")) == 2
    assert sample.main(["--ckpt", str(ckpt)]) == 2
    err = capsys.readouterr().err
    assert err.count("is corrupt or truncated") == 2 and "Traceback" not in err


def test_bpe_tokens_are_scored_per_character(tmp_path, cache):
    pytest.importorskip("lmdocs.bpe")
    assert train.main(tiny(tmp_path, cache, "--tokenizer=bpe", "--bpe_vocab_size=320", "--max_iters=2")) == 0
    (result,) = records(tmp_path, "eval")
    # a BPE token spans more than one character, so the bits per character are fewer than per token
    assert result["bpc"] < result["val_loss"] / math.log(2)
    assert load_checkpoint(tmp_path / "ckpt.pt")["tokenizer"]["kind"] == "bpe"


def test_metrics_log_survives_a_torn_last_line(tmp_path):
    from lmdocs.recipes.metrics import MetricsLog

    log = MetricsLog(tmp_path / "metrics.jsonl")
    log.write(kind="train", step=1, loss=3.0)
    log.write(kind="train", step=2, loss=2.5)
    with open(tmp_path / "metrics.jsonl", "a", encoding="utf-8") as f:
        f.write('{"kind": "train", "st')  # the writer was killed mid-line
    assert [r["step"] for r in log.read()] == [1, 2]
    log.truncate_after(1)
    assert log.read() == [{"kind": "train", "step": 1, "loss": 3.0}]
