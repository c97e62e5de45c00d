# Sampling from a GPT: how temperature and top-k reshape the next-character distribution.
# The model is the small GPT trained on Hafez that ships with lmdocs (2 layers, 4 heads, width 64).
import random

from lmdocs import page
from lmdocs.transformer import generate, load_hafez_gpt
from lmdocs.transformer.generate import next_token_distribution

FA = page.lang() == "fa"
T = {
    "prompt": "آغاز متن (حروف فارسی)" if FA else "prompt (Persian letters)",
    "temperature": "دما (۰ یعنی همیشه محتمل‌ترین)" if FA else "temperature (0 = always the most likely)",
    "top_k": "top-k (فقط k حرف محتمل‌تر؛ ۳۸ یعنی همه)" if FA else "top-k (only the k likeliest; 38 = all)",
    "again": "نمونهٔ تازه" if FA else "sample again",
    "chart": "احتمال حرف بعد از «{last}»، با این دما و top-k" if FA else
             "probability of the character after «{last}», at this temperature and top-k",
    "stats": "آنتروپی این توزیع: {h:.2f} بیت؛ حرف‌هایی که شانس انتخاب دارند: {n}" if FA else
             "entropy of this distribution: {h:.2f} bits; characters that can be drawn: {n}",
    "sample": "نمونه ({n} حرف، بذر {seed}):" if FA else "sample ({n} characters, seed {seed}):",
    "empty": "متنی با حروف فارسی بنویسید." if FA else "type some Persian text.",
}
model = load_hafez_gpt()
VOCAB = model.config.vocab_size
state = {"prompt": "الا یا ایها الساقی", "temperature": 0.8, "top_k": VOCAB, "seed": 0, "logits": None}


def distribution() -> list[float]:
    """The next-character probabilities after the prompt, under the current settings."""
    logits = state["logits"]
    if state["temperature"] == 0:  # greedy: all the probability on the best character
        best = max(range(len(logits)), key=logits.__getitem__)
        return [1.0 if i == best else 0.0 for i in range(len(logits))]
    top_k = None if state["top_k"] >= VOCAB else int(state["top_k"])
    return next_token_distribution(logits, state["temperature"], top_k)


def entropy_bits(probs: list[float]) -> float:
    from math import log2
    return max(0.0, -sum(p * log2(p) for p in probs if p > 0))  # max: no "-0.00" when one p is 1


def redraw_chart() -> None:
    probs = distribution()
    best = sorted(range(len(probs)), key=probs.__getitem__, reverse=True)[:12]
    last = model.token_labels(state["ids"][-1:])[0]
    page.bar_chart("next", model.token_labels(best), [round(probs[i], 4) for i in best],
                   title=T["chart"].format(last=last), horizontal=True)
    page.html_text("stats", T["stats"].format(h=entropy_bits(probs), n=sum(p > 0 for p in probs)))


def redraw_sample() -> None:
    """Continue the prompt until the model's 64-character window is full (at least 16 new characters)."""
    top_k = None if state["top_k"] >= VOCAB else int(state["top_k"])
    new = max(16, model.config.block_size - len(state["ids"]))
    out = generate(model, state["ids"], new, temperature=state["temperature"], top_k=top_k, seed=state["seed"])
    page.html_text("sample", T["sample"].format(n=new, seed=state["seed"]) + "\n" + model.decode(out))


def redraw() -> None:
    ids = model.encode(state["prompt"], skip_unknown=True)[-model.config.block_size:]
    if not ids:
        page.html_text("stats", T["empty"])
        return
    state["ids"] = ids
    state["logits"] = model.forward(ids).logits[-1]
    redraw_chart()
    redraw_sample()


def setter(name: str, cast):
    def on_change(value) -> None:
        state[name] = cast(value)
        if state["logits"] is not None:
            redraw_chart()
            redraw_sample()
    return on_change


def set_prompt(text: str) -> None:
    state["prompt"] = text
    redraw()


def sample_again() -> None:
    state["seed"] = random.randrange(1000)
    if state["logits"] is not None:
        redraw_sample()


page.text_input("prompt", T["prompt"], state["prompt"], on_change=set_prompt)
page.slider("temperature", T["temperature"], 0.0, 2.0, 0.1, state["temperature"],
            on_change=setter("temperature", float))
page.slider("top_k", T["top_k"], 1, VOCAB, 1, state["top_k"], on_change=setter("top_k", int))
page.button("again", T["again"], on_click=sample_again)
redraw()
