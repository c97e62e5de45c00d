"""Worker-side Python of the live-code runner (loaded by worker.js into Pyodide as `_lmdocs_glue`).

It runs one cell's code in the page's namespace and answers with JSON:

    >>> import asyncio
    >>> ns = new_namespace()
    >>> asyncio.run(run_cell(ns, "x = 1\\nprint(x)", "<cell 1>", "b1", "en"))
    1
    '{"ok": true}'
    >>> json.loads(asyncio.run(run_cell(ns, "y = x +", "<cell 2>", "b2", "en")))["error"]["line"]
    1

Errors keep only the frames of the reader's cells (files named "<cell N>"), so a traceback shows
the reader's line, never the worker's internals. Top-level `await` works. What it does not do:
display the value of a last bare expression (cells behave like scripts, as they do in CPython).
"""
from __future__ import annotations

import ast
import importlib.util
import inspect
import json
import linecache
import os
import sys
import traceback

CELL_PREFIX = "<cell"


def new_namespace() -> dict:
    """A fresh namespace for one page, like a script's __main__."""
    import builtins
    return {"__name__": "__main__", "__builtins__": builtins}


def has_lmdocs() -> bool:
    """True when the lmdocs wheel is installed (loadPackage logs failures instead of raising)."""
    return importlib.util.find_spec("lmdocs") is not None


def _keep_cell_frames(exc: traceback.TracebackException) -> None:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        frames = [f for f in exc.stack if f.filename.startswith(CELL_PREFIX)]
        exc.stack = traceback.StackSummary.from_list(frames)
        exc = exc.__cause__ or exc.__context__


def describe(err: BaseException) -> dict:
    """Type, message, cell and line of an error, plus a traceback limited to the reader's cells."""
    info = {"type": type(err).__name__, "message": str(err), "cell": "", "line": None, "traceback": ""}
    try:
        if isinstance(err, SyntaxError) and str(err.filename).startswith(CELL_PREFIX):
            info["cell"], info["line"] = err.filename, err.lineno
        frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename.startswith(CELL_PREFIX)]
        if frames:
            info["cell"], info["line"] = frames[-1].filename, frames[-1].lineno
        summary = traceback.TracebackException.from_exception(err)
        _keep_cell_frames(summary)
        info["traceback"] = "".join(summary.format())
    except Exception:  # after a MemoryError even formatting can fail; keep type and message
        info["traceback"] = f"{info['type']}: {info['message']}\n"
    if isinstance(err, ModuleNotFoundError) and err.name:
        info["missing_module"] = err.name.split(".")[0]
    return info


def _finish() -> None:
    page = sys.modules.get("lmdocs.page")
    try:
        if page is not None:
            page.flush()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def _answer(err: BaseException | None) -> str:
    if err is None or (isinstance(err, SystemExit) and err.code in (None, 0)):
        return json.dumps({"ok": True})
    return json.dumps({"ok": False, "error": describe(err)}, default=str)


def _enter(block: str, lang: str) -> None:
    os.environ["LMDOCS_BLOCK"], os.environ["LMDOCS_LANG"] = block, lang


async def run_cell(namespace: dict, code: str, filename: str, block: str, lang: str) -> str:
    """Run `code` (named `filename`, e.g. "<cell 2>") in `namespace`; answer JSON {"ok", "error"?}."""
    _enter(block, lang)
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    failure = None
    try:
        compiled = compile(code, filename, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
        result = eval(compiled, namespace)
        if inspect.iscoroutine(result):
            await result
    except BaseException as err:  # the reader's KeyboardInterrupt and SystemExit are reported too
        failure = err
    try:
        _finish()
    except BaseException as err:  # a bad page.* message surfaces as the cell's error
        failure = failure or err
    return _answer(failure)


async def dispatch(block: str, key: str, value_json: str, lang: str) -> str:
    """Call the callback of input `key` made by `block` with the reader's new value (JSON)."""
    _enter(block, lang)
    failure = None
    try:
        from lmdocs import page
        page._dispatch(block, key, json.loads(value_json))
    except BaseException as err:
        failure = err
    try:
        _finish()
    except BaseException as err:
        failure = failure or err
    return _answer(failure)
