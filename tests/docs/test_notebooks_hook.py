"""hooks/notebooks.py: notebook pages from one code file and a prose page per language, run once, cached."""
from __future__ import annotations

import logging
import sys
import textwrap
from pathlib import Path

import markdown
import nbformat
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from support.paths import DOCS, ROOT
from support.site import build_site

sys.path.insert(0, str(ROOT / "hooks"))

import notebooks  # noqa: E402

CODE = DOCS / "recipes" / "train-gpt.py"
PAGES = {"fa": DOCS / "recipes" / "train-gpt.md", "en": DOCS / "recipes" / "train-gpt.en.md"}


@pytest.fixture(scope="module")
def site_toc() -> dict:
    """The `toc` settings of mkdocs.yml: the slugify every other page of the site gets its ids from."""
    return load_config(str(ROOT / "mkdocs.yml")).mdx_configs["toc"]


def _slug(toc):
    return toc["slugify"], toc.get("separator", "-")


# ---------------------------------------------------------------- the code file
def test_code_cells_are_named_and_the_header_is_not_a_cell():
    text = "# how to run me\n\n# %% setup\nimport json\n\n\n# %% show\nprint(json.dumps([1]))\n\n"
    cells = notebooks.parse_code_cells(text, "x.py")
    assert [(c.name, c.source) for c in cells] == [("setup", "import json"), ("show", "print(json.dumps([1]))")]


@pytest.mark.parametrize(("text", "message"), [
    ("print(1)\n", "x.py: no code cells"),
    ("# %% a\nx = 1\n# %%\ny = 2\n", "x.py:3: name the cell"),
    ("# %% a\nx = 1\n# %% [markdown]\n# prose\n", "x.py:3: name the cell"),
    ("# %% a\nx = 1\n# %% a\ny = 2\n", "x.py:3: a second cell 'a'"),
])
def test_a_bad_code_file_is_one_line_naming_the_line(text, message):
    with pytest.raises(PluginError, match="^" + message):
        notebooks.parse_code_cells(text, "x.py")


# ---------------------------------------------------------------- the prose pages
def test_prose_is_cut_at_the_markers_and_fences_are_prose():
    page = ("---\nnotebook: x.py\n---\n# Title\n\n<!-- cell: a -->\n\n"
            "```md\n<!-- cell: b -->\n```\n<!-- cell: b -->\nEnd.\n")
    parts = notebooks.split_prose(page, "p.md", ["a", "b"])
    assert parts == [("# Title", "a"), ("```md\n<!-- cell: b -->\n```", "b"), ("End.", None)]


@pytest.mark.parametrize(("page", "message"), [
    ("<!-- cell: a -->\n<!-- cell: c -->\n", "p.md:2: there is no cell 'c'; the cells: a, b"),
    ("<!-- cell: b -->\n<!-- cell: a -->\n", "p.md:1: cell 'b' here, but the next cell of the code file is 'a'"),
    ("<!-- cell: a -->\n<!-- cell: b -->\n<!-- cell: b -->\n", "p.md:3: cell 'b' is placed a second time"),
    ("---\nnotebook: x.py\n---\n\n<!-- cell: a -->\n", "p.md: cells b are never placed"),
    ("---\nnotebook: x.py\n---\n\n<!-- cell: b -->\n", "p.md:5: cell 'b' here"),
])
def test_a_bad_prose_page_is_one_line_naming_the_line(page, message):
    with pytest.raises(PluginError, match="^" + message):
        notebooks.split_prose(page, "p.md", ["a", "b"])


def _reference_ids(prose: str, toc: dict) -> list[str]:
    """The ids Python-Markdown gives the page's headings with the site's toc settings (the rest of the site)."""
    md = markdown.Markdown(extensions=["toc", "fenced_code"], extension_configs={"toc": toc})
    md.convert(prose)

    def flat(tokens):
        for token in tokens:
            yield token["id"]
            yield from flat(token["children"])
    return list(flat(md.toc_tokens))


@pytest.mark.parametrize("lang", PAGES)
def test_headings_get_the_ids_the_rest_of_the_site_gets(lang, site_toc):
    text = PAGES[lang].read_text(encoding="utf-8")
    names = [c.name for c in notebooks.parse_code_cells(CODE.read_text(encoding="utf-8"), "code")]
    parts = notebooks.split_prose(text, "page", names)
    notebook, headings = notebooks.page_notebook(parts, _fake_outputs(), *_slug(site_toc))
    prose = "\n\n".join(part for part, _ in parts)
    assert [h.id for h in headings] == _reference_ids(prose, site_toc)
    assert len(headings) >= 10 and headings[0].level == 1
    if lang == "fa":
        assert "آمادهسازی-داده" in [h.id for h in headings]  # Persian letters kept, ZWNJ dropped as elsewhere
    rendered = "".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    for heading in headings:
        assert f'<h{heading.level} id="{heading.id}">' in rendered


