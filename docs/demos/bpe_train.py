# Train a byte-level BPE tokenizer in the page, on Hafez or on English prose, and watch a text
# fall into tokens as the vocabulary grows. Training runs once per corpus (a slice, so the
# demo starts in about a second); a smaller vocabulary is the first merges of a larger one.
from lmdocs import page
from lmdocs.bpe import train
from lmdocs.corpora import english_sample, hafez_ghazals
from lmdocs.i18n import num, tr

# Everything lives inside one function: the blocks of a page share one namespace, and the other
# blocks on this page must not change this demo's names (T, state...), nor it theirs.


def bpe_train_demo() -> None:
    FA = page.lang() == "fa"
    MAX_VOCAB = 800
    CORPORA = ["حافظ" if FA else "Hafez", "انگلیسی" if FA else "English"]
    SAMPLES = ["صبا به لطف بگو آن غزال رعنا را", "The river was still paying its rent."]
    trained = {}  # corpus name -> (tokenizer, merges learned, in order)
    state = {"corpus": CORPORA[0] if FA else CORPORA[1], "vocab": 400}
    state["text"] = SAMPLES[CORPORA.index(state["corpus"])]

    def training_text(corpus: str) -> str:
        if corpus == CORPORA[0]:  # the first 40 ghazals, ~40 KB of UTF-8
            return "\n".join(line for ghazal in hafez_ghazals()[:40] for line in ghazal)
        return english_sample()

    def tokenizer_for(corpus: str):
        if corpus not in trained:
            merges = []
            trained[corpus] = (train(training_text(corpus), MAX_VOCAB, on_merge=merges.append), merges)
        return trained[corpus]

    def redraw() -> None:
        full, merges = tokenizer_for(state["corpus"])
        tokenizer = full.with_vocab_size(min(state["vocab"], full.vocab_size))
        ids = tokenizer.encode(state["text"])
        page.tokens("tokens", tokenizer.pieces(ids), ids)
        n_chars, n_bytes = len(state["text"]), len(state["text"].encode("utf-8"))
        page.html_text("summary", tr("{c} characters, {b} bytes, {t} tokens, vocabulary {v}",
                                     "{c} حرف، {b} بایت، {t} توکن، واژگان {v}تایی",
                                     c=n_chars, b=n_bytes, t=len(ids), v=tokenizer.vocab_size))
        learned = merges[: len(tokenizer.merges)][-8:]  # the last merges before the cut
        rows = [[num(m.rank + 1), tokenizer.pieces([m.pair[0]])[0] + " + " + tokenizer.pieces([m.pair[1]])[0],
                 tokenizer.pieces([m.id])[0], num(m.count)] for m in learned]
        headers = ["ادغام", "جفت", "توکن تازه", "تکرار"] if FA else ["merge", "pair", "new token", "count"]
        page.table("merges", rows, headers, title="آخرین ادغام‌ها" if FA else "the latest merges")

    def set_corpus(corpus: str) -> None:
        state["corpus"] = corpus
        redraw()

    def set_vocab(value: float) -> None:
        state["vocab"] = int(value)
        redraw()

    def set_text(text: str) -> None:
        state["text"] = text
        redraw()

    page.select("corpus", "متن آموزش" if FA else "trained on", CORPORA, state["corpus"], on_change=set_corpus)
    page.slider("vocab", "اندازهٔ واژگان" if FA else "vocabulary size", 256, MAX_VOCAB, 8, state["vocab"],
                on_change=set_vocab)
    page.text_input("text", "متن" if FA else "text", state["text"], on_change=set_text)
    redraw()


bpe_train_demo()
