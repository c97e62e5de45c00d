"""BPE speed: lmdocs.bpe (pure Python) against Hugging Face tokenizers (Rust), and in Pyodide.

    .venv/bin/python -m benchmarks.bpe                 # CPython and Pyodide, vocab 1024, Hafez
    .venv/bin/python -m benchmarks.bpe --no-pyodide --vocab-size 512 --repeats 5
    .venv/bin/python -m benchmarks.bpe --demos         # start-up time of docs/demos/bpe_*.py

Training: the whole Hafez corpus (~480 KB UTF-8) to `--vocab-size` ids, GPT-2 chunks, pairs
seen at least twice, tokenizers on one thread (RAYON_NUM_THREADS=1). Encoding: the 50 held-out
ghazals with the learned merges, "cold" (a fresh tokenizer: empty chunk cache) and "warm"
(again, cache filled). Each figure is the best of `--repeats` runs, so other processes on a
shared machine inflate it less. Ratios are against tokenizers measured in the same run. The
goal is wall time; training's CPU time is printed too, because on a busy machine tokenizers'
wall time (its work runs on a pool thread) grows far more than its CPU time.
"""
from __future__ import annotations

import argparse
import json
import os
import time

os.environ.setdefault("RAYON_NUM_THREADS", "1")  # before tokenizers starts its thread pool

# The same measurement runs in CPython (exec here) and in Pyodide (run_in_pyodide); it prints JSON.
LMDOCS_CODE = """
import json, time
from lmdocs.bpe import Tokenizer, train
from lmdocs.corpora import hafez_split, hafez_text

def best(function, repeats):
    walls, cpus = [], []
    for _ in range(repeats):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu_started)
    return (min(walls), min(cpus)), result

text = hafez_text()
held_out = "\\n".join(hafez_split()[1])
train_s, tokenizer = best(lambda: train(text, VOCAB_SIZE), REPEATS)
cold_s, ids = best(lambda: Tokenizer(tokenizer.merges).encode(held_out), REPEATS)
warm_s, _ = best(lambda: tokenizer.encode(held_out), REPEATS)
assert tokenizer.decode(ids) == held_out
print(json.dumps({"train_s": train_s[0], "train_cpu_s": train_s[1], "encode_cold_s": cold_s[0],
                  "encode_warm_s": warm_s[0],
                  "vocab_size": tokenizer.vocab_size, "tokens": len(ids), "chars": len(held_out)}))
"""


def lmdocs_code(vocab_size: int, repeats: int) -> str:
    return f"VOCAB_SIZE = {vocab_size}\nREPEATS = {repeats}\n" + LMDOCS_CODE


def run_lmdocs_cpython(vocab_size: int, repeats: int) -> dict:
    import contextlib
    import io
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(lmdocs_code(vocab_size, repeats), {"__name__": "lmdocs_bpe_bench"})  # noqa: S102 - our own code
    return json.loads(printed.getvalue())


def run_huggingface(vocab_size: int, repeats: int) -> dict:
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    from lmdocs.corpora import hafez_split, hafez_text
    text, held_out = hafez_text(), "\n".join(hafez_split()[1])
    train_times, train_cpu = [], []
    for _ in range(repeats):
        tokenizer = Tokenizer(models.BPE())
        tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
        trainer = trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=2, show_progress=False,
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
        started, cpu_started = time.perf_counter(), time.process_time()
        tokenizer.train_from_iterator([text], trainer)
        train_times.append(time.perf_counter() - started)
        train_cpu.append(time.process_time() - cpu_started)
    encode_times = []
    for _ in range(repeats):
        started = time.perf_counter()
        ids = tokenizer.encode(held_out).ids
        encode_times.append(time.perf_counter() - started)
    return {"train_s": min(train_times), "train_cpu_s": min(train_cpu), "encode_s": min(encode_times),
            "tokens": len(ids)}


DEMO_CODE = """
import time, contextlib, io
from lmdocs import page
for name, source in DEMOS:
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), page.cell(lang=LANG):
        exec(compile(source, name, "exec"), {"__name__": "__main__"})
    print(f"{name}: {time.perf_counter() - started:.2f} s")
"""


def demo_startup(pyodide: bool) -> None:
    """How long each docs/demos/bpe_*.py takes to run once (its start-up in the page), per language."""
    from pathlib import Path
    demos = [(p.name, p.read_text(encoding="utf-8"))
             for p in sorted((Path(__file__).resolve().parents[1] / "docs" / "demos").glob("bpe_*.py"))]
    for lang in ("fa", "en"):
        code = f"DEMOS = {demos!r}\nLANG = {lang!r}\n" + DEMO_CODE
        if pyodide:
            from tests.support.pyodide import run_in_pyodide
            print(f"Pyodide, {lang}:", run_in_pyodide(code).strip().replace("\n", ", "))
        else:
            import contextlib
            import io
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                exec(code, {"__name__": "lmdocs_bpe_bench"})  # noqa: S102 - our own code
            print(f"CPython, {lang}:", printed.getvalue().strip().replace("\n", ", "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vocab-size", type=int, default=1024)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-pyodide", action="store_true", help="skip the browser run")
    parser.add_argument("--demos", action="store_true", help="time the demos' start-up instead")
    args = parser.parse_args()
    if args.demos:
        demo_startup(pyodide=False)
        if not args.no_pyodide:
            demo_startup(pyodide=True)
        return
    hf = run_huggingface(args.vocab_size, args.repeats)
    rows = [("tokenizers (Rust, 1 thread)", hf["train_s"], hf["encode_s"], None)]
    cpython = run_lmdocs_cpython(args.vocab_size, args.repeats)
    rows.append(("lmdocs.bpe, CPython", cpython["train_s"], cpython["encode_cold_s"], cpython["encode_warm_s"]))
    if not args.no_pyodide:
        from tests.support.pyodide import run_in_pyodide
        pyodide = json.loads(run_in_pyodide(lmdocs_code(args.vocab_size, args.repeats)).strip().splitlines()[-1])
        rows.append(("lmdocs.bpe, Pyodide", pyodide["train_s"], pyodide["encode_cold_s"], pyodide["encode_warm_s"]))
    print(f"Hafez, vocab {args.vocab_size}, best of {args.repeats}; encoding {cpython['chars']} held-out "
          f"characters -> {cpython['tokens']} tokens (tokenizers: {hf['tokens']})")
    print(f"{'':30} {'train s':>8} {'x tok':>6} {'encode s':>9} {'x tok':>6} {'warm s':>7} {'chars/s':>9}")
    for name, train_s, encode_s, warm_s in rows:
        warm = f"{warm_s:7.3f}" if warm_s is not None else f"{'':7}"
        print(f"{name:30} {train_s:8.3f} {train_s / hf['train_s']:6.2f} {encode_s:9.4f} "
              f"{encode_s / hf['encode_s']:6.1f} {warm} {cpython['chars'] / encode_s:9.0f}")
    print(f"CPU time of training (less disturbed by other processes): tokenizers {hf['train_cpu_s']:.3f} s, "
          f"lmdocs.bpe {cpython['train_cpu_s']:.3f} s ({cpython['train_cpu_s'] / hf['train_cpu_s']:.2f}x)")


if __name__ == "__main__":
    main()
