"""Part 3: truncated backpropagation through time. The text is cut into windows of T characters
(here T = 3). Every step has its own loss (the next character is known at every position); the
hidden state flows forward across window boundaries, but the gradient flows back only inside its
window, so one update costs T steps, not the whole text.

Time runs left to right in both languages (mathematical flow, as in rnn_unrolled)."""
from figkit import Figure

WINDOWS, STEPS = 3, 3
COL = 40                          # one time step
PAD = 14                          # inside a window, before its first and after its last step
GAP = 16                          # between windows
WIN_W = STEPS * COL + 2 * PAD - COL + 24   # a window's band
LEFT = 22
W = LEFT + WINDOWS * WIN_W + (WINDOWS - 1) * GAP + 18
H = 300
Y_BAND, BAND_H = 30, 226
Y_LOSS, Y_STATE, Y_GRAD, Y_INPUT = 70, 140, 190, 236
BOX = 24


def step_x(window: int, step: int) -> float:
    """The centre of a step's state box."""
    return LEFT + window * (WIN_W + GAP) + PAD + BOX / 2 + step * COL


def draw(lang: str) -> Figure:
    fig = Figure("rnn_truncated_bptt", W, H, lang=lang,
        alt_en="Truncated backpropagation through time over three windows of three characters. Each step "
        "reads an input x_t, updates the hidden state and has its own loss L_t. The hidden state is carried "
        "forward across the window boundaries, while the dashed gradient arrows run backwards only inside "
        "each window and stop at its start.",
        alt_fa="پس‌انتشار بریده در زمان روی سه پنجرهٔ سه‌حرفی. هر قدم ورودی x_t را می‌خواند، حالت پنهان را "
        "به‌روز می‌کند و زیان خودش، L_t، را دارد. حالت پنهان از مرز پنجره‌ها می‌گذرد و جلو می‌رود، ولی "
        "پیکان‌های خط‌چین گرادیان فقط درون هر پنجره به عقب برمی‌گردند و در آغاز آن می‌ایستند.")
    for w in range(WINDOWS):
        x0 = LEFT + w * (WIN_W + GAP)
        fig.box(x0, Y_BAND, WIN_W, BAND_H, role="ink", dashed=True)
        fig.text(x0 + WIN_W / 2, Y_BAND - 14, fig.tr("window ", "پنجرهٔ ") + fig.num(w + 1), role="muted", size=15)

    t = 0
    prev_right = 6.0
    for w in range(WINDOWS):
        for s in range(STEPS):
            t += 1
            cx = step_x(w, s)
            fig.line([(prev_right, Y_STATE), (cx - BOX / 2, Y_STATE)], role="state")   # h_{t-1} -> step t
            fig.box(cx - BOX / 2, Y_STATE - BOX / 2, BOX, BOX, role="state")
            prev_right = cx + BOX / 2
            fig.line([(cx, Y_STATE - BOX / 2), (cx, Y_LOSS + 14)], role="output")
            fig.math(cx, Y_LOSS, "L", sub=str(t), role="output")
            fig.line([(cx, Y_INPUT - 12), (cx, Y_STATE + BOX / 2)], role="token")
            fig.math(cx, Y_INPUT + 2, "x", sub=str(t), role="token")
        # the gradient: back from the window's last step to its first, then it stops
        first, last = step_x(w, 0), step_x(w, STEPS - 1)
        fig.line([(last + 6, Y_GRAD), (first - 10, Y_GRAD)], role="output", dashed=True)
        stop = first - 10
        fig.line([(stop - 2, Y_GRAD - 9), (stop - 2, Y_GRAD + 9)], role="output", arrow=False)
    fig.line([(prev_right, Y_STATE), (W - 4, Y_STATE)], role="state")               # on to the next window

    fig.text(W / 2, H - 22, fig.tr("state: carried forward  ·  gradient: only inside its window",
                                   "حالت: به جلو می‌رود  ·  گرادیان: فقط درون پنجرهٔ خودش"), role="muted", size=14)
    return fig
