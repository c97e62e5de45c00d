"""Part 4: the 2017 encoder-decoder transformer for translation. The encoder's block has two pieces
(self-attention over the whole source, then the MLP); the decoder's has three (masked self-attention,
cross-attention, the MLP). In cross-attention the queries come from the decoder and the keys and
values from the encoder's output (Vaswani et al. 2017, section 3.2.3 and figure 1).

Layers stack bottom to top. The two stacks are textual flow (the encoder is read first), so the
encoder sits on the reading-start side: left in English, right in Persian. Layer norms and residual
connections are left out; transformer_block draws them. The example translates the page's language:
English to German in the English figure, Persian to English in the Persian one. The Q, K and V labels
are in the text colour (the light theme's key colour is under the 4.5:1 contrast text needs); their
lines carry the Q/K/V colours.
"""
from figkit import Figure

W, H = 470, 590
ENC_X, ENC_W = 102, 160          # centre and width of the encoder column (from the reading start)
DEC_X, DEC_W = 352, 180          # the decoder column
PART_H = 38
Y_NEXT = 16                      # the predicted token
Y_UNEMBED = 40
Y_DEC_TOP, Y_ENC_TOP = 100, 252  # tops of the block frames (their titles sit inside, at the top)
Y_MLP_DEC, Y_CROSS, Y_SELF = 140, 250, 370
Y_MLP_ENC = 292
Y_FRAME_BOTTOM = 426
Y_EMBED = 450
Y_TOKENS = 530
SOURCE = {"en": "I love books", "fa": "کتاب را دوست دارم"}
TARGET = {"en": ("Ich liebe", "Bücher"), "fa": ("I love", "books")}


