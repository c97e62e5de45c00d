"""Part 5: multi-head attention with two heads, bottom to top. The whole token vector x (all C numbers)
goes to every head; each head has its own W_Q, W_K, W_V that project it down to d_k = C/h numbers,
attends there, and writes d_k numbers; the heads' outputs are put side by side (C numbers again) and
W_O mixes them into the output.

Heads and vector indices are mathematical, so head 1 is on the left in both languages; free labels sit
where reading starts. Shades stand for numbers, not a trained model's.
"""
from figkit import Figure

WIDTH, HEIGHT = 440, 540
C, HS = 8, 4                       # numbers per token; numbers per head (two heads)
CELL = 15
HEADS = (118, 322)                 # head centres
HEAD_W = 188
Y_OUT, Y_WO, Y_CAT = 34, 96, 158
Y_HEAD_TOP, Y_HOUT, Y_ATT, Y_QKV, Y_W, Y_HEAD_BOTTOM = 196, 238, 292, 350, 402, 428
Y_BUS, Y_X = 458, 494
X_SHADES = (.9, .2, .6, .4, .1, .8, .5, .3)


def draw(lang: str) -> Figure:
    fig = Figure("attention_multihead", WIDTH, HEIGHT, lang=lang,
                 alt_en="Multi-head attention with two heads, read from the bottom up. The whole token vector x, all "
                        "eight numbers, goes to both heads. Each head has its own matrices W_Q, W_K and W_V, which "
                        "project x down to a query, a key and a value of four numbers, attends with them and writes "
                        "four numbers. The two outputs are put side by side, eight numbers again, and W_O mixes them "
                        "into the output.",
                 alt_fa="توجه چندسر با دو سر، از پایین به بالا. کل بردار توکن x، هر هشت عددش، به هر دو سر می‌رسد. هر "
                        "سر ماتریس‌های W_Q و W_K و W_V خودش را دارد که x را به یک پرسش، یک کلید و یک مقدارِ چهارعددی "
                        "می‌برند، با آن‌ها توجه می‌کند و چهار عدد می‌نویسد. خروجی دو سر کنار هم گذاشته می‌شود، باز "
                        "هشت عدد، و W_O آن‌ها را در خروجی با هم می‌آمیزد.")
    mid = WIDTH / 2
    full = C * CELL

    # the token vector, whole, to every head's projections
    fig.vector(mid - full / 2, Y_X - CELL / 2, C, role="embed", shades=X_SHADES)
    fig.text(mid, Y_X + 26, fig.tr("token vector x: all C = 8 numbers", "کل بردار توکن x، هر هشت عددش"), role="embed", size=15)
    w_centres = [h + dx for h in HEADS for dx in (-58, 0, 58)]
    fig.line([(w_centres[0], Y_BUS), (w_centres[-1], Y_BUS)], role="embed", arrow=False)
    fig.line([(mid, Y_X - CELL / 2 - 2), (mid, Y_BUS)], role="embed", arrow=False)

    for i, hx in enumerate(HEADS):
        fig.box(hx - HEAD_W / 2, Y_HEAD_TOP, HEAD_W, Y_HEAD_BOTTOM - Y_HEAD_TOP, role="ink", dashed=True)
        fig.text(hx - HEAD_W / 2 + 10 if not fig.rtl else hx + HEAD_W / 2 - 10, Y_HEAD_TOP + 16,
                 fig.tr(f"head {i + 1}", f"سر {fig.num(i + 1)}"), anchor="start", role="muted", size=14)
        for dx, role, letter in ((-58, "q", "Q"), (0, "k", "K"), (58, "v", "V")):
            x = hx + dx
            fig.line([(x, Y_BUS), (x, Y_W + 16)], role="embed")
            fig.box(x - 24, Y_W - 16, 48, 32, role=role)
            fig.math(x, Y_W, "W", sub=letter)          # ink: orange text on white is under 4.5:1
            fig.line([(x, Y_W - 16), (x, Y_QKV + CELL / 2 + 3)], role=role)
            fig.vector(x - HS * 11 / 2, Y_QKV - 11 / 2, HS, role=role, cell=11,
                       shades=tuple(X_SHADES[(j * 3 + i + len(letter) + dx // 29) % C] for j in range(HS)))
            fig.line([(x, Y_QKV - 11 / 2 - 2), (x, Y_ATT + 16)], role=role)
        fig.box(hx - 78, Y_ATT - 16, 156, 32, role="attn", label=fig.tr("attention", "توجه"), size=15)
        fig.line([(hx, Y_ATT - 16), (hx, Y_HOUT + CELL / 2 + 3)], role="attn")
        fig.vector(hx - HS * CELL / 2, Y_HOUT - CELL / 2, HS, role="attn",
                   shades=tuple(X_SHADES[(j * 5 + i * 2) % C] for j in range(HS)))
        # this head's numbers go to its half of the concatenation (head 1 on the left: vector indices)
        half = mid - full / 2 + i * HS * CELL + HS * CELL / 2
        fig.line([(hx, Y_HOUT - CELL / 2 - 2), (hx, Y_CAT + 30), (half, Y_CAT + 30), (half, Y_CAT + CELL / 2 + 3)],
                 role="attn")

    cat = tuple(X_SHADES[((j % HS) * 5 + (j // HS) * 2) % C] for j in range(C))   # the two heads' shades
    fig.vector(mid - full / 2, Y_CAT - CELL / 2, C, role="attn", shades=cat)
    side = fig.start(14)
    fig.text(side, Y_CAT, fig.tr("side by side", "کنار هم"), anchor="start", role="muted", size=14)
    fig.line([(mid, Y_CAT - CELL / 2 - 2), (mid, Y_WO + 16)], role="attn")
    fig.box(mid - 40, Y_WO - 16, 80, 32, role="ink")
    fig.math(mid, Y_WO, "W", sub="O")
    fig.text(side, Y_WO, fig.tr("mixes the heads", "سرها را می‌آمیزد"), anchor="start", role="muted", size=14)
    fig.line([(mid, Y_WO - 16), (mid, Y_OUT + CELL / 2 + 3)], role="state")
    fig.vector(mid - full / 2, Y_OUT - CELL / 2, C, role="state", shades=(.5, .7, .2, .9, .4, .6, .3, .8))
    fig.text(side, Y_OUT, fig.tr("output: C numbers", "خروجی: باز هشت عدد"), anchor="start", role="muted", size=14)
    return fig
