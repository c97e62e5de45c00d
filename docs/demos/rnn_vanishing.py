# Vanishing gradients, measured: how much of the loss's gradient reaches the hidden state k steps
# back, for a vanilla RNN and an LSTM (and a GRU and minGRU), on the same held-out Hafez text.
# Drawn as log10 ||dL_T / dh_{T-k}|| against k: a straight falling line is exponential decay.
import math

from lmdocs import page
from lmdocs.i18n import tr
from lmdocs.corpora import hafez_split
from lmdocs.rnn import CharRNN, load_pretrained, state_gradient_norms

# Everything lives inside one function: the blocks of a page share one namespace, and the other
# blocks on this page must not change this demo's names (T, state...), nor it theirs.


def rnn_vanishing_demo() -> None:
    IN_BROWSER = page.in_browser()
    MAX_LAG = 40 if IN_BROWSER else 20
    WINDOWS = 16 if IN_BROWSER else 2
    CELLS = {"RNN": "rnn", "LSTM": "lstm", "GRU": "gru", "minGRU": "mingru"}
    TRAINED = tr("trained on Hafez", "آموزش‌دیده روی حافظ")
    FRESH = tr("fresh (random weights)", "تازه (وزن‌های تصادفی)")
    LEFT_TO_RIGHT = "\u2066{}\u2069"  # a formula stays left to right on a Persian page (Unicode isolate)
    HELD_OUT = "\n".join(hafez_split()[1])  # the last 50 ghazals: text no model was trained on

    def draw(which: str = TRAINED, shown: str = "RNN + LSTM") -> None:
        names = ["RNN", "LSTM"] if shown == "RNN + LSTM" else list(CELLS)
        series, rows = {}, []
        for name in names:
            model = load_pretrained(CELLS[name]).model
            if which == FRESH:
                model = CharRNN(model.tokenizer, cell=CELLS[name], hidden_size=model.hidden_size, seed=0)
            norms = state_gradient_norms(model, HELD_OUT, max_lag=MAX_LAG, windows=WINDOWS)
            series[name] = [(k, round(math.log10(max(n, 1e-300)), 3)) for k, n in enumerate(norms)]
            rows.append([name] + [f"{norms[k] / norms[0]:.1e}" for k in (5, 10, 20) if k <= MAX_LAG])
        page.line_chart("norms", title="log10 ‖∂L/∂h(T−k)‖", x_label="k", y_label="log10", series=series)
        page.table("ratios", rows, headers=["", "k=5", "k=10", "k=20"],
                   title=LEFT_TO_RIGHT.format("‖∂L/∂h(T−k)‖ / ‖∂L/∂h(T)‖"))
        print(tr("after 20 steps back, the share of the gradient left:", "سهم باقی‌ماندهٔ گرادیان پس از ۲۰ قدم به عقب:"))
        for r in rows:
            print(f"  {r[0]}: {r[-1]}")

    state = {"which": TRAINED, "shown": "RNN + LSTM"}

    def on_which(value):
        state["which"] = value
        draw(**state)

    def on_shown(value):
        state["shown"] = value
        draw(**state)

    page.select("which", tr("weights", "وزن‌ها"), [TRAINED, FRESH], value=TRAINED, on_change=on_which)
    page.select("shown", tr("cells", "سلول‌ها"), ["RNN + LSTM", "RNN + LSTM + GRU + minGRU"],
                value="RNN + LSTM", on_change=on_shown)
    draw(**state)


rnn_vanishing_demo()
