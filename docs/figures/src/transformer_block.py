"""Part 4: one pre-LN transformer block (GPT-2's), drawn around its residual stream. The stream x
runs straight up; each sub-layer reads a copy of it through a layer norm and its result is added back
at a + node: first x + Attn(LN(x)), then x + MLP(LN(x)).

Layers stack bottom to top (as in transformer_parts). The stream sits on the reading-start side and
the branches go towards the reading end (mirrored in Persian with fig.start); the equations next to
the + nodes are math and read left to right in both languages (a left-to-right mark keeps their
closing parentheses in place inside the Persian figure's right-to-left text).
"""
from figkit import Figure

W, H = 460, 560
X_STREAM = 150           # the residual stream, from the reading-start edge
X_BRANCH = 320           # centre of the sub-layer boxes
BOX_W, LN_H, SUB_H = 200, 34, 44
R = 13                   # radius of the + nodes
Y_BOTTOM, Y_TOP = 530, 26
# sub-layer 1 (attention) and 2 (MLP): where the branch leaves, the LN box, the sub-layer box, the + node
SUBLAYERS = [
    dict(y_split=478, y_ln=420, y_box=344, y_add=300, role="attn",
         label=("causal self-attention", "خودتوجهی علّی"), eq="x + Attn(LN(x))"),
    dict(y_split=252, y_ln=194, y_box=118, y_add=74, role="mlp",
         label=("MLP", "MLP"), eq="x + MLP(LN(x))"),
]
LRM = "\u200e"


def draw(lang: str) -> Figure:
    fig = Figure("transformer_block", W, H, lang=lang,
                 alt_en="One pre-LN transformer block. The residual stream x runs straight up from the "
                        "previous block to the next. A copy of it goes through a layer norm into causal "
                        "self-attention, and the result is added back to the stream: x + Attn(LN(x)). Then a "
                        "copy of the new stream goes through a second layer norm into the MLP, and its result "
                        "is added back too: x + MLP(LN(x)).",
                 alt_fa="یک بلوک ترنسفورمر با نرمال‌سازی پیش از هر زیرلایه (pre-LN). جریان باقی‌مانده x "
                        "مستقیم از بلوک قبل به بلوک بعد بالا می‌رود. رونوشتی از آن از نرمال‌سازی لایه به "
                        "خودتوجهی علّی می‌رود و نتیجه به جریان افزوده می‌شود: x + Attn(LN(x)). بعد رونوشتی از "
                        "جریان تازه از نرمال‌سازی دوم به MLP می‌رود و نتیجهٔ آن هم افزوده می‌شود: x + MLP(LN(x)).")
    xs = fig.start(X_STREAM)
    xb = fig.start(X_BRANCH)
    box_left = fig.start(X_BRANCH - BOX_W / 2, BOX_W)

    # the residual stream, in pieces between the + nodes
    fig.text(xs, Y_BOTTOM + 14, fig.tr("from the previous block", "از بلوک قبل"), role="muted", size=15)
    fig.math(fig.start(X_STREAM - 12), Y_BOTTOM - 30, "x", role="state", align="left" if fig.rtl else "right")
    bottoms = [Y_BOTTOM] + [s["y_add"] - R for s in SUBLAYERS]
    tops = [s["y_add"] + R for s in SUBLAYERS] + [Y_TOP + 18]
    for y0, y1 in zip(bottoms, tops):
        fig.line([(xs, y0), (xs, y1)], role="state")
    fig.text(xs, Y_TOP + 4, fig.tr("to the next block", "به بلوک بعد"), role="muted", size=15)
    label_x = fig.start(X_STREAM - 22)
    fig.text(label_x, (Y_BOTTOM + SUBLAYERS[0]["y_add"]) / 2, fig.tr("residual", "جریان"),
             lines=(fig.tr("stream", "باقی‌مانده"),), anchor="end", role="state", size=15)

    for s in SUBLAYERS:
        # the branch: a copy of the stream -> LN -> sub-layer -> back to the + node
        fig.line([(xs, s["y_split"]), (xb, s["y_split"]), (xb, s["y_ln"] + LN_H)], role="state")
        fig.box(box_left, s["y_ln"], BOX_W, LN_H, role="norm",
                label=fig.tr("layer norm (LN)", "نرمال‌سازی لایه (LN)"), size=15)
        fig.line([(xb, s["y_ln"]), (xb, s["y_box"] + SUB_H)], role="state")
        fig.box(box_left, s["y_box"], BOX_W, SUB_H, role=s["role"], label=fig.tr(*s["label"]))
        edge = xs + (-R if fig.rtl else R)
        fig.line([(xb, s["y_box"]), (xb, s["y_add"]), (edge, s["y_add"])], role=s["role"])
        # the + node on the stream, and what the stream holds after it
        fig.box(xs - R, s["y_add"] - R, 2 * R, 2 * R, role="ink", radius=R)
        fig.math(xs, s["y_add"] - 1, "+", size=20)
        fig.text(fig.start(X_STREAM - 22), s["y_add"] + 26, LRM + s["eq"] + LRM, anchor="end", size=15)
    return fig
