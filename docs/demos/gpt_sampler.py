# Sampling from a GPT: how temperature, top-k and top-p reshape the next-character distribution.
# The model is the small GPT trained on Hafez that ships with lmdocs (2 layers, 4 heads, width 64).
import random

from lmdocs import page
from lmdocs.i18n import tr
from lmdocs.transformer import generate, load_hafez_gpt
from lmdocs.transformer.generate import next_token_distribution

# Everything lives inside one function: the blocks of a page share one namespace, and the other
# blocks on this page (the top-p snippet's functions, the fine-tuning demo) must not change this
# demo's names, nor it theirs.


def gpt_sampler_demo() -> None:
    model = load_hafez_gpt()
    VOCAB = model.config.vocab_size
    T = {
        "prompt": tr("prompt (Persian letters)", "آغاز متن (حروف فارسی)"),
        "temperature": tr("temperature (0 = always the most likely)", "دما (۰ یعنی همیشه محتمل‌ترین)"),
        "top_k": tr("top-k (only the k likeliest; {n} = all)", "top-k (فقط k حرف محتمل‌تر؛ {n} یعنی همه)", n=VOCAB),
        "top_p": tr("top-p (the likeliest that add up to p; 1 = all)",
                    "top-p (محتمل‌ترین‌هایی که جمعشان به p برسد؛ ۱ یعنی همه)"),
        "again": tr("sample again", "نمونهٔ تازه"),
    }
    state = {"prompt": "الا یا ایها الساقی", "temperature": 0.8, "top_k": VOCAB, "top_p": 1.0, "seed": 0,
             "logits": None}

    def distribution() -> list[float]:
        """The next-character probabilities after the prompt, under the current settings."""
        logits = state["logits"]
        if state["temperature"] == 0:  # greedy: all the probability on the best character
            best = max(range(len(logits)), key=logits.__getitem__)
            return [1.0 if i == best else 0.0 for i in range(len(logits))]
        return next_token_distribution(logits, state["temperature"], *limits())

    def limits() -> tuple[int | None, float | None]:
        """(top_k, top_p) as generate() takes them: None where the slider keeps every character."""
        top_k = None if state["top_k"] >= VOCAB else int(state["top_k"])
        top_p = None if state["top_p"] >= 1 else state["top_p"]
        return top_k, top_p

    def entropy_bits(probs: list[float]) -> float:
        from math import log2
        return max(0.0, -sum(p * log2(p) for p in probs if p > 0))  # max: no "-0.00" when one p is 1

    def redraw_chart() -> None:
        probs = distribution()
        best = sorted(range(len(probs)), key=probs.__getitem__, reverse=True)[:12]
        last = model.token_labels(state["ids"][-1:])[0]
        page.bar_chart("next", model.token_labels(best), [round(probs[i], 4) for i in best],
                       title=tr("probability of the character after «{last}», at these settings",
                                "احتمال حرف بعد از «{last}» با این تنظیم‌ها", last=last), horizontal=True)
        page.html_text("stats", tr("entropy of this distribution: {h:.2f} bits; characters that can be drawn: {n}",
                                   "آنتروپی این توزیع: {h:.2f} بیت؛ حرف‌هایی که شانس انتخاب دارند: {n}",
                                   h=entropy_bits(probs), n=sum(p > 0 for p in probs)))

    def redraw_sample() -> None:
        """Continue the prompt until the model's 64-character window is full (at least 16 new characters)."""
        top_k, top_p = limits()
        new = max(16, model.config.block_size - len(state["ids"]))
        out = generate(model, state["ids"], new, temperature=state["temperature"], top_k=top_k, top_p=top_p,
                       seed=state["seed"])
        page.html_text("sample", tr("sample ({n} characters, seed {seed}):", "نمونه ({n} حرف، بذر {seed}):",
                                    n=new, seed=state["seed"]) + "\n" + model.decode(out))

    def redraw() -> None:
        ids = model.encode(state["prompt"], skip_unknown=True)[-model.config.block_size:]
        if not ids:
            page.html_text("stats", tr("type some Persian text.", "متنی با حروف فارسی بنویسید."))
            return
        state["ids"] = ids
        state["logits"] = model.forward(ids).logits[-1]
        redraw_chart()
        redraw_sample()

    def redraw_settings() -> None:
        if state["logits"] is not None:
            redraw_chart()
            redraw_sample()

    def sample_again() -> None:
        state["seed"] = random.randrange(1000)
        if state["logits"] is not None:
            redraw_sample()

    page.text_input("prompt", T["prompt"], state["prompt"], on_change=page.bind(state, "prompt", redraw))
    page.slider("temperature", T["temperature"], 0.0, 2.0, 0.1, state["temperature"],
                on_change=page.bind(state, "temperature", redraw_settings, cast=float))
    page.slider("top_k", T["top_k"], 1, VOCAB, 1, state["top_k"],
                on_change=page.bind(state, "top_k", redraw_settings, cast=int))
    page.slider("top_p", T["top_p"], 0.05, 1.0, 0.05, state["top_p"],
                on_change=page.bind(state, "top_p", redraw_settings, cast=float))
    page.button("again", T["again"], on_click=sample_again)
    redraw()


gpt_sampler_demo()
