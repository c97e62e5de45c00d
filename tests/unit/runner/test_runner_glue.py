"""The worker's Python glue (overrides/assets/javascripts/runner/glue.py), run in CPython.

The same file runs in Pyodide (the browser tests cover that); here each rule is checked against
CPython's own traceback machinery: errors keep the reader's frames and lines only.
"""
from __future__ import annotations

import asyncio
import gc
import importlib.util
import json
import weakref

from support.paths import ROOT

_spec = importlib.util.spec_from_file_location("_lmdocs_glue", ROOT / "overrides" / "assets" / "javascripts" / "runner" / "glue.py")
glue = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(glue)


def run(session, code, number=1, lang="en"):
    return json.loads(asyncio.run(glue.run_cell(session, code, f"<cell {number}>", f"b{number}", lang)))


def test_cells_share_the_namespace_and_print(capsys):
    session = glue.PageSession()
    assert run(session, "x = 20\n") == {"ok": True}
    assert run(session, "print(x + 22)\n", 2) == {"ok": True}
    assert capsys.readouterr().out == "42\n"
    assert session.namespace["__name__"] == "__main__"


def test_the_cell_runs_in_its_block_and_language_then_leaves_them(capsys):
    session = glue.PageSession()
    code = "from lmdocs import page\nprint(page.lang(), page.context.current().block)\n"
    assert run(session, code, 3, lang="fa") == {"ok": True}
    assert capsys.readouterr().out == "fa b3\n"
    from lmdocs import page
    assert page.lang() == "en" and page.context.current().block == ""


def test_error_keeps_only_the_readers_frames_and_lines():
    session = glue.PageSession()
    run(session, "def half(n):\n    return n / 0\n")
    error = run(session, "y = 1\nhalf(y)\n", 2)["error"]
    assert (error["type"], error["message"], error["cell"], error["line"]) == \
        ("ZeroDivisionError", "division by zero", "<cell 1>", 2)   # the innermost line of the reader
    lines = error["traceback"].splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert [line.strip() for line in lines if line.strip().startswith("File")] == [
        'File "<cell 2>", line 2, in <module>', 'File "<cell 1>", line 2, in half']
    assert "return n / 0" in error["traceback"] and "glue.py" not in error["traceback"]


def test_syntax_error_points_at_the_line():
    error = run(glue.PageSession(), "a = 1\nb = (a +\n", 3)["error"]
    assert error["type"] == "SyntaxError" and error["cell"] == "<cell 3>" and error["line"] == 2
    assert "Traceback" not in error["traceback"] and '"<cell 3>", line 2' in error["traceback"]


def test_missing_module_is_named():
    error = run(glue.PageSession(), "import lmdocs_no_such_package.sub\n")["error"]
    assert error["type"] == "ModuleNotFoundError" and error["missing_module"] == "lmdocs_no_such_package"


def test_top_level_await_and_exit_codes():
    session = glue.PageSession()
    assert run(session, "import asyncio\nawait asyncio.sleep(0)\nz = 5\n") == {"ok": True}
    assert session.namespace["z"] == 5
    assert run(session, "raise SystemExit(0)\n") == {"ok": True}
    assert run(session, "raise SystemExit(3)\n")["error"]["type"] == "SystemExit"


def test_dispatch_calls_the_input_callback_of_the_pages_block(capsys):
    session = glue.PageSession()
    code = "from lmdocs import page\npage.slider('n', 'n', 1, 9, 1, 2, on_change=lambda v: print('got', v, page.lang()))\n"
    asyncio.run(glue.run_cell(session, code, "<cell 1>", "blockA", "fa"))
    capsys.readouterr()
    assert json.loads(asyncio.run(glue.dispatch(session, "blockA", "n", "7", "fa"))) == {"ok": True}
    assert capsys.readouterr().out == "got 7 fa\n"
    failed = json.loads(asyncio.run(glue.dispatch(session, "blockB", "n", "7", "fa")))
    assert failed["error"]["type"] == "LookupError"


def test_a_new_page_drops_the_previous_pages_callbacks():
    """The worker makes a new session per page and destroys the old one: its callbacks go with it."""
    old = glue.PageSession()
    asyncio.run(glue.run_cell(old, "from lmdocs import page\nclass Hook:\n    def __call__(self, v): pass\n"
                                   "hook = Hook()\npage.slider('n', 'n', 1, 9, 1, 2, on_change=hook)\n",
                              "<cell 1>", "b1", "en"))
    alive = weakref.ref(old.namespace["hook"])
    new = glue.PageSession()
    assert json.loads(asyncio.run(glue.dispatch(new, "b1", "n", "3", "en")))["error"]["type"] == "LookupError"
    del old
    gc.collect()
    assert alive() is None


def test_docstring_examples():
    import doctest
    assert doctest.testmod(glue).failed == 0
