"""Build hook: readable, working heading anchors on notebook pages.

nbconvert derives heading ids by dropping every non-ASCII character, so Persian headings in a
notebook page get empty ids, while mkdocs-jupyter's table of contents links to ``#_1``, ``#_2``...
which exist nowhere: the page's table of contents goes nowhere. This hook gives every heading of a
notebook page the same slug the rest of the site uses (pymdownx's unicode slugify, see mkdocs.yml),
and points the table of contents and the headings' own anchor links at them, in document order.
"""
from __future__ import annotations

import re

from pymdownx.slugs import slugify

HEADING = re.compile(r"<h([1-6])([^>]*)>(.*?)</h\1>", re.DOTALL)
ID_ATTRIBUTE = re.compile(r'\sid="[^"]*"')
ANCHOR_LINK = re.compile(r'(<a class="anchor-link" href=")#[^"]*(")')
TAG = re.compile(r"<[^>]+>")
NOTEBOOK_SUFFIXES = (".py", ".ipynb")
_slugify = slugify(case="lower")


def _heading_text(inner_html: str) -> str:
    return TAG.sub("", ANCHOR_LINK.sub(r"\1\2", inner_html)).replace("¶", "").strip()


def _unique(slug: str, seen: dict[str, int]) -> str:
    base = slug or "section"
    count = seen.get(base, 0)
    seen[base] = count + 1
    return base if count == 0 else f"{base}_{count}"


def _toc_in_order(items):
    for item in items:
        yield item
        yield from _toc_in_order(item.children)


def on_page_content(html: str, page, **_kwargs) -> str:
    if not page.file.src_uri.endswith(NOTEBOOK_SUFFIXES):
        return html
    seen: dict[str, int] = {}
    ids: list[str] = []

    def renumber(match: re.Match) -> str:
        level, attributes, inner = match.groups()
        anchor = _unique(_slugify(_heading_text(inner), "-"), seen)
        ids.append(anchor)
        attributes = ID_ATTRIBUTE.sub("", attributes)
        inner = ANCHOR_LINK.sub(rf"\1#{anchor}\2", inner)
        return f'<h{level} id="{anchor}"{attributes}>{inner}</h{level}>'

    html = HEADING.sub(renumber, html)
    for item, anchor in zip(_toc_in_order(page.toc), ids):
        item.id = anchor
    return html
