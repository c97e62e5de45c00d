"""Part 3: the RNN unrolled in time. One cell g, applied at every step, reads x_t and the previous
hidden state h_{t-1}, writes h_t, and predicts the next input. Time runs left to right in both
languages (mathematical flow); the row labels sit where reading starts (left in English, right in
Persian)."""
from figkit import Figure

STEPS = 3
LABELS = 78             # width of the row-label column (at the reading start)
COLUMN = 96             # one time step
CELL_W, CELL_H = 60, 52
ENTRY = 46              # the arrow that brings h_0 in, and the one that carries h_3 on
AREA = 6 + ENTRY + STEPS * COLUMN - (COLUMN - CELL_W) + ENTRY + 22
Y_PRED, Y_CELL, Y_INPUT, Y_AXIS = 40, 138, 236, 292


def draw(lang: str) -> Figure:
    fig = Figure("rnn_unrolled", LABELS + AREA, 322, lang=lang,
        alt_en="An RNN unrolled over three time steps. At each step the same cell g reads the input x_t and the "
        "previous hidden state h_(t-1), writes the new hidden state h_t, which is passed to the right, and "
        "predicts the next input.",
        alt_fa="یک RNN که در سه قدم زمانی باز شده است. در هر قدم همان سلول g ورودی x_t و حالت پنهان قبلی "
        "h_(t-1) را می‌خواند، حالت پنهان تازهٔ h_t را می‌سازد که به قدم بعد در سمت راست می‌رود، و ورودی "
        "بعدی را پیش‌بینی می‌کند.")
    left = 6 if fig.rtl else LABELS + 6             # the time-step area: math, left to right
    rows = [(Y_PRED, fig.tr("prediction", "پیش‌بینی")), (Y_CELL, fig.tr("hidden", "حالت")),
            (Y_INPUT, fig.tr("input", "ورودی")), (Y_AXIS, fig.tr("time", "قدم"))]
    second = {Y_CELL: fig.tr("state", "پنهان"), Y_AXIS: fig.tr("step", "زمانی")}
    for y, label in rows:
        lines = (second[y],) if y in second else ()
        fig.text(fig.start(6), y, label, anchor="start", role="muted", lines=lines)

    centers = [left + ENTRY + CELL_W / 2 + i * COLUMN for i in range(STEPS)]
    for t, cx in enumerate(centers, start=1):
        fig.box(cx - CELL_W / 2, Y_CELL - CELL_H / 2, CELL_W, CELL_H, role="state")
        fig.math(cx, Y_CELL, "g", size=22)
        fig.box(cx - 26, Y_INPUT - 18, 52, 36, role="token")
        fig.math(cx, Y_INPUT, "x", sub=str(t))
        fig.line([(cx, Y_INPUT - 18), (cx, Y_CELL + CELL_H / 2)], role="token")
        fig.box(cx - 26, Y_PRED - 18, 52, 36, role="output")
        fig.math(cx, Y_PRED + 1, "x", sub=str(t + 1), hat=True)
        fig.line([(cx, Y_CELL - CELL_H / 2), (cx, Y_PRED + 18)], role="output")
        fig.math(cx, Y_AXIS + 22, str(t))
        fig.line([(cx, Y_AXIS - 5), (cx, Y_AXIS + 5)], role="muted", arrow=False)

    # the hidden state, carried to the right: h_0 enters, h_1 ... h_3 leave their cells
    starts = [left] + [cx + CELL_W / 2 for cx in centers]
    ends = [cx - CELL_W / 2 for cx in centers] + [centers[-1] + CELL_W / 2 + ENTRY]
    for t, (start, end) in enumerate(zip(starts, ends)):
        fig.line([(start, Y_CELL), (end, Y_CELL)], role="state")
        fig.math((start + end) / 2, Y_CELL - 18, "h", sub=str(t), role="state")

    fig.line([(left, Y_AXIS), (ends[-1], Y_AXIS)], role="muted")
    fig.math(ends[-1] + 6, Y_AXIS, "t", role="muted", align="left")
    return fig
