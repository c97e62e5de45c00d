# Your model's attention next to the shipped model's: the same text, the same layer and head.
# "Your model" is the GPT you trained in Part 4's demo (saved in this browser tab while Python runs);
# without one, train one here. The shipped model is the same size, trained longer by
# scripts/train_attention_model.py.
import time

from lmdocs import page
from lmdocs.i18n import num, tr
from lmdocs.transformer import load_hafez_gpt, page_trainer
from lmdocs.transformer.page_training import load_reader_gpt, save_reader_gpt

# Everything lives inside one function: the blocks of a page share one namespace, and the other
# demos on this page must not overwrite this one's names (nor this one theirs).


def attention_own_demo() -> None:
    IN_BROWSER = page.in_browser()
    TRAIN_SECONDS = 20  # per click of "train here"
    MAX_STEPS = 100_000 if IN_BROWSER else 1  # a plain script (the tests): one small step
    SMALL = {} if IN_BROWSER else {"batch_size": 1, "seq_len": 16}

    T = {
        "text": tr("text (Persian letters, at most 64 characters)", "متن (حروف فارسی، حداکثر ۶۴ حرف)"),
        "layer": tr("layer", "لایه"),
        "head": tr("head", "سر"),
        "train": tr("train here for {s} seconds", "{s} ثانیه آموزش همین‌جا", s=TRAIN_SECONDS),
        "reload": tr("use my model from Part 4", "مدل من از بخش ۴"),
        "mine": ("your model, layer {l}, head {h}", "مدل شما، لایهٔ {l}، سر {h}"),  # tr() at drawing time
        "shipped": ("the shipped model, layer {l}, head {h}", "مدل همراه کتابخانه، لایهٔ {l}، سر {h}"),
        "none": tr("No model of yours yet: train the model in Part 4's demo first (it stays in this tab while "
                   "Python runs), or press «train here». Until then, «your model» has random weights.",
                   "هنوز مدلی از خودتان ندارید: اول مدل را در دموی بخش ۴ آموزش دهید (تا وقتی پایتون در این زبانه "
                   "روشن است می‌ماند)، یا دکمهٔ «آموزش همین‌جا» را بزنید. تا آن وقت «مدل شما» وزن‌های تصادفی دارد."),
    }
    shipped = load_hafez_gpt()
    state = {"text": "الا یا ایها الساقی", "layer": 1, "head": 1, "trainer": None, "mine": None}

    def describe_mine() -> None:
        meta = state["mine"].metadata
        if "characters" in meta:
            page.html_text("about", tr("your model: trained on {n:,} characters, {b:.2f} bits per character on the "
                                       "held-out ghazals", "مدل شما: آموزش‌دیده روی {n:,} حرف، {b:.2f} بیت بر حرف روی "
                                       "غزل‌های کنارگذاشته", n=meta["characters"], b=meta.get("held_out_bits", 0.0)))
        else:
            page.html_text("about", T["none"])

    def use_saved() -> bool:
        saved = load_reader_gpt()
        if saved is None:
            return False
        state["mine"], state["trainer"] = saved, None
        return True

    def ids_for(model) -> list[int]:
        return model.encode(state["text"], skip_unknown=True)[-model.config.block_size:]

    def draw(key: str, model, title: tuple[str, str]) -> None:
        ids = ids_for(model)
        if not ids:
            page.html_text(key + "_note", tr("type some Persian text.", "متنی با حروف فارسی بنویسید."))
            return
        weights = model.attention(ids)[state["layer"] - 1][state["head"] - 1]
        labels = model.token_labels(ids)
        page.heatmap(key, weights, labels, labels, title=tr(*title, l=state["layer"], h=state["head"]))

    def redraw() -> None:
        draw("mine", state["mine"], T["mine"])
        draw("shipped", shipped, T["shipped"])

    def train_here(*_) -> None:
        if state["trainer"] is None:  # continue the model trained in Part 4 (a trainer here trains on its own)
            state["trainer"] = page_trainer(seed=0, start_from=state["mine"], **SMALL)
            state["trainer"].tokens_seen = state["mine"].metadata.get("characters", 0)
        trainer = state["trainer"]
        began = time.monotonic()
        trainer.train(MAX_STEPS, callback=lambda t: time.monotonic() - began >= TRAIN_SECONDS, every=10)
        held_out = trainer.evaluate(windows=32 if IN_BROWSER else 2) / 0.6931471805599453
        trainer.model.metadata = {"trained_on": "hafez", "characters": trainer.tokens_seen,
                                  "held_out_bits": round(held_out, 4)}
        state["mine"] = trainer.model
        if IN_BROWSER:
            save_reader_gpt(trainer.model, trainer.model.metadata)
        describe_mine()
        redraw()

    def reload_saved(*_) -> None:
        if use_saved():
            describe_mine()
            redraw()

    if not use_saved():
        state["trainer"] = page_trainer(seed=0, **SMALL)  # random weights until the reader trains them
        state["mine"] = state["trainer"].model
    describe_mine()
    page.text_input("text", T["text"], state["text"], on_change=page.bind(state, "text", redraw))
    # options in the page's digits (۱, ۲ on a Persian page); int("۲") is 2
    page.select("layer", T["layer"], [num(i + 1) for i in range(shipped.config.n_layer)], num(state["layer"]),
                on_change=page.bind(state, "layer", redraw, cast=int))
    page.select("head", T["head"], [num(i + 1) for i in range(shipped.config.n_head)], num(state["head"]),
                on_change=page.bind(state, "head", redraw, cast=int))
    page.button("train", T["train"], on_click=train_here)
    page.button("reload", T["reload"], on_click=reload_saved)
    redraw()
    if not IN_BROWSER:  # a plain script: one small step, so the training path runs once
        train_here()


attention_own_demo()
