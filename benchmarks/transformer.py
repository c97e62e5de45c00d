"""How fast is the pure-Python GPT? The shipped Hafez model, CPython vs PyTorch vs Pyodide, same run.

    .venv/bin/python -m benchmarks.transformer            # add --no-pyodide to skip the browser

Measures (best of a few repeats, one thread): a full forward pass over 64 characters with
``trace=False`` and with ``trace=True``, loading the JSON file, and generating 100 characters;
the reference is the same weights in ``lmdocs.recipes.model.GPT`` on the CPU. Prints ratios.
"""
from __future__ import annotations

import argparse
import time

CODE = r'''
import time
from lmdocs.transformer import generate, load_hafez_gpt
from lmdocs.transformer.hafez_model import load_hafez_gpt as loader


def best(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


load = best(lambda: (loader.cache_clear(), load_hafez_gpt()), 3)
model = load_hafez_gpt()
ids = model.encode("الا یا ایها الساقی ادر کاسا و ناولها\nکه عشق آسان نمود اول ولی افتاد مشکل ها")[:64]
forward = best(lambda: model.forward(ids), 3)
traced = best(lambda: model.forward(ids, trace=True), 3)
gen = best(lambda: generate(model, ids[:10], 100, temperature=0.8, seed=0), 1)
print(f"RESULT load={load:.4f} forward={forward:.4f} traced={traced:.4f} generate={gen:.4f}")
'''


def parse(output: str) -> dict[str, float]:
    line = next(x for x in output.splitlines() if x.startswith("RESULT"))
    return {k: float(v) for k, v in (item.split("=") for item in line.split()[1:])}


def torch_reference() -> dict[str, float]:
    import torch

    from lmdocs.recipes.model import GPT as TorchGPT
    from lmdocs.recipes.model import GPTConfig
    from lmdocs.transformer import load_hafez_gpt

    torch.set_num_threads(1)
    plain = load_hafez_gpt()
    model = TorchGPT(GPTConfig(**plain.config.to_dict())).eval()
    state = {k: torch.tensor(v) for k, v in plain.weights.items()}
    state["lm_head.weight"] = state["transformer.wte.weight"]
    model.load_state_dict(state)
    ids = torch.tensor([plain.encode("الا یا ایها الساقی ادر کاسا و ناولها\nکه عشق آسان نمود اول ولی افتاد مشکل ها")[:64]])
    times = []
    with torch.no_grad():
        for _ in range(20):
            start = time.perf_counter()
            model(ids)
            times.append(time.perf_counter() - start)
        start = time.perf_counter()
        model.generate(ids[:, :10], 100, temperature=0.8, generator=torch.Generator().manual_seed(0))
        gen = time.perf_counter() - start
    return {"forward": min(times), "generate": gen}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pyodide", action="store_true")
    args = parser.parse_args()
    namespace: dict = {}
    import contextlib
    import io
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(compile(CODE, "<bench>", "exec"), namespace)
    cpython = parse(buffer.getvalue())
    reference = torch_reference()
    rows = [("CPython", cpython)]
    if not args.no_pyodide:
        from tests.support.pyodide import run_in_pyodide
        rows.append(("Pyodide", parse(run_in_pyodide(CODE, timeout=900))))
    print(f"torch (CPU, 1 thread): forward {reference['forward'] * 1e3:.2f} ms, "
          f"generate 100 chars {reference['generate']:.3f} s")
    for name, r in rows:
        print(f"{name}: load {r['load'] * 1e3:.0f} ms, forward {r['forward'] * 1e3:.0f} ms "
              f"({r['forward'] / reference['forward']:.0f}x torch), traced {r['traced'] * 1e3:.0f} ms, "
              f"generate 100 chars {r['generate']:.2f} s ({r['generate'] / reference['generate']:.0f}x torch)")
    if len(rows) == 2:
        print(f"Pyodide / CPython: forward {rows[1][1]['forward'] / cpython['forward']:.2f}x, "
              f"generate {rows[1][1]['generate'] / cpython['generate']:.2f}x")


if __name__ == "__main__":
    main()
