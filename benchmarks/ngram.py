"""n-gram speed: lmdocs.ngram against NLTK (fitting) and KenLM (scoring, and lmplz), in CPython and Pyodide.

    .venv/bin/python -m benchmarks.ngram                      # Hafez 445/50 ghazals, word trigrams
    .venv/bin/python -m benchmarks.ngram --text FILE --order 4 --no-pyodide
    .venv/bin/python -m benchmarks.ngram --lmplz build/kenlm/bin/lmplz   # default path shown
    .venv/bin/python -m benchmarks.ngram --demo               # start-up of docs/demos/ngram_explorer.py

Goals (issue 17.5), each a ratio against a reference measured in the same run:
  fit      lmdocs ≥ 6× as fast as NLTK's KneserNeyInterpolated(order).fit (padding, everygrams,
           counting; NLTK defers the rest to queries, lmdocs computes every probability and backoff);
  scoring  lmdocs ``evaluate`` ≥ 0.3× as fast as the ``kenlm`` module's ``full_scores`` over the
           same test text (our ARPA file loaded into kenlm), per token.
How: --rounds rounds; each round times lmdocs and then its reference once (CPU seconds,
time.process_time), so both run under the same load on a shared machine. Reported: the medians,
the ratio of the medians, and the spread (min–max) of the per-round ratios. Pyodide runs the same
lmdocs code --rounds times in headless Chromium; its medians are compared with the CPython
references' medians of this run (NLTK and kenlm do not run in Pyodide).
Also: NLTK's scoring rate (on --nltk-tokens tokens: it runs at tens of tokens per second), bytes
per stored n-gram, and whole processes, text in and ARPA out: ``python -m lmdocs.ngram train``
against ``lmplz`` (start-up shown apart). With --text FILE the last 10% of lines are the test text.
Writes benchmarks/results/ngram.json.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LMPLZ = ROOT / "build" / "kenlm" / "bin" / "lmplz"
GOALS = {"fit_vs_nltk": 6.0, "score_vs_kenlm": 0.3}

# lmdocs's side, the same code in CPython (exec here; ROUNDS = 0 only defines the functions, which
# the interleaved rounds call) and in Pyodide (ROUNDS rounds of fit_once then score_once); prints JSON.
LMDOCS_CODE = """
import json, time, tracemalloc
from lmdocs.ngram import NGramModel

def cpu(function):
    started = time.process_time()
    result = function()
    return time.process_time() - started, result

def fit():
    return NGramModel(order=ORDER, discount_fallback=True).fit(TRAIN)

def fit_once():
    return cpu(fit)[0]

def score_once(model):
    return cpu(lambda: model.evaluate(TEST))[0]

def facts(model):
    \"\"\"Everything but the timed rounds: the model's figures, ARPA and next_words times, memory.\"\"\"
    report = model.evaluate(TEST)
    arpa_s, arpa = cpu(model.to_arpa)
    context = TEST[0].split()[:ORDER - 1]
    next_s, _ = cpu(lambda: model.next_words(context, 10))
    tracemalloc.start()
    held_model = fit()
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return arpa, {"arpa_s": arpa_s, "next_words_s": next_s,
                  "train_tokens": sum(len(s.split()) + 1 for s in TRAIN), "test_tokens": report.tokens,
                  "perplexity": report.including_oov, "perplexity_excluding_oov": report.excluding_oov,
                  "oov": report.oov, "ngrams": len(held_model._lm.logp),
                  "bytes_per_ngram": held / (len(held_model._lm.logp) + len(held_model._lm.backoff))}

if ROUNDS:
    model = fit()
    fits, scores = [], []
    for _ in range(ROUNDS):
        fits.append(fit_once())
        scores.append(score_once(model))
    print(json.dumps({"fit_s": fits, "score_s": scores}))
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


def lmdocs_code(train: list[str], test: list[str], order: int, rounds: int) -> str:
    return f"TRAIN = {train!r}\nTEST = {test!r}\nORDER = {order}\nROUNDS = {rounds}\n" + LMDOCS_CODE


def nltk_fit_seconds(train: list[str], order: int):
    """CPU seconds of NLTK's KneserNeyInterpolated fit, and the model."""
    from nltk.lm import KneserNeyInterpolated
    from nltk.lm.preprocessing import padded_everygram_pipeline
    started = time.process_time()
    data, vocab = padded_everygram_pipeline(order, [line.split() for line in train])
    model = KneserNeyInterpolated(order)
    model.fit(data, vocab)
    return time.process_time() - started, model


def nltk_score_rate(model, test: list[str], order: int, tokens: int) -> dict:
    from nltk.lm.preprocessing import pad_both_ends
    queries = []
    for line in test:
        padded = list(pad_both_ends(line.split(), n=order))
        queries += [(padded[i], tuple(padded[i - order + 1:i])) for i in range(order - 1, len(padded))]
    queries = queries[:tokens]
    started = time.process_time()
    for word, context in queries:
        model.score(word, context)
    return {"score_s": time.process_time() - started, "scored_tokens": len(queries)}


