"""How fast the live-code runner answers, measured in headless Chromium on the built site.

    .venv/bin/python benchmarks/runner.py [--site DIR] [--cold 5] [--warm 10]

Figures (medians over the runs, with min and max):
  cold   a fresh browser context (empty cache) opens the English contributor page; as soon as the
         editors exist, Run is pressed on a one-line cell; time from the click to the first output.
         The page's first cell is in the window, so Pyodide has been downloading since the page
         mounted (intent: a cell near the window), so this is what a fast reader sees.
  repeat the same context opens the page again (a second visit: the service worker's cache and the
         HTTP cache hold Pyodide and the wheel); Run at once; click to first output.
  warm   the same cell again on the same page (Python already running): click to first output.
  wheel  loadPackage(lmdocs wheel) inside the worker, and Pyodide's own start-up for comparison.
  stop   an endless loop: click on Stop to the cell saying it stopped (the worker is terminated).
Goals from the issues: cold <= 3 s, repeat visit <= 1 s, warm <= 100 ms, stop <= 1 s. Clicks and the first output are
timed inside the page (performance.now()), so Playwright's round trips are not counted.
Writes benchmarks/results/runner.json. Needs node_modules (npm ci) and /usr/bin/chromium.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGE = "en/contributing/live-code/"

# Click Run (or Stop) inside the page and resolve with the milliseconds until `done()` holds.
_TIME_CLICK = """async ([cellIndex, buttonClass, doneCheck]) => {
  const cell = document.querySelectorAll('div.pyrun')[cellIndex];
  const done = new Function('cell', doneCheck);
  return await new Promise((resolve) => {
    let t0 = 0;
    const observer = new MutationObserver(() => {
      if (t0 && done(cell)) { observer.disconnect(); resolve(performance.now() - t0); }
    });
    observer.observe(cell, { subtree: true, childList: true, characterData: true, attributes: true });
    t0 = performance.now();
    cell.querySelector(buttonClass).click();
  });
}"""
FIRST_OUTPUT = "return cell.querySelector('.pyrun-text').textContent.length > 0;"
STOPPED = "return cell.dataset.pyrunState === 'idle';"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript"}

    def log_message(self, *_args) -> None:
        pass


def build_site(dest: Path) -> Path:
    print(f"building the site into {dest} ...", flush=True)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "-q", "-d", str(dest)],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0 or not (dest / PAGE / "index.html").exists():
        raise SystemExit(f"mkdocs build failed:\n{done.stderr[-3000:]}")
    return dest


def summary(values: list[float]) -> dict:
    return {"median": round(statistics.median(values), 1), "min": round(min(values), 1),
            "max": round(max(values), 1), "runs": len(values)}


def set_code(page, index: int, code: str) -> None:
    page.evaluate("([i, c]) => document.querySelectorAll('div.pyrun')[i].querySelector('.CodeMirror').CodeMirror.setValue(c)",
                  [index, code])


STARTS = "performance.getEntriesByName('lmdocs: Python start-up')"   # the runner's timeline entries


def wait_finished(page, index: int) -> None:
    page.wait_for_function("(i) => ['ok', 'error'].includes(document.querySelectorAll('div.pyrun')[i].dataset.pyrunState)",
                           arg=index, timeout=180_000)


def open_fresh(browser, url: str):
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + PAGE)
    page.wait_for_function("() => [...document.querySelectorAll('div.pyrun')].every((c) => c.querySelector('.CodeMirror'))",
                           timeout=60_000)
    return context, page


def measure(url: str, cold_runs: int, warm_runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    cold, repeat, warm, wheel, startup, stop = [], [], [], [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for run in range(cold_runs):
            context, page = open_fresh(browser, url)
            set_code(page, 0, "print('hello')\n")
            cold.append(page.evaluate(_TIME_CLICK, [0, "button.pyrun-run", FIRST_OUTPUT]))
            wait_finished(page, 0)
            timings = page.evaluate(f"{STARTS}.at(-1).detail")
            wheel.append(timings["wheelMs"])
            startup.append(timings["runtimeMs"])
            if run == 0:
                for _ in range(warm_runs):
                    warm.append(page.evaluate(_TIME_CLICK, [0, "button.pyrun-run", FIRST_OUTPUT]))
                    wait_finished(page, 0)
                for _ in range(3):
                    set_code(page, 0, "print('loop', flush=True)\nwhile True:\n    pass\n")
                    page.evaluate("document.querySelectorAll('div.pyrun')[0].querySelector('button.pyrun-run').click()")
                    page.wait_for_function("() => document.querySelectorAll('div.pyrun')[0].dataset.pyrunState === 'running'")
                    starts = page.evaluate(f"{STARTS}.length")
                    stop.append(page.evaluate(_TIME_CLICK, [0, "button.pyrun-stop", STOPPED]))
                    page.wait_for_function(f"(n) => {STARTS}.length > n", arg=starts, timeout=180_000)
            page.evaluate("window.lmdocsOffline")              # the service worker has kept everything
            page.close()
            again = context.new_page()
            again.goto(url + PAGE)
            again.wait_for_function("() => [...document.querySelectorAll('div.pyrun')].every((c) => c.querySelector('.CodeMirror'))",
                                    timeout=60_000)
            set_code(again, 0, "print('hello')\n")
            repeat.append(again.evaluate(_TIME_CLICK, [0, "button.pyrun-run", FIRST_OUTPUT]))
            context.close()
            print(f"  run {run + 1}/{cold_runs}: {cold[-1]:.0f} ms to first output, repeat visit {repeat[-1]:.0f} ms",
                  flush=True)
        browser.close()
    return {"cold_ms": summary(cold), "repeat_visit_ms": summary(repeat), "warm_ms": summary(warm), "stop_ms": summary(stop),
            "wheel_load_ms": summary(wheel), "pyodide_start_ms": summary(startup)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--cold", type=int, default=5, help="cold page loads")
    parser.add_argument("--warm", type=int, default=10, help="warm runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lmdocs-runner-bench-") as tmp:
        site = args.site or build_site(Path(tmp) / "site")
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            results = measure(f"http://127.0.0.1:{server.server_address[1]}/", args.cold, args.warm)
        finally:
            server.shutdown()
    goals = {"cold_ms": 3000, "repeat_visit_ms": 1000, "warm_ms": 100, "stop_ms": 1000}
    print(f"\n{'figure':<18}{'median':>10}{'min':>10}{'max':>10}   goal")
    for name, stats in results.items():
        goal = f"<= {goals[name]} ms ({'met' if stats['median'] <= goals[name] else 'NOT met'})" if name in goals else ""
        print(f"{name:<18}{stats['median']:>10.1f}{stats['min']:>10.1f}{stats['max']:>10.1f}   {goal}")
    ratio = results["wheel_load_ms"]["median"] / results["pyodide_start_ms"]["median"]
    print(f"wheel load / Pyodide start-up (same runs): {ratio:.2f}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "runner.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
