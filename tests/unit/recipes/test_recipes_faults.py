"""Faults (issue 17, points 6-11): atomic rewrites, file-system errors in one line, data that is not text,
the GPU edge cases that can be checked without a GPU, and the extras' torch pin."""
import errno
import json
import re
import threading
import tomllib

import pytest
import torch

from lmdocs.recipes import checkpoint, data, distributed, metrics, run, train
from lmdocs.recipes.checkpoint import load_checkpoint
from lmdocs.recipes.config import RecipeError, make_config
from lmdocs.recipes.metrics import MetricsLog

from support.paths import ROOT


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("data-cache")


def tiny(out, cache, *extra):
    return ["--config=tiny", f"--out_dir={out}", f"--data_cache={cache}", "--block_size=16", "--n_layer=1",
            "--n_head=2", "--n_embd=16", "--batch_size=4", "--eval_tokens=256", "--progress=false",
            "--device=cpu", "--log_interval=1", "--warmup_iters=2", *extra]


def one_line(err: str, *parts: str) -> None:
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    for part in parts:
        assert part in err, err


class Killed(BaseException):
    """What a SIGKILL would do to the writer: it stops, nothing cleans up after it but the OS."""


def test_a_kill_while_resume_rewrites_the_log_keeps_the_whole_old_log(tmp_path, monkeypatch):
    log = MetricsLog(tmp_path / "metrics.jsonl")
    for step in range(1, 6):
        log.write(kind="train", step=step, loss=1.0 / step)
    before = (tmp_path / "metrics.jsonl").read_bytes()

    def half_then_killed(self, text, encoding=None):
        with open(self, "w", encoding=encoding) as f:
            f.write(text[: len(text) // 2])
        raise Killed

    monkeypatch.setattr(type(tmp_path), "write_text", half_then_killed)
    with pytest.raises(Killed):
        log.truncate_after(3)
    monkeypatch.undo()
    assert (tmp_path / "metrics.jsonl").read_bytes() == before  # whole, not half
    log.truncate_after(3)
    assert [r["step"] for r in log.read()] == [1, 2, 3]
    assert [p.name for p in tmp_path.iterdir()] == ["metrics.jsonl"]  # no temporary file left


def test_the_plot_is_replaced_atomically(tmp_path, monkeypatch):
    records = [{"kind": "train", "step": 1, "loss": 3.0}, {"kind": "eval", "step": 1, "val_loss": 3.1, "bpc": 4.4}]
    metrics.plot_metrics(records, tmp_path / "loss.png")
    before = (tmp_path / "loss.png").read_bytes()
    import matplotlib.figure

    def killed(self, *args, **kwargs):
        raise Killed

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", killed)
    with pytest.raises(Killed):
        metrics.plot_metrics(records * 2, tmp_path / "loss.png")
    assert (tmp_path / "loss.png").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["loss.png"]


def test_a_full_disk_during_a_checkpoint_keeps_the_old_one(tmp_path, cache, capsys, monkeypatch):
    assert train.main(tiny(tmp_path, cache, "--max_iters=2", "--ckpt_interval=1")) == 0
    capsys.readouterr()
    written = checkpoint.write_state

    def disk_full(state, path):  # half the file reaches the disk, then ENOSPC, as a real full disk does
        written(state, path)
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(checkpoint, "write_state", disk_full)
    assert train.main(tiny(tmp_path, cache, "--max_iters=4", "--resume")) == 2
    one_line(capsys.readouterr().err, f"cannot write the checkpoint {tmp_path / 'ckpt.pt'} (the previous one is kept)",
             "No space left on device; the disk is full; free some space")
    assert load_checkpoint(tmp_path / "ckpt.pt")["step"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["best.pt", "ckpt.pt", "loss.png", "metrics.jsonl"]


def test_an_out_dir_that_is_a_file_and_an_unwritable_data_cache(tmp_path, cache, capsys, monkeypatch):
    (tmp_path / "taken").write_text("not a folder")
    assert train.main(tiny(tmp_path / "taken", cache, "--max_iters=1")) == 2
    one_line(capsys.readouterr().err, f"--out_dir={tmp_path / 'taken'} is a file, not a folder")
    assert train.main(tiny(tmp_path / "run", tmp_path / "taken" / "cache", "--max_iters=1")) == 2
    one_line(capsys.readouterr().err, "cannot write the prepared data", "(the --data_cache option)")

    def denied(*args, **kwargs):  # what a folder the user may not write gives (a test run as root ignores modes)
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(data, "atomic_path", denied)
    assert train.main(tiny(tmp_path / "run", tmp_path / "fresh-cache", "--max_iters=1")) == 2
    one_line(capsys.readouterr().err, "Permission denied; you may not write there; choose a folder you own")


@pytest.mark.parametrize("content, tokenizer, message", [
    (b"\0" * 1000, "byte", "holds only the character '\\x00'"),
    (b"\0" * 900 + b"some text", "byte", "is 99% control characters (such as '\\x00'), so it is not text"),
    (bytes(range(1, 32)) * 40 + b"ok", "char", "control characters"),
    (b"aaaa", "bpe", "holds only the character 'a'"),
])
def test_data_a_model_cannot_learn_from_is_refused(tmp_path, content, tokenizer, message):
    (tmp_path / "data.txt").write_bytes(content)
    with pytest.raises(RecipeError, match=re.escape(message)):
        data.prepare(str(tmp_path / "data.txt"), tokenizer, cache_dir=tmp_path / "cache")
    data.check_learnable("سطر اول\n\tسطر\u200cدوم\r\n", "ok.txt")  # line breaks, tabs and ZWNJ are text


def test_other_processes_wait_for_the_prepared_files(tmp_path, monkeypatch):
    (tmp_path / "text.txt").write_text("الا یا ایها الساقی ادر کاسا و ناولها\n" * 20, encoding="utf-8")
    args = (str(tmp_path / "text.txt"), "char", tmp_path / "cache")
    got = {}
    waiter = threading.Thread(target=lambda: got.setdefault("data", data.prepare(*args, writer=False)))
    waiter.start()  # a process that is not its machine's first: it reads no text file it did not wait for
    written = data.prepare(*args)  # the first process writes; the waiter sees meta.json appear
    waiter.join(timeout=60)
    assert not waiter.is_alive() and got["data"].directory == written.directory
    assert (got["data"].train == written.train).all()
    monkeypatch.setattr(data, "WAIT_SECONDS", 0.0)
    with pytest.raises(RecipeError, match="waited 0 s for the first process to prepare"):
        data.prepare(str(tmp_path / "text.txt"), "byte", tmp_path / "cache", writer=False)


def test_more_processes_than_gpus_is_one_line(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 2)
    assert distributed.resolve_device("cuda", local_rank=1, world_size=4) == "cuda:1"
    with pytest.raises(RecipeError, match="this machine has 2 GPUs but torchrun started more processes on it "
                                          r"\(local rank 2\); use --nproc_per_node=2 or fewer"):
        distributed.resolve_device("auto", local_rank=2, world_size=4)
    with pytest.raises(RecipeError, match="--device=cuda:1 names one GPU for all 4 processes"):
        distributed.resolve_device("cuda:1", local_rank=0, world_size=4)
    monkeypatch.setenv("WORLD_SIZE", "3")
    monkeypatch.setenv("LOCAL_RANK", "2")
    monkeypatch.setenv("RANK", "2")
    with pytest.raises(RecipeError, match="use --nproc_per_node=2"):  # before any process group is joined
        distributed.setup("cuda")


@pytest.mark.filterwarnings("ignore:CUDA is not available", "ignore:torch.cuda.amp.GradScaler is enabled")
def test_float16_where_a_gpu_lacks_bfloat16(monkeypatch):
    cfg = make_config("tiny")
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *args, **kwargs: False)
    assert run.autocast_for(cfg, "cuda:0")[0] == "float16"  # a T4 or a V100
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *args, **kwargs: True)
    assert run.autocast_for(cfg, "cuda:0")[0] == "bfloat16"
    assert run.make_scaler("float16", "cuda:0") is not None and run.make_scaler("bfloat16", "cuda:0") is None


def test_float16_with_loss_scaling_resumes_exactly(tmp_path, cache):
    # the GradScaler's state (scale, growth tracker) is part of the checkpoint: an interrupted float16 run
    # continues as the uninterrupted one (float16 autocast and the scaler also run on a CPU)
    common = ["--dtype=float16", "--ckpt_interval=2", "--eval_interval=-1", "--lr_decay_iters=4"]
    assert train.main(tiny(tmp_path / "whole", cache, "--max_iters=4", *common)) == 0
    assert train.main(tiny(tmp_path / "split", cache, "--max_iters=2", *common)) == 0
    assert train.main(tiny(tmp_path / "split", cache, "--max_iters=4", "--resume")) == 0
    losses = [[json.loads(line)["loss"] for line in (tmp_path / name / "metrics.jsonl").read_text().splitlines()
               if '"train"' in line] for name in ("whole", "split")]
    assert losses[0] == losses[1] and len(losses[0]) == 4
    saved = load_checkpoint(tmp_path / "split" / "ckpt.pt")
    assert saved["scaler"]["scale"] > 0 and "float16" in saved["config"]["dtype"]


def test_the_train_extra_lets_any_recent_torch_in_and_the_tests_pin_it():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    torch_train = [r for r in extras["train"] if r.startswith("torch")]
    assert torch_train and all("==" not in r for r in torch_train)  # a GPU machine keeps its own CUDA build
    assert "torch==2.13.0" in extras["test"]  # what the tests run against (the CPU build on disk)
