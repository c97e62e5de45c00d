# Follow one letter through the transformer: every tensor's shape, and the letter's own numbers.
# The model is the small GPT trained on Hafez that ships with lmdocs (2 layers, 4 heads, width 64).
from lmdocs import page
from lmdocs.i18n import num, tr
from lmdocs.transformer import load_hafez_gpt

# Everything lives inside one function: the blocks of a page share one namespace, and the other
# blocks on this page must not change this demo's names (T, state...), nor it theirs.


def transformer_shapes_demo() -> None:
    T = {
        "text": tr("input text (Persian letters)", "متن ورودی (حروف فارسی)"),
        "follow": tr("follow the letter", "دنبال کردن حرف"),
        "headers": [tr("step", "گام"), tr("shape", "شکل"), tr("what it is", "معنی"),
                    tr("this letter's numbers (first four)", "اعداد این حرف (چهار عدد اول)")],
        "dropped": tr("characters outside the vocabulary were left out.", "حرف‌های بیرون از واژگان کنار گذاشته شدند."),
        "empty": tr("type some Persian text.", "متنی با حروف فارسی بنویسید."),
    }
    MEANING = {  # step name without its layer prefix -> (Persian, English)
        "wte": ("بردار تعبیهٔ هر حرف (سطری از wte)", "each letter's embedding (a row of wte)"),
        "wpe": ("بردار جایگاه (سطری از wpe)", "the position's vector (a row of wpe)"),
        "embed": ("جمع این دو: جریان باقی‌مانده", "their sum: the residual stream"),
        "ln_1": ("نرمال‌سازی لایه پیش از توجه", "layer norm before attention"),
        "attn.c_attn": ("پرسش، کلید و مقدار، کنار هم", "query, key and value side by side"),
        "attn.q": ("پرسش‌ها، برای هر سر جدا", "queries, split into heads"),
        "attn.k": ("کلیدها، برای هر سر جدا", "keys, split into heads"),
        "attn.v": ("مقدارها، برای هر سر جدا", "values, split into heads"),
        "attn.weights": ("وزن‌های توجه (سر ۱): به کدام حرف‌ها نگاه می‌کند", "attention weights (head 1): where it looks"),
        "attn.heads": ("خروجی سرها، دوباره کنار هم", "the heads' outputs, side by side again"),
        "attn.c_proj": ("تصویر خطی خروجی توجه", "the attention's output projection"),
        "attn_residual": ("جریان باقی‌مانده + توجه", "residual stream + attention"),
        "ln_2": ("نرمال‌سازی لایه پیش از MLP", "layer norm before the MLP"),
        "mlp.c_fc": ("لایهٔ پهن MLP (چهار برابر)", "the MLP's wide layer (four times wider)"),
        "mlp.gelu": ("پس از تابع GELU", "after GELU"),
        "mlp.c_proj": ("برگشت به پهنای C", "back to width C"),
        "block": ("خروجی بلوک: جریان باقی‌مانده + MLP", "the block's output: residual stream + MLP"),
        "ln_f": ("نرمال‌سازی پایانی", "final layer norm"),
        "lm_head": ("لوجیت‌ها: امتیاز هر حرف ممکن بعدی", "logits: a score for every possible next character"),
        "probs": ("احتمال حرف بعدی (softmax)", "next-character probabilities (softmax)"),
    }
    model = load_hafez_gpt()
    state = {"text": "الا یا ایها", "position": None}

    def meaning(name: str) -> str:
        parts = name.split(".")
        kind = "block" if len(parts) == 2 and parts[0] == "h" else ".".join(parts[2:]) if parts[0] == "h" else name
        fa, en = MEANING[kind]
        return tr(en, fa)

    def numbers_of(step, position: int) -> str:
        """The followed letter's slice of a step: its row, or head 1's row for per-head tensors."""
        row = step.value[0][position] if len(step.shape) == 3 else step.value[position]
        shown = ", ".join(f"{v:.2f}" for v in row[:4])
        return f"[{shown}{', …' if len(row) > 4 else ''}]  ({len(row)})"

    def redraw() -> None:
        ids = model.encode(state["text"], skip_unknown=True)[-model.config.block_size:]
        if not ids:
            page.html_text("note", T["empty"])
            return
        page.html_text("note", T["dropped"] if len(ids) < len(state["text"]) else "")
        labels = [f"{num(i + 1)}: {label}" for i, label in enumerate(model.token_labels(ids))]
        if state["position"] not in labels:
            state["position"] = labels[-1]
        position = labels.index(state["position"])
        page.select("position", T["follow"], labels, state["position"], on_change=set_position)
        steps = model.forward(ids, trace=True).steps
        rows = [[s.name, " × ".join(map(num, s.shape)), meaning(s.name), numbers_of(s, position)] for s in steps]
        cfg = model.config
        page.table("shapes", rows, headers=T["headers"],
                   title=tr("every tensor's shape; T = {t} letters, C = {c}, {h} heads, a vocabulary of {v} characters",
                            "شکل هر تانسور؛ T = {t} حرف، C = {c}، {h} سر، واژگان {v} حرف",
                            t=len(ids), c=cfg.n_embd, h=cfg.n_head, v=cfg.vocab_size))
        probs = steps[-1].value[position]
        best = sorted(range(len(probs)), key=probs.__getitem__, reverse=True)[:8]
        page.bar_chart("next", model.token_labels(best), [round(probs[i], 4) for i in best],
                       title=tr("the model's guess for the character after «{label}»", "پیش‌بینی مدل برای حرف بعد از «{label}»",
                                label=model.token_labels([ids[position]])[0]), horizontal=True)

    def set_text(text: str) -> None:
        state["text"], state["position"] = text, None
        redraw()

    def set_position(label: str) -> None:
        state["position"] = label
        redraw()

    page.text_input("text", T["text"], state["text"], on_change=set_text)
    redraw()


transformer_shapes_demo()