def draw(lang: str) -> Figure:
    fig = Figure("transformer_encoder_decoder", W, H, lang=lang,
                 alt_en="The encoder-decoder transformer of 2017, translating I love books into German. On the "
                        "left, the encoder: the source sentence goes through an embedding and N blocks of "
                        "self-attention and an MLP. On the right, the decoder: the translation so far, Ich liebe, "
                        "goes through an embedding and N blocks of masked self-attention, cross-attention and an "
                        "MLP, then the unembedding predicts the next word, Bücher. The encoder's output enters "
                        "every cross-attention as keys and values; the queries come from the decoder.",
                 alt_fa="ترنسفورمر رمزگذار-رمزگشای ۲۰۱۷ در حال ترجمهٔ «کتاب را دوست دارم» به انگلیسی. در راست، "
                        "رمزگذار: جملهٔ مبدأ از تعبیه و N بلوکِ خودتوجهی و MLP می‌گذرد. در چپ، رمزگشا: ترجمهٔ تا "
                        "اینجا، I love، از تعبیه و N بلوکِ خودتوجهیِ ماسک‌دار، توجه متقاطع و MLP می‌گذرد و بعد "
                        "بازتعبیه کلمهٔ بعدی، books، را پیش‌بینی می‌کند. خروجی رمزگذار به‌صورت کلیدها و مقدارها "
                        "به هر توجه متقاطع می‌رود؛ پرسش‌ها از خود رمزگشا می‌آیند.")
    other = "en" if lang == "fa" else None       # the target language's words in the Persian figure
    ex, dx = fig.start(ENC_X), fig.start(DEC_X)
    enc_left, dec_left = fig.start(ENC_X - ENC_W / 2, ENC_W), fig.start(DEC_X - DEC_W / 2, DEC_W)

    # inputs and embeddings
    so_far, nxt = TARGET[lang]
    fig.box(enc_left, Y_TOKENS, ENC_W, 34, role="token", label=SOURCE[lang], size=15)
    fig.box(dec_left, Y_TOKENS, DEC_W, 34, role="token")
    fig.text(dx, Y_TOKENS + 17, so_far, size=15, sample=other)
    fig.text(ex, Y_TOKENS + 50, fig.tr("source sentence", "جملهٔ مبدأ"), role="muted", size=14)
    fig.text(dx, Y_TOKENS + 50, fig.tr("translation so far", "ترجمه تا اینجا"), role="muted", size=14)
    for x, left, w in ((ex, enc_left, ENC_W), (dx, dec_left, DEC_W)):
        fig.line([(x, Y_TOKENS), (x, Y_EMBED + PART_H)], role="token")
        fig.box(left, Y_EMBED, w, PART_H, role="embed", label=fig.tr("embedding", "تعبیه"), size=15)
        fig.line([(x, Y_EMBED), (x, Y_FRAME_BOTTOM - 14)], role="state")

    # the encoder block: self-attention over the whole source, then the MLP
    fig.box(enc_left - 8, Y_ENC_TOP, ENC_W + 16, Y_FRAME_BOTTOM - Y_ENC_TOP, role="ink", stack=2)
    fig.box(enc_left, Y_SELF, ENC_W, 44, role="attn", label=fig.tr("self-attention", "خودتوجهی"), size=15)
    fig.line([(ex, Y_SELF), (ex, Y_MLP_ENC + 44)], role="state")
    fig.box(enc_left, Y_MLP_ENC, ENC_W, 44, role="mlp", label="MLP", size=15)
    _title(fig, fig.tr("encoder", "رمزگذار"), ENC_X, ENC_W, Y_ENC_TOP)

    # the decoder block: masked self-attention, cross-attention, the MLP
    fig.box(dec_left - 8, Y_DEC_TOP, DEC_W + 16, Y_FRAME_BOTTOM - Y_DEC_TOP, role="ink", stack=2)
    fig.box(dec_left, Y_SELF, DEC_W, 44, role="attn", size=15,
            label=fig.tr("masked self-attention", "خودتوجهیِ ماسک‌دار"))
    fig.box(dec_left, Y_CROSS, DEC_W, 44, role="attn", label=fig.tr("cross-attention", "توجه متقاطع"), size=15)
    fig.box(dec_left, Y_MLP_DEC, DEC_W, 44, role="mlp", label="MLP", size=15)
    fig.line([(dx, Y_SELF), (dx, Y_CROSS + 44)], role="q")
    fig.text(dx + (-10 if fig.rtl else 10), Y_CROSS + 62, "Q", anchor="start", role="ink", size=15)
    fig.line([(dx, Y_CROSS), (dx, Y_MLP_DEC + 44)], role="state")
    _title(fig, fig.tr("decoder", "رمزگشا"), DEC_X, DEC_W, Y_DEC_TOP)

    # the encoder's output becomes the keys and values of every cross-attention
    mid = fig.start((ENC_X + ENC_W / 2 + 8 + 14 + DEC_X - DEC_W / 2 - 8) / 2)   # between the two frames
    into = dec_left + DEC_W if fig.rtl else dec_left
    y_k, y_v = Y_CROSS + 12, Y_CROSS + 32
    fig.line([(ex, Y_MLP_ENC), (ex, Y_ENC_TOP - 22), (mid, Y_ENC_TOP - 22), (mid, y_k)], role="state", arrow=False)
    fig.line([(mid, y_k), (into, y_k)], role="k")
    fig.line([(mid, y_k), (mid, y_v), (into, y_v)], role="v")
    side = -1 if fig.rtl else 1                   # towards the reading end
    fig.text(mid - side * 8, y_k, "K", anchor="end", role="ink", size=15)
    fig.text(mid - side * 8, y_v, "V", anchor="end", role="ink", size=15)
    fig.text(fig.start(ENC_X), Y_ENC_TOP - 38, fig.tr("encoder output", "خروجی رمزگذار"), role="muted", size=14)

    # unembedding and the next token
    fig.line([(dx, Y_MLP_DEC), (dx, Y_UNEMBED + PART_H)], role="state")
    fig.box(dec_left, Y_UNEMBED, DEC_W, PART_H, role="output", label=fig.tr("unembedding", "بازتعبیه"), size=15)
    fig.line([(dx, Y_UNEMBED), (dx, Y_NEXT + 12)], role="output")
    fig.text(fig.start(DEC_X + 12), Y_NEXT + 8, nxt, anchor="start", size=15, sample=other)
    return fig


def _title(fig: Figure, title: str, x_centre: float, width: float, y_top: float) -> None:
    """A block frame's name at its top, on the reading-start side, and "×N" at the reading end."""
    fig.text(fig.start(x_centre - width / 2 + 4), y_top + 19, title, anchor="start", bold=True, size=15)
    fig.math(fig.start(x_centre + width / 2 - 4), y_top + 19, "×N", size=18, align="left" if fig.rtl else "right")
