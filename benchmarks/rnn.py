"""RNN training speed: lmdocs.rnn (pure Python) in CPython and in Pyodide, against numpy.

    .venv/bin/python -m benchmarks.rnn                       # all cells, H = 32, 64, 128
    .venv/bin/python -m benchmarks.rnn --cells rnn,lstm --sizes 64 --no-pyodide

Training characters per second: Trainer.train on the Hafez text (windows of --seq-len characters,
Adam, clipping at 5), the same loop as the page's trainer demo. Each figure is the best of
--repeats runs of --windows windows, so other processes on a shared machine inflate it less. The
peer is benchmarks/rnn_numpy.py, the same cells and loop in numpy (checked equal
by check_peers() before anything is timed), in the same CPython process. In Pyodide three kernels are measured:
math.sumprod, the 3.11 fallback, and the JavaScript kernel (lmdocs/rnn/kernel.js, the default there; the weights cross the bridge at the start and end of each Trainer.train call,
which the timing includes).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

LMDOCS_CODE = """
import json, sys, time
from lmdocs.corpora import hafez_text
from lmdocs.rnn import CharRNN, CharTokenizer, TrainConfig, Trainer, linalg

def chars_per_second(cell, hidden, kernel):
    linalg.use_kernel(kernel)
    text = hafez_text()
    best, best_cpu = float("inf"), float("inf")
    for _ in range(REPEATS):
        model = CharRNN(CharTokenizer.from_text(text), cell=cell, hidden_size=hidden, seed=0)
        trainer = Trainer(model, text, TrainConfig(seq_len=SEQ_LEN))
        trainer.train(1)  # warm-up window
        started, started_cpu = time.perf_counter(), time.process_time()
        trainer.train(WINDOWS)
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
    linalg.use_kernel("auto")
    return WINDOWS * SEQ_LEN / best, WINDOWS * SEQ_LEN / max(best_cpu, 1e-9)

def straightforward_chars_per_second(hidden):
    namespace = {}
    exec(STRAIGHTFORWARD_SOURCE, namespace)  # benchmarks/rnn_straightforward.py (not in the wheel)
    text = hafez_text()
    vocab = CharTokenizer.from_text(text)
    ids = vocab.encode(text)
    best = float("inf")
    for _ in range(REPEATS):
        model = CharRNN(vocab, cell="rnn", hidden_size=hidden, seed=0)
        started = time.perf_counter()
        namespace["train_straightforward"](model, ids, SEQ_LEN, WINDOWS)
        best = min(best, time.perf_counter() - started)
    return WINDOWS * SEQ_LEN / best

kernels = ["sumprod", "fallback"] if linalg.SUMPROD is not None else ["fallback"]
js_cells = linalg.jskernel.CELLS if linalg.jskernel.available() else ()  # lmdocs/rnn/kernel.js
out = {"python": ".".join(map(str, sys.version_info[:3])), "results": []}
for cell in CELLS:
    for hidden in SIZES:
        for kernel in kernels + (["js"] if cell in js_cells else []):
            wall, cpu = chars_per_second(cell, hidden, kernel)
            out["results"].append({"cell": cell, "hidden": hidden, "kernel": kernel,
                                   "chars_per_s": wall, "chars_per_cpu_s": cpu})
        if cell == "rnn":
            out["results"].append({"cell": cell, "hidden": hidden, "kernel": "straightforward",
                                   "chars_per_s": straightforward_chars_per_second(hidden)})
