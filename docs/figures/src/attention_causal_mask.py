"""Part 5: the causal mask as a grid. Row t is the query of token t, column s the key of token s. On and
below the diagonal the score is kept; above it (the future) it is set to −∞, which the softmax turns
into a weight of exactly 0. With equal scores the kept weights are 1/(t+1): each token averages itself
and the tokens before it, the first step of the article.

The grid is a matrix, so positions run left to right and top to bottom in both languages; the row
labels sit where reading starts (left in English, right in Persian).
"""
from figkit import Figure

WORDS = {"en": ["I", "gave", "Ali", "my", "book"], "fa": ["من", "کتابم", "را", "به", "علی"]}
T = 5
CELL = 48
WIDTH, HEIGHT = 440, 420
GRID_TOP = 96
LABELS = 96                            # room for the row labels at the reading start
INF = "\u200e−∞\u200e"                 # left-to-right marks keep the minus before ∞ in Persian text


def draw(lang: str) -> Figure:
    words = WORDS[lang]
    fig = Figure("attention_causal_mask", WIDTH, HEIGHT, lang=lang,
                 alt_en="A five by five grid for the sentence I gave Ali my book. Row t is the token that looks, "
                        "column s the token it looks at. Cells on and below the diagonal hold the weights of an equal "
                        "average: 1 in the first row, 0.5 twice in the second, down to 0.2 five times in the last. "
                        "Cells above the diagonal are the future: their score is minus infinity and their weight 0.",
                 alt_fa="جدولی پنج در پنج برای جملهٔ «من کتابم را به علی». سطر t توکنی است که نگاه می‌کند و ستون s "
                        "توکنی که به آن نگاه می‌شود. خانه‌های روی قطر و زیر آن وزن‌های یک میانگین برابر را دارند: ۱ "
                        "در سطر اول، دو بار ۰٫۵ در سطر دوم، تا پنج بار ۰٫۲ در سطر آخر. خانه‌های بالای قطر آینده‌اند: "
                        "امتیازشان منفی بی‌نهایت و وزنشان صفر است.")
    size = T * CELL
    left = (WIDTH - LABELS - size) / 2 + (0 if fig.rtl else LABELS)
    right = left + size
    label_x = left - 10 if not fig.rtl else right + 10

    fig.text(left + size / 2, 24, fig.tr("looked at (keys)", "نگاه‌شونده (کلیدها)"), role="ink", size=15)
    fig.text(label_x, 24, fig.tr("looks (queries)", "نگاه‌کننده (پرسش‌ها)"), anchor="end", role="q", size=15)
    for s, word in enumerate(words):
        fig.text(left + s * CELL + CELL / 2, GRID_TOP - 22, word, role="ink", size=15)
    fig.box(left - 4, GRID_TOP - 4, size + 8, size + 8, role="attn", radius=4)   # the score table's frame
    for t, word in enumerate(words):
        y = GRID_TOP + t * CELL + CELL / 2
        fig.text(label_x, y, word, anchor="end", role="q", size=15)
        for s in range(T):
            x = left + s * CELL + CELL / 2
            if s <= t:              # kept: tinted by its weight
                fig.matrix(x - CELL / 2, y - CELL / 2, 1, 1, role="attn", cell=CELL, shades=(1 / (t + 1),))
                fig.text(x, y, fig.num(1 / (t + 1), ".2f"), size=14)
            else:                   # the future: masked, plain
                fig.matrix(x - CELL / 2, y - CELL / 2, 1, 1, role="muted", cell=CELL)
                fig.text(x, y, INF, size=14, role="muted")

    y0 = GRID_TOP + size + 34
    fig.text(fig.start(16), y0, fig.tr("row “looks”, column “looked at”; above the diagonal is the future:",
                                       "سطر نگاه می‌کند، ستون نگاه می‌شود؛ بالای قطر آینده است:"),
             anchor="start", role="muted", size=14)
    fig.text(fig.start(16), y0 + 22, fig.tr(f"score {INF}, weight 0. Each row sums to 1.",
                                            "امتیاز منفی بی‌نهایت و وزن ۰. جمع هر سطر ۱ است."),
             anchor="start", role="muted", size=14)
    fig.text(fig.start(16), y0 + 44, fig.tr("Equal scores give the average of the past.",
                                            "امتیازهای برابر، میانگینِ گذشته را می‌دهند."),
             anchor="start", role="muted", size=14)
    return fig
