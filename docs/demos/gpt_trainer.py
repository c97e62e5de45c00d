# Train a small GPT from random weights on the ghazals of Hafez, here in the page.
# The model is the page's GPT (lmdocs.transformer.page_trainer: 2 blocks, 4 heads, width 64, 64
# characters of context). Each click trains for TRAIN_SECONDS; the chart shows bits per character
# on the training batches and on 50 ghazals the model never sees; a sample appears every few seconds.
# In the browser the steps run in JavaScript (the same arithmetic as the pure-Python reference).
import math
import time

from lmdocs import page
from lmdocs.i18n import tr
from lmdocs.transformer import page_trainer
from lmdocs.transformer.page_training import load_reader_gpt, save_reader_gpt

# Everything lives inside one function: the blocks of a page share one namespace, and the other
# demos on this page must not overwrite this one's names (nor this one theirs).


def gpt_trainer_demo() -> None:
    IN_BROWSER = page.in_browser()
    TRAIN_SECONDS = 20  # per click
    MAX_STEPS = 100_000 if IN_BROWSER else 2  # per click; a plain script (the tests) runs 2 small steps
    EVERY = 10 if IN_BROWSER else 1  # steps between points of the chart
    SAMPLE_SECONDS = 4  # a held-out point and a sample at most this often
    SMALL = {} if IN_BROWSER else {"batch_size": 1, "seq_len": 16}  # pure Python is slow: a tiny batch
    WINDOWS = 32 if IN_BROWSER else 2  # held-out windows per evaluation
    SAMPLE_LENGTH = 160 if IN_BROWSER else 20
    TEMPERATURE = 0.8

    T = {
        "chart": tr("bits per character (lower is better)", "بیت بر حرف (کمتر بهتر است)"),
        "x": tr("characters trained", "حرف‌های آموزش‌دیده"),
        "train": tr("training batches", "دسته‌های آموزش"),
        "val": tr("held-out ghazals", "غزل‌های کنارگذاشته"),
        "button": tr("train {s} more seconds", "{s} ثانیه آموزش بیشتر", s=TRAIN_SECONDS),
        "sample": tr("new sample", "نمونهٔ تازه"),
        "reset": tr("start over (new random weights)", "از نو (وزن‌های تصادفی تازه)"),
    }
    state = {"seed": 0, "last_shown": 0.0}
    chart = page.line_chart("loss", title=T["chart"], x_label=T["x"], y_label="bits")
    trainer = None
    model = None  # the reader's model: the weights change in place as it trains (part 5 uses them)

    def bits(nats: float) -> float:
        return nats / math.log(2)

    def status(text: str) -> None:
        page.html_text("status", text)

    def show_sample() -> None:
        prompt = trainer.model.encode("\n")
        ids = trainer.sample(prompt, SAMPLE_LENGTH, temperature=TEMPERATURE, seed=trainer.steps)
        heading = tr("what it writes after {n:,} characters (temperature {t}):",
                     "آنچه پس از {n:,} حرف آموزش می‌نویسد (دمای {t}):", n=trainer.tokens_seen, t=TEMPERATURE)
        page.html_text("sample", heading + "\n" + trainer.model.decode(ids[1:]))

    def show_held_out() -> float:
        held_out = bits(trainer.evaluate(windows=WINDOWS))
        chart.append(T["val"], round(held_out, 4), x=trainer.tokens_seen)
        return held_out

    def start(seed: int, saved=None) -> None:
        """A fresh model from random weights (or the one saved before), its losses on the chart and a sample."""
        nonlocal trainer, model
        global my_gpt  # the page's cells can use the reader's model as my_gpt (it trains in place)
        trainer = page_trainer(seed=seed, start_from=saved, **SMALL)
        model = my_gpt = trainer.model
        chart.set({T["train"]: [], T["val"]: []})
        if saved is not None:  # AdamW's moments were not saved: they start again, with a new warm-up
            trainer.tokens_seen = saved.metadata.get("characters", 0)
            held_out = show_held_out()
            status(tr("continuing your model from before: {n:,} characters trained, {b:.2f} bits per character on "
                      "the held-out ghazals", "ادامهٔ مدل قبلی شما: {n:,} حرف آموزش‌دیده، {b:.2f} بیت بر حرف روی "
                      "غزل‌های کنارگذاشته", n=trainer.tokens_seen, b=held_out))
            show_sample()
            return
        held_out = show_held_out()
        status(tr("random weights: {b:.2f} bits per character on the held-out ghazals (a uniform guess over "
                  "{v} characters costs {u:.2f})",
                  "وزن‌های تصادفی: {b:.2f} بیت بر حرف روی غزل‌های کنارگذاشته (حدس یکنواخت میان {v} حرف {u:.2f} "
                  "بیت می‌شود)", b=held_out, v=model.config.vocab_size, u=math.log2(model.config.vocab_size)))
        show_sample()

    def train_more(*_) -> None:
        began = time.monotonic()
        seen = trainer.tokens_seen
        state["last_shown"] = began

        def progress(t) -> bool:
            recent = t.losses[-EVERY:]
            chart.append(T["train"], round(bits(sum(recent) / len(recent)), 4), x=t.tokens_seen)
            now = time.monotonic()
            if now - state["last_shown"] >= SAMPLE_SECONDS:
                show_held_out()
                show_sample()
                state["last_shown"] = time.monotonic()
                speed = (t.tokens_seen - seen) / max(1e-9, now - began)
                status(tr("training: {n:,} characters, {s:,.0f} characters per second",
                          "در حال آموزش: {n:,} حرف، {s:,.0f} حرف در ثانیه", n=t.tokens_seen, s=speed))
            return now - began >= TRAIN_SECONDS

        trainer.train(MAX_STEPS, callback=progress, every=EVERY)
        seconds = time.monotonic() - began
        held_out = show_held_out()
        show_sample()
        message = tr("{n:,} characters trained ({s:,.0f} per second in this run); held-out: {b:.2f} bits per character",
                     "{n:,} حرف آموزش دید ({s:,.0f} حرف در ثانیه در این دور)؛ روی غزل‌های کنارگذاشته: {b:.2f} بیت بر حرف",
                     n=trainer.tokens_seen, s=(trainer.tokens_seen - seen) / max(1e-9, seconds), b=held_out)
        status(message)  # in a plain script html_text prints it
        if IN_BROWSER:  # for the attention map of part 5 and the fine-tuning of part 6
            save_reader_gpt(model, {"trained_on": "hafez", "characters": trainer.tokens_seen,
                                    "held_out_bits": round(held_out, 4)})

    def start_over(*_) -> None:
        state["seed"] += 1
        start(state["seed"])

    page.button("train", T["button"], on_click=train_more)
    page.button("sample", T["sample"], on_click=lambda: show_sample())
    page.button("reset", T["reset"], on_click=start_over)
    start(state["seed"], load_reader_gpt() if IN_BROWSER else None)  # in the browser: continue where you left off
    if not IN_BROWSER:  # a plain script: one small chunk, so the whole loop runs once
        train_more()


gpt_trainer_demo()
