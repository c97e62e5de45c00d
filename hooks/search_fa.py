"""Build hook: make the search index Persian-aware.

Material's search treats ``fa`` as English, and lunr knows nothing of Persian. The index is therefore
normalised after the build the same way the query is normalised in the browser
(``assets/javascripts/search-fa.js``): Arabic yeh/kaf become Persian, diacritics and tatweel are dropped.
Zero-width non-joiners are kept in the text and treated as word separators (see ``separator`` in
mkdocs.yml), so «شبکه‌های» and «شبکه های» index to the same words.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

# Arabic letters that have a distinct Persian form.
LETTER_MAP = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})
# Harakat, tanwin, shadda, sukun, superscript alef, hamza above/below, and tatweel.
MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def normalize_for_search(text: str) -> str:
    """>>> normalize_for_search('كتابِ علي') == 'کتاب علی'
    True
    """
    return MARKS.sub("", text.translate(LETTER_MAP))


def on_post_build(config, **_kwargs) -> None:
    index_path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    for doc in index.get("docs", []):
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = normalize_for_search(doc[field])
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
