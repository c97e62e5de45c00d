"""Part 2: a bigram window slides over the example sentence and every position it stops at adds one
to a row of the count table; «به» is counted twice, once before «دوستم» and once before «او».

The sentence is textual flow, so it starts at the reading start: in Persian it is written as it is
and runs right to left; the English figure transliterates it (be, dustam …) and glosses each word,
running left to right like the rest of the English page. The table is laid out in the page's
reading direction too. The counts are the real counts of docs/snippets/ngram_counts.py.
"""
from figkit import Figure

WIDTH = 440
MARGIN = 10
STEP = 84                    # one token of the sentence
BOX_W, BOX_H = 70, 32
ROWS = [["<s>", "من", "کتابم", "را"], ["به", "دوستم", "علی", "دادم", "و"], ["به", "او", "گفتم", "</s>"]]
LATIN = {"من": "man", "کتابم": "ketabam", "را": "ra", "به": "be", "دوستم": "dustam", "علی": "Ali",
         "دادم": "dadam", "و": "va", "او": "u", "گفتم": "goftam"}
GLOSS = {"من": "I", "کتابم": "my book", "را": "(object)", "به": "to", "دوستم": "my friend", "علی": "Ali",
         "دادم": "gave", "و": "and", "او": "him", "گفتم": "told"}
WINDOWS = [(1, 0), (2, 0)]   # (row, first token) of the two windows that count «به …»
NEXT_STOP = (1, 1)           # where the first window stops next (dashed)
Y_ROWS = (40, 122, 204)
TABLE = [("<s>", "من"), ("من", "کتابم"), None, ("به", "دوستم"), ("به", "او"), None, ("گفتم", "</s>")]
Y_TABLE = 282                # the header row
ROW_H = 26
COLUMNS = (60, 180, 300)     # centers of the columns, from the reading start


def token_x(fig: Figure, i: int) -> float:
    """Centre of token i of a row, counted from the reading start."""
    return fig.start(MARGIN + STEP / 2 + i * STEP)


def word(fig: Figure, token: str) -> str:
    """The token as the figure shows it: Persian as written (<s> and </s> between left-to-right marks,
    so right-to-left text does not mirror their brackets), transliterated in English."""
    if token.startswith("<"):
        return f"\u200e{token}\u200e" if fig.rtl else token
    return token if fig.rtl else LATIN[token]


def frame(fig: Figure, row: int, first: int, pad: float, dashed: bool = False) -> None:
    """An unfilled rectangle around tokens `first` and `first + 1` of a row, drawn over them; `pad`
    sets it apart from the boxes sideways and above (below, 4: the glosses are there)."""
    xs = (token_x(fig, first), token_x(fig, first + 1))
    left, right = min(xs) - BOX_W / 2 - pad, max(xs) + BOX_W / 2 + pad
    top, bottom = Y_ROWS[row] - BOX_H / 2 - pad, Y_ROWS[row] + BOX_H / 2 + 4
    fig.line([(left, top), (right, top), (right, bottom), (left, bottom), (left, top)],
             role="output", arrow=False, dashed=dashed)


def draw(lang: str) -> Figure:
    fig = Figure("ngram_window", WIDTH, Y_TABLE + ROW_H * (len(TABLE) + 1) + 46, lang=lang,
                 alt_en="The Persian sentence man ketabam ra be dustam Ali dadam va be u goftam (I gave my book to "
                        "my friend Ali and told him), transliterated, between <s> and </s>, in three rows of word "
                        "boxes with a gloss under each word. A two-word window slides along it; where it frames be "
                        "dustam (to my friend) and be u (to him), the matching rows of the count table below are "
                        "highlighted: each of those bigrams was seen once, and be (to) twice in all.",
                 alt_fa="جملهٔ «من کتابم را به دوستم علی دادم و به او گفتم»، میان <s> و </s>، در سه ردیف جعبه از "
                        "راست به چپ. پنجره‌ای دوکلمه‌ای روی آن می‌لغزد؛ جایی که «به دوستم» و «به او» را در بر "
                        "می‌گیرد، سطرهای همان دوگرم‌ها در جدول شمارش پایین پررنگ شده‌اند: هر کدام یک بار دیده "
                        "شده و «به» روی هم دو بار.")
    for row, (tokens, y) in enumerate(zip(ROWS, Y_ROWS)):
        for i, token in enumerate(tokens):
            x = token_x(fig, i)
            fig.box(x - BOX_W / 2, y - BOX_H / 2, BOX_W, BOX_H, role="token", label=word(fig, token),
                    size=15 if token.startswith("<") else 16)
            if not fig.rtl and token in GLOSS:
                fig.text(x, y + BOX_H / 2 + 16, GLOSS[token], role="muted", size=14)

    # the windows around «به …», and the first window's next stop (dashed), with an arrow that
    # points the way the sentence is read
    for row, first in WINDOWS:
        frame(fig, row, first, pad=4)
    frame(fig, *NEXT_STOP, pad=8, dashed=True)
    row, first = NEXT_STOP
    arrow_y = Y_ROWS[row] - BOX_H / 2 - 18
    fig.line([(token_x(fig, first) , arrow_y), (token_x(fig, first + 1), arrow_y)], role="output")
    fig.text(token_x(fig, first + 1) + (-12 if fig.rtl else 12), arrow_y, fig.tr("slides", "می‌لغزد"),
             role="output", size=14, anchor="start")

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
        for x, text in zip(columns, (*[word(fig, t) for t in entry], fig.num(1))):
            fig.text(x, y, text, size=15 if text.strip("\u200e").startswith("<") else 16)
    y_total = Y_TABLE + (len(TABLE) + 1) * ROW_H + 20
    fig.text(fig.start(MARGIN), y_total, fig.tr("be twice, once before dustam: probability 1/2",
                                                 "«به» دو بار: احتمال «دوستم» پس از آن ۱/۲ است"),
             role="output", anchor="start")
    return fig
