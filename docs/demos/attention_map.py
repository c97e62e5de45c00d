# Attention map: type Persian text, pick a layer and a head, and see where each letter looks.
# The model is the small GPT trained on Hafez that ships with lmdocs (2 layers x 4 heads).
from lmdocs import page
from lmdocs.i18n import num
from lmdocs.transformer import load_hafez_gpt

# Everything lives inside one function: the blocks of a page share one namespace, and the other
# blocks on this page (a snippet's `T = 4`, a `model`) must not change this demo's names, nor it theirs.


def attention_map_demo() -> None:
    FA = page.lang() == "fa"
    T = {
        "text": "متن (حروف فارسی، حداکثر ۶۴ حرف)" if FA else "text (Persian letters, at most 64 characters)",
        "layer": "لایه" if FA else "layer",
        "head": "سر" if FA else "head",
        "mean": "میانگین سرها" if FA else "mean of the heads",
        "title": "لایهٔ {layer}، {head}: هر سطر یک حرف است و خانه‌هایش وزن توجه آن به حروف قبلی" if FA else
                 "layer {layer}, {head}: each row is a letter, its cells the weights it gives earlier letters",
        "dropped": "این حرف‌ها در واژگان مدل نیستند و کنار گذاشته شدند: {chars}" if FA else
                   "these characters are not in the model's vocabulary and were left out: {chars}",
        "cut": "فقط {n} حرف آخر در پنجرهٔ مدل جا می‌شوند." if FA else
               "only the last {n} characters fit in the model's window.",
        "focus": "حرف آخر «{last}» بیشترین توجه را به «{target}» دارد ({where}، وزن {weight})." if FA else
                 "the last letter «{last}» looks most at «{target}» ({where}, weight {weight}).",
        "itself": "خودش" if FA else "itself",
        "back": "{n} حرف عقب‌تر" if FA else "{n} character{s} back",
        "empty": "متنی با حروف فارسی بنویسید." if FA else "type some Persian text.",
    }
    model = load_hafez_gpt()
    n_layer, n_head = model.config.n_layer, model.config.n_head
    HEADS = [f"{T['head']} {num(h + 1)}" for h in range(n_head)] + [T["mean"]]   # numbers in the page's digits
    state = {"text": "الا یا ایها الساقی", "layer": 1, "head": HEADS[0], "ids": None, "attention": None}

    def read_text(text: str) -> list[int]:
        """Token ids of the text's known characters, the last block_size of them; says what was dropped."""
        unknown = sorted({c for c in text if c not in model.tokenizer.index})
        notes = [T["dropped"].format(chars=" ".join(repr(c) for c in unknown))] if unknown else []
        ids = model.encode(text, skip_unknown=True)
        if len(ids) > model.config.block_size:
            ids = ids[-model.config.block_size:]
            notes.append(T["cut"].format(n=model.config.block_size))
        page.html_text("notes", "\n".join(notes))
        return ids

    def head_weights(layer: int) -> list[list[float]]:
        """The chosen head's (T, T) weights, or the mean over heads."""
        heads = state["attention"][layer]
        if state["head"] == T["mean"]:
            size = range(len(heads[0]))
            return [[sum(h[i][j] for h in heads) / len(heads) for j in size] for i in size]
        return heads[HEADS.index(state["head"])]

    def redraw() -> None:
        if not state["ids"]:
            page.html_text("focus", T["empty"])
            return
        weights = head_weights(state["layer"] - 1)
        labels = model.token_labels(state["ids"])
        title = T["title"].format(layer=num(state["layer"]), head=state["head"])
        page.heatmap("map", weights, labels, labels, title=title)
        last = weights[-1]
        target = max(range(len(last)), key=last.__getitem__)
        back = len(last) - 1 - target
        where = T["itself"] if back == 0 else T["back"].format(n=num(back), s="" if back == 1 else "s")
        page.html_text("focus", T["focus"].format(last=labels[-1], target=labels[target], where=where,
                                                  weight=num(last[target], ".2f")))

    def set_text(text: str) -> None:
        state["text"] = text
        state["ids"] = read_text(text)
        state["attention"] = model.attention(state["ids"]) if state["ids"] else None
        redraw()

    page.text_input("text", T["text"], state["text"], on_change=set_text)
    page.select("layer", T["layer"], [num(i + 1) for i in range(n_layer)], num(state["layer"]),
                on_change=page.bind(state, "layer", redraw, cast=int))   # int("۲") is 2
    page.select("head", T["head"], HEADS, state["head"], on_change=page.bind(state, "head", redraw))
    set_text(state["text"])


attention_map_demo()
