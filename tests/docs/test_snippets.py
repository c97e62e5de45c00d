"""Every runnable block and every included snippet of docs/, both languages, run in CPython.

Collected from the Markdown at test time (tests/support/cells.py), so a new snippet or ```pyrun block
gets its tests without editing this file. The cells of a page run like the browser runs them: in
page order in one namespace (named "<cell N>", inside page.cell(lang=<the page's language>)), except demo
cells (autorun), which must be self-contained and run alone in a fresh namespace. Each cell must
finish without error and print something; when it ends with a `# Expected output:` block, its
output must match it line for line (trailing spaces ignored).
"""
from __future__ import annotations

import difflib
import functools
import json
import os
import subprocess
import sys
import tempfile

import pytest

from support.cells import DOCS, ROOT, Cell, expected_output, page_cells, pages_with_cells

PAGE_TIMEOUT_S = 120

# Runs a list of cells in a fresh interpreter; prints one JSON result per cell (on the real stdout).
_DRIVER = r"""
import contextlib, io, json, sys, traceback
from lmdocs import page
cells, lang = json.load(sys.stdin)
real_stdout = sys.stdout
namespaces, callbacks = {}, {}
results = []
for cell in cells:
    namespace = namespaces.setdefault(cell["namespace"], {"__name__": "__main__"})
    running = page.cell(block=cell["filename"], lang=lang, callbacks=callbacks.setdefault(cell["namespace"], {}))
    buffer = io.StringIO()
    error = None
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer), running:
        try:
            exec(compile(cell["code"], cell["filename"], "exec"), namespace)
        except SystemExit as err:
            if err.code not in (None, 0):
                error = traceback.format_exc()
        except BaseException:
            error = traceback.format_exc()
    results.append({"output": buffer.getvalue(), "error": error})
real_stdout.write(json.dumps(results))
"""


def _run_cells(jobs: list[dict], lang: str) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0",
           "PYTHONDONTWRITEBYTECODE": "1", "MPLBACKEND": "Agg"}
    with tempfile.TemporaryDirectory(prefix="lmdocs-snippets-") as cwd:
        done = subprocess.run([sys.executable, "-c", _DRIVER], input=json.dumps([jobs, lang]), capture_output=True,
                              text=True, env=env, cwd=cwd, timeout=PAGE_TIMEOUT_S)
    if done.returncode != 0:
        pytest.fail(f"the snippet runner crashed:\n{done.stderr[-4000:]}", pytrace=False)
    return json.loads(done.stdout)


@functools.cache
def _page_results(page) -> dict[int, dict]:
    """Run all cells of `page` once (cached for the session): {cell number: {output, error}}."""
    cells = page_cells(page)
    jobs = [{"code": c.code, "filename": f"<cell {c.number}>",
             "namespace": f"demo {c.number}" if c.autorun else "page"} for c in cells]
    results = _run_cells(jobs, cells[0].lang)
    return {c.number: r for c, r in zip(cells, results)}


def _check(output: str, error: str | None, code: str, where: str, lang: str = "en") -> None:
    assert error is None, f"{where} raised an error in CPython:\n{error}"
    assert output.strip(), f"{where} printed nothing: a snippet must print something the reader can check."
    expected = expected_output(code, lang)
    if expected is None:
        return
    got = [line.rstrip() for line in output.rstrip().splitlines()]
    want = [line.rstrip() for line in expected.rstrip().splitlines()]
    if got != want:
        diff = "\n".join(difflib.unified_diff(want, got, "expected", "printed", lineterm=""))
        pytest.fail(f"{where}: output differs from its '# Expected output:' block:\n{diff}", pytrace=False)


_CELLS: list[Cell] = [cell for page in pages_with_cells() for cell in page_cells(page)]


@pytest.mark.parametrize("cell", _CELLS, ids=[c.ident for c in _CELLS])
def test_pyrun_cell_runs_in_cpython(cell: Cell) -> None:
    result = _page_results(cell.page)[cell.number]
    kind = "demo (run alone)" if cell.autorun else "cell (after the page's earlier cells)"
    _check(result["output"], result["error"], cell.code, f"{cell.ident}, a {kind}, from {cell.sources or 'inline code'}",
           cell.lang)


def test_expected_output_block_is_read_exactly() -> None:
    """The comparison itself: a mismatching expected block must be reported (guards the checker)."""
    code = 'print("a")\nprint("b ")\n\n# Expected output:\n# a\n# b\n'
    assert expected_output(code) == "a\nb"
    _check("a\nb  \n", None, code, "ok")
    with pytest.raises(pytest.fail.Exception, match="differs"):
        _check("a\nc\n", None, code, "mismatch")
    with pytest.raises(AssertionError, match="printed nothing"):
        _check("  \n", None, "pass\n", "silent")


def test_cells_share_one_namespace_in_page_order() -> None:
    """A later cell sees an earlier cell's variables; a demo (autorun) does not."""
    jobs = [{"code": "x = 41\nprint(x)", "filename": "<cell 1>", "namespace": "page"},
            {"code": "print(x + 1)", "filename": "<cell 2>", "namespace": "page"},
            {"code": "print(x)", "filename": "<cell 3>", "namespace": "demo 3"}]
    results = _run_cells(jobs, "en")
    assert [r["output"] for r in results[:2]] == ["41\n", "42\n"]
    assert "NameError" in results[2]["error"] and "<cell 3>" in results[2]["error"]


def test_cells_run_in_the_pages_language() -> None:
    jobs = [{"code": "from lmdocs import page\nprint(page.lang())", "filename": "<cell 1>", "namespace": "page"}]
    assert [r["output"] for r in _run_cells(jobs, "fa") + _run_cells(jobs, "en")] == ["fa\n", "en\n"]


def test_expected_output_blocks_per_language() -> None:
    """`# Expected output (en):` / `(fa):` blocks: each page language is checked against its own block."""
    code = 'print(n)\n\n# Expected output (en):\n# 3 words\n# Expected output (fa):\n# ۳ کلمه\n'
    assert expected_output(code, "en") == "3 words" and expected_output(code, "fa") == "۳ کلمه"
    _check("۳ کلمه\n", None, code, "fa page", "fa")
    with pytest.raises(pytest.fail.Exception, match="differs"):
        _check("3 words\n", None, code, "fa page printing English", "fa")
    with pytest.raises(ValueError, match=r"both '# Expected output \(en\):'"):
        expected_output('print(1)\n# Expected output (fa):\n# ۱\n', "fa")
