"""Part 6: top-p (nucleus) sampling, the exercises and the figures against independent references.

Top-p is checked against torch with the rule Hugging Face's TopPLogitsWarper uses (sort ascending,
drop every token whose cumulative probability is at most 1 - p), a different algorithm from
lmdocs's (add the likeliest tokens until the sum reaches p); temperature and top-k against
torch.softmax and torch.topk. The exercise answers are derived by hand in the comments, and the
numbers the page's answer blocks quote must be the computed ones, in both languages.
"""
from __future__ import annotations

import doctest
import importlib.util
import io
import math
import random
from contextlib import redirect_stdout

import pytest

import lmdocs.exercises.part6 as part6
from lmdocs.exercises import reference
from lmdocs.transformer.generate import generate, next_token_distribution
from support.paths import DOCS

torch = pytest.importorskip("torch")

PAGES = ["6-gpt-to-chat.md", "6-gpt-to-chat.en.md"]


def torch_nucleus(logits: list[float], temperature: float = 1.0, top_k: int | None = None,
                  top_p: float | None = None) -> list[float]:
    """Temperature, then top-k, then top-p, as Hugging Face's logits warpers apply them."""
    z = torch.tensor(logits, dtype=torch.float64) / temperature
    if top_k is not None:
        kth = torch.topk(z, min(top_k, len(logits))).values[-1]
        z = z.masked_fill(z < kth, -math.inf)
    if top_p is not None:
        sorted_z, order = torch.sort(z, descending=False)
        cumulative = sorted_z.softmax(-1).cumsum(-1)
        remove = cumulative <= (1 - top_p)
        remove[-1] = False                                   # always keep the likeliest token
        z = z.masked_fill(remove.scatter(0, order, remove), -math.inf)
    return z.softmax(-1).tolist()


def random_logits(rng: random.Random, n: int) -> list[float]:
    return [rng.gauss(0, 2) for _ in range(n)]


@pytest.mark.parametrize("seed", range(40))
def test_top_p_matches_the_torch_reference(seed):
    rng = random.Random(seed)
    logits = random_logits(rng, rng.randint(2, 40))
    top_p = rng.choice([0.1, 0.5, 0.8, 0.9, 0.95, 0.999])
    temperature = rng.choice([0.5, 1.0, 1.7])
    top_k = rng.choice([None, 1, 3, 10])
    ours = next_token_distribution(logits, temperature, top_k, top_p)
    theirs = torch_nucleus(logits, temperature, top_k, top_p)
    assert [p > 0 for p in ours] == [p > 0 for p in theirs]
    assert ours == pytest.approx(theirs, abs=1e-12)


def test_top_p_keeps_the_smallest_set_reaching_p():
    # 0.5 + 0.2 = 0.7 < 0.8 <= 0.85 = 0.5 + 0.2 + 0.15: three tokens, divided by 0.85
    probs = [0.5, 0.2, 0.15, 0.1, 0.05]
    kept = next_token_distribution([math.log(p) for p in probs], top_p=0.8)
    assert kept == pytest.approx([0.5 / 0.85, 0.2 / 0.85, 0.15 / 0.85, 0, 0])
    assert next_token_distribution([math.log(p) for p in probs], top_p=0.5) == pytest.approx([1, 0, 0, 0, 0])
    assert next_token_distribution([math.log(p) for p in probs], top_p=1.0) == pytest.approx(probs)


@pytest.mark.parametrize("bad", [0, -0.1, 1.5])
def test_a_bad_top_p_is_one_clear_error(bad):
    with pytest.raises(ValueError, match=r"top_p must be in \(0, 1\]"):
        next_token_distribution([0.0, 1.0], top_p=bad)


