"""Part 1: training compute as an area. The grid is every (parameter, token) pair of a training run:
N rows of parameters by D columns of tokens. One pair, zoomed, costs 6 FLOPs: 2 in the forward pass
(a multiply and an add) and 4 in the backward pass (the gradient with respect to the input and the
one with respect to the weight, 2 each). The panel below converts the area into what GPUs do in a
day: one H100 at 40% of its dense BF16 peak, with the FLOPs of two runs from the page's table.

The grid is mathematical (a matrix), so it runs left to right in both languages; the panel's lines
are text and start where reading starts. The numbers come from lmdocs.compute, as the page's do.
"""
from figkit import Figure

from lmdocs.compute import GPUS, MODELS, gpu_days, human, training_flops

WIDTH, HEIGHT = 440, 490
ROWS, COLS, CELL = 6, 10, 22
GRID_X, GRID_Y = 120, 34
PICK = (1, 7)                   # the zoomed (parameter, token) pair: row, column
Y_ZOOM = 250                    # top of the six zoomed squares
ZOOM = 34                       # their size
Y_PANEL = 372
MFU = 0.4
LTR = "\u2066{}\u2069"          # a left-to-right isolate: keeps "6 · N · D" in order inside Persian text


def draw(lang: str) -> Figure:
    fig = Figure("compute_budget", WIDTH, HEIGHT, lang=lang,
                 alt_en="Training compute drawn as an area: a grid of N parameters by D tokens. One cell, one "
                        "parameter meeting one token, is enlarged into six squares: two for the forward pass and "
                        "four for the backward pass, so the whole run costs about 6 N D FLOPs. Below, one H100 "
                        "at 40 percent of its peak does about 3.4e19 FLOPs a day, so GPT-3 needed about 9,200 "
                        "H100-days and Llama 3 405B about 1.1 million.",
                 alt_fa="محاسبهٔ آموزش به شکل یک مساحت: جدولی از N پارامتر در D توکن. یک خانه، یعنی برخورد یک "
                        "پارامتر با یک توکن، به شش مربع بزرگ شده است: دو مربع برای گذر رو به جلو و چهار مربع برای "
                        "گذر رو به عقب؛ پس کل آموزش حدود 6ND عمل ممیز شناور است. پایین: یک H100 با ۴۰ درصد اوجش "
                        "در هر روز حدود 3.4e19 عمل انجام می‌دهد؛ پس GPT-3 حدود ۹۲۰۰ و Llama 3 405B حدود ۱٫۱ "
                        "میلیون H100-روز لازم داشت.")
    # the grid: N parameters (rows) by D tokens (columns)
    fig.matrix(GRID_X, GRID_Y, ROWS, COLS, role="token", cell=CELL)
    mid_y = GRID_Y + ROWS * CELL / 2
    fig.math(GRID_X - 40, mid_y - 12, "N")
    fig.text(GRID_X - 40, mid_y + 14, fig.tr("parameters", "پارامتر"), size=14, role="muted")
    fig.math(GRID_X + COLS * CELL / 2, GRID_Y + ROWS * CELL + 20, "D")
    fig.text(GRID_X + COLS * CELL / 2, GRID_Y + ROWS * CELL + 44, fig.tr("tokens", "توکن"), size=14, role="muted")
    row, col = PICK
    px, py = GRID_X + col * CELL, GRID_Y + row * CELL
    fig.box(px, py, CELL, CELL, role="output", radius=2)

    # the zoom: one cell = 2 forward + 4 backward FLOPs
    left = (WIDTH - 6 * ZOOM - 5 * 4) / 2
    xs = [left + i * (ZOOM + 4) for i in range(6)]
    fig.line([(px, py + CELL), (xs[0], Y_ZOOM)], role="muted", arrow=False, dashed=True)
    fig.line([(px + CELL, py + CELL), (xs[-1] + ZOOM, Y_ZOOM)], role="muted", arrow=False, dashed=True)
    for i, x in enumerate(xs):
        fig.box(x, Y_ZOOM, ZOOM, ZOOM, role="state" if i < 2 else "output", radius=3)
    below = Y_ZOOM + ZOOM + 16
    fig.text((xs[0] + xs[1] + ZOOM) / 2, below, fig.tr("forward: 2", "رو به جلو: ۲"), size=14, role="state")
    fig.text((xs[2] + xs[5] + ZOOM) / 2, below, fig.tr("backward: 4", "رو به عقب: ۴"), size=14, role="output")
    fig.text(WIDTH / 2, below + 30, fig.tr("one parameter × one token = 6 FLOPs",
                                           "یک پارامتر × یک توکن = ۶ عمل"), size=15)

    # what a GPU-day buys
    per_day = GPUS["H100"] * MFU * 86_400
    fig.box(12, Y_PANEL, WIDTH - 24, HEIGHT - Y_PANEL - 8, role="ink")
    six_nd = LTR.format("6 · N · D")
    fig.text(WIDTH / 2, Y_PANEL + 22, fig.tr(f"total ≈ {six_nd} FLOPs", f"کل: حدود {six_nd} عمل"), bold=True)
    per_day_text = LTR.format(human(per_day))
    lines = [fig.tr(f"one H100-day at 40% ≈ {per_day_text} FLOPs",
                    f"یک روزِ H100 با ۴۰٪ اوج: حدود {per_day_text} عمل")]
    for name, million in (("GPT-3 175B", False), ("Llama 3 405B", True)):
        m = MODELS[name]
        days = gpu_days(training_flops(m.parameters, m.tokens, m.active), GPUS["H100"], MFU)
        if million:
            amount = fig.tr(f"{days / 1e6:.1f} million", f"{fig.num(days / 1e6, '.1f')} میلیون")
        else:
            amount = fig.num(round(days, -2), ",.0f")
        lines.append(fig.tr(f"{name} ≈ {amount} H100-days", f"{name}: حدود {amount} روزِ H100"))
    for i, line in enumerate(lines):
        fig.text(fig.start(28), Y_PANEL + 52 + i * 22, line, anchor="start", size=15)
    return fig
