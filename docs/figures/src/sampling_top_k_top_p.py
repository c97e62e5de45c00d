"""Part 6: top-k and top-p on the same two next-character distributions as the page's snippet
(docs/snippets/sampling_top_p.py): inside a word, where the model is nearly sure, and at the start
of a word, where many letters fit. Under each distribution, what top-k (k = 3) and top-p (p = 0.9)
keep: top-k always three, top-p two in the first case and five in the second (Holtzman et al. 2020).

Direction: the characters are a ranked list, likeliest first, so they start on the reading-start
side (right in Persian); probabilities grow upwards.
"""
from figkit import Figure

from lmdocs.transformer.generate import next_token_distribution

# The snippet's logits (docs/snippets/sampling_top_p.py), likeliest first.
CASES = [("inside a word", "درون یک کلمهٔ «…الساق»", {"ی": 4.0, "ا": 1.0, "ه": 0.5, "ر": 0.0, "د": -0.5, "ن": -1.0}),
         ("start of a word", "آغاز یک کلمه", {"ب": 1.0, "م": 0.8, "د": 0.6, "ه": 0.5, "ن": 0.3, "ع": 0.0})]
K, P = 3, 0.9
W = 440
MARGIN = 8
LABEL_W = 124                 # the row names ("top-k, k = 3") at the reading-start side
BAR = 46                      # one character's column
BAR_MAX = 100                 # height of probability 1
PANEL = 260                   # height of one panel


def draw(lang: str) -> Figure:
    fig = Figure("sampling_top_k_top_p", W, PANEL * len(CASES), lang=lang,
                 alt_en="Two next-character distributions with six candidates each. Inside a word one letter "
                        "has probability 0.90; at the start of a word the six range from 0.25 to 0.09. Top-k "
                        "with k = 3 keeps three letters in both; top-p with p = 0.9 keeps two in the first and "
                        "five in the second.",
                 alt_fa="دو توزیع حرف بعدی، هر کدام با شش نامزد. درون یک کلمه یک حرف احتمال ۰٫۹۰ دارد؛ در آغاز یک "
                        "کلمه احتمال‌ها از ۰٫۲۵ تا ۰٫۰۹ است. top-k با k = ۳ در هر دو سه حرف نگه می‌دارد؛ top-p با "
                        "p = ۰٫۹ در اولی دو حرف و در دومی پنج حرف.")
    for panel, (title_en, title_fa, scores) in enumerate(CASES):
        top = panel * PANEL
        chars, logits = list(scores), list(scores.values())
        probs = next_token_distribution(logits)
        by_k = next_token_distribution(logits, top_k=K)
        by_p = next_token_distribution(logits, top_p=P)
        fig.text(fig.start(MARGIN), top + 16, fig.tr(title_en, title_fa), anchor="start", bold=True)
        base = top + 40 + BAR_MAX + 14          # the bars stand on this line
        y_chars, y_k, y_p = base + 16, base + 48, base + 80
        fig.line([(MARGIN + (0 if fig.rtl else LABEL_W), base), (W - MARGIN - (LABEL_W if fig.rtl else 0), base)],
                 role="muted", arrow=False)
        fig.text(fig.start(MARGIN), y_k, fig.tr(f"top-k, k = {K}", f"top-k با k = {fig.num(K)}"),
                 anchor="start", size=14)
        fig.text(fig.start(MARGIN), y_p, fig.tr(f"top-p, p = {P}", f"top-p با p = {fig.num(P)}"),
                 anchor="start", size=14)
        for i, (ch, p) in enumerate(zip(chars, probs)):
            x = fig.start(MARGIN + LABEL_W + i * BAR, BAR)
            h = max(p * BAR_MAX, 1.5)
            fig.box(x + 8, base - h, BAR - 16, h, role="output", radius=2)
            fig.text(x + BAR / 2, base - h - 10, fig.num(p, ".2f"), size=14, role="muted")
            fig.text(x + BAR / 2, y_chars, ch, sample="fa")
            for y, kept in ((y_k, by_k[i] > 0), (y_p, by_p[i] > 0)):
                fig.box(x + 9, y - 11, BAR - 18, 22, role="output" if kept else "muted", dashed=not kept,
                        label="✓" if kept else None, size=14)
    return fig
