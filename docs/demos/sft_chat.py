# Fine-tune a GPT into a (tiny) chat model, here in the page, and talk to it before and after.
# The conversations come from lmdocs.instructions (Hafez's couplets: "give the second half-verse",
# "name the last letter", in Persian and English); lmdocs.chat writes them with the chat template
# ("> question", "< answer") and the loss counts only the answers (lmdocs.transformer.sft).
# Each click fine-tunes for TRAIN_SECONDS; in the browser the steps run in JavaScript.
import math
import time

from lmdocs import page
from lmdocs.i18n import tr
from lmdocs.instructions import instruction_set
from lmdocs.transformer import TrainConfig, load_hafez_gpt
from lmdocs.transformer.page_training import load_reader_gpt
from lmdocs.transformer.sft import SFTTrainer, reply, with_chat_vocabulary

# Everything lives inside one function: the blocks of a page share one namespace, and the other
# demos on this page must not overwrite this one's names (nor this one theirs).


def sft_chat_demo() -> None:
    IN_BROWSER = page.in_browser()
    TRAIN_SECONDS = 20  # per click
    MAX_STEPS = 100_000 if IN_BROWSER else 1  # per click; a plain script (the tests) runs one small step
    EVERY = 10 if IN_BROWSER else 1  # steps between points of the chart
    HELD_OUT_SECONDS = 5  # a held-out point at most this often
    WINDOWS = 32 if IN_BROWSER else 2  # held-out conversations per evaluation
    REPLY_CHARS = 48 if IN_BROWSER else 4  # the longest answer (pure Python in a plain script is slow)
    SETTINGS = TrainConfig(batch_size=8 if IN_BROWSER else 1, learning_rate=1e-3, warmup_steps=10, seed=0)

    TRAIN, HELD_OUT = instruction_set("train"), instruction_set("held-out")
    EXAMPLES = HELD_OUT[:4] if IN_BROWSER else HELD_OUT[2:3]  # the first held-out couplet, every task and language
    T = {
        "model": tr("model to fine-tune", "مدلی که تنظیم دقیق می‌شود"),
        "shipped": tr("the shipped GPT (trained longer)", "GPT همراه کتابخانه (آموزش طولانی‌تر)"),
        "mine": tr("your GPT from Part 4", "GPT خودتان از بخش ۴"),
        "button": tr("fine-tune {s} more seconds", "{s} ثانیه تنظیم دقیق بیشتر", s=TRAIN_SECONDS),
        "chart": tr("loss on the answers, bits per character", "زیان روی پاسخ‌ها، بیت بر حرف"),
        "x": tr("conversations trained", "گفت‌وگوهای آموزش‌دیده"),
        "train": tr("training batches", "دسته‌های آموزش"),
        "val": tr("held-out ghazals", "غزل‌های کنارگذاشته"),
        "ask": tr("ask both models (e.g. «حرف آخر: ...» or «second half: ...»)",
                  "از هر دو مدل بپرسید (مثلاً «مصراع دوم: ...» یا «last letter: ...»)"),
        "question": tr("question", "پرسش"),
        "expected": tr("answer in the data", "پاسخ در داده"),
        "before": tr("before fine-tuning", "پیش از تنظیم دقیق"),
        "after": tr("after", "پس از آن"),
    }
    state = {"base": T["shipped"], "question": EXAMPLES[-1][0]["content"]}
    before = trainer = None  # the model before fine-tuning, and the trainer of the one being fine-tuned
    chart = page.line_chart("loss", title=T["chart"], x_label=T["x"], y_label="bits")

    def bits(nats: float) -> float:
        return nats / math.log(2)

    def status(text: str) -> None:
        page.html_text("status", text)

    def show_examples() -> None:
        rows = [[m[0]["content"], m[1]["content"], state["replies"][i],
                 reply(trainer.model, m[0]["content"], REPLY_CHARS)] for i, m in enumerate(EXAMPLES)]
        page.table("examples", rows, headers=[T["question"], T["expected"], T["before"], T["after"]])

    def ask(question: str) -> None:
        state["question"] = question
        answers = [reply(model, question, REPLY_CHARS) for model in (before, trainer.model)]
        page.table("chat", [[question, *answers]],
                   headers=[T["question"], T["before"], T["after"]])

    def show_held_out() -> float:
        held_out = bits(trainer.evaluate(windows=WINDOWS))
        chart.append(T["val"], round(held_out, 4), x=trainer.tokens_seen)
        return held_out

    def start(choice: str) -> None:
        """The chosen model, given embedding rows for the template's characters, before any fine-tuning."""
        nonlocal before, trainer
        base = load_hafez_gpt()
        if choice == T["mine"]:
            mine = load_reader_gpt()
            if mine is None:
                status(tr("No model of yours in this tab yet: train it in Part 4's demo first (it stays while "
                          "Python runs). Fine-tuning the shipped GPT meanwhile.",
                          "هنوز مدلی از خودتان در این زبانه نیست: اول در دموی بخش ۴ آموزشش دهید (تا وقتی پایتون "
                          "روشن است می‌ماند). فعلاً GPT همراه کتابخانه تنظیم دقیق می‌شود."))
            else:
                base = mine
        before = with_chat_vocabulary(base, TRAIN + HELD_OUT, seed=0)
        trainer = SFTTrainer(with_chat_vocabulary(base, TRAIN + HELD_OUT, seed=0), TRAIN, HELD_OUT, SETTINGS)
        state["replies"] = [reply(before, m[0]["content"], REPLY_CHARS) for m in EXAMPLES]
        chart.set({T["train"]: [], T["val"]: []})
        show_held_out()
        show_examples()
        ask(state["question"])

    def fine_tune(*_) -> None:
        began = last = time.monotonic()

        def progress(t) -> bool:
            nonlocal last
            recent = t.losses[-EVERY:]
            chart.append(T["train"], round(bits(sum(recent) / len(recent)), 4), x=t.tokens_seen)
            now = time.monotonic()
            if now - last >= HELD_OUT_SECONDS:
                show_held_out()
                last = time.monotonic()
            return now - began >= TRAIN_SECONDS

        trainer.train(MAX_STEPS, callback=progress, every=EVERY)
        held_out = show_held_out()
        status(tr("conversations trained: {n:,}; loss on held-out answers: {b:.2f} bits per character",
                  "گفت‌وگوهای آموزش‌دیده: {n:,}؛ زیان روی پاسخ‌های کنارگذاشته: {b:.2f} بیت بر حرف",
                  n=trainer.tokens_seen, b=held_out))
        show_examples()
        ask(state["question"])

    def choose(value: str) -> None:
        state["base"] = value
        start(value)

    page.select("base", T["model"], [T["shipped"], T["mine"]], state["base"], on_change=choose)
    page.button("train", T["button"], on_click=fine_tune)
    page.text_input("ask", T["ask"], state["question"], on_change=ask)
    start(state["base"])
    if not IN_BROWSER:  # a plain script: one small step, so the whole loop runs once
        fine_tune()


sft_chat_demo()
