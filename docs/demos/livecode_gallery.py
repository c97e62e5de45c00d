# Every element of the lmdocs.page bridge in one demo: tokens, a bar chart, a table, a heatmap and
# inputs that redraw them. A demo is self-contained: it does not use variables of other cells.
import math

from lmdocs import page
from lmdocs.i18n import num, tr

# Everything lives inside one function: the blocks of a page share one namespace, and the other
# blocks on this page (a snippet's `counts`, `line`) must not change this demo's names, nor it theirs.


def livecode_gallery_demo() -> None:
    FA = page.lang() == "fa"
    UNITS = {tr("word", "کلمه"): "word", tr("char", "حرف"): "char"}   # the option shown -> the unit
    state = {"text": "دوش دیدم که ملایک در میخانه زدند" if FA else "the cat sat on the mat", "unit": "word"}

    def split(text: str) -> list[str]:
        return text.split() if state["unit"] == "word" else list(text.replace(" ", ""))

    def redraw() -> None:
        pieces = split(state["text"])
        vocabulary = sorted(set(pieces))
        page.tokens("pieces", pieces, ids=[vocabulary.index(p) for p in pieces])
        counts = {p: pieces.count(p) for p in vocabulary}
        page.bar_chart("counts", list(counts), list(counts.values()), title=tr("counts", "تعداد"))
        page.table("summary", [[num(len(pieces)), num(len(vocabulary))]],
                   headers=[tr("pieces", "تکه‌ها"), tr("vocabulary", "واژگان")])
        shown = pieces[:6]
        # a toy attention map: softmax over (minus) the distance between positions
        rows = []
        for i in range(len(shown)):
            scores = [-abs(i - j) for j in range(len(shown))]
            total = sum(math.exp(s) for s in scores)
            rows.append([math.exp(s) / total for s in scores])
        page.heatmap("attention", rows, shown, shown, title=tr("attention (toy)", "توجه (نمونه)"))
        page.html_text("note", tr("{n} <pieces>", "{n} <تکه>", n=len(pieces)))   # shown as text, not HTML

    def set_text(text: str) -> None:
        state["text"] = text or state["text"]
        redraw()

    def set_unit(shown: str) -> None:
        state["unit"] = UNITS[shown]
        redraw()

    def reverse() -> None:
        state["text"] = " ".join(reversed(state["text"].split()))
        redraw()

    page.text_input("text", tr("text", "متن"), state["text"], on_change=set_text)
    page.select("unit", tr("unit", "واحد"), list(UNITS), on_change=set_unit)
    page.button("reverse", tr("reverse the words", "وارونه کن"), on_click=reverse)
    redraw()


livecode_gallery_demo()
