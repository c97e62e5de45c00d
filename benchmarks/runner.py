"""How fast the live-code runner answers, measured in headless Chromium on the built site.

    .venv/bin/python benchmarks/runner.py [--site DIR] [--cold 5] [--warm 10]

Figures (medians over the runs, with min and max):
  cold   a fresh browser context (empty cache) opens the English contributor page; as soon as the
         editors exist, Run is pressed on a one-line cell; time from the click to the first output.
         The page's first cell is in the window, so Pyodide has been downloading since the page
         mounted (intent: a cell near the window), so this is what a fast reader sees.
         Python starts and saves a memory snapshot of itself (Cache Storage; see runner/snapshot.js).
  repeat the same context opens the page again (a second visit: the service worker's cache and the
         HTTP cache hold Pyodide and the wheel, Cache Storage the snapshot); Run at once; click to
         first output. Python is restored from the snapshot.
  plain_cold, plain_repeat  the same two visits in other fresh contexts of the same run, with the
         snapshot turned off (window.lmdocsPythonStart = "plain": Pyodide started with loadPyodide
         and the wheel put in place, as without snapshots); the ratios snapshot / plain are printed.
  click  a 300,000-line print: the page is clicked again and again while Python prints and after;
         each click's latency is from the click event (event.timeStamp) to the next animation frame.
  warm   the same cell again on the same page (Python already running): click to first output.
  wheel  putting the lmdocs wheel and the glue in place inside the worker, and Pyodide's own start-up for comparison;
         snapshot_copy: makeMemorySnapshot() on a first visit; restored_start vs plain_repeat_start:
         the worker's start-up on a repeat visit (restore + wheel, vs loadPyodide + wheel).
  stop   an endless loop: click on Stop to the cell saying it stopped (the worker is terminated).
Goals from the issues: cold <= 3 s, repeat visit <= 1 s, warm <= 100 ms, stop <= 1 s, a click answered within
200 ms during and after a flood of output. Clicks and the first output are
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
    if not values:
        return {"median": float("nan"), "min": float("nan"), "max": float("nan"), "runs": 0}
    return {"median": round(statistics.median(values), 1), "min": round(min(values), 1),
            "max": round(max(values), 1), "runs": len(values)}


def set_code(page, index: int, code: str) -> None:
    page.evaluate("([i, c]) => document.querySelectorAll('div.pyrun')[i].querySelector('.CodeMirror').CodeMirror.setValue(c)",
                  [index, code])


STARTS = "performance.getEntriesByName('lmdocs: Python start-up')"   # the runner's timeline entries


def wait_finished(page, index: int) -> None:
    page.wait_for_function("(i) => ['ok', 'error'].includes(document.querySelectorAll('div.pyrun')[i].dataset.pyrunState)",
                           arg=index, timeout=180_000)


def open_page(context, url: str):
    """A new page of `context` on the benchmark's page, once every cell has its editor."""
    page = context.new_page()
    page.goto(url + PAGE)
    page.wait_for_function("() => [...document.querySelectorAll('div.pyrun')].every((c) => c.querySelector('.CodeMirror'))",
                           timeout=60_000)
    return page


def open_fresh(browser, url: str):
    context = browser.new_context()
    return context, open_page(context, url)


def time_hello(page) -> float:
    """Run a one-line print in the first cell: milliseconds from the click to the first output."""
    set_code(page, 0, "print('hello')\n")
    ms = page.evaluate(_TIME_CLICK, [0, "button.pyrun-run", FIRST_OUTPUT])
    wait_finished(page, 0)
    return ms


START_DETAIL = f"{STARTS}.at(-1).detail"
SNAPSHOT_SAVED = "() => performance.getEntriesByName('lmdocs: Python snapshot').length > 0"
PLAIN = "window.lmdocsPythonStart = 'plain';"      # the runner's switch: no memory snapshot
FLOOD = "for i in range(300_000):\n    print(i)\n"

# Every click's latency: from the browser's click event to the next animation frame (when what the
# click changed can be painted), split by whether Python was still printing.
_WATCH_CLICKS = """() => {
  const cell = document.querySelector('div.pyrun');
  window.__latency = { during: [], after: [] };
  document.addEventListener('click', (event) => {
    const when = cell.dataset.pyrunState === 'running' ? 'during' : 'after';
    requestAnimationFrame(() => window.__latency[when].push(performance.now() - event.timeStamp));
  }, true);
}"""


def visit_twice(browser, url: str, plain: bool) -> tuple[float, float, dict, dict]:
    """A first and a second visit in a fresh context: click to first output of each, and how
    Python started each time (the runner's start-up entry)."""
    context = browser.new_context()
    if plain:
        context.add_init_script(PLAIN)
    times, details = [], []
    for visit in range(2):
        page = open_page(context, url)
        times.append(time_hello(page))
        details.append(page.evaluate(START_DETAIL))
        if visit == 0:
            page.evaluate("window.lmdocsOffline")          # the service worker has kept everything
            if not plain:
                page.wait_for_function(SNAPSHOT_SAVED, timeout=180_000)
        page.close()
    context.close()
    return times[0], times[1], details[0], details[1]


