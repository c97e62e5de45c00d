"""`python -m lmdocs.recipes.export` on a checkpoint written by the real trainer, then the same logits."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

torch = pytest.importorskip("torch")

from lmdocs.recipes.checkpoint import load_checkpoint  # noqa: E402
from lmdocs.recipes.export import main as export_main  # noqa: E402
from lmdocs.recipes.factory import build_model  # noqa: E402
from lmdocs.recipes.train import main as train_main  # noqa: E402
from lmdocs.transformer import GPT  # noqa: E402

from support.paths import ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, encoding="utf-8",
                          env=env, cwd=ROOT, timeout=300)


@pytest.mark.slow
def test_export_cli_from_a_trained_checkpoint(tmp_path):
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:  # the real trainer, in this process (a second torch start-up would double the test's time)
        trained = train_main(["--config=tiny", "--max_iters=2", "--device=cpu", "--progress=false",
                              "--eval_tokens=500", "--block_size=16", "--n_head=4", "--n_embd=32",
                              f"--out_dir={tmp_path / 'run'}", f"--data_cache={tmp_path / 'cache'}"])
    finally:
        torch.set_num_threads(threads)
    assert trained == 0
    ckpt = tmp_path / "run" / "ckpt.pt"
    exported = run("lmdocs.recipes.export", "--ckpt", str(ckpt), "--out", str(tmp_path / "m.json"))
    assert exported.returncode == 0 and "wrote" in exported.stdout, exported.stderr
    plain = GPT.from_file(tmp_path / "m.json")
    assert (plain.config.block_size, plain.config.n_head, plain.config.n_embd) == (16, 4, 32)
    assert plain.metadata["step"] == 2

    saved = load_checkpoint(ckpt)
    model = build_model("gpt", saved["model_args"])
    model.load_state_dict(saved["model"])
    ids = plain.encode("الا یا ایها الساقی")[:16]
    with torch.no_grad():
        reference, _ = model.eval()(torch.tensor([ids]))
    diff = (torch.tensor(plain.logits(ids), dtype=torch.float64) - reference[0].double()).abs().max().item()
    assert diff < 1e-5  # float32 torch vs float64 pure Python, absolute
