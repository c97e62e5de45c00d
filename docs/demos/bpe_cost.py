# What does the same content cost in Persian and in English? One BPE tokenizer is trained on a
# mix of Persian (Hafez) and English text, then encodes 16 sentence pairs that say the same
# thing in both languages (held out: not in the training text). Change the mix and watch the
# cheaper language: a tokenizer spends its merges on the text it saw most.
from lmdocs import page
from lmdocs.bpe import train
from lmdocs.corpora import english_sample, hafez_ghazals, parallel_fa_en
from lmdocs.i18n import num, tr

# Everything lives inside one function: the blocks of a page share one namespace, and the other
# blocks on this page must not change this demo's names (T, state...), nor it theirs.


def bpe_cost_demo() -> None:
    FA = page.lang() == "fa"
    VOCAB_SIZES = [256, 300, 350, 400, 500, 600, 800]
    MIXES = {  # share of Persian in the training bytes
        ("بیشتر انگلیسی" if FA else "mostly English"): 0.1,
        ("نیمانیم" if FA else "half and half"): 0.5,
        ("بیشتر فارسی" if FA else "mostly Persian"): 0.9,
    }
    PAIRS = parallel_fa_en()
    PERSIAN, ENGLISH = "\n".join(fa for fa, _ in PAIRS), "\n".join(en for _, en in PAIRS)
    trained = {}

    def training_text(persian_share: float, total_bytes: int = 5000) -> str:
        """About total_bytes of UTF-8: Hafez lines and English prose in the given proportion."""
        hafez = "\n".join(line for ghazal in hafez_ghazals()[:20] for line in ghazal)
        persian = hafez.encode("utf-8")[: int(total_bytes * persian_share)].decode("utf-8", "ignore")
        english = english_sample().encode("utf-8")[: int(total_bytes * (1 - persian_share))].decode("utf-8", "ignore")
        return persian + "\n" + english

    def costs(mix: str) -> list[list]:
        if mix not in trained:
            trained[mix] = train(training_text(MIXES[mix]), VOCAB_SIZES[-1])
        full = trained[mix]
        rows = []
        for size in VOCAB_SIZES:
            tokenizer = full.with_vocab_size(min(size, full.vocab_size))
            if rows and tokenizer.vocab_size == rows[-1][0]:
                break  # training stopped early: no pair occurred twice any more
            fa, en = len(tokenizer.encode(PERSIAN)), len(tokenizer.encode(ENGLISH))
            rows.append([tokenizer.vocab_size, fa, en, round(fa / en, 2)])
        return rows

    def redraw(mix: str) -> None:
        rows = costs(mix)
        names = ["فارسی", "انگلیسی"] if FA else ["Persian", "English"]
        page.line_chart("cost", title="توکن‌ها برای یک محتوا" if FA else "tokens for the same content",
                        x_label="اندازهٔ واژگان" if FA else "vocabulary size",
                        y_label="توکن" if FA else "tokens",
                        series={names[0]: [(r[0], r[1]) for r in rows],
                                names[1]: [(r[0], r[2]) for r in rows]})
        headers = ["واژگان", "فارسی", "انگلیسی", "نسبت"] if FA else ["vocabulary", "Persian", "English", "ratio"]
        page.table("costs", [[num(r[0]), num(r[1], ","), num(r[2], ","), num(r[3], ".2f")] for r in rows], headers)
        page.html_text("bytes", tr("Vocabulary 256 is the bytes alone: {fa:,} Persian and {en:,} English bytes.",
                                   "واژگان ۲۵۶ یعنی فقط بایت‌ها: {fa:,} بایت فارسی و {en:,} بایت انگلیسی.",
                                   fa=len(PERSIAN.encode("utf-8")), en=len(ENGLISH.encode("utf-8"))))
        tokenizer = trained[mix].with_vocab_size(min(400, trained[mix].vocab_size))
        fa, en = PAIRS[6]
        page.tokens("fa", tokenizer.pieces(tokenizer.encode(fa)), tokenizer.encode(fa))
        page.tokens("en", tokenizer.pieces(tokenizer.encode(en)), tokenizer.encode(en))

    mix = list(MIXES)[1]
    page.select("mix", "متن آموزش" if FA else "training text", list(MIXES), mix, on_change=redraw)
    redraw(mix)


bpe_cost_demo()
