"""Tokenization article: entropy patching, the segmentation of the Byte Latent Transformer (BLT).

A small model guesses each next character of a sentence it never saw; the bars are the entropy of
its guess (bits), before it sees the character. Where a bar rises above the threshold the model was
unsure, and a new patch starts (colored bars); the boxes below are the patches. The model is the
one of the page's demo (lmdocs.patching.hafez_english_model: characters, not bytes as in BLT), and
the sentences are its defaults: a half-verse of Hafez from the ghazals the model never saw, and an
English sentence it never saw.

Direction: the sentence is textual flow, so the Persian one starts at the right and the English one
at the left; the entropy axis is vertical.
"""
from figkit import Figure

from lmdocs.corpora import hafez_split
from lmdocs.patching import entropies, hafez_english_model, patch

THRESHOLD = 3.0            # bits, the demo's default
CELL = 14                  # one character
MARGIN = 12
BIT = 20                   # bar height of one bit
Y_BASE = 150               # the bars stand on this line
Y_CHARS, CHAR_H = 156, 24
Y_PATCH, PATCH_H = 194, 34
ZWNJ = "\u200c"


def sentence(lang: str) -> str:
    return hafez_split()[1][0] if lang == "fa" else "the model reads the next word"


def draw(lang: str) -> Figure:
    text = sentence(lang)
    model = hafez_english_model()
    heights, pieces = entropies(text, model), patch(text, model, THRESHOLD)
    starts = {sum(len(p) for p in pieces[:i]) for i in range(len(pieces))}
    width = 2 * MARGIN + CELL * len(text)
    fig = Figure("tokenization_blt_patches", width, Y_PATCH + PATCH_H + 8, lang=lang,
                 alt_en=f"Entropy patching of the sentence “{text}”: a bar over each character shows how unsure a small "
                        f"model was about it before seeing it. Where a bar rises above the threshold of 3 bits a new patch "
                        f"starts, giving {len(pieces)} patches: " + " | ".join(p.strip() for p in pieces) + ".",
                 alt_fa=f"وصله‌بندی آنتروپی برای مصراع «{text}»: ستونی بالای هر حرف نشان می‌دهد که یک مدل کوچک پیش از "
                        f"دیدن آن حرف چقدر مردد بوده است. هر جا ستون از آستانهٔ ۳ بیت بالاتر برود وصلهٔ تازه‌ای شروع "
                        f"می‌شود، و {fig_num(len(pieces))} وصله به دست می‌آید: " + " | ".join(p.strip() for p in pieces) + ".")

    def x_of(i: int) -> float:        # the left edge of character i (textual flow: Persian from the right)
        return fig.start(MARGIN + i * CELL, CELL)

    fig.text(fig.start(MARGIN), 14, fig.tr("how unsure the model is before each character (bits)",
                                           "تردید مدل پیش از هر حرف (بیت)"), anchor="start", role="muted", size=14)
    y_threshold = Y_BASE - THRESHOLD * BIT
    fig.line([(MARGIN - 4, y_threshold), (width - MARGIN + 4, y_threshold)], role="muted", arrow=False, dashed=True)
    legend = fig.start(width - MARGIN - 34)           # a legend: a piece of the dashed line, then its name
    fig.line([(legend, 38), (fig.start(width - MARGIN), 38)], role="muted", arrow=False, dashed=True)
    fig.text(fig.start(width - MARGIN - 40), 38, fig.tr(f"threshold: {THRESHOLD:g} bits",
                                                        f"آستانه: {fig.num(THRESHOLD, 'g')} بیت"),
             anchor="end", role="muted", size=14)
    fig.line([(MARGIN - 4, Y_BASE), (width - MARGIN + 4, Y_BASE)], role="muted", arrow=False)
    for i, (ch, h) in enumerate(zip(text, heights)):
        x = x_of(i)
        bar = max(h * BIT, 1.5)
        fig.box(x + 2, Y_BASE - bar, CELL - 4, bar, role="output" if i in starts else "token", radius=2)
        shown, role = {" ": ("␣", "muted"), ZWNJ: ("¦", "muted")}.get(ch, (ch, "ink"))
        fig.text(x + CELL / 2, Y_CHARS + CHAR_H / 2, shown, role=role, size=14)

    at = 0
    for piece in pieces:
        left = min(x_of(at), x_of(at + len(piece) - 1))
        fig.box(left + 1, Y_PATCH, CELL * len(piece) - 2, PATCH_H, role="embed")
        if len(piece.strip()) > 0:
            fig.text(left + CELL * len(piece) / 2, Y_PATCH + PATCH_H / 2, piece.strip(), size=14 if len(piece) < 3 else 16)
        at += len(piece)
    return fig


def fig_num(n: int) -> str:
    from lmdocs.i18n import num
    return num(n, lang="fa")
