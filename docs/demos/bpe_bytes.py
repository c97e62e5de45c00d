# Bytes or BPE tokens? A transformer spends the same compute on every position, and attention
# compares every position with every other, so a text read as raw UTF-8 bytes costs more than
# the same text read as BPE tokens. The Byte Latent Transformer (BLT) keeps bytes but groups
# them into patches: a small byte model predicts the next byte, and a new patch starts where
# it is unsure (high entropy). Here that model is a count model over characters with two
# characters of context (BLT uses a small byte-level transformer), so patches never split a
# character and stay readable; their length is still counted in bytes.
import math

from lmdocs import page
from lmdocs.bpe import train
from lmdocs.corpora import english_sample, hafez_ghazals, parallel_fa_en

FA = page.lang() == "fa"
HAFEZ = "\n".join(line for ghazal in hafez_ghazals()[:20] for line in ghazal)
TRAINING = HAFEZ[:2500] + "\n" + english_sample()
state = {"text": parallel_fa_en()[9][0 if FA else 1], "threshold": 2.5}


def context_counts(text: str) -> dict[str, dict[str, int]]:
    """For each context of 1 and 2 characters, how often each next character follows it."""
    counts: dict[str, dict[str, int]] = {}
    for i in range(1, len(text)):
        for size in (1, 2):
            if i >= size:
                following = counts.setdefault(text[i - size:i], {})
                following[text[i]] = following.get(text[i], 0) + 1
    return counts


def entropy(counts: dict[str, dict[str, int]], context: str) -> float:
    """Entropy in bits of the next character after `context` (two characters if seen, else one)."""
    following = counts.get(context[-2:], {})
    if sum(following.values()) < 3:
        following = counts.get(context[-1:], {})
    total = sum(following.values()) + 1  # one count for "a character never seen here"
    probabilities = [n / total for n in following.values()] + [1 / total]
    return -sum(p * math.log2(p) for p in probabilities)


def patches(text: str, counts, threshold: float) -> list[str]:
    """Cut `text` before each character whose entropy (given the two before it) is above threshold."""
    pieces = [text[:1]]
    for i in range(1, len(text)):
        if entropy(counts, text[max(0, i - 2):i]) > threshold:
            pieces.append("")
        pieces[-1] += text[i]
    return [piece for piece in pieces if piece]


COUNTS = context_counts(TRAINING)
TOKENIZER = train(TRAINING, 512)


def redraw() -> None:
    data = state["text"].encode("utf-8")
    ids = TOKENIZER.encode(state["text"])
    cut = patches(state["text"], COUNTS, state["threshold"])
    page.tokens("bpe", TOKENIZER.pieces(ids), ids)
    page.tokens("patches", cut)
    labels = ["حرف" if FA else "characters", "بایت" if FA else "bytes",
              "توکن BPE" if FA else "BPE tokens", "وصلهٔ BLT" if FA else "BLT patches"]
    lengths = [len(state["text"]), len(data), len(ids), len(cut)]
    page.bar_chart("lengths", labels, lengths, title="طول دنباله" if FA else "sequence length")
    ratio = (len(data) / max(1, len(ids))) ** 2
    if FA:
        page.html_text("cost", f"توجه روی بایت‌ها {ratio:.1f} برابر توجه روی توکن‌ها مقایسه می‌کند.")
    else:
        page.html_text("cost", f"Attention over the bytes makes {ratio:.1f}x the comparisons "
                               "of attention over the tokens.")


def set_text(text: str) -> None:
    state["text"] = text or state["text"]
    redraw()


def set_threshold(value: float) -> None:
    state["threshold"] = float(value)
    redraw()


page.text_input("text", "متن" if FA else "text", state["text"], on_change=set_text)
page.slider("threshold", "آستانهٔ آنتروپی (بیت)" if FA else "entropy threshold (bits)", 0.5, 6, 0.25,
            state["threshold"], on_change=set_threshold)
redraw()
