# Bytes, BPE tokens or patches? A transformer spends the same compute on every position, and
# attention compares every position with every other, so a text read as raw UTF-8 bytes costs
# more than the same text read as BPE tokens. The Byte Latent Transformer (BLT) keeps bytes but
# groups them into patches: a small model predicts the next byte, and a new patch starts where
# it is unsure (high entropy). Here that small model is a count model over characters
# (lmdocs.patching; BLT's is a small byte-level transformer), so a patch never splits a letter.
from lmdocs import page
from lmdocs.bpe import train
from lmdocs.corpora import english_sample, hafez_ghazals, hafez_split
from lmdocs.i18n import tr
from lmdocs.patching import hafez_english_model, patch

# Everything lives inside one function: the blocks of a page share one namespace, and the other
# blocks on this page must not change this demo's names (T, state...), nor it theirs.


def bpe_bytes_demo() -> None:
    FA = page.lang() == "fa"
    HAFEZ = "\n".join(line for ghazal in hafez_ghazals()[:20] for line in ghazal)
    TOKENIZER = train(HAFEZ[:2500] + "\n" + english_sample(), 512)
    MODEL = hafez_english_model()
    # A half-verse from the ghazals the model never saw, or an English sentence it never saw.
    state = {"text": hafez_split()[1][0] if FA else "the model reads the next word", "threshold": 3.0}

    def redraw() -> None:
        text = state["text"]
        n_bytes, ids = len(text.encode("utf-8")), TOKENIZER.encode(text)
        cut = patch(text, MODEL, state["threshold"])
        page.tokens("bpe", TOKENIZER.pieces(ids), ids)
        page.tokens("patches", cut)
        labels = ["حرف", "بایت", "توکن BPE", "وصلهٔ BLT"] if FA else ["characters", "bytes", "BPE tokens",
                                                                  "BLT patches"]
        page.bar_chart("lengths", labels, [len(text), n_bytes, len(ids), len(cut)],
                       title="طول دنباله" if FA else "sequence length")
        page.html_text("cost", tr(
            "A patch holds {avg:.1f} bytes on average. Attention over every byte would make {r:.1f}× the "
            "comparisons of attention over the BPE tokens, and {p:.1f}× those of BLT's large model, which "
            "sees only the patches (BLT's small byte models see bytes, but only nearby ones).",
            "هر وصله به طور میانگین {avg:.1f} بایت دارد. توجه روی تک‌تک بایت‌ها {r:.1f} برابر توجه روی "
            "توکن‌های BPE مقایسه انجام می‌داد، و {p:.1f} برابر مدل بزرگ BLT که فقط وصله‌ها را می‌بیند "
            "(مدل‌های کوچک بایتی BLT بایت‌ها را می‌بینند، ولی فقط بایت‌های نزدیک را).",
            avg=n_bytes / len(cut), r=(n_bytes / len(ids)) ** 2, p=(n_bytes / len(cut)) ** 2))

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


bpe_bytes_demo()
