"""Build hook: notebook pages whose code is written once, run once at build time, shown with outputs.

A notebook page is an ordinary page pair whose front matter names a code file::

    docs/recipes/train-gpt.py      the code cells, once; a line `# %% NAME` starts the cell NAME
    docs/recipes/train-gpt.md      Persian prose, front matter `notebook: train-gpt.py`; a line
    docs/recipes/train-gpt.en.md   `<!-- cell: NAME -->` places cell NAME (every cell once, in order)

For each such page this hook writes a notebook (the page's prose as Markdown cells, the code cells
with their outputs) under .cache/notebooks/ and makes it the page's source; mkdocs-jupyter renders it.

* The code runs once per content hash (the code cells and every file of the lmdocs package) in a
  Jupyter kernel on one CPU thread, with the repository first on PYTHONPATH; both languages share the
  outputs, and later builds read them from .cache/notebooks/. When a module the code imports is
  missing (`make serve` installs the site extras, without torch), the pages show the code without
  outputs and the build logs one line saying so. A failing cell fails the build, naming the cell.
* Headings get the ids of the rest of the site (the `toc` slugify of mkdocs.yml; nbconvert's drop every
  Persian letter), written into the notebook as HTML headings; the table of contents and title follow.
* mkdocs-static-i18n places the pair like any other (URLs, language switch, sitemap, search); this
  hook runs after it and only points each page's source at its notebook. Nothing is patched.

>>> cells = parse_code_cells("# how to run this file\\n# %% hello\\nprint('salam')\\n", "x.py")
>>> [(cell.name, cell.source) for cell in cells]
[('hello', "print('salam')")]
"""
from __future__ import annotations

import ast
import hashlib
import html
import importlib.util
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
from markdown.extensions.toc import nest_toc_tokens, slugify as markdown_slugify, unique
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

log = get_plugin_logger("notebooks")

CELL_NAME = re.compile(r"[A-Za-z0-9_-]{1,60}")  # also a valid notebook cell id
CELL_MARKER = re.compile(r"<!--\s*cell:\s*(\S+)\s*-->\s*")
HEADING = re.compile(r"(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*")
FENCE = re.compile(r"(```|~~~)")
CACHE_DIR = Path(".cache") / "notebooks"  # under the directory of mkdocs.yml
PACKAGE = "lmdocs"  # the package the code imports: its files are part of the cache key
KEEP_EXECUTIONS = 3  # cached executions kept per code file
CELL_TIMEOUT_S = 1800
KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
_reported: set[str] = set()  # "not executed" is said once per process, not once per language

Slugify = Callable[[str, str], str]  # (text, separator) -> id, as Python-Markdown's toc extension takes it


@dataclass(frozen=True)
class CodeCell:
    name: str
    source: str


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    title: str  # plain text, as written after the #s


# ---------------------------------------------------------------- reading the sources
def parse_code_cells(text: str, where: str) -> list[CodeCell]:
    """The cells of a code file: each starts at a line `# %% NAME`; the lines before the first are a header."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("# %%")] + [len(lines)]
    if len(starts) == 1:
        raise PluginError(f"{where}: no code cells; start each with a line '# %% NAME'")
    cells: list[CodeCell] = []
    for start, end in zip(starts, starts[1:]):
        name = lines[start][4:].strip()
        if not CELL_NAME.fullmatch(name):
            raise PluginError(f"{where}:{start + 1}: name the cell with letters, digits, '-' or '_' "
                              f"('# %% prepare'; prose belongs in the pages), not {lines[start]!r}")
        if any(cell.name == name for cell in cells):
            raise PluginError(f"{where}:{start + 1}: a second cell {name!r}; give every cell its own name")
        cells.append(CodeCell(name, "\n".join(lines[start + 1:end]).strip("\n")))
    return cells


def split_prose(text: str, where: str, names: list[str]) -> list[tuple[str, str | None]]:
    """The page's prose cut at its cell markers: [(prose, cell after it), ..., (last prose, None)]."""
    markdown, _meta = get_data(text)
    first_line = len(text.splitlines()) - len(markdown.splitlines()) + 1
    parts: list[tuple[str, str | None]] = []
    prose: list[str] = []
    fenced = False
    for number, line in enumerate(markdown.splitlines(), first_line):
        fenced ^= bool(FENCE.match(line))
        marker = None if fenced else CELL_MARKER.fullmatch(line)
        if marker is None:
            prose.append(line)
            continue
        name = marker.group(1)
        if name not in names:
            raise PluginError(f"{where}:{number}: there is no cell {name!r}; the cells: {', '.join(names)}")
        if name in (placed for _, placed in parts):
            raise PluginError(f"{where}:{number}: cell {name!r} is placed a second time; "
                              "place every cell once")
        if name != names[len(parts)]:
            raise PluginError(f"{where}:{number}: cell {name!r} here, but the next cell of the code file is "
                              f"{names[len(parts)]!r}; place the cells in the code file's order")
        parts.append(("\n".join(prose).strip("\n"), name))
        prose = []
    missing = names[len(parts):]
    if missing:
        raise PluginError(f"{where}: cells {', '.join(missing)} are never placed; "
                          "add a line '<!-- cell: NAME -->' for each")
    return parts + [("\n".join(prose).strip("\n"), None)]


