"""Part 2: the idea of Kneser–Ney's continuation count, on the Hafez training text. «رب» occurs 53
times but after only 2 different words (52 times in «یا رب»); «فلک» occurs 47 times, after 32
different words. After a context never seen in training, Kneser–Ney trusts how many different
words a word has followed, not how often it occurs, so «فلک» is the better guess.

The two panels are textual flow: the first («رب») sits at the reading start (right in Persian). The
English figure transliterates the words (rabb, falak …) and glosses the two that are counted. The
numbers are the real counts printed by docs/snippets/ngram_kneser_ney.py.
"""
from figkit import Figure

WIDTH, HEIGHT = 440, 306
PANEL = 110                  # center of the first panel, from the reading start; the second at WIDTH - PANEL
Y_BEFORE, BEFORE_W, BEFORE_H = 62, 38, 30
Y_WORD, WORD_W, WORD_H = 184, 64, 38
Y_TEXT = 250
LATIN = {"رب": "rabb", "فلک": "falak", "یا": "ya", "علی": "Ali", "بر": "bar", "که": "ke", "به": "be", "گوی": "guy"}
GLOSS = {"رب": "Lord", "فلک": "the heavens"}
PANELS = [
    # (word, occurrences, different words before it, the words drawn before it, how many are not drawn: «…»)
    ("رب", 53, 2, [("یا", 52), ("علی", 1)], 0),
    ("فلک", 47, 32, [("بر", 4), ("که", 4), ("به", 3), ("گوی", 2)], 28),
]


def draw(lang: str) -> Figure:
    fig = Figure("kn_continuation", WIDTH, HEIGHT, lang=lang,
                 alt_en="Two words of the Hafez training text with the words seen right before them. Rabb (Lord) "
                        "occurs 53 times but only after 2 different words: 52 times after ya (O) and once after "
                        "Ali. Falak (the heavens) occurs 47 times, after 32 different words, such as bar (on), "
                        "ke (that), be (to) and guy (ball).",
                 alt_fa="دو کلمه از متن آموزشی حافظ با کلمه‌هایی که درست پیش از آن‌ها دیده شده‌اند. «رب» ۵۳ بار "
                        "آمده ولی فقط پس از ۲ کلمهٔ مختلف: ۵۲ بار پس از «یا» و یک بار پس از «علی». «فلک» ۴۷ بار "
                        "آمده، پس از ۳۲ کلمهٔ مختلف، مانند «بر»، «که»، «به» و «گوی».")
    for center, (word, times, kinds, before, hidden) in zip((PANEL, WIDTH - PANEL), PANELS):
        cx = fig.start(center)
        slots = len(before) + (1 if hidden else 0)
        gap = 84 if slots == 2 else 44
        xs = [cx + (i - (slots - 1) / 2) * gap for i in range(slots)]
        if fig.rtl:
            xs.reverse()                  # the most frequent word first, at the reading start
        for x, (previous, n) in zip(xs, before):
            fig.box(x - BEFORE_W / 2, Y_BEFORE - BEFORE_H / 2, BEFORE_W, BEFORE_H, role="token",
                    label=previous if fig.rtl else LATIN[previous], size=15)
            end_x = cx + (x - cx) * 0.25
            fig.line([(x, Y_BEFORE + BEFORE_H / 2), (end_x, Y_WORD - WORD_H / 2)], role="token")
            if slots == 2:                # the two arrows of «رب» say how often
                fig.text((x + end_x) / 2 + (-20 if x < cx else 20), (Y_BEFORE + Y_WORD) / 2,
                         fig.tr(f"{n}×", f"{fig.num(n)} بار"), role="token", size=15)
        if hidden:
            x = xs[-1]                    # the slot left after the drawn words
            fig.box(x - BEFORE_W / 2, Y_BEFORE - BEFORE_H / 2, BEFORE_W, BEFORE_H, role="token", dashed=True,
                    label="…", size=16)
            fig.line([(x, Y_BEFORE + BEFORE_H / 2), (cx + (x - cx) * 0.25, Y_WORD - WORD_H / 2)], role="token",
                     dashed=True)
        fig.box(cx - WORD_W / 2, Y_WORD - WORD_H / 2, WORD_W, WORD_H, role="output",
                label=word if fig.rtl else LATIN[word])
        if not fig.rtl:
            fig.text(cx, Y_WORD + WORD_H / 2 + 13, GLOSS[word], role="muted", size=14)
        fig.text(cx, Y_TEXT, fig.tr(f"{times} times in all", f"{fig.num(times)} بار در کل متن"), role="muted",
                 size=14)
        fig.text(cx, Y_TEXT + 24, fig.tr(f"after {kinds} different words", f"پس از {fig.num(kinds)} کلمهٔ مختلف"),
                 role="output", bold=True)
    return fig
