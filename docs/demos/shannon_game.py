# Shannon's guessing game: guess the next letter; your guess counts become bounds on the entropy
# (Shannon, 1951), next to a character 4-gram model playing the same game on the same text.
from lmdocs import page
from lmdocs.corpora import english_sample, hafez_split
from lmdocs.i18n import num
from lmdocs.shannon import GuessingGame, bounds, cross_entropy_bits, model_guesses, train_char_model

# Everything lives inside one function: the blocks of a page share one namespace, and the other
# blocks on this page must not change this demo's names (T, state...), nor it theirs.


def shannon_game_demo() -> None:
    FA = page.lang() == "fa"
    T = {
        "sentence": "جمله" if FA else "sentence",
        "guess": "حرف بعدی را بنویسید و Enter بزنید" if FA else "type the next letter and press Enter",
        "space": "فاصله" if FA else "space",
        "give_up": "نشانم بده" if FA else "show me",
        "new": "از نو" if FA else "start over",
        "training": "مدل حرفی در حال آموزش است..." if FA else "training the character model...",
        "tries": "حدس‌های این حرف" if FA else "guesses on this letter",
        "one_char": "فقط یک حرف بنویسید." if FA else "type a single letter.",
        "done": "تمام شد! جدول را ببینید." if FA else "done! see the table.",
        "headers": (["حدس‌زن", "حرف‌ها", "کران پایین", "کران بالا", "آنتروپی متقاطع"] if FA else
                    ["guesser", "characters", "lower bound", "upper bound", "cross-entropy"]),
        "you": "شما" if FA else "you",
        "model": "مدل ۴-گرم حرفی" if FA else "character 4-gram model",
        "table": ("بیت بر حرف (*: هنوز حرف‌ها برای کران‌ها کم است)" if FA else
                  "bits per character (*: still too few characters for the bounds)"),
        "about": ("مدل: ۴-گرم حرفی با هموارسازی Kneser–Ney، آموزش‌دیده روی {} ({} حرف)" if FA else
                  "model: character 4-gram, Kneser–Ney smoothing, trained on {} ({} characters)"),
        "corpus_fa": "غزل‌های حافظ (جز غزل‌های آزمون)" if FA else "the ghazals of Hafez (minus the test ghazals)",
        "corpus_en": "یک نمونهٔ کوچک نثر انگلیسی" if FA else "a small sample of English prose",
        "chart": "حرف‌هایی که با حدس iام پیدا شد (شما)" if FA else "characters found on the i-th guess (you)",
    }
    MIN_CHARS = 10                               # show the bounds from this many characters on
    ALPHABET_SIZE = {"fa": 33, "en": 27}        # letters + space: what "show me" counts as
    _train, _test = hafez_split()
    SENTENCES = {                                # text -> (language, training lines for the model)
        "من کتابم را به دوستم علی دادم و به او گفتم": "fa",
        _test[0]: "fa",                          # a held-out half-verse of Hafez
        "a language model guesses the next letter from the letters before it": "en",
    }
    models: dict = {}
    state: dict = {}

    def english_lines() -> list[str]:
        return [line.lower() for line in english_sample().splitlines() if line.strip()]

    def model_for(language: str, quiet: bool = False):
        if language not in models:
            if not quiet:
                page.html_text("status", T["training"])
                page.flush()
            lines = _train if language == "fa" else english_lines()
            models[language] = train_char_model(lines, order=4) if lines else None
            about = T["about"].format(T["corpus_" + language], num(sum(len(line) for line in lines), ","))
            models[language + ":about"] = about
        return models[language]

    def shown_bounds(guesses: list[int]) -> list[str]:
        if len(guesses) < MIN_CHARS:                 # too few characters: the bounds are mostly noise
            return ["…", "…"]
        lo, hi = bounds(guesses)
        mark = "*" if lo > hi else ""                # the bounds crossed: still too few characters
        return [num(lo, ".2f") + mark, num(hi, ".2f") + mark]

    def redraw(note: str = "") -> None:
        game = state["game"]
        cursor = "" if game.done else " ▮"
        page.html_text("text", game.revealed + cursor)
        page.html_text("status", note or (T["done"] if game.done else f'{T["tries"]}: {num(len(game.tried) + 1)}'))
        if not game.guesses:
            return
        played = game.text[:game.position]
        rows = [[T["you"], num(game.position), *shown_bounds(game.guesses), "—"]]
        model = state["model"]
        if model is not None:
            rows.append([T["model"], num(game.position), *shown_bounds(model_guesses(model, played)),
                         num(cross_entropy_bits(model, played), ".2f")])
        page.table("results", rows, headers=T["headers"], title=T["table"])
        most = max(game.guesses)
        page.bar_chart("q", [num(i) for i in range(1, most + 1)],
                       [game.guesses.count(i) for i in range(1, most + 1)], title=T["chart"])

    def start(text: str) -> None:
        language = SENTENCES[text]
        state.update(game=GuessingGame(text), language=language, model=model_for(language))
        redraw()
        page.html_text("about", models[language + ":about"])

    def play(char: str) -> None:
        game = state["game"]
        if game.done:
            return
        game.guess(char.lower())
        redraw()

    def on_guess(text: str) -> None:
        page.text_input("guess", T["guess"], "", on_change=on_guess)       # empty the box again
        if len(text) != 1:
            redraw(T["one_char"])
            return
        play(text)

    def on_give_up() -> None:
        game = state["game"]
        if game.done:
            return
        game.guesses.append(max(ALPHABET_SIZE[state["language"]], len(game.tried) + 1))
        game.tried = set()
        redraw()

    choices = sorted(SENTENCES, key=lambda text: SENTENCES[text] != page.lang())   # the page's language first
    model_for(SENTENCES[choices[0]], quiet=True)  # train before the inputs appear: no guess is lost meanwhile
    page.select("sentence", T["sentence"], choices, on_change=start)
    page.text_input("guess", T["guess"], "", on_change=on_guess)
    page.button("space", T["space"], on_click=lambda: play(" "))
    page.button("give_up", T["give_up"], on_click=on_give_up)
    page.button("new", T["new"], on_click=lambda: start(state["game"].text))
    start(choices[0])
    if not page.in_browser():                     # in a terminal: play the first three letters, one miss
        for ch in "#" + state["game"].text[:MIN_CHARS]:
            play(ch)


shannon_game_demo()
