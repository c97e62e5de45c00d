"""Part 4: a decoder-only transformer in four parts. Tokens enter at the bottom, go through the
embedding, N repeated blocks (attention mixes positions, the MLP works on each position alone) and
the unembedding; the last position's vector becomes the next-token probabilities at the top.

Layers stack bottom to top, as in the papers the reader will meet next (Vaswani et al. 2017, fig. 1).
The sentence is textual flow: its first token is on the reading-start side (right in Persian).
The probabilities are illustrative, not a trained model's.
"""
from figkit import Figure

LANE = 84                    # one position (token) of the sequence
MARGIN = 16
SIDE = 70                    # room for the "× N" label at the reading end
WORDS = {"en": ["I", "gave", "Ali", "my"], "fa": ["من", "کتابم", "را", "به"]}
NEXT = {"en": [("book", 0.34), ("phone", 0.13), ("word", 0.08), ("keys", 0.05)],
        "fa": [("دوستم", 0.34), ("علی", 0.13), ("او", 0.08), ("تو", 0.05)]}
Y_PANEL = 8
Y_BARS, BAR_MAX = 124, 56    # bar baseline and the height of the most likely token's bar
Y_UNEMBED = 176
Y_VEC_TOP = 236
Y_BLOCK = 268                # top of the block
Y_MLP, Y_ATTN = 296, 372
Y_BLOCK_BOTTOM = 424
Y_VEC_BOTTOM = 452
Y_EMBED = 482
Y_TOKENS = 566
PART_H = 40


def draw(lang: str) -> Figure:
    words = WORDS[lang]
    fig = Figure("transformer_parts", MARGIN * 2 + SIDE + LANE * len(words), 600, lang=lang,
                 alt_en="A decoder-only transformer, read from the bottom up: the tokens I, gave, Ali, my go "
                        "through the embedding, N blocks of attention and MLP stacked one on another, "
                        "and the unembedding; the last position's vector becomes probabilities for the next token, "
                        "with book the most likely.",
                 alt_fa="یک ترنسفورمر فقط‌رمزگشا که از پایین به بالا خوانده می‌شود: توکن‌های «من»، «کتابم»، "
                        "«را» و «به» از تعبیه، N بلوکِ توجه و MLP که روی هم چیده شده‌اند و بازتعبیه می‌گذرند؛ "
                        "بردار آخرین جایگاه به احتمال توکن بعدی تبدیل می‌شود و «دوستم» محتمل‌ترین است.")
    lanes = [fig.start(MARGIN + LANE * i + LANE / 2) for i in range(len(words))]
    span_x = fig.start(MARGIN, LANE * len(words))          # left edge of the boxes that span all lanes
    span_w = LANE * len(words)

    # the residual stream: one lane per position, from the embedding to the unembedding
    for x in lanes:
        fig.line([(x, Y_EMBED), (x, Y_UNEMBED + PART_H)], role="state", arrow=False)

    # tokens -> embedding
    for x, word in zip(lanes, words):
        fig.box(x - 34, Y_TOKENS - 18, 68, 36, role="token", label=word)
        fig.line([(x, Y_TOKENS - 18), (x, Y_EMBED + PART_H)], role="token")
    fig.box(span_x, Y_EMBED, span_w, PART_H, role="embed", label=fig.tr("embedding", "تعبیه"))
    for i, x in enumerate(lanes):
        fig.vector(x - 28, Y_VEC_BOTTOM - 7, 4, role="embed", shades=_shades(i))

    # the block, repeated N times: attention mixes positions, the MLP works on each one alone
    fig.box(span_x - 8, Y_BLOCK, span_w + 16, Y_BLOCK_BOTTOM - Y_BLOCK, role="ink", stack=2)
    fig.box(span_x, Y_ATTN, span_w, PART_H, role="attn", label=fig.tr("attention", "توجه"))
    for x in lanes:
        fig.box(x - 30, Y_MLP, 60, 34, role="mlp", label="MLP", size=15)
    n_x = fig.start(MARGIN + span_w + 28)
    mid = (Y_BLOCK + Y_BLOCK_BOTTOM) / 2
    fig.math(n_x, mid - 12, "×N", align="right" if fig.rtl else "left")
    fig.text(n_x, mid + 16, fig.tr("blocks", "بلوک"), anchor="start", role="muted")

    for i, x in enumerate(lanes):
        fig.vector(x - 28, Y_VEC_TOP - 7, 4, role="state", shades=_shades(i + 7))
    fig.box(span_x, Y_UNEMBED, span_w, PART_H, role="output", label=fig.tr("unembedding", "بازتعبیه"))

    # the last position's vector -> probabilities of the next token
    _next_token_bars(fig, lanes)
    return fig


def _shades(seed: int) -> tuple[float, ...]:
    """Four made-up numbers in 0..1 that differ from lane to lane (each token has its own vector)."""
    return tuple(((seed * 37 + j * 53) % 97) / 96 for j in range(4))


def _next_token_bars(fig: Figure, lanes: list[float]) -> None:
    """A panel above the stack: the probabilities the last position gives the next token."""
    candidates = NEXT[fig.lang]
    left = min(lanes) - LANE / 2
    fig.box(left, Y_PANEL, LANE * len(lanes), Y_BARS + 34 - Y_PANEL, role="ink")
    title = fig.tr(f"next token after “{WORDS['en'][-1]}”", f"توکن بعد از «{WORDS['fa'][-1]}»")
    fig.text(fig.start(MARGIN + LANE * len(lanes) - 12), Y_PANEL + 18, title, anchor="end", role="muted", size=15)
    fig.line([(lanes[-1], Y_UNEMBED), (lanes[-1], Y_BARS + 34)], role="output")
    for x, (word, p) in zip(lanes, candidates):
        h = BAR_MAX * p / candidates[0][1]
        fig.box(x - 15, Y_BARS - h, 30, h, role="output", radius=3)
        fig.text(x, Y_BARS - h - 11, fig.num(p, ".2f"), size=14, role="muted")
        fig.text(x, Y_BARS + 16, word, size=15)
