"""The WebAssembly bytes shipped in lmdocs/transformer/matmul_wasm.js are what matmul.wat assembles to.

The kernel's behaviour is tested in Pyodide (tests/pyodide/test_transformer_kernel.py); this test
keeps the reviewed source (matmul.wat) and the shipped bytes from drifting apart. It needs Node.js
and wabt (``npm ci`` installs it: a devDependency in package.json).
"""
from __future__ import annotations

import shutil
import subprocess

import pytest

from support.paths import ROOT


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
@pytest.mark.skipif(not (ROOT / "node_modules" / "wabt").is_dir(), reason="wabt is not installed: run npm ci")
def test_the_shipped_webassembly_is_built_from_matmul_wat():
    done = subprocess.run(["node", str(ROOT / "scripts" / "build_matmul_wasm.mjs"), "--check"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "is up to date" in done.stdout