print(json.dumps(out))
"""


def numpy_chars_per_second(cell, hidden, seq_len, windows, repeats):
    from benchmarks.rnn_numpy import NumpyCharRNN
    from lmdocs.corpora import hafez_text
    from lmdocs.rnn import CharRNN, CharTokenizer

    text = hafez_text()
    vocab = CharTokenizer.from_text(text)
    ids = vocab.encode(text)
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeats):
        peer = NumpyCharRNN(CharRNN(vocab, cell=cell, hidden_size=hidden, seed=0).params(), cell, hidden)
        peer.train(ids, seq_len, 1)
        started, started_cpu = time.perf_counter(), time.process_time()
        peer.train(ids, seq_len, windows)
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
    return windows * seq_len / best, windows * seq_len / max(best_cpu, 1e-9)


def check_peers(seq_len=16, windows=3):
    """The peers must compute what lmdocs.rnn computes, or their speed ratio means nothing.

    Trains lmdocs and each peer for a few windows from the same weights and compares the loss and
    every weight; raises RuntimeError naming the peer that disagrees.
    """
    import math

    from benchmarks.rnn_numpy import NumpyCharRNN
    from benchmarks.rnn_straightforward import train_straightforward
    from lmdocs.corpora import hafez_text
    from lmdocs.rnn import CharRNN, CharTokenizer, TrainConfig, Trainer

    def close(a, b, rel):
        return math.isclose(a, b, rel_tol=rel, abs_tol=1e-10)

    def flat(value):
        return [x for row in value for x in row] if isinstance(value[0], list) else list(value)

    text = hafez_text()[:400]
    for cell in ("rnn", "lstm", "gru", "mingru"):
        model = CharRNN(CharTokenizer.from_text(text), cell=cell, hidden_size=8, seed=1)
        peer = NumpyCharRNN(model.params(), cell, 8)
        trainer = Trainer(model, text, TrainConfig(seq_len=seq_len))
        loss = trainer.train(windows)[-1]
        peer_loss = peer.train(trainer.ids, seq_len, windows)
        same = close(peer_loss, loss, 1e-9) and all(
            close(a, b, 1e-7) for name, value in model.params().items()
            for a, b in zip(flat(value), peer.p[name].ravel().tolist()))
        if not same:
            raise RuntimeError(f"benchmarks/rnn_numpy.py no longer trains the {cell} cell like lmdocs.rnn.")
    model = CharRNN(CharTokenizer.from_text(text), cell="rnn", hidden_size=6, seed=1)
    twin = CharRNN(model.tokenizer, cell="rnn", hidden_size=6, seed=1)
    trainer = Trainer(model, text, TrainConfig(seq_len=seq_len))
    loss = trainer.train(windows)[-1]
    same = close(train_straightforward(twin, trainer.ids, seq_len, windows), loss, 1e-9) and all(
        close(a, b, 1e-7) for name, value in model.params().items()
        for a, b in zip(flat(value), flat(twin.params()[name])))
    if not same:
        raise RuntimeError("benchmarks/rnn_straightforward.py no longer trains like lmdocs.rnn.")


def lmdocs_code(cells, sizes, seq_len, windows, repeats):
    source = (Path(__file__).parent / "rnn_straightforward.py").read_text(encoding="utf-8")
    header = (f"CELLS = {cells!r}\nSIZES = {sizes!r}\nSEQ_LEN = {seq_len}\nWINDOWS = {windows}\n"
              f"REPEATS = {repeats}\nSTRAIGHTFORWARD_SOURCE = {source!r}\n")
    return header + LMDOCS_CODE


def run_cpython(code):
    import contextlib
    import io
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(compile(code, "<rnn-bench>", "exec"), {"__name__": "__rnn_bench__"})
    return json.loads(buffer.getvalue())


def main(argv=None):
    parser = argparse.ArgumentParser(description="lmdocs.rnn training speed")
    parser.add_argument("--cells", default="rnn,lstm,gru,mingru")
    parser.add_argument("--sizes", default="32,64,128")
    parser.add_argument("--seq-len", type=int, default=64)
    parser.add_argument("--windows", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-pyodide", action="store_true")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    check_peers()
    cells = args.cells.split(",")
    sizes = [int(s) for s in args.sizes.split(",")]
    code = lmdocs_code(cells, sizes, args.seq_len, args.windows, args.repeats)
    report = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}",
              "cpython": run_cpython(code)}
    report["numpy"] = []
    for c in cells:
        for h in sizes:
            wall, cpu = numpy_chars_per_second(c, h, args.seq_len, args.windows, args.repeats)
            report["numpy"].append({"cell": c, "hidden": h, "chars_per_s": wall, "chars_per_cpu_s": cpu})
    if not args.no_pyodide:
        from tests.support.pyodide import run_in_pyodide
        report["pyodide"] = json.loads(run_in_pyodide(code, timeout=1800).strip().splitlines()[-1])
    numpy_by = {(r["cell"], r["hidden"]): r for r in report["numpy"]}
    print(f"training characters per second ({report['machine']}; seq_len {args.seq_len}, Adam, best of {args.repeats})")
    print("CPython and numpy: per wall second, and per CPU second of this process (less hurt by a busy machine);")
    print("/numpy: lmdocs / numpy per CPU second. Pyodide: per wall second, math.sumprod, the 3.11 fallback")
    print("and the JavaScript kernel (js); js/py = js / sumprod.")
    print(f"{'cell':7s} {'H':>4s} {'numpy':>8s} {'(cpu)':>8s} {'CPython':>8s} {'(cpu)':>8s} {'/numpy':>7s}"
          f" {'Pyodide':>8s} {'fallback':>9s} {'js':>7s} {'js/py':>6s}")
    for c in cells:
        for h in sizes:
            cp = next(r for r in report["cpython"]["results"] if (r["cell"], r["hidden"]) == (c, h)
                      and r["kernel"] != "straightforward")
            npy = numpy_by[(c, h)]
            line = (f"{c:7s} {h:4d} {npy['chars_per_s']:8.0f} {npy['chars_per_cpu_s']:8.0f} {cp['chars_per_s']:8.0f}"
                    f" {cp['chars_per_cpu_s']:8.0f} {cp['chars_per_cpu_s'] / npy['chars_per_cpu_s']:7.3f}")
            if "pyodide" in report:
                pr = {r["kernel"]: r["chars_per_s"] for r in report["pyodide"]["results"] if (r["cell"], r["hidden"]) == (c, h)}
                nan = float("nan")
                line += (f" {pr.get('sumprod', nan):8.0f} {pr.get('fallback', nan):9.0f} {pr.get('js', nan):7.0f}"
                         f" {pr.get('js', nan) / pr.get('sumprod', nan):6.1f}")
            print(line)
    if "rnn" in cells:
        print("vanilla RNN against a straightforward pure-Python version (benchmarks/rnn_straightforward.py), same run:")
        for runtime in [k for k in ("cpython", "pyodide") if k in report]:
            for h in sizes:
                by = {r["kernel"]: r["chars_per_s"] for r in report[runtime]["results"] if (r["cell"], r["hidden"]) == ("rnn", h)}
                ours = by.get("sumprod", by.get("fallback"))
                print(f"  {runtime:8s} H={h:<4d} lmdocs {ours:7.0f}  straightforward {by['straightforward']:7.0f}"
                      f"  x{ours / by['straightforward']:.2f}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
