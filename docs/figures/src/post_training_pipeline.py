"""Part 6: from a pre-trained GPT to an assistant. One network goes through four stages, top to
bottom; beside each stage, the data it learns from (Ouyang et al. 2022 for SFT and RLHF; Rafailov et
al. 2023 for DPO; OpenAI o1, 2024, and DeepSeek-R1, 2025, for RL with verifiable rewards).

Direction: a pipeline is textual flow, so the stages sit on the reading-start side (right in
Persian) and the data on the other side, with arrows from the data into each stage; the stages
follow one another downwards, in reading order.
"""
from figkit import Figure

W = 440
MARGIN = 8
STAGE_W, DATA_W = 196, 196
GAP = W - 2 * MARGIN - STAGE_W - DATA_W       # room for the arrow from the data to the stage
Y0 = 8                                       # the starting model
STEP, STAGE_H = 100, 64
Y_FIRST = 70


def stages(fig: Figure) -> list[tuple[str, str, tuple[str, str]]]:
    """(stage, what it teaches, two lines about its data), in order."""
    t = fig.tr
    return [
        (t("pre-training", "پیش‌آموزش"), t("predict the next token", "پیش‌بینی توکن بعدی"),
         (t("trillions of tokens", "هزاران میلیارد توکن"), t("of raw text", "متن خام"))),
        (t("supervised fine-tuning", "تنظیم دقیق نظارت‌شده"), t("answer, in a chat format", "جواب دادن در قالب گفت‌وگو"),
         (t("written conversations:", "گفت‌وگوهای نوشته‌شده:"), t("thousands to millions", "هزاران تا میلیون‌ها"))),
        (t("preference tuning", "تنظیم با ترجیح"), t("RLHF (2022), DPO (2023)", "RLHF (۲۰۲۲)، DPO (۲۰۲۳)"),
         (t("pairs of answers that", "جفت جواب‌هایی که"), t("people ranked: A ≻ B", "آدم‌ها رتبه داده‌اند: A ≻ B"))),
        (t("RL, verifiable rewards", "یادگیری تقویتی"), t("reasoning models (2024–)", "پاداش وارسی‌پذیر (۲۰۲۴–)"),
         (t("problems a program", "مسئله‌هایی که برنامه"), t("can check: math, code", "وارسی‌شان می‌کند: ریاضی، کد"))),
    ]


def draw(lang: str) -> Figure:
    fig = Figure("post_training_pipeline", W, Y_FIRST + 4 * STEP + 44, lang=lang,
                 alt_en="A pipeline from top to bottom: a GPT with random weights goes through pre-training on "
                        "trillions of tokens of raw text, supervised fine-tuning on written conversations, "
                        "preference tuning (RLHF or DPO) on pairs of answers people ranked, and reinforcement "
                        "learning on problems a program can check, and comes out as an assistant.",
                 alt_fa="زنجیره‌ای از بالا به پایین: یک GPT با وزن‌های تصادفی از پیش‌آموزش روی هزاران میلیارد توکن "
                        "متن خام، تنظیم دقیق نظارت‌شده روی گفت‌وگوهای نوشته‌شده، تنظیم با ترجیح (RLHF یا DPO) روی "
                        "جفت جواب‌هایی که آدم‌ها رتبه داده‌اند و یادگیری تقویتی روی مسئله‌هایی که برنامه وارسی‌شان "
                        "می‌کند می‌گذرد و دستیار می‌شود.")
    x_stage = fig.start(MARGIN, STAGE_W)
    x_data = fig.start(MARGIN + STAGE_W + GAP, DATA_W)
    cx = x_stage + STAGE_W / 2

    fig.box(x_stage, Y0, STAGE_W, 40, role="ink", dashed=True,
            label=fig.tr("a GPT, random weights", "یک GPT با وزن‌های تصادفی"))
    previous_bottom = Y0 + 40
    for i, (name, teaches, data) in enumerate(stages(fig)):
        y = Y_FIRST + i * STEP
        fig.line([(cx, previous_bottom), (cx, y)], role="state")
        fig.box(x_stage, y, STAGE_W, STAGE_H, role="state")
        fig.text(cx, y + 21, name, bold=True)
        fig.text(cx, y + 45, teaches, size=14, role="muted")
        fig.box(x_data, y + 4, DATA_W, STAGE_H - 8, role="token")
        fig.text(x_data + DATA_W / 2, y + STAGE_H / 2, data[0], size=14, lines=(data[1],))
        data_edge = x_data if not fig.rtl else x_data + DATA_W
        stage_edge = x_stage + STAGE_W if not fig.rtl else x_stage
        fig.line([(data_edge, y + STAGE_H / 2), (stage_edge, y + STAGE_H / 2)], role="token")
        previous_bottom = y + STAGE_H
    y_end = Y_FIRST + 4 * STEP
    fig.line([(cx, previous_bottom), (cx, y_end)], role="state")
    fig.box(x_stage, y_end, STAGE_W, 40, role="output", label=fig.tr("an assistant", "یک دستیار"))
    return fig
