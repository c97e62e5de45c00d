"""Build hook: the home page's table of contents for the series.

``<!-- series-toc -->`` in a page becomes a list of the series' articles in that page's language.
Articles whose file exists are linked; the others are listed as "coming" without a link, so the home
page never links to a page that does not exist.
"""
from __future__ import annotations

from pathlib import Path

MARKER = "<!-- series-toc -->"

# (source path in docs/, Persian title, English title)
SERIES: list[tuple[str, str, str]] = [
    ("series/1-ingredients.md", "بخش ۱ — ساختن باتی مثل ChatGPT چه می‌خواهد؟", "Part 1 — What it takes to build a ChatGPT-like bot"),
    ("series/2-ngram.md", "بخش ۲ — مدل زبانی چیست؟ مدل‌های n-گرم", "Part 2 — What is a language model? n-grams"),
    ("series/3-rnn.md", "بخش ۳ — شبکه‌های عصبی بازگشتی", "Part 3 — Recurrent neural networks"),
    ("series/4-transformer.md", "بخش ۴ — ترنسفورمر، جزء به جزء", "Part 4 — The transformer, part by part"),
    ("series/5-attention.md", "بخش ۵ — توجه", "Part 5 — Attention"),
    ("series/6-gpt-to-chat.md", "بخش ۶ — از GPT تا مدل گفتگو", "Part 6 — From GPT to a chat model"),
    ("tokenization.md", "مقالهٔ جانبی — آیا دوران توکن‌سازی به سر رسیده؟", "Side article — Is the era of tokenization over?"),
    ("glossary.md", "واژه‌نامه", "Glossary"),
]
COMING = {"fa": "به‌زودی", "en": "coming soon"}


def _localized(src: str, lang: str) -> str:
    return src if lang == "fa" else src[: -len(".md")] + f".{lang}.md"


def series_toc(docs_dir: Path, page_src: str, lang: str) -> str:
    depth = page_src.count("/")
    prefix = "../" * depth
    lines = ['<ul class="lm-toc" markdown>']
    for src, title_fa, title_en in SERIES:
        title = title_fa if lang == "fa" else title_en
        if (docs_dir / _localized(src, lang)).exists():
            lines.append(f"<li markdown>[{title}]({prefix}{_localized(src, lang)})</li>")
        else:
            lines.append(f'<li class="lm-soon">{title} <small>({COMING[lang]})</small></li>')
    lines.append("</ul>")
    return "\n".join(lines)


def on_page_markdown(markdown: str, page, config, **_kwargs) -> str:
    if MARKER not in markdown:
        return markdown
    src = page.file.src_uri
    lang = "en" if src.endswith(".en.md") else "fa"
    return markdown.replace(MARKER, series_toc(Path(config["docs_dir"]), src, lang))