def test_repeated_headings_get_numbered_ids_like_python_markdown(site_toc):
    prose = "# خانه\n\n## نصب\n\ntext\n\n## نصب\n\n```bash\n# not a heading\n```\n"
    _, headings = notebooks.with_heading_ids(prose, *_slug(site_toc), set())
    assert [h.id for h in headings] == _reference_ids(prose, site_toc) == ["خانه", "نصب", "نصب_1"]


# ---------------------------------------------------------------- one source for both languages
def _fake_outputs() -> nbformat.NotebookNode:
    """The recipe's code cells with a made-up output each, as if they had run."""
    notebook = nbformat.v4.new_notebook(metadata=dict(notebooks.KERNEL))
    for cell in notebooks.parse_code_cells(CODE.read_text(encoding="utf-8"), "code"):
        node = nbformat.v4.new_code_cell(cell.source, id=cell.name, execution_count=1)
        node.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"output of {cell.name}\n")]
        notebook.cells.append(node)
    return notebook


def test_both_languages_get_the_code_file_cells_and_their_outputs(site_toc):
    """The generator, not a copy check: each page's notebook takes its code cells from the one code file."""
    cells = notebooks.parse_code_cells(CODE.read_text(encoding="utf-8"), "code")
    executed = _fake_outputs()
    books = {}
    for lang, page in PAGES.items():
        parts = notebooks.split_prose(page.read_text(encoding="utf-8"), "page", [c.name for c in cells])
        books[lang], _ = notebooks.page_notebook(parts, executed, *_slug(site_toc))
    code = {lang: [c for c in book.cells if c.cell_type == "code"] for lang, book in books.items()}
    assert [c.source for c in code["fa"]] == [c.source for c in code["en"]] == [c.source for c in cells]
    assert code["fa"] == code["en"]  # the same outputs too
    prose = {lang: " ".join(c.source for c in book.cells if c.cell_type == "markdown")
             for lang, book in books.items()}
    assert "آماده‌سازی داده" in prose["fa"] and "Prepare the data" not in prose["fa"]
    assert "Prepare the data" in prose["en"]


def test_the_page_notebook_is_the_same_bytes_every_time(site_toc):
    names = [cell.id for cell in _fake_outputs().cells]
    parts = notebooks.split_prose(PAGES["fa"].read_text(encoding="utf-8"), "page", names)
    first, second = (nbformat.writes(notebooks.page_notebook(parts, _fake_outputs(), *_slug(site_toc))[0])
                     for _ in range(2))
    assert first == second


# ---------------------------------------------------------------- running, caching, missing torch
def test_the_cache_key_follows_the_code_and_the_package_not_bytecode(tmp_path):
    package = tmp_path / "lmdocs"
    package.mkdir()
    (package / "a.py").write_text("x = 1\n")
    cells = [notebooks.CodeCell("a", "print(1)")]
    key = notebooks.cache_key(cells, package)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")
    assert notebooks.cache_key(cells, package) == key
    assert notebooks.cache_key([notebooks.CodeCell("a", "print(2)")], package) != key
    (package / "a.py").write_text("x = 2\n")
    assert notebooks.cache_key(cells, package) != key
    assert notebooks.cache_key(cells, tmp_path / "absent")  # a project without the package still works


def test_without_torch_the_recipe_is_shown_unexecuted(monkeypatch):
    """What `make serve` (site extras only) sees: torch cannot be imported, so the code is not run."""
    cells = notebooks.parse_code_cells(CODE.read_text(encoding="utf-8"), "code")
    assert notebooks.missing_modules(cells) == []
    monkeypatch.setitem(sys.modules, "torch", None)  # import torch now fails, as without the train extras
    assert notebooks.missing_modules(cells) == ["torch"]


def _project(tmp_path: Path, code: str) -> tuple[Path, str]:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "nb.py").write_text(code, encoding="utf-8")
    return tmp_path, "docs/nb.py"


def test_cells_run_once_then_come_from_the_cache(tmp_path, monkeypatch):
    counter = tmp_path / "runs.txt"
    monkeypatch.setenv("NOTEBOOK_TEST_COUNTER", str(counter))
    code = ("# %% count\nimport os\nopen(os.environ['NOTEBOOK_TEST_COUNTER'], 'a').write('x')\n"
            "print('salam ' * 2)\n# %% cwd\nprint(os.getcwd() != os.environ['NOTEBOOK_TEST_ROOT'])\n")
    monkeypatch.setenv("NOTEBOOK_TEST_ROOT", str(tmp_path))
    root, where = _project(tmp_path, code)
    cells = notebooks.parse_code_cells(code, where)
    first = notebooks.code_notebook(cells, root, where)
    second = notebooks.code_notebook(cells, root, where)
    assert counter.read_text() == "x"  # the second call read the cache
    assert first == second and first.metadata["lmdocs"]["executed"] is True
    count, cwd = first.cells
    assert count.outputs[0].text == "salam salam \n"
    assert cwd.outputs[0].text == "True\n"  # it ran in a scratch directory, not in the project
    assert len(list((root / notebooks.CACHE_DIR / "executed").glob("docs--nb-*.ipynb"))) == 1


