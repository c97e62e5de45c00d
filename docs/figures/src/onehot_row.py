"""Part 2, the bridge to neural models. Top: a one-hot vector for «به» times the bigram count table
N picks the row of «به», which normalized gives p(next word | «به»). Bottom: Bengio et al. (2003)
multiply the same one-hot vector by a table E of learned vectors, which picks a short vector (the
embedding), and a network turns it into the probabilities of the next word.

Matrices and vectors are mathematical, so they run left to right in both languages (index 0 at the
left); the row titles sit at the reading start. Top: the counts of six words of the example sentence
(docs/snippets/ngram_counts.py); bottom: the shades of E stand for learned numbers, not real ones.
"""
from figkit import Figure

WIDTH, HEIGHT = 440, 330
CELL = 14
V, D = 6, 3                  # words drawn; numbers in an embedding
ROW_OF = 3                   # «به» is the fourth word: من، کتابم، را، به، دوستم، علی
# counts N[previous][next]: rows من کتابم را به دوستم علی; columns کتابم را به دوستم علی او
COUNTS = [[1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0],
          [0, 0, 0, 1, 0, 1], [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 0]]
LEARNED = [.7, .2, .5, .1, .9, .4, .3, .6, .8, .5, .3, .9, .8, .1, .6, .4, .7, .2]   # V × D, illustrative
PROBS = [.05, .05, .1, .35, .1, .35]
Y_TOP, Y_BOTTOM = 70, 226    # the middle of each row's vectors


def one_hot(fig: Figure, x: float, y: float) -> None:
    fig.vector(x, y - CELL / 2, V, role="token", shades=tuple(1.0 if i == ROW_OF else 0.0 for i in range(V)))


def frame(fig: Figure, x: float, y: float, w: float, h: float) -> None:
    """An unfilled rectangle around a row of a matrix (the row the one-hot vector picks)."""
    fig.line([(x - 2, y - 2), (x + w + 2, y - 2), (x + w + 2, y + h + 2), (x - 2, y + h + 2), (x - 2, y - 2)],
             role="output", arrow=False)


def draw(lang: str) -> Figure:
    fig = Figure("onehot_row", WIDTH, HEIGHT, lang=lang,
                 alt_en="Two rows of vectors and matrices. Top, counting: a one-hot vector for the word be (to) times "
                        "the bigram count table N equals the row of be, with ones under dustam (my friend) and u "
                        "(him); divided by its sum it gives the probabilities of the next word. Bottom, learning: "
                        "the same one-hot vector times a table E of learned vectors equals one short vector, the "
                        "embedding of be, which a network turns into the probabilities of the next word.",
                 alt_fa="دو ردیف بردار و ماتریس. بالا، شمردن: بردار یک‌داغِ «به» ضرب در جدول شمارش دوگرم N "
                        "برابر سطر «به» است، با یک زیر «دوستم» و «او»؛ تقسیم بر جمعش، احتمال کلمهٔ بعدی را "
                        "می‌دهد. پایین، یادگرفتن: همان بردار یک‌داغ ضرب در جدول E از بردارهای یادگرفتنی برابر "
                        "یک بردار کوتاه است، بردار تعبیهٔ «به»، که یک شبکه آن را به احتمال کلمهٔ بعدی تبدیل می‌کند.")
    side = 12
    titles = ((Y_TOP, fig.tr("counting (n-gram)", "شمردن (n-گرم)")),
              (Y_BOTTOM, fig.tr("learning (Bengio et al. 2003)", "یادگرفتن (بنجیو و همکاران ۲۰۰۳)")))
    for y, title in titles:
        fig.text(fig.start(side), y - 56, title, anchor="start", bold=True)

    width = V * CELL
    # top: x × N = the row of «به» -> divide by its sum
    x0 = 16
    one_hot(fig, x0, Y_TOP)
    fig.math(x0 + width + 14, Y_TOP, "×")
    n_left, n_top = x0 + width + 28, Y_TOP - width / 2
    fig.matrix(n_left, n_top, V, V, role="token", shades=tuple(float(c) for row in COUNTS for c in row))
    frame(fig, n_left, n_top + ROW_OF * CELL, width, CELL)
    fig.math(n_left + width + 14, Y_TOP, "=")
    r_left = n_left + width + 28
    fig.vector(r_left, Y_TOP - CELL / 2, V, role="output", shades=tuple(float(c) for c in COUNTS[ROW_OF]))
    fig.line([(r_left + width + 6, Y_TOP), (r_left + width + 40, Y_TOP)], role="output")
    fig.text(r_left + width + 44, Y_TOP, fig.tr("÷ sum", "÷ جمع"), role="output", size=14,
             anchor="end" if fig.rtl else "start")
    labels = ((x0, fig.tr("one-hot “be”", "یک‌داغِ «به»")), (n_left, fig.tr("counts N", "شمارش‌ها N")),
              (r_left, fig.tr("row “be”", "سطر «به»")))
    for left, label in labels:
        fig.text(left + width / 2, Y_TOP + width / 2 + 16, label, role="muted", size=14)

    # bottom: x × E = the embedding of «به» -> network -> probabilities
    one_hot(fig, x0, Y_BOTTOM)
    fig.math(x0 + width + 14, Y_BOTTOM, "×")
    e_left, e_top = x0 + width + 28, Y_BOTTOM - width / 2
    fig.matrix(e_left, e_top, V, D, role="embed", shades=tuple(LEARNED))
    frame(fig, e_left, e_top + ROW_OF * CELL, D * CELL, CELL)
    fig.math(e_left + D * CELL + 14, Y_BOTTOM, "=")
    v_left = e_left + D * CELL + 28
    fig.vector(v_left, Y_BOTTOM - CELL / 2, D, role="embed", shades=tuple(LEARNED[ROW_OF * D:(ROW_OF + 1) * D]))
    net_left = v_left + D * CELL + 20
    fig.line([(v_left + D * CELL + 4, Y_BOTTOM), (net_left - 2, Y_BOTTOM)], role="embed")
    fig.box(net_left, Y_BOTTOM - 20, 66, 40, role="mlp", label=fig.tr("network", "شبکه"), size=15)
    p_left = net_left + 66 + 20
    fig.line([(net_left + 68, Y_BOTTOM), (p_left - 3, Y_BOTTOM)], role="output")
    fig.vector(p_left, Y_BOTTOM - CELL / 2, V, role="output", shades=tuple(PROBS))
    labels = ((x0, width, fig.tr("one-hot “be”", "یک‌داغِ «به»")),
              (e_left, D * CELL, fig.tr("vectors E", "بردارهای E")),
              (v_left, D * CELL, fig.tr("embedding", "تعبیه")),
              (p_left, width, fig.tr("probabilities", "احتمال‌ها")))
    for i, (left, w, label) in enumerate(labels):
        fig.text(left + w / 2, Y_BOTTOM + width / 2 + 16 + (18 if i == 2 else 0), label, role="muted", size=14)
    return fig
