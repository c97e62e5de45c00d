"""The worker's Python glue (overrides/assets/javascripts/runner/glue.py), run in CPython.

The same file runs in Pyodide (the browser tests cover that); here each rule is checked against
CPython's own traceback machinery: errors keep the reader's frames and lines only.
"""
from __future__ import annotations

import asyncio
import importlib.util
import json

from support.paths import ROOT

_spec = importlib.util.spec_from_file_location("_lmdocs_glue", ROOT / "overrides" / "assets" / "javascripts" / "runner" / "glue.py")
glue = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(glue)


def run(namespace, code, number=1):
    return json.loads(asyncio.run(glue.run_cell(namespace, code, f"<cell {number}>", f"b{number}", "en")))


def test_cells_share_the_namespace_and_print(capsys):
    ns = glue.new_namespace()
    assert run(ns, "x = 20\n") == {"ok": True}
    assert run(ns, "print(x + 22)\n", 2) == {"ok": True}
    assert capsys.readouterr().out == "42\n"
    assert ns["__name__"] == "__main__"


def test_error_keeps_only_the_readers_frames_and_lines():
    ns = glue.new_namespace()
    run(ns, "def half(n):\n    return n / 0\n")
    error = run(ns, "y = 1\nhalf(y)\n", 2)["error"]
    assert (error["type"], error["message"], error["cell"], error["line"]) == \
        ("ZeroDivisionError", "division by zero", "<cell 1>", 2)   # the innermost line of the reader
    lines = error["traceback"].splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert [line.strip() for line in lines if line.strip().startswith("File")] == [
        'File "<cell 2>", line 2, in <module>', 'File "<cell 1>", line 2, in half']
    assert "return n / 0" in error["traceback"] and "glue.py" not in error["traceback"]


def test_syntax_error_points_at_the_line():
    error = run(glue.new_namespace(), "a = 1\nb = (a +\n", 3)["error"]
    assert error["type"] == "SyntaxError" and error["cell"] == "<cell 3>" and error["line"] == 2
    assert "Traceback" not in error["traceback"] and '"<cell 3>", line 2' in error["traceback"]


def test_missing_module_is_named():
    error = run(glue.new_namespace(), "import lmdocs_no_such_package.sub\n")["error"]
    assert error["type"] == "ModuleNotFoundError" and error["missing_module"] == "lmdocs_no_such_package"


def test_top_level_await_and_exit_codes():
    ns = glue.new_namespace()
    assert run(ns, "import asyncio\nawait asyncio.sleep(0)\nz = 5\n") == {"ok": True} and ns["z"] == 5
    assert run(ns, "raise SystemExit(0)\n") == {"ok": True}
    assert run(ns, "raise SystemExit(3)\n")["error"]["type"] == "SystemExit"


def test_dispatch_calls_the_input_callback(capsys):
    ns = glue.new_namespace()
    code = "from lmdocs import page\npage.slider('n', 'n', 1, 9, 1, 2, on_change=lambda v: print('got', v))\n"
    asyncio.run(glue.run_cell(ns, code, "<cell 1>", "blockA", "en"))
    capsys.readouterr()
    assert json.loads(asyncio.run(glue.dispatch("blockA", "n", "7", "en"))) == {"ok": True}
    assert capsys.readouterr().out == "got 7\n"
    failed = json.loads(asyncio.run(glue.dispatch("blockB", "n", "7", "en")))
    assert failed["error"]["type"] == "LookupError"
