# Train a character RNN, LSTM, GRU or minGRU in the page, in chunks you can stop and continue.
# It starts from random weights, so the samples show the whole progression from a jumble of letters
# towards verse; "start from" can load instead a model trained on Hafez by
# scripts/train_rnn_checkpoint.py. "train more" runs a chunk, drawing the loss and a sample every few
# hundred characters, and saves a checkpoint after every few windows, so while Python runs in this tab
# (leaving the page and coming back, or running this block again) it continues from there.
# Paste your own text to train a fresh model on it instead.
import os

from lmdocs import page
from lmdocs.corpora import hafez_text
from lmdocs.i18n import num, tr
from lmdocs.rnn import (CharRNN, CharTokenizer, TrainConfig, Trainer, TrainingDiverged, load_checkpoint,
                        load_pretrained, resume, sample, save_checkpoint)

# Everything lives inside one function: the blocks of a page share one namespace, and the other
# blocks on this page must not change this demo's names (T, state...), nor it theirs.


def rnn_trainer_demo() -> None:
    FA = page.lang() == "fa"
    T = {  # labels in the page's language
        "cell": "سلول بازگشتی" if FA else "recurrent cell",
        "source": "متن آموزش" if FA else "training text",
        "hafez": "دیوان حافظ" if FA else "Hafez",
        "mine": "متن خودم" if FA else "my text",
        "start": "شروع از" if FA else "start from",
        "random": "وزن‌های تصادفی" if FA else "random weights",
        "trained": "مدل آموزش‌دیده روی حافظ" if FA else "a model trained on Hafez",
        "paste": "متن خود را اینجا بچسبانید" if FA else "paste your text here",
        "more": "ادامهٔ آموزش" if FA else "train more",
        "sample": "نمونهٔ تازه" if FA else "new sample",
        "reset": "از نو" if FA else "start over",
        "temp": "دما" if FA else "temperature",
        "loss": "زیان (نت بر حرف)" if FA else "loss (nats per character)",
        "chars": "حرف‌های آموزش‌دیده" if FA else "characters trained",
        "series": "زیان" if FA else "loss",   # the chart's one line, in its legend
        "unusable": "با این متن نمی‌شود آموزش داد: متنی بلندتر با دست‌کم دو حرف متفاوت بچسبانید." if FA else None,
    }
    CELL_NAMES = {"RNN": "rnn", "LSTM": "lstm", "GRU": "gru", "minGRU": "mingru"}
    IN_BROWSER = page.in_browser()
    CHUNK_WINDOWS = 20 if IN_BROWSER else 2  # windows of 64 characters per click (2 in a plain script)
    SAMPLE_EVERY = 5  # windows between samples (~300 characters)
    SAVE_EVERY = 5  # windows between checkpoints
    CHECKPOINT = os.path.join(os.path.expanduser("~"), ".lmdocs_rnn_trainer.json")
    S = {"cell": "LSTM", "source": T["hafez"], "start": T["random"], "pasted": "", "temperature": 0.7, "trainer": None}

    def status(text: str) -> None:
        page.html_text("status", text)

    def training_text() -> str:
        return hafez_text() if S["source"] == T["hafez"] else S["pasted"]

    def new_trainer() -> Trainer | None:
        """From a saved checkpoint if it matches, else random weights (or the shipped model, if chosen)."""
        cell, text = CELL_NAMES[S["cell"]], training_text()
        try:
            saved = load_checkpoint(CHECKPOINT) if IN_BROWSER and os.path.exists(CHECKPOINT) else None
        except ValueError:  # a checkpoint from another version: start as below
            saved = None
        try:
            if saved is not None and saved.model.cell_kind == cell:
                try:
                    trainer = resume(saved, text)
                    status(("ادامه از نقطهٔ ذخیره: " if FA else "continuing from your checkpoint: ")
                           + num(trainer.chars_seen, ","))
                    return trainer
                except ValueError:
                    pass  # saved for another text: start as below
            if S["source"] == T["hafez"] and S["start"] == T["trained"]:
                model = load_pretrained(cell).model
                status("مدل آموزش‌دیده روی حافظ" if FA else "the model trained on Hafez")
                config = TrainConfig(learning_rate=0.001)  # gentle: it is trained already
            else:
                model = CharRNN(CharTokenizer.from_text(text), cell=cell, hidden_size=64, seed=0)
                if S["source"] == T["hafez"]:
                    status("مدل تازه با وزن‌های تصادفی" if FA else "a fresh model with random weights")
                else:
                    status("مدل تازه روی متن شما" if FA else "a fresh model for your text")
                config = TrainConfig(seq_len=max(2, min(64, len(text) - 1)))
            return Trainer(model, text, config)
        except ValueError as err:  # empty or too short a text, unseen characters...
            status(T["unusable"] or str(err))   # the library's English reason, or a Persian one
            return None

    def show_sample() -> None:
        trainer = S["trainer"]
        if trainer is None:
            return
        prompt = "\n" if "\n" in trainer.model.tokenizer.chars else trainer.model.tokenizer.chars[0]
        page.html_text("sample", sample(trainer.model, prompt, 200, S["temperature"], seed=trainer.steps))

    def progress(trainer: Trainer) -> None:
        loss = sum(trainer.losses[-5:]) / len(trainer.losses[-5:])  # smoothed over 5 windows
        chart.append(T["series"], round(loss, 4), x=trainer.chars_seen)
        if trainer.steps % SAMPLE_EVERY == 0:
            show_sample()
        if IN_BROWSER and trainer.steps % SAVE_EVERY == 0:
            save_checkpoint(CHECKPOINT, trainer.model, trainer)

    def train_more(*_):
        if S["trainer"] is None:
            S["trainer"] = new_trainer()
        trainer = S["trainer"]
        if trainer is None:
            return
        try:
            trainer.train(CHUNK_WINDOWS, callback=progress, every=1)
        except TrainingDiverged as err:  # the weights and the last checkpoint are the good ones
            status(str(err))
            return
        if IN_BROWSER:
            save_checkpoint(CHECKPOINT, trainer.model, trainer)
        status(tr("{chars}: {n:,}; recent loss {loss:.3f}", "{chars}: {n:,}؛ زیان اخیر {loss:.3f}",
                  chars=T["chars"], n=trainer.chars_seen, loss=trainer.losses[-1]))
        show_sample()
        print(tr("{n:,} characters, loss {loss:.3f}", "{n:,} حرف، زیان {loss:.3f}", n=trainer.chars_seen,
                 loss=trainer.losses[-1]))

    def start_over(*_):
        if IN_BROWSER and os.path.exists(CHECKPOINT):
            os.remove(CHECKPOINT)
        S["trainer"] = new_trainer()
        chart.set({T["series"]: []})
        show_sample()

    def on_paste(value):
        S["pasted"] = value
        if S["source"] == T["mine"]:
            start_over()

    page.select("cell", T["cell"], list(CELL_NAMES), value=S["cell"],
                on_change=page.bind(S, "cell", then=start_over))
    page.select("source", T["source"], [T["hafez"], T["mine"]], value=S["source"],
                on_change=page.bind(S, "source", then=start_over))
    page.select("start", T["start"], [T["random"], T["trained"]], value=S["start"],
                on_change=page.bind(S, "start", then=start_over))
    page.text_input("paste", T["paste"], value="", on_change=on_paste)
    page.slider("temperature", T["temp"], 0.1, 1.5, 0.1, S["temperature"],
                on_change=page.bind(S, "temperature", then=show_sample))
    page.button("more", T["more"], on_click=train_more)
    page.button("sample", T["sample"], on_click=show_sample)
    page.button("reset", T["reset"], on_click=start_over)
    chart = page.line_chart("loss", title=T["loss"], x_label=T["chars"], y_label=T["series"])
    S["trainer"] = new_trainer()
    show_sample()
    if not IN_BROWSER:  # a plain script: one small chunk, so the whole loop runs once
        train_more()


rnn_trainer_demo()