def test_a_failing_cell_fails_the_build_with_one_line_naming_it(tmp_path):
    code = "# %% fine\nx = 1\n# %% boom\nraise ValueError('the data is empty')\n"
    root, where = _project(tmp_path, code)
    with pytest.raises(PluginError, match=r"^docs/nb.py: cell 'boom' raised ValueError: the data is empty "):
        notebooks.code_notebook(notebooks.parse_code_cells(code, where), root, where)
    assert not (root / notebooks.CACHE_DIR / "executed").exists()


def test_a_missing_module_gives_code_without_outputs_and_one_line(tmp_path, caplog):
    code = "# %% needs\nimport lmdocs_test_module_that_is_not_installed\n"
    root, where = _project(tmp_path, code)
    cells = notebooks.parse_code_cells(code, where)
    with caplog.at_level(logging.INFO):
        for _ in range(2):  # two languages, one line
            notebook = notebooks.code_notebook(cells, root, where)
    assert notebook.cells[0].outputs == [] and notebook.cells[0].execution_count is None
    assert notebook.metadata["lmdocs"]["executed"] is False
    lines = [r.getMessage() for r in caplog.records if "without outputs" in r.getMessage()]
    assert len(lines) == 1 and "lmdocs_test_module_that_is_not_installed is not installed" in lines[0]


# ---------------------------------------------------------------- a whole bilingual build
PAGE_FA = """---
notebook: nb.py
---
# دفترچهٔ آزمایشی

متنی برای آزمون.

<!-- cell: greet -->

## نتیجه‌ها

<!-- cell: square -->
"""
PAGE_EN = (PAGE_FA.replace("دفترچهٔ آزمایشی", "Test notebook").replace("متنی برای آزمون.", "Some text.")
           .replace("نتیجه‌ها", "Results"))
NB_CODE = "# %% greet\nprint('salam ' * 2)\n\n# %% square\nprint(sum(i * i for i in range(4)))\n"


def test_notebook_pages_build_in_both_languages_with_outputs_and_working_anchors(tmp_path):
    """The hook with mkdocs-static-i18n and mkdocs-jupyter as mkdocs.yml sets them up; this fails if either
    plugin changes what the hook relies on (i18n placing .md pages, mkdocs-jupyter rendering an .ipynb source)."""
    project = tmp_path / "project"
    docs = project / "docs"
    (docs / "recipes").mkdir(parents=True)
    (docs / "index.md").write_text("# خانه\n", encoding="utf-8")
    (docs / "index.en.md").write_text("# Home\n", encoding="utf-8")
    for name, text in (("nb.md", PAGE_FA), ("nb.en.md", PAGE_EN), ("nb.py", NB_CODE)):
        (docs / "recipes" / name).write_text(text, encoding="utf-8")
    (project / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: nb
        theme: {{name: material, language: fa}}
        plugins:
          - i18n:
              docs_structure: suffix
              languages:
                - {{locale: fa, name: فارسی, default: true}}
                - {{locale: en, name: English}}
          - mkdocs-jupyter:
              {{include: ["*.ipynb"], execute: false, cache: false, include_source: true, no_prompt: true}}
        hooks: [{ROOT / 'hooks' / 'notebooks.py'}]
        markdown_extensions:
          - toc:
              slugify: !!python/object/apply:pymdownx.slugs.slugify {{kwds: {{case: lower}}}}
        nav: [{{Home: index.md}}, {{Notebook: recipes/nb.md}}]
        """), encoding="utf-8")
    built = build_site(project / "site", config=project / "mkdocs.yml")
    pages = {"fa": built.path / "recipes" / "nb" / "index.html",
             "en": built.path / "en" / "recipes" / "nb" / "index.html"}
    titles = {"fa": "دفترچهٔ آزمایشی", "en": "Test notebook"}
    for lang, path in pages.items():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == lang and soup.title.text.startswith(titles[lang])
        outputs = [o.get_text() for o in soup.select(".jupyter-wrapper .jp-OutputArea-output")]
        assert [o.strip() for o in outputs] == ["salam salam", "14"]
        toc = [a["href"][1:] for a in soup.select(".md-sidebar--secondary nav.md-nav--secondary a.md-nav__link")]
        assert toc == ["نتیجهها" if lang == "fa" else "results"]
        assert all(soup.find(id=anchor) for anchor in toc)
        other = "en" if lang == "fa" else "fa"
        switch = soup.select_one(f'a.md-select__link[hreflang="{other}"]')["href"]
        assert (path.parent / switch / "index.html").resolve() == pages[other].resolve()
        assert nbformat.read(path.parent / "nb.ipynb", as_version=4).cells[1].outputs  # served, with outputs
    assert not (built.path / "recipes" / "nb.md").exists()
