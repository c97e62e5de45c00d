"""The live-code runner's JavaScript run by node, for unit tests of its modules (plain ES modules that
touch no DOM when imported).

    >>> node('console.log(JSON.stringify((await import("./i18n.js")).numberText("1.5", "fa")))')
    '۱٫۵'
"""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from support.paths import ROOT

RUNNER = ROOT / "overrides" / "assets" / "javascripts" / "runner"


def node(module_code: str) -> object:
    """Run ES-module code in node (cwd: the runner's folder) and return what it printed, as JSON."""
    if shutil.which("node") is None:
        pytest.fail("node is missing: the runner's JavaScript is tested with Node.js (README: Node.js and npm).",
                    pytrace=False)
    done = subprocess.run(["node", "--input-type=module", "-e", module_code], cwd=RUNNER, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
