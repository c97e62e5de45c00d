"""Build hook: Persian-aware search, with the rules of ``lmdocs.text.normalize_for_search``.

Material's search treats ``fa`` as English, and lunr knows nothing of Persian. So after the build:

- the search index (``search/search_index.json``) is folded with ``normalize_for_search``: Arabic
  yeh/kaf become Persian, every Arabic mark and tatweel is dropped. Zero-width non-joiners stay in
  the text and split words (``separator`` in mkdocs.yml), so «شبکه‌های» and «شبکه های» index alike;
- the built ``assets/javascripts/persian-search.js``, which folds the reader's query in the browser,
  receives the same rules as data (``search_rules()``) in place of its ``RULES_MARKER``.

So the rules are written once, in ``lmdocs/text/normalize.py``. mkdocs-static-i18n writes the final
index of both languages at the end of its own ``on_post_build`` (priority -100): this one runs after it.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from lmdocs.text import normalize_for_search, search_rules

INDEX = Path("search") / "search_index.json"
SCRIPT = Path("assets") / "javascripts" / "persian-search.js"
RULES_MARKER = "/* rules: written here at build time by hooks/persian_search.py */ null"


def fold_index(index_path: Path) -> None:
    """Fold the title and text of every entry of Material's search index, in place."""
    index = json.loads(index_path.read_text(encoding="utf-8"))
    if not isinstance(index.get("docs"), list):
        raise PluginError(f"{index_path} has no 'docs' list: has Material's search index format changed?")
    for doc in index["docs"]:
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = normalize_for_search(doc[field])
    _write(index_path, json.dumps(index, ensure_ascii=False, separators=(",", ":")))


def with_rules(script: str) -> str:
    """The browser's query folder with the rules of ``normalize_for_search`` in place of the marker."""
    if script.count(RULES_MARKER) != 1:
        raise PluginError(f"{SCRIPT} must hold {RULES_MARKER!r} exactly once (where the rules go).")
    return script.replace(RULES_MARKER, json.dumps(search_rules(), ensure_ascii=True))


def _write(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


@event_priority(-200)
def on_post_build(config, **_kwargs) -> None:
    site = Path(config["site_dir"])
    if (site / INDEX).exists():      # the inner English build has none: the index is the site's
        fold_index(site / INDEX)
    source = Path(config["theme"].custom_dir) / SCRIPT
    if (site / SCRIPT).exists():
        _write(site / SCRIPT, with_rules(source.read_text(encoding="utf-8")))
