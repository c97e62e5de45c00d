"""`python -m lmdocs.recipes.export`'s errors (the full CLI run on a trained checkpoint is in tests/integration)."""
from __future__ import annotations

import pytest

pytest.importorskip("torch")

from lmdocs.recipes.export import main as export_main  # noqa: E402


def test_export_cli_errors(tmp_path, capsys):
    out = str(tmp_path / "m.json")
    assert export_main(["--ckpt", str(tmp_path / "none.pt"), "--out", out]) == 1
    assert "does not exist" in capsys.readouterr().err
    (tmp_path / "junk.pt").write_bytes(b"not a checkpoint")
    assert export_main(["--ckpt", str(tmp_path / "junk.pt"), "--out", out]) == 1
    assert "corrupt" in capsys.readouterr().err
    assert not (tmp_path / "m.json").exists()
