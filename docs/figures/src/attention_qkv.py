"""Part 5: attention for one position, bottom to top. Every token x_j is multiplied by the same W_Q,
W_K, W_V; the query of the last position (q_4) meets every key k_j in a score q_4·k_j/√d_k; the softmax
turns the scores into weights α_j; the output is the sum of the values v_j weighted by α_j.

Positions are vector indices (mathematical flow), so they run left to right in both languages; the
row labels sit where reading starts. The scores are illustrative, not a trained model's; the weights
are their softmax, computed here.
"""
import math

from figkit import Figure

T, D = 4, 3                           # positions drawn; numbers per vector
LABELS = 120                          # the row-label column at the reading start
COLUMN, CELL = 72, 14
SCORES = [0.3, -0.6, 1.4, 0.8]
WEIGHTS = [math.exp(s) / sum(math.exp(x) for x in SCORES) for s in SCORES]
V_SHADES = [(.9, .3, .5), (.2, .8, .4), (.7, .5, .1), (.4, .2, .9)]
Y_OUT, Y_MIX, Y_ALPHA, Y_SCORE, Y_Q, Y_K, Y_V, Y_BAND, Y_X = 34, 104, 168, 232, 296, 326, 354, 396, 456
BOX_W, BOX_H = 44, 30


def draw(lang: str) -> Figure:
    fig = Figure("attention_qkv", LABELS + T * COLUMN + 8, 492, lang=lang,
                 alt_en="Attention for the last of four positions, read from the bottom up. Each token vector x_1 to "
                        "x_4 is multiplied by the same matrices W_Q, W_K and W_V. The query q_4 of the last position "
                        "meets every key k_j in a score q_4·k_j/√d_k; a softmax turns the four scores into weights "
                        "that sum to one; each value v_j is scaled by its weight, and their sum is the output.",
                 alt_fa="توجه برای آخرین جایگاه از چهار جایگاه، از پایین به بالا. بردار هر توکن، x_1 تا x_4، در همان "
                        "ماتریس‌های W_Q و W_K و W_V ضرب می‌شود. پرسشِ آخرین جایگاه، q_4، با کلید هر جایگاه، k_j، "
                        "امتیاز q_4·k_j/√d_k را می‌سازد؛ سافت‌مکس چهار امتیاز را به وزن‌هایی با جمع یک تبدیل می‌کند؛ "
                        "هر مقدار v_j در وزن خودش ضرب می‌شود و جمعشان خروجی است.")
    left = 4 if fig.rtl else LABELS                      # the position columns: math, left to right
    cx = [left + COLUMN / 2 + j * COLUMN for j in range(T)]
    width = D * CELL
    label_x = fig.start(8)

    rows = [(Y_OUT, fig.tr("output", "خروجی"), "attn"), (Y_MIX, fig.tr("weighted values", "مقدارهای وزن‌دار"), "v"),
            (Y_ALPHA, fig.tr("weights", "وزن‌ها"), "attn"), (Y_SCORE, fig.tr("scores", "امتیازها"), "ink"),
            (Y_K, fig.tr("keys", "کلیدها"), "ink"), (Y_V, fig.tr("values", "مقدارها"), "v"),
            (Y_X, fig.tr("tokens", "توکن‌ها"), "embed")]
    for y, label, role in rows:
        fig.text(label_x, y, label, anchor="start", role=role)
    fig.text(label_x, Y_ALPHA + 20, fig.tr("(softmax)", "(سافت‌مکس)"), anchor="start", role="muted", size=14)

    # tokens -> one shared projection
    band_left = cx[0] - COLUMN / 2 + 6
    fig.box(band_left, Y_BAND - 16, T * COLUMN - 12, 32, role="ink",
            label=fig.tr("× W_Q, W_K, W_V (shared)", "× W_Q، W_K، W_V (مشترک)"), size=15)
    for j, x in enumerate(cx):
        fig.vector(x - width / 2, Y_X - CELL / 2, D, role="embed", shades=V_SHADES[(j + 2) % T])
        fig.math(x, Y_X + 24, "x", sub=str(j + 1))
        fig.line([(x, Y_X - CELL / 2 - 2), (x, Y_BAND + 16)], role="embed")

    # keys and values of every position; the query of the last one, at the reading start
    for j, x in enumerate(cx):
        fig.vector(x - width / 2, Y_K - CELL / 2, D, role="k", shades=V_SHADES[(j + 1) % T])
        fig.vector(x - width / 2, Y_V - CELL / 2, D, role="v", shades=V_SHADES[j])
    q_left = fig.start(8, width)
    fig.vector(q_left, Y_Q - CELL / 2, D, role="q", shades=(.8, .4, .6))
    fig.text(label_x, Y_Q - 22, fig.tr("query of x₄", "پرسشِ x₄"), anchor="start", role="q")
    line_from = q_left - 4 if fig.rtl else q_left + width + 4
    far = cx[-1] + 10 if fig.rtl else cx[0] - 10
    fig.line([(line_from, Y_Q), (far, Y_Q)], role="q", arrow=False)

    for j, x in enumerate(cx):
        # q_4 and k_j meet in the score
        fig.line([(x - 10, Y_Q), (x - 10, Y_SCORE + BOX_H / 2)], role="q")
        fig.line([(x + 10, Y_K - CELL / 2 - 2), (x + 10, Y_SCORE + BOX_H / 2)], role="k")
        fig.box(x - BOX_W / 2, Y_SCORE - BOX_H / 2, BOX_W, BOX_H, role="ink", label=fig.num(SCORES[j], ".1f"), size=14)
        # softmax: score -> weight
        fig.line([(x, Y_SCORE - BOX_H / 2), (x, Y_ALPHA + BOX_H / 2)], role="attn")
        fig.box(x - BOX_W / 2, Y_ALPHA - BOX_H / 2, BOX_W, BOX_H, role="attn", label=fig.num(WEIGHTS[j], ".2f"), size=14)
        # the value, scaled by its weight
        vx = x + width / 2 + 14
        fig.line([(x + width / 2 + 2, Y_V), (vx, Y_V), (vx, Y_MIX), (x + width / 2 + 2, Y_MIX)], role="v")
        fig.line([(x, Y_ALPHA - BOX_H / 2), (x, Y_MIX + CELL / 2 + 2)], role="attn")
        fig.vector(x - width / 2, Y_MIX - CELL / 2, D, role="v",
                   shades=tuple(s * WEIGHTS[j] / max(WEIGHTS) for s in V_SHADES[j]))
        fig.line([(x, Y_MIX - CELL / 2 - 2), (cx[-1], Y_OUT + CELL / 2 + 3)] if j < T - 1 else
                 [(x, Y_MIX - CELL / 2 - 2), (x, Y_OUT + CELL / 2 + 3)], role="attn")

    out = tuple(sum(WEIGHTS[j] * V_SHADES[j][i] for j in range(T)) for i in range(D))
    fig.vector(cx[-1] - width / 2, Y_OUT - CELL / 2, D, role="attn", shades=tuple(o / max(out) for o in out))
    fig.text(cx[-1] - width / 2 - 10, Y_OUT, "Σ", anchor="end" if not fig.rtl else "start", role="attn", size=18)
    return fig
