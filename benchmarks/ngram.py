"""n-gram speed: lmdocs.ngram against NLTK's nltk.lm and KenLM's lmplz, in CPython and Pyodide.

    .venv/bin/python -m benchmarks.ngram                      # Hafez 445/50 ghazals, word trigrams
    .venv/bin/python -m benchmarks.ngram --text FILE --order 4 --no-pyodide
    .venv/bin/python -m benchmarks.ngram --lmplz build/kenlm/bin/lmplz   # default path shown
    .venv/bin/python -m benchmarks.ngram --demo               # start-up of docs/demos/ngram_explorer.py

Measured side by side in one run (best of --repeats, so other processes on a shared machine
inflate the figures less; ratios are against the peer measured in the same run):
- fit: lmdocs (modified Kneser-Ney: counts, discounts, every probability and backoff) against
  NLTK's KneserNeyInterpolated (padding, everygrams, counting; NLTK defers the rest to queries);
- scoring: lmdocs scores the whole test text; NLTK scores only --nltk-tokens tokens (it runs at
  tens of tokens per second), so both are reported per token;
- lmplz: the whole process (``lmplz -o N``, text in, ARPA out) against the whole process of
  ``python -m lmdocs.ngram train``, and lmdocs's fit + ARPA text in-process; the start-up part
  (bare ``python``, and ``python -m lmdocs.ngram --help``: interpreter + imports) is shown apart;
- memory: bytes held by the fitted model (tracemalloc) per stored n-gram.
Times are CPU seconds (time.process_time, and user + system time of child processes): on a
machine shared with other work they vary far less than wall-clock seconds, which are printed too.
With --text FILE (one sentence per line) the last 10% of lines are the test text.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LMPLZ = ROOT / "build" / "kenlm" / "bin" / "lmplz"

# The lmdocs measurement runs in CPython (exec here) and in Pyodide (run_in_pyodide); prints JSON.
LMDOCS_CODE = """
import json, time, tracemalloc
from lmdocs.ngram import NGramModel

def best(function, repeats):
    times = []
    for _ in range(repeats):
        started, cpu = time.perf_counter(), time.process_time()
        result = function()
        times.append((time.process_time() - cpu, time.perf_counter() - started))
    return min(times), result  # ((cpu s, wall s) of the run with least CPU, result)

def fit():
    return NGramModel(order=ORDER, discount_fallback=True).fit(TRAIN)

fit_s, model = best(fit, REPEATS)
score_s, report = best(lambda: model.evaluate(TEST), REPEATS)
arpa_s, _ = best(model.to_arpa, REPEATS)
context = TEST[0].split()[:ORDER - 1]
next_s, _ = best(lambda: model.next_words(context, 10), REPEATS)
del model
tracemalloc.start()
model = fit()
held, _ = tracemalloc.get_traced_memory()
tracemalloc.stop()
stored = len(model._lm.logp) + len(model._lm.backoff)
train_tokens = sum(len(s.split()) + 1 for s in TRAIN)
print(json.dumps({"fit_s": fit_s[0], "score_s": score_s[0], "arpa_s": arpa_s[0], "next_words_s": next_s[0],
                  "fit_wall_s": fit_s[1], "score_wall_s": score_s[1],
                  "train_tokens": train_tokens, "test_tokens": report.tokens,
                  "perplexity": report.including_oov, "perplexity_excluding_oov": report.excluding_oov,
                  "oov": report.oov, "ngrams": len(model._lm.logp), "bytes_per_ngram": held / stored}))
"""


DEMO_CODE = """
import contextlib, io, time
from lmdocs import page
started, cpu = time.perf_counter(), time.process_time()
with contextlib.redirect_stdout(io.StringIO()), page.cell(lang="fa"):
    exec(compile(SOURCE, "ngram_explorer.py", "exec"), {"__name__": "__main__"})
