# Training-compute estimator: FLOPs ≈ 6 × parameters × tokens, then GPU-days at a utilisation.
from lmdocs import page
from lmdocs.compute import GPUS, MODELS, estimate, human

FA = page.lang() == "fa"
T = {
    "params": "تعداد پارامترها، توان ده (۹ یعنی یک میلیارد)" if FA else "parameters, power of ten (9 = one billion)",
    "tokens": "توکن‌های آموزش، توان ده" if FA else "training tokens, power of ten",
    "gpu": "GPU" if FA else "GPU",
    "mfu": "بهره‌وری (درصد از اوج)" if FA else "utilisation (% of peak)",
    "n": "تعداد GPU" if FA else "number of GPUs",
    "yours": "مدل شما" if FA else "your model",
    "headers": (["مدل", "پارامتر", "توکن", "FLOPs", "GPU-روز", "روز تقویمی"] if FA else
                ["model", "parameters", "tokens", "FLOPs", "GPU-days", "calendar days"]),
    "title": "هزینهٔ محاسباتی آموزش" if FA else "Training compute",
}
state = {"log_params": 9.0, "log_tokens": 10.3, "gpu": "A100", "mfu": 40, "n": "8"}


def row(name: str, parameters: float, tokens: float) -> list:
    e = estimate(parameters, tokens, state["gpu"], state["mfu"] / 100, int(state["n"]))
    return [name, human(parameters), human(tokens), human(e.flops), f"{e.gpu_days:,.1f}", f"{e.days:,.1f}"]


def redraw() -> None:
    mine = row(T["yours"], 10 ** state["log_params"], 10 ** state["log_tokens"])
    rows = [mine] + [row(name, p, d) for name, (p, d, _source) in MODELS.items()]
    gpu = f'{state["n"]} × {state["gpu"]} ({GPUS[state["gpu"]] / 1e12:.0f} TFLOP/s), {state["mfu"]}%'
    page.table("estimates", rows, headers=T["headers"], title=f'{T["title"]}: {gpu}')


def setter(name: str, cast=float):
    def on_change(value) -> None:
        state[name] = cast(value)
        redraw()
    return on_change


page.slider("params", T["params"], 6, 12, 0.1, state["log_params"], on_change=setter("log_params"))
page.slider("tokens", T["tokens"], 8, 13.5, 0.1, state["log_tokens"], on_change=setter("log_tokens"))
page.select("gpu", T["gpu"], list(GPUS), state["gpu"], on_change=setter("gpu", str))
page.slider("mfu", T["mfu"], 5, 80, 5, state["mfu"], on_change=setter("mfu", int))
page.select("n", T["n"], ["1", "8", "64", "512", "2048", "8192"], state["n"], on_change=setter("n", str))
redraw()
