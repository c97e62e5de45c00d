"""Part 1: the two stages that turn raw text into a chat assistant. Top row: raw text (trillions of
tokens) goes into pre-training, which yields a base model; asked a question, a base model continues
the text, often with more questions like it. Bottom row: the base model and examples of good
conversation go into fine-tuning, which yields an assistant that answers. The notes under the boxes
say what each stage costs: pre-training takes nearly all of the compute.

Part 6 has its own, finer pipeline (pre-training → SFT → preference tuning); this one keeps the
two stages of part 1. Stages are textual flow, so each row starts where reading starts.
"""
from figkit import Figure

WIDTH, HEIGHT = 440, 400
BOX_W, BOX_H, GAP = 118, 52, 33
Y_A, Y_B = 30, 236               # tops of the two rows
EXAMPLES = {
    "en": (("What is the capital of Iran?", "What is the capital of Iraq? …"),
           ("What is the capital of Iran?", "Tehran.")),
    "fa": (("پایتخت ایران کجاست؟", "پایتخت عراق کجاست؟ …"),
           ("پایتخت ایران کجاست؟", "تهران.")),
}


def draw(lang: str) -> Figure:
    fig = Figure("two_stages", WIDTH, HEIGHT, lang=lang,
                 alt_en="Two stages in two rows. First: raw text, trillions of tokens, goes into pre-training, "
                        "which uses nearly all the compute and yields a base model; asked what the capital of "
                        "Iran is, the base model continues with another question. Second: the base model and "
                        "examples of good conversation, thousands to millions of them, go into fine-tuning, "
                        "which yields an assistant that answers Tehran.",
                 alt_fa="دو مرحله در دو ردیف. اول: متن خام، هزاران میلیارد توکن، وارد پیش‌آموزش می‌شود که تقریباً "
                        "همهٔ محاسبه را مصرف می‌کند و یک مدل پایه می‌سازد؛ اگر از مدل پایه بپرسید پایتخت ایران "
                        "کجاست، با یک پرسش دیگر ادامه می‌دهد. دوم: مدل پایه و نمونه‌های گفت‌وگوی خوب، از چند هزار "
                        "تا چند میلیون، وارد تنظیم دقیق می‌شوند و دستیاری می‌سازند که پاسخ می‌دهد: تهران.")
    cols = [fig.start(10 + i * (BOX_W + GAP), BOX_W) for i in range(3)]    # left edges, in reading order

    def row(y: float, labels: tuple[str, str, str], notes: tuple[str, str, str]) -> None:
        roles = ("token", "state", "output")
        for x, label, note, role in zip(cols, labels, notes, roles):
            fig.box(x, y, BOX_W, BOX_H, role=role, label=label)
            fig.text(x + BOX_W / 2, y + BOX_H + 16, note, size=14, role="muted")
        for a, b in ((cols[0], cols[1]), (cols[1], cols[2])):
            start, end = (a, b + BOX_W) if fig.rtl else (a + BOX_W, b)
            fig.line([(start, y + BOX_H / 2), (end, y + BOX_H / 2)], role="ink")

    row(Y_A, (fig.tr("raw text", "متن خام"), fig.tr("pre-training", "پیش‌آموزش"), fig.tr("base model", "مدل پایه")),
        (fig.tr("trillions of tokens", "هزاران میلیارد توکن"), fig.tr("nearly all compute", "تقریباً همهٔ محاسبه"),
         fig.tr("continues text", "متن را ادامه می‌دهد")))
    row(Y_B, (fig.tr("conversations", "گفت‌وگوها"), fig.tr("fine-tuning", "تنظیم دقیق"),
              fig.tr("assistant", "دستیار")),
        (fig.tr("thousands to millions", "چند هزار تا چند میلیون"), fig.tr("little compute", "سهم کوچکی از محاسبه"),
         fig.tr("answers", "پاسخ می‌دهد")))

    # the base model is the starting point of fine-tuning
    base_mid = cols[2] + BOX_W / 2
    tune_mid = cols[1] + BOX_W / 2
    y_turn = Y_B - 22
    fig.line([(base_mid, Y_A + BOX_H + 28), (base_mid, y_turn), (tune_mid, y_turn), (tune_mid, Y_B)], role="output")

    # what each model does with the same question
    (q_base, a_base), (q_chat, a_chat) = EXAMPLES[lang]
    narrow = 2 * BOX_W + GAP          # the first example leaves room for the arrow on the reading-end side
    for y, w, question, answer, who in ((Y_A + BOX_H + 44, narrow, q_base, a_base, "output"),
                                        (Y_B + BOX_H + 36, WIDTH - 20, q_chat, a_chat, "output")):
        fig.box(fig.start(10, w), y + 8, w, 54, role="ink", dashed=True)
        fig.text(fig.start(24), y + 24, question, anchor="start", size=15, )
        fig.text(fig.start(24), y + 46, answer, anchor="start", size=15, role=who, bold=True)
    return fig