print(f"{time.process_time() - cpu:.2f} s CPU ({time.perf_counter() - started:.2f} s wall)")
"""


def demo_startup(pyodide: bool) -> None:
    """Seconds the explorer takes to start (everything before the on-demand perplexity curves)."""
    source = (ROOT / "docs" / "demos" / "ngram_explorer.py").read_text(encoding="utf-8")
    source = source[:source.index("if not page.in_browser()")]
    code = f"SOURCE = {source!r}\n" + DEMO_CODE
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(code, {"__name__": "lmdocs_ngram_demo"})  # noqa: S102 - our own code
    print(f"ngram_explorer start-up, CPython: {printed.getvalue().strip()}")
    if pyodide:
        from tests.support.pyodide import run_in_pyodide
        print(f"ngram_explorer start-up, Pyodide: {run_in_pyodide(code).strip()}")


def lmdocs_code(train: list[str], test: list[str], order: int, repeats: int) -> str:
    return f"TRAIN = {train!r}\nTEST = {test!r}\nORDER = {order}\nREPEATS = {repeats}\n" + LMDOCS_CODE


def run_lmdocs_cpython(code: str) -> dict:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(code, {"__name__": "lmdocs_ngram_bench"})  # noqa: S102 - our own code
    return json.loads(printed.getvalue())


def run_nltk(train: list[str], test: list[str], order: int, repeats: int, tokens: int) -> dict:
    from nltk.lm import KneserNeyInterpolated
    from nltk.lm.preprocessing import padded_everygram_pipeline, pad_both_ends
    fit_times = []
    for _ in range(repeats):
        started = time.process_time()
        data, vocab = padded_everygram_pipeline(order, [line.split() for line in train])
        model = KneserNeyInterpolated(order)
        model.fit(data, vocab)
        fit_times.append(time.process_time() - started)
    queries = []
    for line in test:
        padded = list(pad_both_ends(line.split(), n=order))
        queries += [(padded[i], tuple(padded[i - order + 1:i])) for i in range(order - 1, len(padded))]
    queries = queries[:tokens]
    started = time.process_time()
    for word, context in queries:
        model.score(word, context)
    score_s = time.process_time() - started
    return {"fit_s": min(fit_times), "score_s": score_s, "scored_tokens": len(queries)}


def whole_process(command: list[str], stdin: Path, repeats: int) -> tuple[float, float]:
    """(CPU s, wall s) of the run with least CPU: user + system time of the child process."""
    import resource
    times = []
    for _ in range(repeats):
        with stdin.open("rb") as source:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=True, cwd=ROOT)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall))
    return min(times)


def run_processes(train: list[str], order: int, repeats: int, lmplz: Path) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / "train.txt"
        text.write_text("\n".join(train) + "\n", encoding="utf-8")
        ours = whole_process([sys.executable, "-m", "lmdocs.ngram", "train", "--order", str(order),
                              "--discount_fallback", "--text", str(text), "--arpa", str(Path(folder) / "a")],
                             text, repeats)
        startup = {"python_s": whole_process([sys.executable, "-c", "pass"], text, repeats),
                   "cli_import_s": whole_process([sys.executable, "-m", "lmdocs.ngram", "--help"], text, repeats)}
        if not lmplz.exists():
            return {"lmdocs_process_s": ours, **startup}
        theirs = whole_process([str(lmplz), "-o", str(order), "-S", "64M", "-T", folder, "--discount_fallback"],
                               text, repeats)
    return {"lmdocs_process_s": ours, "lmplz_process_s": theirs, **startup}


def load_text(args: argparse.Namespace) -> tuple[str, list[str], list[str]]:
    if args.text is None:
        from lmdocs.corpora import hafez_split
        train, test = hafez_split()
        return "Hafez (445 ghazals train, 50 test)", train, test
    lines = [line for line in Path(args.text).read_text(encoding="utf-8").splitlines() if line.strip()]
    cut = max(1, len(lines) * 9 // 10)
    return f"{args.text} ({cut} lines train, {len(lines) - cut} test)", lines[:cut], lines[cut:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", help="a text file, one sentence per line (default: Hafez)")
    parser.add_argument("--order", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--nltk-tokens", type=int, default=150, help="how many test tokens NLTK scores")
    parser.add_argument("--lmplz", type=Path, default=LMPLZ, help="lmplz binary (scripts/build_lmplz.sh)")
    parser.add_argument("--no-pyodide", action="store_true", help="skip the browser run")
    parser.add_argument("--demo", action="store_true", help="time the explorer demo's start-up instead")
    args = parser.parse_args()
    if args.demo:
        demo_startup(pyodide=not args.no_pyodide)
        return
    name, train, test = load_text(args)
    code = lmdocs_code(train, test, args.order, args.repeats)
    cpython = run_lmdocs_cpython(code)
    nltk = run_nltk(train, test, args.order, args.repeats, args.nltk_tokens)
    processes = run_processes(train, args.order, args.repeats, args.lmplz)
    pyodide = None
    if not args.no_pyodide:
        from tests.support.pyodide import run_in_pyodide
        pyodide = json.loads(run_in_pyodide(code).strip().splitlines()[-1])
    report(name, args.order, cpython, pyodide, nltk, processes)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ngram.json").write_text(json.dumps({"text": name, "order": args.order, "cpython": cpython,
                                                "pyodide": pyodide, "nltk": nltk, "processes": processes},
                                               indent=1))


def report(name: str, order: int, cpython: dict, pyodide: dict | None, nltk: dict, processes: dict) -> None:
    train_tokens, test_tokens = cpython["train_tokens"], cpython["test_tokens"]
    nltk_fit = train_tokens / nltk["fit_s"]
    nltk_score = nltk["scored_tokens"] / nltk["score_s"]
    print(f"{name}, order {order}: {train_tokens} training tokens, {test_tokens} test tokens "
          f"(words + </s>), {cpython['ngrams']} n-grams; perplexity {cpython['perplexity']:.4f} "
          f"including OOVs, {cpython['perplexity_excluding_oov']:.4f} excluding ({cpython['oov']} OOVs)")
    print("CPU time (process_time; Pyodide: its clock), best of the repeats; ratios against NLTK in this run")
    print(f"{'':26} {'fit tok/s':>11} {'x NLTK':>7} {'score tok/s':>12} {'x NLTK':>9} {'next_words ms':>14}")
    print(f"{'NLTK KneserNeyInterpolated':26} {nltk_fit:11.0f} {1:7.1f} {nltk_score:12.1f} {1:9.0f}"
          f"   (scored {nltk['scored_tokens']} tokens)")
    for runtime, figures in (("lmdocs, CPython", cpython), ("lmdocs, Pyodide", pyodide)):
        if figures is None:
            continue
        fit = train_tokens / figures["fit_s"]
        score = test_tokens / figures["score_s"]
        print(f"{runtime:26} {fit:11.0f} {fit / nltk_fit:7.1f} {score:12.0f} {score / nltk_score:9.0f} "
              f"{figures['next_words_s'] * 1000:14.1f}")
    print(f"memory: {cpython['bytes_per_ngram']:.0f} bytes per stored n-gram or backoff (CPython, tracemalloc)")
    ours_cpu, ours_wall = processes["lmdocs_process_s"]
    line = f"whole process, text in, ARPA out: python -m lmdocs.ngram train {ours_cpu:.3f} s CPU ({ours_wall:.3f} wall)"
    if "lmplz_process_s" in processes:
        theirs_cpu, theirs_wall = processes["lmplz_process_s"]
        line += (f"; lmplz {theirs_cpu:.3f} s CPU ({theirs_wall:.3f} wall); ratio {ours_cpu / theirs_cpu:.2f}x CPU, "
                 f"{ours_wall / theirs_wall:.2f}x wall")
    else:
        line += "; lmplz not found (scripts/build_lmplz.sh)"
    print(line)
    if "python_s" in processes:
        (python_cpu, python_wall), (cli_cpu, cli_wall) = processes["python_s"], processes["cli_import_s"]
        print(f"  of which start-up: bare python {python_cpu:.3f} s CPU ({python_wall:.3f} wall); "
              f"python -m lmdocs.ngram --help (python + imports) {cli_cpu:.3f} s CPU ({cli_wall:.3f} wall)")
    print(f"in process (CPython): fit {cpython['fit_s']:.3f} s CPU ({cpython['fit_wall_s']:.3f} wall) "
          f"+ ARPA text {cpython['arpa_s']:.3f} s CPU")


if __name__ == "__main__":
    main()
