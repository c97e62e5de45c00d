"""Tokenization article: the three parts of the Byte Latent Transformer (BLT), bottom to top.

Bytes enter at the bottom, already cut into patches by a small entropy model trained before BLT. A small
local encoder turns each patch's bytes into one vector; the large latent transformer works on those
vectors, one step per patch; a small local decoder turns its output back into bytes: the prediction of
the next ones. The patches are those of the entropy-patching figure (the same model and threshold).

Layers stack bottom to top (input at the bottom), as in the paper's figure; the text is textual flow,
so the Persian patches start at the right.
"""
from figkit import Figure

from lmdocs.patching import hafez_english_model, patch

BYTE, GAP = 11, 9                 # one byte's square, and the space between two patches
MARGIN = 14
Y_NEXT, Y_DEC, Y_VEC_OUT, Y_LAT, Y_VEC_IN, Y_ENC = 16, 34, 92, 122, 190, 220
Y_BYTES, Y_TEXT, Y_ENTROPY = 278, 304, 332
BOX_H, LAT_H = 36, 50


def patches(lang: str) -> list[str]:
    """The last patches of the entropy-patching figure's sentence (29 bytes in both languages)."""
    model = hafez_english_model()
    if lang == "fa":
        from lmdocs.corpora import hafez_split
        return patch(hafez_split()[1][0], model, 3.0)[-3:]
    return patch("the model reads the next word", model, 3.0)


def draw(lang: str) -> Figure:
    pieces = patches(lang)
    sizes = [len(p.encode("utf-8")) for p in pieces]
    span = sum(sizes) * BYTE + GAP * (len(pieces) - 1)
    width = 2 * MARGIN + span
    fig = Figure("tokenization_blt_architecture", width, Y_ENTROPY + BOX_H + 8, lang=lang,
                 alt_en="The Byte Latent Transformer from the bottom up: bytes cut into patches by a small entropy model, "
                        "a small local encoder that makes one vector per patch, a large latent transformer that works on "
                        "the patch vectors, and a small local decoder that predicts the next bytes.",
                 alt_fa="ترنسفورمر نهان بایتی از پایین به بالا: بایت‌هایی که یک مدل کوچک آنتروپی آن‌ها را وصله‌وصله "
                        "کرده است، رمزگذار محلی کوچکی که برای هر وصله یک بردار می‌سازد، ترنسفورمر نهان بزرگی که روی "
                        "بردارهای وصله‌ها کار می‌کند، و رمزگشای محلی کوچکی که بایت‌های بعدی را پیش‌بینی می‌کند.")
    left = MARGIN
    centers, cuts, at = [], [], 0.0
    for i, (piece, n) in enumerate(zip(pieces, sizes)):       # bytes, grouped by patch (textual flow)
        x0 = fig.start(left + at, n * BYTE)
        for b in range(n):
            fig.box(x0 + b * BYTE + 1, Y_BYTES - BYTE / 2, BYTE - 2, BYTE, role="token", radius=2)
        centers.append(x0 + n * BYTE / 2)
        fig.text(x0 + n * BYTE / 2, Y_TEXT, piece.strip(), size=15)
        at += n * BYTE + GAP
        if i < len(pieces) - 1:
            cuts.append(fig.start(left + at - GAP / 2))

    fig.box(left, Y_ENTROPY, span, BOX_H, role="ink", dashed=True,
            label=fig.tr("entropy model (small, trained first): where patches end",
                         "مدل آنتروپی (کوچک، از پیش آموزش‌دیده): مرز وصله‌ها"), size=14)
    for x in cuts:                                              # the entropy model decides the cuts
        fig.line([(x, Y_ENTROPY), (x, Y_BYTES - BYTE / 2)], role="muted", arrow=False, dashed=True)

    fig.box(left, Y_ENC, span, BOX_H, role="embed", label=fig.tr("local encoder (small)", "رمزگذار محلی (کوچک)"))
    fig.box(left, Y_LAT, span, LAT_H, role="state", label=fig.tr("latent transformer (large): one step per patch",
                                                                  "ترنسفورمر نهان (بزرگ): یک قدم برای هر وصله"))
    fig.box(left, Y_DEC, span, BOX_H, role="output", label=fig.tr("local decoder (small)", "رمزگشای محلی (کوچک)"))
    for i, x in enumerate(centers):
        fig.line([(x, Y_BYTES - BYTE / 2 - 2), (x, Y_ENC + BOX_H)], role="token")
        fig.vector(x - 28, Y_VEC_IN - 7, 4, role="state", shades=_shades(i))
        fig.line([(x, Y_ENC), (x, Y_VEC_IN + 7)], role="embed", arrow=False)
        fig.line([(x, Y_VEC_IN - 7), (x, Y_LAT + LAT_H)], role="state")
        fig.vector(x - 28, Y_VEC_OUT - 7, 4, role="state", shades=_shades(i + 5))
        fig.line([(x, Y_LAT), (x, Y_VEC_OUT + 7)], role="state", arrow=False)
        fig.line([(x, Y_VEC_OUT - 7), (x, Y_DEC + BOX_H)], role="state")
    fig.text(fig.start(MARGIN), Y_NEXT, fig.tr("↑ the next bytes", "↑ بایت‌های بعدی"), anchor="start", role="output",
             size=14)
    return fig


def _shades(seed: int) -> tuple[float, ...]:
    """Four made-up numbers in 0..1, different for each patch (each patch has its own vector)."""
    return tuple(((seed * 37 + j * 53) % 97) / 96 for j in range(4))
