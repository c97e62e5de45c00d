"""The build hooks and the theme's build-time pieces: Persian search (index and query rules, one
source: lmdocs.text), the home page's table of contents, the language selector's sitemaps."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lmdocs.text import normalize_for_search
from support.paths import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

import persian_search  # noqa: E402

QUERY_SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "persian-search.js"
# Strings a reader may type: Arabic letters, every Arabic mark, tatweel, ZWNJ, direction marks, Latin.
QUERIES = ["كتاب", "علي", "مصطفى", "شَبَکه", "مـدل", "خانهٔ", "شبکه‌های", "بازگَشتی", "a\u200fb\u200ec",
           "".join(map(chr, range(0x0600, 0x0700))), "Transformer ترنسفورمر"]

# Run the built query script in node with a stand-in Worker, and print what reaches the search worker.
_NODE_DRIVER = """
const sent = [];
globalThis.window = { Worker: class { postMessage(message) { sent.push(message.data); } } };
const script = require("fs").readFileSync(0, "utf8");
const queries = JSON.parse(process.argv[1]);
eval(script);
const worker = new window.Worker("assets/javascripts/workers/search.1234.min.js");
for (const query of queries) worker.postMessage({ type: 2, data: query });
new window.Worker("other.js").postMessage({ type: 2, data: queries[0] });   // not the search worker
process.stdout.write(JSON.stringify(sent));
"""


def fold_in_node(script: str, queries: list[str]) -> list[str]:
    done = subprocess.run(["node", "-e", _NODE_DRIVER, json.dumps(queries)], input=script, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_browser_folds_queries_exactly_as_lmdocs_text_does():
    script = persian_search.with_rules(QUERY_SCRIPT.read_text(encoding="utf-8"))
    folded = fold_in_node(script, QUERIES)
    assert folded[:-1] == [normalize_for_search(q, query=True) for q in QUERIES]
    assert folded[-1] == QUERIES[0]                  # other workers' messages pass unchanged
    assert folded[0] == "کتاب" and folded[5] == "خانه" and folded[6] == "شبکه های"


def test_the_query_script_without_its_rules_is_an_error():
    from mkdocs.exceptions import PluginError
    with pytest.raises(PluginError, match="exactly once"):
        persian_search.with_rules("const RULES = null;")


def test_the_search_index_is_folded(tmp_path):
    index = tmp_path / "search_index.json"
    index.write_text(json.dumps({"config": {}, "docs": [{"location": "", "title": "كتاب", "text": "عَلي خانهٔ"}]}))
    persian_search.fold_index(index)
    doc = json.loads(index.read_text())["docs"][0]
    assert (doc["title"], doc["text"]) == ("کتاب", "علی خانه")


def test_an_index_in_another_format_is_an_error(tmp_path):
    from mkdocs.exceptions import PluginError
    index = tmp_path / "search_index.json"
    index.write_text(json.dumps({"config": {}, "pages": []}))
    with pytest.raises(PluginError, match="format changed"):
        persian_search.fold_index(index)


def test_the_built_index_of_both_languages_is_folded(site_dir):
    """mkdocs-static-i18n rewrites the index after the languages are built: the hook must run after it."""
    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert any(d["location"].startswith("en/") for d in docs) and any(not d["location"].startswith("en/") for d in docs)
    text = " ".join(d["title"] + " " + d["text"] for d in docs)
    assert "خانه" in text and normalize_for_search(text) == text


def test_the_built_query_script_carries_the_rules(site_dir):
    built = (site_dir / "assets" / "javascripts" / "persian-search.js").read_text(encoding="utf-8")
    assert built == persian_search.with_rules(QUERY_SCRIPT.read_text(encoding="utf-8"))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_toc, self.toc, self.alternates = False, [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "nav" and "lm-toc" in attributes.get("class", ""):
            self.in_toc = True
        elif tag == "a" and self.in_toc:
            self.toc.append(attributes["href"])
        elif tag == "link" and attributes.get("rel") == "alternate":
            self.alternates.append((attributes["hreflang"], attributes["href"]))

    def handle_endtag(self, tag):
        if tag == "nav":
            self.in_toc = False


def _links(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("home", ["index.html", "en/index.html"])
def test_the_home_page_lists_every_page_of_the_nav_once_with_its_own_title(site_dir, home):
    root = (site_dir / home).parent
    html = (site_dir / home).read_text(encoding="utf-8")
    linked = _links(site_dir / home).toc
    other_roots = {site_dir / "assets", site_dir / "en"} - {root}
    pages = [p.parent for p in root.glob("*/**/index.html") if not any(p.is_relative_to(r) for r in other_roots)]
    assert len(pages) >= 10
    assert sorted(linked) == sorted(p.relative_to(root).as_posix() + "/" for p in pages)
    for href in linked:                         # the link's text is the title the page gives itself
        page = root / href / "index.html"
        title = re.search(r"<title>(.*?) - ", page.read_text(encoding="utf-8"), re.DOTALL).group(1)
        assert f'<a href="{href}">{title}</a>' in html
    assert "<!-- articles -->" not in html


def test_every_alternate_language_link_leads_to_a_home_with_a_sitemap(site, site_dir):
    """Material fetches <alternate>/sitemap.xml for every <link rel="alternate">: each must exist."""
    missing = set()
    for page in site.html_pages():
        links = _links(page).alternates
        assert [lang for lang, _ in links] == ["fa", "en"], page
        for _lang, href in links:
            home = (page.parent / href).resolve()
            if not (home / "sitemap.xml").is_file():
                missing.add(str(home.relative_to(site_dir)))
            assert home in (site_dir, site_dir / "en"), f"{page}: {href} is not a language's home"
    assert missing == set()
    assert (site_dir / "en" / "sitemap.xml").read_bytes() == (site_dir / "sitemap.xml").read_bytes()
