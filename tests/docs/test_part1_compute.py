"""Part 1 (docs/series/1-ingredients): the numbers its pages quote are the ones lmdocs.compute gives, in
each language's digits; exercise 1's FLOP counts agree with PyTorch's own FLOP counter; the estimator
demo runs in both languages and its active-parameter slider scales the compute of a mixture of experts.
"""
from __future__ import annotations

import io
import math
import runpy
from contextlib import redirect_stdout

import pytest

from lmdocs import page
from lmdocs.compute import GPUS, MODELS, gpu_days, training_flops
from lmdocs.exercises import reference
from support.cells import DOCS

PAGES = {"en": DOCS / "series" / "1-ingredients.en.md", "fa": DOCS / "series" / "1-ingredients.md"}
FA_DIGITS = str.maketrans("0123456789.,", "۰۱۲۳۴۵۶۷۸۹٫٬")


def _days(name: str, gpu: str = "H100", mfu: float = 0.4) -> float:
    m = MODELS[name]
    return gpu_days(training_flops(m.parameters, m.tokens, m.active), GPUS[gpu], mfu)


def quoted() -> list[tuple[str, str, str]]:
    """(what, English text, Persian text) of every derived number the prose quotes, computed here."""
    gpt3 = _days("GPT-3 175B")
    llama3 = _days("Llama 3 405B")
    ds, l3 = MODELS["DeepSeek-V3"], MODELS["Llama 3 405B"]
    ex2 = reference("part1.gpu-days")
    rows = [
        ("GPT-3 H100-days, to the hundred", f"{round(gpt3, -2):,.0f} H100-days", f"{round(gpt3, -2):.0f}"),
        ("GPT-3 on one H100, years", f"about {gpt3 / 365.25:.0f} years", f"{gpt3 / 365.25:.0f} سال"),
        ("GPT-3 on 1,024 H100s, days", f"would take {gpt3 / 1024:.0f} days", f"{gpt3 / 1024:.0f} روز"),
        ("Llama 3 405B, million H100-days", f"{llama3 / 1e6:.1f} million", f"{llama3 / 1e6:.1f} میلیون"),
        ("Llama 3 405B on 16,384 H100s, days", f"some {llama3 / 16384:.0f} days", f"حدود {llama3 / 16384:.0f} روز"),
        ("exercise 2, H100-days", f"about {ex2:,.0f} H100-days", f"حدود {ex2:.0f}"),
        ("exercise 2, days on 256", f"{ex2 / 256:.1f} days", f"{ex2 / 256:.1f} روز"),
        ("exercise 4, utilization", f"{reference('part1.deepseek-mfu'):.0%}".replace("%", " percent"),
         f"حدود {reference('part1.deepseek-mfu') * 100:.0f} درصد"),
        ("exercise 5, billions", f"about {reference('part1.chinchilla-n') / 1e9:.0f}\n",
         f"{reference('part1.chinchilla-n') / 1e9:.0f} میلیارد پارامتر"),
    ]
    # MoE: DeepSeek-V3 costs less than a tenth of Llama 3 405B; counting all parameters overstates it 18-fold
    assert training_flops(ds.parameters, ds.tokens, ds.active) < training_flops(l3.parameters, l3.tokens) / 10
    assert round(ds.parameters / ds.active) == 18
    return rows


def _fa(text: str) -> str:
    """Digits in a Persian sentence: Persian digits, «٬» and «٫»."""
    return text.translate(FA_DIGITS)


@pytest.mark.parametrize("what, en, fa", quoted(), ids=lambda v: v if isinstance(v, str) and " " in v else None)
def test_pages_quote_the_computed_numbers(what, en, fa):
    text_en = " ".join(PAGES["en"].read_text(encoding="utf-8").split())
    text_fa = " ".join(PAGES["fa"].read_text(encoding="utf-8").split())
    assert " ".join(en.split()) in text_en, f"English page should say {en!r} ({what})"
    assert _fa(" ".join(fa.split())) in text_fa, f"Persian page should say {_fa(fa)!r} ({what})"


def test_exercise_1_counts_agree_with_torch():
    """Forward 2N and backward 4N (input gradient 2N + weight gradient 2N) for one token through a
    bias-free 1000 × 1000 linear layer, as torch.utils.flop_counter counts them."""
    torch = pytest.importorskip("torch")
    from torch.utils.flop_counter import FlopCounterMode

    layer = torch.nn.Linear(1000, 1000, bias=False)
    x = torch.randn(1, 1000, requires_grad=True)
    with FlopCounterMode(display=False) as forward:
        y = layer(x)
    with FlopCounterMode(display=False) as backward:
        y.sum().backward()
    fwd, inp, wgt = reference("part1.six-nd")
    assert forward.get_total_flops() == fwd
    assert backward.get_total_flops() == inp + wgt
    assert fwd + inp + wgt == training_flops(layer.weight.numel(), 1)


def test_exercise_references_by_hand():
    # 6 * 7e9 * 2e12 = 8.4e22; one H100 at 40% for a day: 989e12 * 0.4 * 86,400 = 3.417984e19
    assert reference("part1.gpu-days") == pytest.approx(8.4e22 / 3.417984e19)
    assert reference("part1.moe-flops") == pytest.approx(6 * 32e9 * 15.5e12)
    # 6 * 37e9 * 14.8e12 = 3.2856e24 over 989e12 * 2,664,000 h * 3,600 s = 9.48484e24
    assert reference("part1.deepseek-mfu") == pytest.approx(3.2856e24 / 9.4848e24, rel=1e-4)
    n = reference("part1.chinchilla-n")
    assert 6 * n * 20 * n == pytest.approx(1e24) and n == pytest.approx(math.sqrt(1e24 / 120))


def _your_flops(output: str) -> str:
    """The FLOPs cell of the first row of the last table the demo printed (the reader's model)."""
    rows = [line for line in output.splitlines() if line.startswith(("your model", "مدل شما"))]
    return rows[-1].split()[-3]


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_estimator_runs_and_its_active_share_scales_the_compute(lang):
    demo = DOCS / "demos" / "compute_estimator.py"
    out = io.StringIO()
    with redirect_stdout(out), page.cell(block="estimator", lang=lang, callbacks={}):
        runpy.run_path(str(demo), run_name="__main__")
        dense = _your_flops(out.getvalue())
        page.dispatch("params", 11.0)                                  # 1e11 parameters
        page.dispatch("active", 5)                                     # 5% active: 5e9 per token
        moe = _your_flops(out.getvalue())
    text = out.getvalue()
    assert dense == "1.2e20"                       # 6 * 1e9 * 10**10.3 = 1.197e20
    assert moe == "5.99e20"                        # 6 * 5e9 * 10**10.3 = 5.986e20
    for name in MODELS:
        assert name in text
    assert ("GPU-days" if lang == "en" else "GPU-روز") in text