def kenlm_score_seconds(model, test: list[str]) -> float:
    """CPU seconds of the kenlm module's full_scores over every test sentence (<s> and </s> included)."""
    started = time.process_time()
    for sentence in test:
        for _ in model.full_scores(sentence):
            pass
    return time.process_time() - started


def interleaved(train: list[str], test: list[str], order: int, rounds: int) -> dict:
    """lmdocs and its references, round by round in this process. Fitting: a fresh model each time.
    Scoring: one fitted model each (ours, and our ARPA file loaded into kenlm), warm, as kenlm's is.
    Odd rounds run the reference first, even rounds lmdocs first, so neither always comes second."""
    import kenlm
    lmdocs = {}
    exec(lmdocs_code(train, test, order, 0), lmdocs)  # noqa: S102 - our own code: defines the functions
    model = lmdocs["fit"]()
    times: dict[str, list[float]] = {"lmdocs_fit_s": [], "nltk_fit_s": [], "lmdocs_score_s": [], "kenlm_score_s": []}
    with tempfile.TemporaryDirectory() as folder:
        arpa_text, facts = lmdocs["facts"](model)
        arpa = Path(folder) / "model.arpa"
        arpa.write_text(arpa_text, encoding="utf-8")
        reference = kenlm.Model(str(arpa))
    for round_number in range(rounds):
        fits = [("lmdocs_fit_s", lmdocs["fit_once"]), ("nltk_fit_s", lambda: nltk_fit_seconds(train, order)[0])]
        scores = [("lmdocs_score_s", lambda: lmdocs["score_once"](model)),
                  ("kenlm_score_s", lambda: kenlm_score_seconds(reference, test))]
        for pair in (fits, scores):
            for name, timed in (pair if round_number % 2 == 0 else pair[::-1]):
                times[name].append(timed())
    return {**times, "facts": facts}


def whole_process(command: list[str], stdin: Path, repeats: int) -> tuple[float, float]:
    """(CPU s, wall s), medians: user + system time of the child process."""
    import resource
    cpu, wall = [], []
    for _ in range(repeats):
        with stdin.open("rb") as source:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=True, cwd=ROOT)
            wall.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(cpu), statistics.median(wall)


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
    from lmdocs.ngram import text_lines
    from lmdocs.ngram.kenlm_text import read_text
    lines = [line for line in text_lines(read_text(args.text)) if line.strip()]
    cut = max(1, len(lines) * 9 // 10)
    return f"{args.text} ({cut} lines train, {len(lines) - cut} test)", lines[:cut], lines[cut:]


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f}, min {min(values):.2f}, max {max(values):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", help="a text file, one sentence per line (default: Hafez)")
    parser.add_argument("--order", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=9, help="rounds of lmdocs-then-reference timings")
    parser.add_argument("--nltk-tokens", type=int, default=150, help="how many test tokens NLTK scores")
    parser.add_argument("--lmplz", type=Path, default=LMPLZ, help="lmplz binary (scripts/build_lmplz.sh)")
    parser.add_argument("--no-pyodide", action="store_true", help="skip the browser run")
    parser.add_argument("--demo", action="store_true", help="time the explorer demo's start-up instead")
    args = parser.parse_args()
    if args.demo:
        demo_startup(pyodide=not args.no_pyodide)
        return
    name, train, test = load_text(args)
    measured = interleaved(train, test, args.order, args.rounds)
    nltk_score = nltk_score_rate(nltk_fit_seconds(train, args.order)[1], test, args.order, args.nltk_tokens)
    processes = run_processes(train, args.order, 3, args.lmplz)
    pyodide = None
    if not args.no_pyodide:
        from tests.support.pyodide import run_in_pyodide
        code = lmdocs_code(train, test, args.order, args.rounds)
        pyodide = json.loads(run_in_pyodide(code).strip().splitlines()[-1])
    results = summarise(measured, pyodide, nltk_score)
    report(name, args.order, measured, results, nltk_score, processes)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ngram.json").write_text(json.dumps({"text": name, "order": args.order, "rounds": args.rounds,
                                                **measured, "pyodide": pyodide, "nltk_score": nltk_score,
                                                "processes": processes, "results": results}, indent=1))


