# Training-compute estimator: FLOPs ≈ 6 × (active) parameters × tokens, then GPU-days at a utilization.
from lmdocs import page
from lmdocs.compute import GPUS, MODELS, estimate, human
from lmdocs.i18n import num, tr

# Everything lives inside one function: the blocks of a page share one namespace, and the other
# blocks on this page must not change this demo's names (T, state...), nor it theirs.


def compute_estimator_demo() -> None:
    T = {
        "params": tr("parameters, power of ten (9 = one billion)", "تعداد پارامترها، توان ده (۹ یعنی یک میلیارد)"),
        "active": tr("active per token, % of the parameters (100 = dense; mixture of experts: less)",
                     "پارامترهای فعال برای هر توکن، درصد از کل (۱۰۰ یعنی چگال؛ آمیزهٔ متخصصان: کمتر)"),
        "tokens": tr("training tokens, power of ten", "توکن‌های آموزش، توان ده"),
        "gpu": "GPU",
        "mfu": tr("utilization (% of peak)", "بهره‌وری (درصد از اوج)"),
        "n": tr("number of GPUs", "تعداد GPU"),
        "yours": tr("your model", "مدل شما"),
        "dense": "—",
        "headers": [tr("model", "مدل"), tr("parameters", "پارامتر"), tr("active", "فعال"), tr("tokens", "توکن"),
                    "FLOPs", tr("GPU-days", "GPU-روز"), tr("calendar days", "روز تقویمی")],
        "title": tr("Training compute", "هزینهٔ محاسباتی آموزش"),
    }
    state = {"log_params": 9.0, "active_pct": 100, "log_tokens": 10.3, "gpu": "H100", "mfu": 40, "n": 8}

    def row(name: str, parameters: float, tokens: float, active: float | None) -> list:
        e = estimate(parameters, tokens, state["gpu"], state["mfu"] / 100, state["n"], active=active)
        shown_active = T["dense"] if active is None else human(active)
        return [name, human(parameters), shown_active, human(tokens), human(e.flops),
                days(e.gpu_days), days(e.days)]

    def days(d: float) -> str:
        """Whole days from 100 on, one decimal below (in the page's digits)."""
        return num(d, ",.0f" if d >= 100 else ",.1f")

    def redraw() -> None:
        parameters = 10 ** state["log_params"]
        active = None if state["active_pct"] >= 100 else parameters * state["active_pct"] / 100
        rows = [row(T["yours"], parameters, 10 ** state["log_tokens"], active)]
        rows += [row(name, m.parameters, m.tokens, m.active) for name, m in MODELS.items()]
        gpu = tr("{n} × {gpu} ({tf:,.0f} TFLOP/s), {mfu}%", "{n} × {gpu} ({tf:,.0f} TFLOP/s)، {mfu}٪",
                 n=state["n"], gpu=state["gpu"], tf=GPUS[state["gpu"]] / 1e12, mfu=state["mfu"])
        page.table("estimates", rows, headers=T["headers"], title=f'{T["title"]}: {gpu}')

    page.slider("params", T["params"], 6, 12.5, 0.1, state["log_params"],
                on_change=page.bind(state, "log_params", redraw, cast=float))
    page.slider("active", T["active"], 1, 100, 1, state["active_pct"],
                on_change=page.bind(state, "active_pct", redraw, cast=int))
    page.slider("tokens", T["tokens"], 8, 13.7, 0.1, state["log_tokens"],
                on_change=page.bind(state, "log_tokens", redraw, cast=float))
    page.select("gpu", T["gpu"], list(GPUS), state["gpu"], on_change=page.bind(state, "gpu", redraw, cast=str))
    page.slider("mfu", T["mfu"], 5, 80, 5, state["mfu"], on_change=page.bind(state, "mfu", redraw, cast=int))
    page.select("n", T["n"], [num(n) for n in (1, 8, 64, 512, 2048, 8192, 16384)], num(state["n"]),
                on_change=page.bind(state, "n", redraw, cast=int))   # "۸" on a Persian page; int("۸") is 8
    redraw()


compute_estimator_demo()
