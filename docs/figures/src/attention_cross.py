"""Part 5: encoder–decoder cross-attention, as in the 2017 transformer (and, with RNNs, in Bahdanau et
al. 2014). The encoder reads the whole source x_1…x_4 (no mask) and leaves one vector per source token;
in every decoder block, after masked self-attention over the translation so far (y_1…y_3), the
cross-attention takes its queries from the decoder and its keys and values from those encoder vectors;
the MLP follows, and the top predicts y_4.

The encoder comes first in reading order, so it sits at the reading start (right in Persian); blocks
stack bottom to top; token indices are math. One block of each stack is drawn (the paper repeats it N
times).
"""
from figkit import Figure

WIDTH, HEIGHT = 440, 500
COL_W = 176
ENC, DEC = 16, 248                         # left edges from the reading start
Y_TITLE, Y_OUT, Y_MLP, Y_CROSS, Y_SELF, Y_TOK = 26, 92, 168, 250, 366, 450
Y_ENC_MLP = 296
BOX_H = 40


def draw(lang: str) -> Figure:
    fig = Figure("attention_cross", WIDTH, HEIGHT, lang=lang,
                 alt_en="An encoder and a decoder side by side, read from the bottom up. The encoder reads the source "
                        "tokens x_1 to x_4 with self-attention that sees every position, then an MLP, and leaves one "
                        "vector per source token. The decoder reads the translation so far, y_1 to y_3, with masked "
                        "self-attention, then cross-attention, whose queries come from the decoder and whose keys and "
                        "values come from the encoder's vectors, then an MLP, and predicts the next token y_4.",
                 alt_fa="یک رمزگذار و یک رمزگشا کنار هم، از پایین به بالا. رمزگذار توکن‌های مبدأ x_1 تا x_4 را با "
                        "خودتوجهی‌ای که همهٔ جایگاه‌ها را می‌بیند و بعد یک MLP می‌خواند و برای هر توکن مبدأ یک بردار "
                        "باقی می‌گذارد. رمزگشا ترجمهٔ تا این‌جا، y_1 تا y_3، را با خودتوجهی ماسک‌دار می‌خواند، بعد "
                        "توجه متقاطع که پرسش‌هایش از رمزگشا و کلیدها و مقدارهایش از بردارهای رمزگذار می‌آیند، بعد یک "
                        "MLP، و توکن بعدی y_4 را پیش‌بینی می‌کند.")
    enc, dec = fig.start(ENC, COL_W), fig.start(DEC, COL_W)     # left edges of the two columns
    enc_mid, dec_mid = enc + COL_W / 2, dec + COL_W / 2

    fig.text(enc_mid, Y_TITLE, fig.tr("encoder", "رمزگذار"), bold=True)
    fig.text(enc_mid, Y_TITLE + 22, fig.tr("reads the whole source", "کل مبدأ را می‌خواند"), role="muted", size=14)
    fig.text(dec_mid, Y_TITLE, fig.tr("decoder", "رمزگشا"), bold=True)
    fig.text(dec_mid, Y_TITLE + 22, fig.tr("writes the translation", "ترجمه را می‌نویسد"), role="muted", size=14)

    # tokens (indices are math: left to right in both languages)
    def tokens(mid: float, letter: str, n: int) -> list[float]:
        xs = [mid + (i - (n - 1) / 2) * 42 for i in range(n)]
        for i, x in enumerate(xs):
            fig.box(x - 18, Y_TOK - 16, 36, 32, role="token")
            fig.math(x, Y_TOK, letter, sub=str(i + 1))
        return xs
    src = tokens(enc_mid, "x", 4)
    tgt = tokens(dec_mid, "y", 3)
    for x in src:
        fig.line([(x, Y_TOK - 16), (x, Y_SELF + BOX_H / 2)], role="token")
    for x in tgt:
        fig.line([(x, Y_TOK - 16), (x, Y_SELF + BOX_H / 2)], role="token")

    # encoder: self-attention without a mask, MLP, one vector per source token
    fig.box(enc, Y_SELF - BOX_H / 2, COL_W, BOX_H, role="attn", label=fig.tr("self-attention", "خودتوجهی"), size=15)
    fig.box(enc, Y_ENC_MLP - BOX_H / 2, COL_W, BOX_H, role="mlp", label="MLP", size=15)
    for x in src:
        fig.line([(x, Y_SELF - BOX_H / 2), (x, Y_ENC_MLP + BOX_H / 2)], role="state")
        fig.line([(x, Y_ENC_MLP - BOX_H / 2), (x, Y_CROSS + 9)], role="state")
        fig.vector(x - 14, Y_CROSS - 7, 2, role="state", shades=(.8, .4))

    # decoder: masked self-attention, cross-attention, MLP, prediction
    fig.box(dec, Y_SELF - BOX_H / 2, COL_W, BOX_H, role="attn",
            label=fig.tr("masked self-attention", "خودتوجهی ماسک‌دار"), size=15)
    fig.box(dec, Y_CROSS - BOX_H / 2, COL_W, BOX_H, role="attn", label=fig.tr("cross-attention", "توجه متقاطع"), size=15)
    fig.box(dec, Y_MLP - BOX_H / 2, COL_W, BOX_H, role="mlp", label="MLP", size=15)
    fig.box(dec_mid - 44, Y_OUT - 18, 88, 36, role="output")
    fig.math(dec_mid, Y_OUT, "y", sub="4", hat=True, role="ink")
    q_x = dec_mid
    fig.line([(q_x, Y_SELF - BOX_H / 2), (q_x, Y_CROSS + BOX_H / 2)], role="q")
    fig.text(q_x + (-12 if fig.rtl else 12), (Y_SELF + Y_CROSS) / 2, fig.tr("queries", "پرسش‌ها"),
             anchor="start", role="q", size=14)
    fig.line([(dec_mid, Y_CROSS - BOX_H / 2), (dec_mid, Y_MLP + BOX_H / 2)], role="state")
    fig.line([(dec_mid, Y_MLP - BOX_H / 2), (dec_mid, Y_OUT + 18)], role="output")

    # keys and values: from the encoder's vectors into the decoder's cross-attention
    src_end = max(src) + 16 if not fig.rtl else min(src) - 16
    box_edge = dec if not fig.rtl else dec + COL_W
    fig.line([(src_end, Y_CROSS - 8), (box_edge, Y_CROSS - 8)], role="k")
    fig.line([(src_end, Y_CROSS + 8), (box_edge, Y_CROSS + 8)], role="v")
    gap_mid = (src_end + box_edge) / 2
    fig.text(gap_mid, Y_CROSS - 26, fig.tr("keys", "کلیدها"), role="ink", size=14)
    fig.text(gap_mid, Y_CROSS + 26, fig.tr("values", "مقدارها"), role="v", size=14)
    return fig
