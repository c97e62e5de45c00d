# The n-gram explorer: pick a corpus and an order, type a context, see the next-word distribution,
# generate text, and watch held-out perplexity as the order and the amount of training text grow.
from lmdocs import page
from lmdocs.corpora import english_sentences, hafez_split
from lmdocs.i18n import num, tr
from lmdocs.ngram import NGramModel

# Everything lives inside one function: the blocks of a page share one namespace, and the other
# blocks on this page must not change this demo's names (T, state...), nor it theirs.


def ngram_explorer_demo() -> None:
    FA = page.lang() == "fa"
    T = {
        "corpus": "متن آموزشی" if FA else "training text",
        "hafez": "دیوان حافظ (فارسی)" if FA else "Hafez's Divan (Persian)",
        "english": "متن سادهٔ انگلیسی" if FA else "simple English sample",
        "order": "مرتبهٔ n" if FA else "order n",
        "context": "متن پیشین (کلمه‌های قبلی)" if FA else "context (the words so far)",
        "used": "کلمه‌هایی که مدل می‌بیند" if FA else "words the model looks at",
        "start": "آغاز جمله" if FA else "start of a sentence",
        "end": "(پایان مصراع)" if FA else "</s> (end of line)",
        "next": "محتمل‌ترین کلمه‌های بعدی" if FA else "most probable next words",
        "temperature": "دما" if FA else "temperature",
        "generate": "بساز" if FA else "generate",
        "curves": "رسم نمودارهای سرگشتگی" if FA else "draw the perplexity curves",
        "by_order": "سرگشتگی روی غزل‌های کنارگذاشته، بر حسب n" if FA else "held-out perplexity vs order n",
        "by_size": "سرگشتگی بر حسب اندازهٔ متن آموزشی (هزار کلمه)" if FA else
                   "held-out perplexity vs training text (thousands of words)",
        "perplexity": "سرگشتگی" if FA else "perplexity",
        "words": "هزار کلمه" if FA else "thousand words",
        "gram": "{}-گرم" if FA else "{}-gram",
        "working": "در حال آموزش {} مدل..." if FA else "training {} models...",
        "done": "هر خط با بزرگ‌تر شدن متن آموزشی پایین می‌آید؛ با این متن کم، بافت بلندتر شمارش کافی ندارد که کمکی "
                "کند (پراکندگی)." if FA else
                "each line falls as the training text grows; with this little text a longer context has too few "
                "counts to help (sparsity).",
        "models": "مدل {}-گرم روی {} کلمه" if FA else "{}-gram model on {} words",
    }
    CORPORA = {T["hafez"]: "hafez", T["english"]: "english"}
    EXAMPLE = {"hafez": "به", "english": "the"}
    state = {"corpus": "hafez", "order": 3, "context": EXAMPLE["hafez"], "temperature": 1.0, "seed": 0}
    models: dict = {}

    def split(corpus: str) -> tuple[list[str], list[str]]:
        """(training lines, held-out lines): Hafez by whole ghazals; English: every 8th line held out."""
        if corpus == "hafez":
            return hafez_split()
        lines = english_sentences()
        return [s for i, s in enumerate(lines) if i % 8], [s for i, s in enumerate(lines) if not i % 8]

    def model() -> NGramModel:
        key = (state["corpus"], state["order"])
        if key not in models:
            train, _ = split(state["corpus"])
            models[key] = NGramModel(order=state["order"], discount_fallback=True).fit(train)
        return models[key]

    def show_next_words() -> None:
        lm = model()
        words = ["<s>"] + state["context"].split()
        context = words[len(words) - lm.order + 1:] if lm.order > 1 else []
        shown = [T["start"] if w == "<s>" else (w if w in lm.vocab else "<unk>") for w in context]
        words_seen = sum(len(line.split()) for line in split(state["corpus"])[0])
        page.html_text("used", f"({T['models'].format(num(lm.order), num(words_seen, ','))})   {T['used']}: " +
                       (" · ".join(shown) if shown else "—"))
        top = lm.next_words(context, k=10)
        page.bar_chart("next", [T["end"] if w == "</s>" else w for w, _ in top], [round(p, 4) for _, p in top],
                       title=T["next"], horizontal=True)

    def generate() -> None:
        state["seed"] += 1
        words = model().generate(state["context"].split()[-(state["order"] - 1):] if state["order"] > 1 else [],
                                 max_words=25, temperature=state["temperature"], seed=state["seed"])
        page.html_text("generated", " ".join([state["context"]] + words).strip())

    def same_vocabulary(train: list[str], test: list[str], smallest: int) -> tuple[list[str], list[str]]:
        """Words seen twice in the smallest training slice stay; the rest become «<rare>» everywhere,
        so every model of the curves predicts the same words and their perplexities compare."""
        seen: dict = {}
        for line in train[:smallest]:
            for word in line.split():
                seen[word] = seen.get(word, 0) + 1
        keep = {word for word, n in seen.items() if n >= 2}
        def mapped(lines):
            return [" ".join(w if w in keep else "<rare>" for w in line.split()) for line in lines]
        return mapped(train), mapped(test)

    def explain_rare(train: list[str], test: list[str]) -> None:
        """Say how many words the curves keep, so their perplexities are not compared with other models'."""
        kept = {word for line in train for word in line.split()} - {"<rare>"}
        test_words = [word for line in test for word in line.split()]
        rare = sum(word == "<rare>" for word in test_words) / len(test_words)
        page.html_text("rare", tr(
            "for the curves, only the {kept} words seen at least twice in the smallest slice are kept; every other "
            "word, {rare:.0%} of the test words, becomes <rare>. With fewer choices, these perplexities are far "
            "lower than those of the models in the text, and cannot be compared with them.",
            "برای نمودارها فقط {kept} کلمه‌ای نگه داشته می‌شود که دست‌کم دو بار در کوچک‌ترین برش آمده‌اند؛ هر کلمهٔ "
            "دیگر، {rare:.0%} کلمه‌های متن آزمون، «\u200e<rare>\u200e» می‌شود. با گزینه‌های کمتر، این سرگشتگی‌ها بسیار کمتر از "
            "سرگشتگی مدل‌های متن مقاله است و نمی‌شود آن‌ها را با هم مقایسه کرد.", kept=len(kept), rare=rare))

    def draw_curves(orders=(1, 2, 3, 4, 5), fractions=(1 / 16, 1 / 8, 1 / 4, 1 / 2, 1)) -> None:
        """Two charts, filled point by point (each point is a model trained and scored)."""
        train, test = split(state["corpus"])
        sizes = [max(2, int(len(train) * f)) for f in fractions]
        train, test = same_vocabulary(train, test, sizes[0])
        explain_rare(train, test)
        small_orders = [n for n in (1, 2, 3) if n in orders]
        page.html_text("progress", T["working"].format(num(len(orders) + (len(sizes) - 1) * len(small_orders))))
        by_size = page.line_chart("by_size", title=T["by_size"], x_label=T["words"], y_label=T["perplexity"],
                                  series={T["gram"].format(num(n)): [] for n in small_orders})
        by_order = page.line_chart("by_order", title=T["by_order"], x_label="n", y_label=T["perplexity"],
                                   series={T["perplexity"]: []})
        for size in sizes:
            lines = train[:size]
            thousands = round(sum(len(line.split()) for line in lines) / 1000, 1)
            for n in small_orders:
                perplexity = NGramModel(order=n, discount_fallback=True).fit(lines).perplexity(test)
                by_size.append(T["gram"].format(num(n)), round(perplexity, 1), x=thousands)
                if size == sizes[-1]:
                    by_order.append(T["perplexity"], round(perplexity, 1), x=n)
        for n in orders:
            if n not in small_orders:
                perplexity = NGramModel(order=n, discount_fallback=True).fit(train).perplexity(test)
                by_order.append(T["perplexity"], round(perplexity, 1), x=n)
        page.html_text("progress", T["done"])

    def on_corpus(label: str) -> None:
        state["corpus"] = CORPORA[label]
        state["context"] = EXAMPLE[state["corpus"]]
        page.text_input("context", T["context"], state["context"], on_change=on_context)
        show_next_words()

    def on_order(value: float) -> None:
        state["order"] = int(value)
        show_next_words()

    def on_context(text: str) -> None:
        state["context"] = text
        show_next_words()

    def on_temperature(value: float) -> None:
        state["temperature"] = float(value)

    page.select("corpus", T["corpus"], list(CORPORA), value=T["hafez"], on_change=on_corpus)
    page.slider("order", T["order"], 1, 5, 1, state["order"], on_change=on_order)
    page.text_input("context", T["context"], state["context"], on_change=on_context)
    show_next_words()
    page.slider("temperature", T["temperature"], 0, 2, 0.1, state["temperature"], on_change=on_temperature)
    page.button("generate", T["generate"], on_click=generate)
    generate()
    page.button("curves", T["curves"], on_click=draw_curves)
    if not page.in_browser():  # a plain script: also draw the curves (smaller: fewer points)
        draw_curves(orders=(1, 2, 3), fractions=(1 / 8, 1))


ngram_explorer_demo()
