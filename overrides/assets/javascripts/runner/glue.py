"""Worker-side Python of the live-code runner (loaded by worker.js into Pyodide as `_lmdocs_glue`).

Each page gets a ``PageSession``: the namespace its cells share and the callbacks its inputs
registered, dropped together when the reader leaves the page. A cell runs inside
``lmdocs.page.cell(block=..., lang=...)`` (a context variable), and the glue answers with JSON:

    >>> import asyncio
    >>> session = PageSession()
    >>> asyncio.run(run_cell(session, "x = 1\\nprint(x)", "<cell 1>", "b1", "en"))
    1
    '{"ok": true}'
    >>> json.loads(asyncio.run(run_cell(session, "y = x +", "<cell 2>", "b2", "en")))["error"]["line"]
    1

Errors keep only the frames of the reader's cells (files named "<cell N>"), so a traceback shows
the reader's line, never the worker's internals. Top-level `await` works. What it does not do:
display the value of a last bare expression (cells behave like scripts, as they do in CPython).
If the lmdocs wheel did not load, cells still run (standard library only), without a page context.
"""
from __future__ import annotations

import ast
import builtins
import contextlib
import importlib
import importlib.util
import inspect
import json
import linecache
import sys
import traceback

CELL_PREFIX = "<cell"
_lang = "en"                      # the language of the cell running now (input()'s message)

# input() where the page cannot lend it a line (not cross-origin isolated), in the page's language.
NO_INPUT = {
    "en": ("input() needs the page to be reloaded once (the site's service worker then enables it) "
           "and is not available in this browser window: put the value in the code instead, "
           "for example  name = \"Ada\"  instead of  name = input()."),
    "fa": ("input() یک بار بارگذاری دوبارهٔ صفحه لازم دارد (آن‌گاه service worker سایت آن را فعال می‌کند) "
           "و در این پنجرهٔ مرورگر در دسترس نیست: به‌جایش مقدار را در کد بنویسید، "
           "مثلاً  name = \"Ada\"  به‌جای  name = input()."),
}


def install_input(read_line) -> None:
    """Make ``input()`` read a line from the page: ``read_line(prompt)`` (worker.js) blocks until the
    reader has typed one and returns it (``None``: no line, EOFError). Without it (``None``),
    input() raises an error that says what to do instead."""
    def page_input(prompt: object = "") -> str:
        if read_line is None:
            raise RuntimeError(NO_INPUT.get(_lang, NO_INPUT["en"]))
        sys.stdout.write(str(prompt))
        sys.stdout.flush()
        line = read_line(str(prompt))
        if line is None:
            raise EOFError("no line was given to input()")
        line = str(line)
        sys.stdout.write(line + "\n")          # echoed, as a terminal shows what was typed
        return line

    builtins.input = page_input


class PageSession:
    """What the cells of one page share: a namespace like a script's __main__, and their callbacks."""

    def __init__(self) -> None:
        self.namespace: dict = {"__name__": "__main__", "__builtins__": builtins}
        self.callbacks: dict = {}


def has_lmdocs() -> bool:
    """True when lmdocs can be imported (the wheel may have failed to load: cells still run)."""
    return importlib.util.find_spec("lmdocs") is not None


def preload() -> bool:
    """Import what every cell needs (lmdocs and lmdocs.page), so a memory snapshot taken next holds
    them; True when lmdocs is there. Submodules a cell imports itself are read from disk as usual.

        >>> preload() and "lmdocs.page" in sys.modules
        True
    """
    if not has_lmdocs():
        return False
    importlib.import_module("lmdocs.page")
    return True


def reseed(seed_hex: str) -> None:
    """Seed Python's ``random`` with fresh bytes from the page (crypto.getRandomValues, as hex).
    A restored memory snapshot holds the random state of the moment it was taken: without this,
    every visit restored from it would draw the same numbers.

        >>> import random
        >>> reseed("00ff" * 16); a = random.random()
        >>> reseed("00ff" * 16); a == random.random()
        True
    """
    import random
    random.seed(int(seed_hex, 16))


def _post_to_page():
    """The worker's bridge to the page (worker.js defines it), or None outside the browser."""
    if sys.platform != "emscripten":
        return None
    import js  # Pyodide's view of the worker's global scope
    return getattr(js, "lmdocs_post", None)


def _in_cell(session: PageSession, block: str, lang: str):
    """The context lmdocs.page reads while the block runs (none when lmdocs is missing)."""
    if not has_lmdocs():
        return contextlib.nullcontext()
    page = importlib.import_module("lmdocs.page")
    return page.cell(block=block, lang=lang, callbacks=session.callbacks, post=_post_to_page())


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


def _answer(err: BaseException | None) -> str:
    if err is None or (isinstance(err, SystemExit) and err.code in (None, 0)):
        return json.dumps({"ok": True})
    return json.dumps({"ok": False, "error": describe(err)}, default=str)


async def _run(code: str, filename: str, namespace: dict) -> None:
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    compiled = compile(code, filename, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    result = eval(compiled, namespace)
    if inspect.iscoroutine(result):
        await result


async def _answer_for(session: PageSession, block: str, lang: str, work) -> str:
    """Run ``await work()`` as block ``block``; any error (also the reader's SystemExit) is the answer."""
    global _lang
    _lang = lang
    failure = None
    try:
        with _in_cell(session, block, lang):      # leaving it sends what the block drew
            try:
                await work()
            except BaseException as err:          # the reader's KeyboardInterrupt and SystemExit too
                failure = err
    except BaseException as err:                  # a bad page.* message surfaces as the cell's error
        failure = failure or err
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return _answer(failure)


async def run_cell(session: PageSession, code: str, filename: str, block: str, lang: str) -> str:
    """Run `code` (named `filename`, e.g. "<cell 2>") in the session's namespace; answer JSON {"ok", "error"?}."""
    return await _answer_for(session, block, lang, lambda: _run(code, filename, session.namespace))


async def dispatch(session: PageSession, block: str, key: str, value_json: str, lang: str) -> str:
    """Call the callback of input `key` made by `block` with the reader's new value (JSON)."""
    async def call() -> None:
        from lmdocs import page
        page.dispatch(key, json.loads(value_json))
    return await _answer_for(session, block, lang, call)
