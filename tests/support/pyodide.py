"""Run Python code in Pyodide 314 (headless Chromium) with the lmdocs wheel from this working tree.

Used by the pyodide/ tests and by the benchmarks (as tests.support.pyodide) to compare a piece of code in the browser runtime against CPython:

    >>> from support.pyodide import run_in_pyodide
    >>> run_in_pyodide("import lmdocs, sys; print(sys.version_info[:2])")   # doctest: +SKIP
    '(3, 14)\\n'

What it does: copies the wheel the site serves (the browser's part of `lmdocs/`, built by
hooks/assets.py) into a temporary folder, serves that folder plus `node_modules/pyodide` over a
local `http.server` (which sends `.wasm` as `application/wasm`), opens a page in headless Chromium that starts Pyodide in a *module* worker
(classic workers are not supported by Pyodide 314), loads the wheel, runs `code` and returns what
it printed to stdout (stderr is printed to this process's stderr).

What it does not handle: packages other than the lmdocs wheel and the standard library (there is no
micropip offline); code that needs a browser page (`js.document`) because it runs in a worker.
Raises RuntimeError with the Python traceback when the code fails, TimeoutError after `timeout`.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .paths import ROOT
from .site import CHROMIUM, CHROMIUM_ARGS, serve_directory
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"

_WORKER_JS = """
import { loadPyodide } from "./pyodide/pyodide.mjs";
let out = [];
self.onmessage = async (event) => {
  const { code, wheel } = event.data;
  try {
    const pyodide = await loadPyodide({ indexURL: "./pyodide/" });
    pyodide.setStdout({ batched: (line) => out.push(line + "\\n") });
    pyodide.setStderr({ batched: (line) => self.postMessage({ stderr: line }) });
    const failures = [];
    await pyodide.loadPackage(new URL(wheel, self.location.href).href,
                              { errorCallback: (m) => failures.push(m), messageCallback: () => {} });
    pyodide.runPython("import lmdocs");   // fails loudly if the wheel did not load
    await pyodide.runPythonAsync(code);
    self.postMessage({ done: true, stdout: out.join("") });
  } catch (err) {
    self.postMessage({ done: true, error: String(err && err.message || err), stdout: out.join("") });
  }
};
"""

_PAGE_HTML = """<!doctype html><meta charset="utf-8"><title>pyodide bench</title><link rel="icon" href="data:,">
<script type="module">
window.runCode = (code, wheel) => new Promise((resolve) => {
  const worker = new Worker("./worker.mjs", { type: "module" });
  worker.onmessage = (event) => {
    if (event.data.stderr !== undefined) { console.error(event.data.stderr); return; }
    worker.terminate();
    resolve(event.data);
  };
  worker.onerror = (event) => resolve({ done: true, error: "worker error: " + event.message, stdout: "" });
  worker.postMessage({ code, wheel });
});
window.benchReady = true;
</script>
"""


def browser_wheel() -> Path:
    """The lmdocs wheel the site serves (hooks/assets.py builds it, cached by the hash of its sources)."""
    spec = importlib.util.spec_from_file_location("lmdocs_assets_hook", ROOT / "hooks" / "assets.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook.build_wheel()


def run_in_pyodide(code: str, timeout: float = 900) -> str:
    """Run `code` in Pyodide (module worker, headless Chromium) with lmdocs installed; return stdout."""
    if not isinstance(code, str):
        raise TypeError(f"code must be a str of Python source, got {type(code).__name__}.")
    if not (PYODIDE_DIR / "pyodide.mjs").exists():
        raise FileNotFoundError(f"{PYODIDE_DIR} has no pyodide.mjs: run `npm ci` in {ROOT} first.")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="pyodide-bench-") as tmp:
        tmp_path = Path(tmp)
        wheel = Path(shutil.copy2(browser_wheel(), tmp_path))
        try:
            os.symlink(PYODIDE_DIR, tmp_path / "pyodide")
        except OSError:
            shutil.copytree(PYODIDE_DIR, tmp_path / "pyodide")
        (tmp_path / "worker.mjs").write_text(_WORKER_JS, encoding="utf-8")
        (tmp_path / "index.html").write_text(_PAGE_HTML, encoding="utf-8")
        server, url = serve_directory(tmp_path)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    page = browser.new_page()
                    page.on("console", lambda msg: print(msg.text, file=sys.stderr)
                            if msg.type == "error" else None)
                    page.goto(url + "index.html")
                    page.wait_for_function("window.benchReady === true", timeout=60_000)
                    page.evaluate("([c, w]) => { window.runCode(c, w).then((r) => { window.benchResult = r; }); }",
                                  [code, wheel.name])
                    page.wait_for_function("window.benchResult !== undefined",
                                           timeout=timeout * 1000, polling=100)
                    result = page.evaluate("window.benchResult")
                finally:
                    browser.close()
        except Exception as err:  # playwright's TimeoutError -> the builtin one callers expect
            if type(err).__name__ == "TimeoutError":
                raise TimeoutError(f"Pyodide run did not finish within {timeout} s.") from err
            raise
        finally:
            server.shutdown()
            server.server_close()
    if result.get("error"):
        raise RuntimeError(f"Python code failed in Pyodide:\n{result['error']}\n"
                           f"--- stdout so far ---\n{result.get('stdout', '')}")
    return result["stdout"]


if __name__ == "__main__":
    source = sys.stdin.read() if len(sys.argv) < 2 else Path(sys.argv[1]).read_text(encoding="utf-8")
    sys.stdout.write(run_in_pyodide(source))
