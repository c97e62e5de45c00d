"""Part 2: a bigram window slides over the example sentence and every position it stops at adds one
to a row of the count table; «به» is counted twice, once before «دوستم» and once before «او».

The sentence is Persian in both languages, so it runs right to left in both (it is text, read the
way it is written); the English figure adds a gloss under each word. The table is laid out in the
page's reading direction (its first column at the reading start). The counts are the real counts
of docs/snippets/ngram_counts.py.
"""
from figkit import Figure

WIDTH = 440
MARGIN = 10
STEP = 60                    # one token of the sentence
BOX_W, BOX_H = 48, 32
ROWS = [["<s>", "من", "کتابم", "را", "به", "دوستم", "علی"],
        ["دادم", "و", "به", "او", "گفتم", "</s>"]]
GLOSS = {"من": "I", "کتابم": "my/book", "را": "(obj.)", "به": "to", "دوستم": "my/friend", "علی": "Ali",
         "دادم": "gave", "و": "and", "او": "him", "گفتم": "told"}
WINDOWS = [(0, 4), (1, 2)]   # (row, first token) of the two windows that count «به …»
Y_ROWS = (58, 156)
TABLE = [("<s>", "من"), ("من", "کتابم"), None, ("به", "دوستم"), ("به", "او"), None, ("گفتم", "</s>")]
Y_TABLE = 250                # the header row
ROW_H = 26
COLUMNS = (60, 180, 300)     # centres of the columns, from the reading start


def token_x(i: int) -> float:
    """Centre of token i of a row: the sentence starts at the right edge, in both languages."""
    return WIDTH - MARGIN - STEP / 2 - i * STEP


def ltr(token: str) -> str:
    """<s> and </s> between left-to-right marks, so a right-to-left figure does not mirror their brackets."""
    return f"\u200e{token}\u200e" if token.startswith("<") else token


def frame(fig: Figure, left: float, y: float, w: float, h: float, dashed: bool = False) -> None:
    """An unfilled rectangle centred on y, drawn over the words it frames."""
    top, bottom = y - h / 2, y + h / 2
    fig.line([(left, top), (left + w, top), (left + w, bottom), (left, bottom), (left, top)],
             role="output", arrow=False, dashed=dashed)


def draw(lang: str) -> Figure:
    fig = Figure("ngram_window", WIDTH, Y_TABLE + ROW_H * (len(TABLE) + 1) + 46, lang=lang,
                 alt_en="The Persian sentence «من کتابم را به دوستم علی دادم و به او گفتم», between <s> and "
                        "</s>, in two rows of word boxes read from right to left. A two-word window slides "
                        "along it; where it frames «به دوستم» and «به او» the matching rows of the count table "
                        "below are highlighted: each of those bigrams was seen once, and «به» twice in all.",
                 alt_fa="جملهٔ «من کتابم را به دوستم علی دادم و به او گفتم»، میان <s> و </s>، در دو ردیف "
                        "جعبه از راست به چپ. پنجره‌ای دوکلمه‌ای روی آن می‌لغزد؛ جایی که «به دوستم» و «به او» را "
                        "در بر می‌گیرد، سطرهای همان دوگرم‌ها در جدول شمارش پایین پررنگ شده‌اند: هر کدام یک بار "
                        "دیده شده و «به» روی هم دو بار.")
    for row, y in zip(ROWS, Y_ROWS):
        for i, word in enumerate(row):
            x = token_x(i)
            fig.box(x - BOX_W / 2, y - BOX_H / 2, BOX_W, BOX_H, role="token", label=ltr(word),
                    size=15 if word.startswith("<") else 16)
            if not fig.rtl and word in GLOSS:
                first, *more = GLOSS[word].split("/")          # "my/book": two short lines
                middle = y + BOX_H / 2 + 20 + len(more) * 14 * 0.625    # the first line stays in place
                fig.text(x, middle, first, role="muted", size=14, lines=tuple(more))

    # the windows: a frame around two neighbouring words; in the first row, dashed, one step before
    for row, first in WINDOWS:
        frame(fig, token_x(first + 1) - BOX_W / 2 - 4, Y_ROWS[row], STEP + BOX_W + 8, BOX_H + 8)
    frame(fig, token_x(WINDOWS[0][1]) - BOX_W / 2 - 2, Y_ROWS[0], STEP + BOX_W + 4, BOX_H + 18, dashed=True)
    # the slide: an arrow above the first row, pointing the way the sentence is read (leftwards)
    arrow_y = Y_ROWS[0] - BOX_H / 2 - 24
    fig.line([(token_x(3) + 10, arrow_y), (token_x(5) - 10, arrow_y)], role="output")
    fig.text(token_x(5) - 16, arrow_y, fig.tr("slides", "می‌لغزد"), role="output", size=14,
             anchor="start" if fig.rtl else "end")

    # the count table, in the page's reading direction
    headers = (fig.tr("previous", "کلمهٔ قبلی"), fig.tr("next", "کلمهٔ بعدی"), fig.tr("count", "شمار"))
    columns = [fig.start(c) for c in COLUMNS]
    for x, header in zip(columns, headers):
        fig.text(x, Y_TABLE, header, role="muted", size=14)
    fig.line([(min(columns) - 58, Y_TABLE + 14), (max(columns) + 58, Y_TABLE + 14)], role="muted", arrow=False)
    for n, entry in enumerate(TABLE, start=1):
        y = Y_TABLE + n * ROW_H + 4
        if entry is None:
            for x in columns:
                fig.text(x, y, "⋮", role="muted", size=14)
            continue
        if entry[0] == "به":
            fig.box(min(columns) - 58, y - ROW_H / 2 + 2, max(columns) - min(columns) + 116, ROW_H - 4,
                    role="output")
        for x, text in zip(columns, (*entry, fig.num(1))):
            fig.text(x, y, ltr(text), size=15 if text.startswith("<") else 16)
    y_total = Y_TABLE + (len(TABLE) + 1) * ROW_H + 20
    fig.text(fig.start(MARGIN), y_total, fig.tr("به twice, once before دوستم: probability 1/2",
                                                 "«به» دو بار: احتمال «دوستم» پس از آن ۱/۲ است"),
             role="output", anchor="start")
    return fig
