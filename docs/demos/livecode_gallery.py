# Every element of the lmdocs.page bridge in one demo: tokens, a bar chart, a table, a heatmap and
# inputs that redraw them. A demo is self-contained: it does not use variables of other cells.
import math

from lmdocs import page

FA = page.lang() == "fa"
state = {"text": "دوش دیدم که ملایک در میخانه زدند" if FA else "the cat sat on the mat", "unit": "word"}


def split(text: str) -> list[str]:
    return text.split() if state["unit"] == "word" else list(text.replace(" ", ""))


def redraw() -> None:
    pieces = split(state["text"])
    vocabulary = sorted(set(pieces))
    page.tokens("pieces", pieces, ids=[vocabulary.index(p) for p in pieces])
    counts = {p: pieces.count(p) for p in vocabulary}
    page.bar_chart("counts", list(counts), list(counts.values()), title="تعداد" if FA else "counts")
    page.table("summary", [[len(pieces), len(vocabulary)]],
               headers=["تکه‌ها", "واژگان"] if FA else ["pieces", "vocabulary"])
    shown = pieces[:6]
    # a toy attention map: softmax over (minus) the distance between positions
    rows = []
    for i in range(len(shown)):
        scores = [-abs(i - j) for j in range(len(shown))]
        total = sum(math.exp(s) for s in scores)
        rows.append([math.exp(s) / total for s in scores])
    page.heatmap("attention", rows, shown, shown, title="توجه (نمونه)" if FA else "attention (toy)")
    page.html_text("note", f"{len(pieces)} <pieces>")


def set_text(text: str) -> None:
    state["text"] = text or state["text"]
    redraw()


def set_unit(unit: str) -> None:
    state["unit"] = unit
    redraw()


def reverse() -> None:
    state["text"] = " ".join(reversed(state["text"].split()))
    redraw()


page.text_input("text", "متن" if FA else "text", state["text"], on_change=set_text)
page.select("unit", "واحد" if FA else "unit", ["word", "char"], state["unit"], on_change=set_unit)
page.button("reverse", "وارونه کن" if FA else "reverse the words", on_click=reverse)
redraw()