def summarise(measured: dict, pyodide: dict | None, nltk_score: dict) -> dict:
    """Rates (tokens per CPU second, medians) and ratios against the references of this run."""
    facts = measured["facts"]
    train_tokens, test_tokens = facts["train_tokens"], facts["test_tokens"]
    nltk_fit, kenlm_score = measured["nltk_fit_s"], measured["kenlm_score_s"]
    results = {
        "nltk_fit_tok_s": train_tokens / statistics.median(nltk_fit),
        "kenlm_score_tok_s": test_tokens / statistics.median(kenlm_score),
        "nltk_score_tok_s": nltk_score["scored_tokens"] / nltk_score["score_s"],
    }
    runtimes = {"cpython": {"fit_s": measured["lmdocs_fit_s"], "score_s": measured["lmdocs_score_s"]},
                "pyodide": pyodide}
    for runtime, figures in runtimes.items():
        if figures is None:
            continue
        fit_rate = train_tokens / statistics.median(figures["fit_s"])
        score_rate = test_tokens / statistics.median(figures["score_s"])
        results[runtime] = {"fit_tok_s": fit_rate, "score_tok_s": score_rate,
                            "fit_vs_nltk": fit_rate / results["nltk_fit_tok_s"],
                            "score_vs_kenlm": score_rate / results["kenlm_score_tok_s"]}
    cpython = results["cpython"]
    cpython["fit_vs_nltk_rounds"] = [n / o for o, n in zip(measured["lmdocs_fit_s"], nltk_fit)]
    cpython["score_vs_kenlm_rounds"] = [k / o for o, k in zip(measured["lmdocs_score_s"], kenlm_score)]
    return results


def report(name: str, order: int, measured: dict, results: dict, nltk_score: dict, processes: dict) -> None:
    lmdocs = measured["facts"]
    print(f"{name}, order {order}: {lmdocs['train_tokens']} training tokens, {lmdocs['test_tokens']} test tokens "
          f"(words + </s>), {lmdocs['ngrams']} n-grams; perplexity {lmdocs['perplexity']:.4f} "
          f"including OOVs, {lmdocs['perplexity_excluding_oov']:.4f} excluding ({lmdocs['oov']} OOVs)")
    print(f"CPU time (process_time), medians of {len(measured['lmdocs_fit_s'])} rounds; Pyodide: its clock")
    print(f"{'':28} {'fit tok/s':>11} {'score tok/s':>12}")
    print(f"{'NLTK KneserNeyInterpolated':28} {results['nltk_fit_tok_s']:11.0f} {results['nltk_score_tok_s']:12.1f}"
          f"   (scored {nltk_score['scored_tokens']} tokens)")
    print(f"{'kenlm module full_scores':28} {'':11} {results['kenlm_score_tok_s']:12.0f}")
    for runtime in ("cpython", "pyodide"):
        if runtime in results:
            figures = results[runtime]
            print(f"{'lmdocs, ' + ('CPython' if runtime == 'cpython' else 'Pyodide'):28} "
                  f"{figures['fit_tok_s']:11.0f} {figures['score_tok_s']:12.0f}")
    cpython = results["cpython"]
    for goal, rounds, label in (("fit_vs_nltk", "fit_vs_nltk_rounds", "fit / NLTK fit"),
                                ("score_vs_kenlm", "score_vs_kenlm_rounds", "scoring / kenlm full_scores")):
        met = "met" if cpython[goal] >= GOALS[goal] else "NOT met"
        line = (f"{label}: CPython {cpython[goal]:.2f}x (per round: {spread(cpython[rounds])}); "
                f"goal >= {GOALS[goal]}x {met}")
        if "pyodide" in results:
            line += f"; Pyodide {results['pyodide'][goal]:.2f}x (against the CPython reference)"
        print(line)
    print(f"NLTK scoring: lmdocs CPython is {cpython['score_tok_s'] / results['nltk_score_tok_s']:.0f}x faster")
    print(f"next_words: {lmdocs['next_words_s'] * 1000:.1f} ms; ARPA text: {lmdocs['arpa_s']:.3f} s CPU; "
          f"memory: {lmdocs['bytes_per_ngram']:.0f} bytes per stored n-gram or backoff (tracemalloc)")
    ours_cpu, ours_wall = processes["lmdocs_process_s"]
    line = f"whole process, text in, ARPA out: python -m lmdocs.ngram train {ours_cpu:.3f} s CPU ({ours_wall:.3f} wall)"
    if "lmplz_process_s" in processes:
        theirs_cpu, theirs_wall = processes["lmplz_process_s"]
        line += (f"; lmplz {theirs_cpu:.3f} s CPU ({theirs_wall:.3f} wall); ratio {ours_cpu / theirs_cpu:.2f}x CPU, "
                 f"{ours_wall / theirs_wall:.2f}x wall")
    else:
        line += "; lmplz not found (scripts/build_lmplz.sh)"
    print(line)
    (python_cpu, python_wall), (cli_cpu, cli_wall) = processes["python_s"], processes["cli_import_s"]
    print(f"  of which start-up: bare python {python_cpu:.3f} s CPU ({python_wall:.3f} wall); "
          f"python -m lmdocs.ngram --help (python + imports) {cli_cpu:.3f} s CPU ({cli_wall:.3f} wall)")


if __name__ == "__main__":
    main()
