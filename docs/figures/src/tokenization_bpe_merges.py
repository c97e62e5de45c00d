"""Tokenization article: byte-level BPE merges on one Persian word, step by step.

A tokenizer trained on 40 ghazals of Hafez (the snippet snippets/bpe_persian_word.py prints the same
trace) encodes " دوستان" ("friends", with its leading space): 13 UTF-8 bytes at the top, 2 tokens at
the bottom. Every row is the word after one more merge; a token spans the bytes it is made of, so a
merge shows as two boxes becoming one (new tokens are colored). The merges that only rebuild a
letter from its two bytes share one row. Merges are numbered in the order they were learned.

Direction: the word is Persian, so its bytes run right to left in both languages (its first byte, the
space, is at the right); the row labels sit where the page's reading starts.
"""
from figkit import Figure

from lmdocs.bpe import train, trace
from lmdocs.corpora import hafez_ghazals

WORD = " دوستان"
UNIT = 24                     # the width of one byte
LABELS = 118                  # the row-label column
ROW, BOX_H = 50, 34           # row pitch and box height
TOP = 30
RLI, PDI = "\u2067", "\u2069"  # a box label is right-to-left text, like the word it is part of


def rows():
    """(what the row shows, the token lengths in bytes): the bytes, then the word after each merge,
    with consecutive merges that each rebuild one letter grouped in one row."""
    poems = "\n".join(line for ghazal in hafez_ghazals()[:40] for line in ghazal)
    tokenizer = train(poems, vocab_size=800)
    out: list[tuple[object, list[int]]] = []
    for step in trace(tokenizer, WORD):
        lengths = [len(tokenizer.vocab[t]) for t in step.tokens]
        pieces = [tokenizer.vocab[t] for t in step.pair] if step.pair else []
        letter = len(pieces) == 2 and all(len(p) == 1 and p[0] >= 0x80 for p in pieces) \
            and len(b"".join(pieces).decode("utf-8", "replace")) == 1
        if letter and out and isinstance(out[-1][0], list):
            out[-1] = (out[-1][0] + [step.rank + 1], lengths)
        elif letter:
            out.append(([step.rank + 1], lengths))
        else:
            out.append((None if step.pair is None else step.rank + 1, lengths))
    return out, tokenizer


def _label(data: bytes) -> str:
    """A token as the figure writes it: its text, a space as ␣, a lone byte in hex."""
    text = data.decode("utf-8", "replace")
    if "\ufffd" not in text:
        return text.replace(" ", "␣")
    return "".join("␣" if b == 0x20 else f"{b:02x}" if b >= 0x80 else chr(b) for b in data)


def draw(lang: str) -> Figure:
    steps, tokenizer = rows()
    data = WORD.encode("utf-8")
    fig = Figure("tokenization_bpe_merges", LABELS + len(data) * UNIT + 14, TOP + ROW * len(steps) + 4, lang=lang,
                 alt_en="The Persian word dustan (friends), with the space before it, as 13 UTF-8 bytes, then after "
                        "each BPE merge of a tokenizer trained on Hafez: first the space joins the next byte, five merges "
                        "rebuild letters from their two bytes, then letters join into st, space-d, an, space-du and "
                        "finally space-dust and an: two tokens.",
                 alt_fa="کلمهٔ « دوستان» (با فاصلهٔ پیش از آن) به صورت ۱۳ بایت UTF-8، و بعد از هر ادغام BPE یک "
                        "توکن‌ساز آموزش‌دیده روی حافظ: اول فاصله به بایت بعدی می‌چسبد، پنج ادغام حرف‌ها را از دو "
                        "بایتشان می‌سازند، بعد حرف‌ها به «ست»، «␣د»، «ان»، «␣دو» و سرانجام «␣دوست» و «ان» می‌پیوندند: "
                        "دو توکن.")
    right = (fig.width - 6) if not fig.rtl else (fig.width - LABELS)  # the word's first byte ends here
    if not fig.rtl:
        fig.line([(right - 8, 12), (right - 8 - 4 * UNIT, 12)], role="muted")
        fig.text(right - 16 - 4 * UNIT, 12, "Persian reads right to left", role="muted", size=14, anchor="end")
    for r, (what, lengths) in enumerate(steps):
        y = TOP + r * ROW
        label, count = _row_label(fig, what, len(lengths))
        fig.text(fig.start(4), y + BOX_H / 2, label, lines=(count,), anchor="start", size=14, role="muted")
        new = _new_spans(steps, r)
        start = 0
        for i, n in enumerate(lengths):
            x = right - (start + n) * UNIT
            piece = _label(data[start:start + n])
            role = "output" if (start, n) in new else "token"
            fig.box(x + 2, y, n * UNIT - 4, BOX_H, role=role)
            fig.text(x + n * UNIT / 2, y + BOX_H / 2, RLI + piece + PDI, size=14 if n == 1 else 16, sample="fa")
            start += n
    return fig


def _new_spans(steps, r: int) -> set[tuple[int, int]]:
    """The (first byte, length) of every token of row r that the row before did not have."""
    def spans(lengths):
        starts = [sum(lengths[:i]) for i in range(len(lengths))]
        return set(zip(starts, lengths))
    return set() if r == 0 else spans(steps[r][1]) - spans(steps[r - 1][1])


def _row_label(fig: Figure, what, n_tokens: int) -> tuple[str, ...]:
    count = fig.tr(f"{n_tokens} tokens", f"{fig.num(n_tokens)} توکن")
    if what is None:
        return fig.tr("UTF-8 bytes", "بایت‌های UTF-8"), count
    if isinstance(what, list):
        return fig.tr(f"{len(what)} merges: letters", f"{fig.num(len(what))} ادغام: حرف‌ها"), count
    return fig.tr(f"merge {what}", f"ادغام {fig.num(what)}"), count
