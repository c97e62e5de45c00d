"""Part 3: one LSTM step with its gates. The cell state c runs along the top, scaled by the forget
gate and added to; the four layers (three sigmoid gates and the tanh candidate) read h_{t-1} and
x_t from the bus at the bottom; the output gate decides what of tanh(c_t) becomes h_t.

Time runs left to right in both languages (mathematical flow, as in rnn_unrolled): c_{t-1} and
h_{t-1} enter on the left, c_t and h_t leave on the right. Only the labels change language.

The labels of c, f, i and o are in the text colour: the light-theme colours of the cell and gate roles
are just under the 4.5:1 contrast that tests/browser/test_figures_browser.py asks of text, so only
the lines and boxes carry those roles."""
import math

from figkit import Figure, _ITALIC

W, H = 460, 380
Y_C = 58                 # the cell-state line
Y_MIX = 132              # where i_t and the candidate meet
Y_TANH, Y_OUT = 112, 166  # tanh(c_t) and the output product
Y_GATE, GATE_H = 224, 50  # the four layers
Y_BUS = 306              # h_{t-1} and x_t, read by every layer
GATE_W = 80
GATES = [  # centre x, role, name (en, fa), what the box computes, symbol
    (100, "gate", ("forget", "فراموشی"), "σ", "f"),
    (190, "gate", ("input", "ورودی"), "σ", "i"),
    (280, "cell", ("candidate", "نامزد"), "tanh", "c"),
    (400, "gate", ("output", "خروجی"), "σ", "o"),
]
X_ADD = 235              # the + on the cell line, above where i_t and the candidate meet
R = 14                   # radius of the × and + nodes


def node(fig: Figure, x: float, y: float, op: str) -> None:
    """A pointwise operation: a small circle with × or + in it."""
    fig.box(x - R, y - R, 2 * R, 2 * R, role="ink", radius=R)
    fig.math(x, y - 1, op, size=20)


def tilde_c(fig: Figure, x: float, y: float, *, role: str = "ink", align: str = "left") -> None:
    """$\\tilde{c}_t$: figkit.math draws hats, not tildes, so the tilde is drawn here over the c."""
    size = 20
    fig.math(x, y, "c", sub="t", role=role, align=align)
    width = (_ITALIC["c"] + _ITALIC["t"] * 0.7) * size
    left = {"left": x, "center": x - width / 2, "right": x - width}[align]
    cx, top = left + _ITALIC["c"] * size / 2 + size * 0.05, y + size * 0.25 - size * 0.62
    wave = [(cx - 5 + k, top - 1.6 * math.sin(k * math.pi / 5)) for k in range(11)]
    fig.line(wave, role=role, arrow=False, width=1.4)


def draw(lang: str) -> Figure:
    fig = Figure("lstm_cell", W, H, lang=lang,
        alt_en="One step of an LSTM. Along the top, the cell state c_(t-1) is multiplied elementwise by the "
        "forget gate f_t and then the product of the input gate i_t and the candidate c~_t is added, giving "
        "c_t. At the bottom, h_(t-1) and x_t feed four layers: the forget, input and output gates (sigmoids) "
        "and the candidate (tanh). The output gate o_t multiplies tanh(c_t) to give the new hidden state h_t.",
        alt_fa="یک قدم LSTM. در بالا، حالت سلول c_(t-1) عنصربه‌عنصر در دروازهٔ فراموشی f_t ضرب می‌شود و بعد "
        "حاصل‌ضرب دروازهٔ ورودی i_t در مقدار نامزد c~_t به آن افزوده می‌شود تا c_t به دست آید. در پایین، "
        "h_(t-1) و x_t به چهار لایه می‌روند: دروازه‌های فراموشی، ورودی و خروجی (سیگموید) و مقدار نامزد "
        "(tanh). دروازهٔ خروجی o_t در tanh(c_t) ضرب می‌شود و حالت پنهان تازهٔ h_t را می‌دهد.")

    # the cell state: c_{t-1} -> (x f_t) -> (+ i_t c~_t) -> c_t
    x_f = GATES[0][0]
    fig.math(10, Y_C - 22, "c", sub="t-1", role="ink", align="left")
    fig.line([(8, Y_C), (x_f - R, Y_C)], role="cell")
    node(fig, x_f, Y_C, "×")
    fig.line([(x_f + R, Y_C), (X_ADD - R, Y_C)], role="cell")
    node(fig, X_ADD, Y_C, "+")
    fig.line([(X_ADD + R, Y_C), (W - 6, Y_C)], role="cell")
    fig.math(W - 8, Y_C - 22, "c", sub="t", role="ink", align="right")
    fig.text(318, Y_C - 24, fig.tr("cell state", "حالت سلول"), role="ink", size=15)

    # the bus: h_{t-1} from the left, x_t from below, read by every layer
    x_o = GATES[-1][0]
    fig.line([(8, Y_BUS), (x_o, Y_BUS)], role="state", arrow=False)
    fig.math(10, Y_BUS + 22, "h", sub="t-1", role="state", align="left")
    x_in = 52
    fig.line([(x_in, H - 14), (x_in, Y_BUS + 1)], role="token")
    fig.math(x_in + 10, H - 22, "x", sub="t", role="token", align="left")

    for cx, role, (en, fa), fn, sym in GATES:
        fig.line([(cx, Y_BUS), (cx, Y_GATE + GATE_H)], role="state")
        fig.box(cx - GATE_W / 2, Y_GATE, GATE_W, GATE_H, role=role)
        fig.text(cx, Y_GATE + 16, fig.tr(en, fa), size=15)
        fig.text(cx, Y_GATE + 35, fn, size=16)

    # forget gate up into the first ×
    fig.line([(x_f, Y_GATE), (x_f, Y_C + R)], role="gate")
    fig.math(x_f + 8, 160, "f", sub="t", role="ink", align="left")
    # input gate and candidate meet in a ×, which is added to the cell
    x_i, x_g = GATES[1][0], GATES[2][0]
    fig.line([(x_i, Y_GATE), (x_i, Y_MIX), (X_ADD - R, Y_MIX)], role="gate")
    fig.math(x_i + 8, 184, "i", sub="t", role="ink", align="left")
    fig.line([(x_g, Y_GATE), (x_g, Y_MIX), (X_ADD + R, Y_MIX)], role="cell")
    tilde_c(fig, x_g + 8, 184, role="ink")
    node(fig, X_ADD, Y_MIX, "×")
    fig.line([(X_ADD, Y_MIX - R), (X_ADD, Y_C + R)], role="cell")

    # output: tanh(c_t), gated by o_t, becomes h_t
    fig.line([(x_o, Y_C), (x_o, Y_TANH - 14)], role="cell")
    fig.box(x_o - 26, Y_TANH - 14, 52, 28, role="cell")
    fig.text(x_o, Y_TANH, "tanh", size=15)
    fig.line([(x_o, Y_TANH + 14), (x_o, Y_OUT - R)], role="cell")
    node(fig, x_o, Y_OUT, "×")
    fig.line([(x_o, Y_GATE), (x_o, Y_OUT + R)], role="gate")
    fig.math(x_o - 8, Y_GATE - 24, "o", sub="t", role="ink", align="right")
    x_h = W - 10
    fig.line([(x_o + R, Y_OUT), (x_h, Y_OUT), (x_h, H - 14)], role="state")
    fig.math(x_h - 8, H - 22, "h", sub="t", role="state", align="right")
    return fig