def test_generate_with_a_tiny_nucleus_is_greedy_and_top_p_is_seeded():
    from lmdocs.transformer import load_hafez_gpt

    model = load_hafez_gpt()
    ids = model.encode("الا یا")
    assert generate(model, ids, 12, temperature=1.3, top_p=1e-9, seed=3) == generate(model, ids, 12, temperature=0)
    assert generate(model, ids, 12, top_p=0.9, seed=5) == generate(model, ids, 12, top_p=0.9, seed=5)


def _run(path, lang="en") -> tuple[dict, str]:
    from lmdocs import page

    out, namespace = io.StringIO(), {"__name__": "__snippet__"}
    with page.cell(lang=lang), redirect_stdout(out):
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace, out.getvalue()


def test_the_snippet_teaches_the_same_top_k_and_top_p_as_the_package():
    ns, _ = _run(DOCS / "snippets" / "sampling_top_p.py")
    for scores in (ns["confident"], ns["open_word"]):
        logits = list(scores.values())
        for t in (0.5, 1.0, 2.0):
            assert ns["softmax"](logits, t) == pytest.approx(torch.tensor(logits).div(t).softmax(-1).tolist(), abs=1e-6)
        probs = ns["softmax"](logits)
        assert ns["top_k"](probs, 3) == pytest.approx(torch_nucleus(logits, top_k=3), abs=1e-12)
        assert ns["top_p"](probs, 0.9) == pytest.approx(torch_nucleus(logits, top_p=0.9), abs=1e-12)


def test_the_figure_draws_the_snippets_distributions():
    ns, _ = _run(DOCS / "snippets" / "sampling_top_p.py")
    spec = importlib.util.spec_from_file_location("fig", DOCS / "figures" / "src" / "sampling_top_k_top_p.py")
    import sys
    sys.path.insert(0, str(DOCS / "figures" / "src"))
    try:
        fig = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(fig)
    finally:
        sys.path.remove(str(DOCS / "figures" / "src"))
    assert [case[2] for case in fig.CASES] == [ns["confident"], ns["open_word"]]
    # what the captions say: top-p at 0.9 keeps two inside the word and five at its start
    assert [sum(p > 0 for p in torch_nucleus(list(case[2].values()), top_p=0.9)) for case in fig.CASES] == [2, 5]


def test_the_module_examples_hold():
    assert doctest.testmod(part6).failed == 0


def test_exercise_answers_against_hand_derivations():
    assert reference("part6.top-p") == pytest.approx({"ن": 0.5 / 0.85, "م": 0.2 / 0.85, "ر": 0.15 / 0.85})
    # "> سلام\n" is 2 + 4 + 1 = 7 characters, "< درود بر تو\n" 2 + 10 + 1 = 13; the loss counts 10 + 1
    assert reference("part6.loss-mask") == [7 + 13, 10 + 1]
    llama, deepseek = reference("part6.compute")
    assert llama == pytest.approx(3.8e25, rel=0.01)         # the Llama 3 paper reports 3.8e25 FLOPs
    assert deepseek == pytest.approx(6 * 37e9 * 14.8e12)
    assert reference("part6.scaling") == pytest.approx(1 - 1 / 10 ** 0.076)


@pytest.mark.parametrize("page", PAGES)
def test_answer_blocks_quote_the_computed_numbers(page):
    text = (DOCS / "series" / page).read_text(encoding="utf-8")
    for p in reference("part6.top-p").values():
        assert f"\\approx {p:.3f}" in text
    llama, deepseek = reference("part6.compute")
    assert f"{llama / 1e25:.2f} \\cdot 10^{{25}}" in text and f"{deepseek / 1e24:.2f} \\cdot 10^{{24}}" in text
    assert f"{6 * 671e9 * 14.8e12 / 1e25:.2f} \\cdot 10^{{25}}" in text
    shown = f"{100 * reference('part6.scaling'):.1f}"
    assert (shown if page.endswith(".en.md") else shown.replace(".", "٫").translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))) in text
    assert f"{2 ** (1 / part6.KAPLAN_ALPHA_N):,.0f}"[:2] == "9,"        # "about 9,000"