def click_latency(browser, url: str) -> tuple[list[float], list[float]]:
    """Click the page's title while a cell prints 300,000 lines, and a few times after."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = open_page(context, url)
    set_code(page, 0, "print('warm')\n")
    page.evaluate("document.querySelectorAll('div.pyrun')[0].querySelector('button.pyrun-run').click()")
    wait_finished(page, 0)
    page.evaluate(_WATCH_CLICKS)
    set_code(page, 0, FLOOD)
    box = page.locator("h1").first.bounding_box()
    x, y = box["x"] + 5, box["y"] + box["height"] / 2
    page.evaluate("document.querySelectorAll('div.pyrun')[0].querySelector('button.pyrun-run').click()")
    while page.evaluate("document.querySelector('div.pyrun').dataset.pyrunState") in ("queued", "running"):
        page.mouse.click(x, y)
    wait_finished(page, 0)
    for _ in range(10):
        page.mouse.click(x, y)
    page.evaluate("() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
    latency = page.evaluate("window.__latency")
    context.close()
    return latency["during"], latency["after"]


def measure(url: str, cold_runs: int, warm_runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    cold, repeat, warm, wheel, startup, stop = [], [], [], [], [], []
    plain_cold, plain_repeat, restore_start, plain_start, snapshot_copy = [], [], [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for run in range(cold_runs):
            # the plain start first, then the snapshot's, in turns (a busy machine slows both alike)
            first, second, _, again = visit_twice(browser, url, plain=True)
            assert again["start"] == "plain", again
            plain_cold.append(first)
            plain_repeat.append(second)
            plain_start.append(again["runtimeMs"] + again["wheelMs"])
            print(f"  plain run {run + 1}/{cold_runs}: {first:.0f} ms to first output, repeat visit {second:.0f} ms",
                  flush=True)
            context, page = open_fresh(browser, url)
            cold.append(time_hello(page))
            timings = page.evaluate(f"{STARTS}.at(-1).detail")
            wheel.append(timings["wheelMs"])
            startup.append(timings["runtimeMs"])
            snapshot_copy.append(timings["snapshotMs"])
            # the snapshot is saved in the background; Stop below ends the worker, which would cut it off
            page.wait_for_function(SNAPSHOT_SAVED, timeout=180_000)
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
            again = open_page(context, url)
            repeat.append(time_hello(again))
            restored = again.evaluate(START_DETAIL)
            assert restored["start"] == "restored", restored
            restore_start.append(restored["runtimeMs"] + restored["wheelMs"])
            context.close()
            print(f"  run {run + 1}/{cold_runs}: {cold[-1]:.0f} ms to first output, repeat visit {repeat[-1]:.0f} ms",
                  flush=True)
        during, after = click_latency(browser, url)
        browser.close()
    return {"cold_ms": summary(cold), "repeat_visit_ms": summary(repeat),
            "plain_cold_ms": summary(plain_cold), "plain_repeat_visit_ms": summary(plain_repeat),
            "warm_ms": summary(warm), "stop_ms": summary(stop),
            "wheel_load_ms": summary(wheel), "pyodide_start_ms": summary(startup),
            "snapshot_copy_ms": summary(snapshot_copy), "restored_start_ms": summary(restore_start), "plain_repeat_start_ms": summary(plain_start),
            "click_during_flood_ms": summary(during), "click_after_flood_ms": summary(after)}


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
    goals = {"cold_ms": 3000, "repeat_visit_ms": 1000, "warm_ms": 100, "stop_ms": 1000,
             "click_during_flood_ms": 200, "click_after_flood_ms": 200}
    print(f"\n{'figure':<24}{'median':>10}{'min':>10}{'max':>10}   goal")
    for name, stats in results.items():
        goal = f"<= {goals[name]} ms ({'met' if stats['median'] <= goals[name] else 'NOT met'})" if name in goals else ""
        print(f"{name:<24}{stats['median']:>10.1f}{stats['min']:>10.1f}{stats['max']:>10.1f}   {goal}")
    ratio = results["wheel_load_ms"]["median"] / results["pyodide_start_ms"]["median"]
    print(f"wheel load / Pyodide start-up (same runs): {ratio:.2f}")
    ratios = {"first visit": ("cold_ms", "plain_cold_ms"), "repeat visit": ("repeat_visit_ms", "plain_repeat_visit_ms"),
              "start-up inside the worker, repeat visit": ("restored_start_ms", "plain_repeat_start_ms")}
    results["snapshot_over_plain"] = {}
    for name, (snap, plain) in ratios.items():
        value = results[snap]["median"] / results[plain]["median"]
        results["snapshot_over_plain"][name] = round(value, 3)
        print(f"snapshot / plain start, {name} (medians, same run): {value:.2f}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "runner.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