def with_heading_ids(markdown: str, slugify: Slugify, separator: str,
                     used: set[str]) -> tuple[str, list[Heading]]:
    """``markdown`` with its `#` headings written as HTML headings that carry the site's ids."""
    lines: list[str] = []
    headings: list[Heading] = []
    fenced = False
    for line in markdown.splitlines():
        fenced ^= bool(FENCE.match(line))
        match = None if fenced else HEADING.fullmatch(line)
        if match is None:
            lines.append(line)
            continue
        level, title = len(match.group(1)), match.group(2)
        anchor = unique(slugify(title, separator), used)
        headings.append(Heading(level, anchor, title))
        text = html.escape(title, quote=False)
        link = f'<a class="anchor-link" href="#{anchor}">¶</a>'  # as nbconvert marks its headings
        lines += [f'<h{level} id="{anchor}">{text}{link}</h{level}>', ""]
    return "\n".join(lines), headings


# ---------------------------------------------------------------- running the code, cached
def cache_key(cells: list[CodeCell], package: Path) -> str:
    """Hash of what the outputs depend on: the code cells and every file of the package."""
    digest = hashlib.sha256(b"lmdocs-notebooks-1\0")
    for cell in cells:
        digest.update(f"{cell.name}\0{cell.source}\0".encode())
    for path in sorted(package.rglob("*")) if package.is_dir() else []:
        if path.is_file() and "__pycache__" not in path.parts:
            name = path.relative_to(package).as_posix().encode()
            digest.update(name + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def missing_modules(cells: list[CodeCell]) -> list[str]:
    """Top-level modules the cells import that this Python cannot find (e.g. torch under `make serve`)."""
    names = set()
    for cell in cells:
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return sorted(name for name in names if importlib.util.find_spec(name) is None)


def execute(cells: list[CodeCell], root: Path, where: str) -> nbformat.NotebookNode:
    """Run the cells in a fresh kernel on the CPU, in a scratch directory; the notebook with outputs."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from traitlets.config import Config

    notebook = nbformat.v4.new_notebook(metadata=dict(KERNEL))
    notebook.cells = [nbformat.v4.new_code_cell(cell.source, id=cell.name) for cell in cells]
    path = os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))
    # no GPU; one thread: spinning OpenMP threads stall a busy machine, and sums do not depend on cores
    env = {**os.environ, "PYTHONPATH": path, "CUDA_VISIBLE_DEVICES": "", "OMP_NUM_THREADS": "1"}
    with tempfile.TemporaryDirectory(prefix="lmdocs-notebook-") as work:
        sockets = Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(work, "kernel")}})
        client = NotebookClient(notebook, kernel_name="python3", config=sockets, timeout=CELL_TIMEOUT_S,
                                coalesce_streams=True, record_timing=False,
                                resources={"metadata": {"path": work}})  # the kernel's working directory
        try:
            client.execute(env=env)
        except CellExecutionError as error:
            failed = [c.id for c in notebook.cells if any(o.output_type == "error" for o in c.outputs)] or ["?"]
            raise PluginError(f"{where}: cell {failed[0]!r} raised {error.ename}: {error.evalue} "
                              f"(run `python {where}` to see the traceback)") from None
    return notebook


def code_notebook(cells: list[CodeCell], root: Path, where: str) -> nbformat.NotebookNode:
    """The code cells as a notebook with outputs (from the cache or a fresh run), or without outputs."""
    key = cache_key(cells, root / PACKAGE)
    runs = root / CACHE_DIR / "executed"
    stem = Path(where).with_suffix("").as_posix().replace("/", "--")
    cached = runs / f"{stem}-{key}.ipynb"
    if cached.exists():
        return nbformat.read(cached, as_version=4)
    missing = missing_modules(cells)
    if missing:
        if where not in _reported:
            _reported.add(where)
            log.info(f"{where} is shown without outputs, as {', '.join(missing)} is not installed here "
                     "(pip install -e '.[train]' installs it; the next build runs the code once)")
        unexecuted = {**KERNEL, "lmdocs": {"source": where, "executed": False}}
        notebook = nbformat.v4.new_notebook(metadata=unexecuted)
        notebook.cells = [nbformat.v4.new_code_cell(cell.source, id=cell.name) for cell in cells]
        return notebook
    log.info(f"running {where} (its code or the {PACKAGE} package changed); outputs go to {cached.parent}")
    started = time.perf_counter()
    notebook = execute(cells, root, where)
    seconds = round(time.perf_counter() - started, 1)
    notebook.metadata["lmdocs"] = {"source": where, "executed": True, "seconds": seconds}
    _write(cached, nbformat.writes(notebook))
    log.info(f"ran {where} in {seconds:.0f} s")
    for stale in sorted(runs.glob(f"{stem}-*.ipynb"), key=os.path.getmtime)[:-KEEP_EXECUTIONS]:
        stale.unlink()
    return notebook


def _write(path: Path, text: str) -> None:
    """Write ``text`` atomically (a temporary file, then a rename), and only when it changed."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


# ---------------------------------------------------------------- one page's notebook
def page_notebook(parts: list[tuple[str, str | None]], code: nbformat.NotebookNode,
                  slugify: Slugify, separator: str) -> tuple[nbformat.NotebookNode, list[Heading]]:
    """The page's notebook (its prose, the shared code cells) and its headings, in order."""
    notebook = nbformat.v4.new_notebook(metadata=code.metadata)
    cells = {cell.id: cell for cell in code.cells}
    used: set[str] = set()
    headings: list[Heading] = []
    for prose, name in parts:
        if prose:
            markdown, found = with_heading_ids(prose, slugify, separator, used)
            notebook.cells.append(nbformat.v4.new_markdown_cell(markdown, id=f"prose-{name or 'end'}"))
            headings += found
        if name:
            notebook.cells.append(cells[name])
    nbformat.validate(notebook)
    return notebook, headings


def write_page_notebook(page_path: Path, code_path: Path, root: Path, slugify: Slugify,
                        separator: str) -> tuple[Path, list[Heading]]:
    """Write one page's notebook under .cache/notebooks/pages/; its path and its headings."""
    code_where, page_where = (Path(os.path.relpath(p, root)).as_posix() for p in (code_path, page_path))
    cells = parse_code_cells(code_path.read_text(encoding="utf-8"), code_where)
    parts = split_prose(page_path.read_text(encoding="utf-8"), page_where, [cell.name for cell in cells])
    notebook, headings = page_notebook(parts, code_notebook(cells, root, code_where), slugify, separator)
    # named after the code file, in a folder per page: the page offers it for download under that name
    target = root / CACHE_DIR / "pages" / Path(page_where).with_suffix("") / f"{code_path.stem}.ipynb"
    _write(target, nbformat.writes(notebook))
    return target, headings


# ---------------------------------------------------------------- MkDocs events
@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this language's pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Point every notebook page's source at its notebook, written (and run, if needed) now."""
    root = Path(config.config_file_path).parent
    toc = config.mdx_configs.get("toc", {})
    slugify, separator = toc.get("slugify", markdown_slugify), toc.get("separator", "-")
    for file in files.documentation_pages():
        page_path = Path(file.abs_src_path)
        code = get_data(file.content_string)[1].get("notebook")
        if code is None:
            continue
        code_path = page_path.parent / code
        if not code_path.is_file():
            raise PluginError(f"{file.src_uri}: its front matter says notebook: {code}, which does not exist")
        notebook_path, headings = write_page_notebook(page_path, code_path, root, slugify, separator)
        file.abs_src_path = str(notebook_path)  # the page's source is now its notebook
        file.notebook_headings = headings
    return files


def on_page_content(html_text: str, page: Page, **_kwargs) -> str:
    """A notebook page's table of contents and title come from its headings."""
    headings = getattr(page.file, "notebook_headings", None)
    if headings:
        tokens = [{"level": h.level, "id": h.id, "name": html.escape(h.title, quote=False)}
                  for h in headings]
        page.toc = get_toc(nest_toc_tokens(tokens))
        page.title = next((h.title for h in headings if h.level == 1), page.title)
    return html_text
