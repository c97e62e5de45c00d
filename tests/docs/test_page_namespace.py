"""The blocks of a page share one namespace (the site's runner runs them all in one dict): a demo's
inputs keep working after every other block of its page ran in that namespace after it.

The reader's order this copies: run a demo, run (or run again) the page's snippets, exercises and other
demos, then move the first demo's slider. A demo that kept `T` or `state` at module level would now
read another block's `T` (a snippet's `T = 4`) and fail, or draw from another demo's state.
"""
from __future__ import annotations

import pytest

import lmdocs.page.inputs
from lmdocs import page
from support.cells import DOCS, Cell, page_cells
from support.reader import changed_value


def pages_with_demos() -> list[str]:
    """The Persian pages (the English ones run the same blocks) whose blocks include a demo."""
    return sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md")
                  if not path.name.endswith(".en.md")
                  and any(src.startswith("demos/") for cell in page_cells(path) for src in cell.sources))


def run_cell(cell: Cell, namespace: dict, registry: dict) -> None:
    with page.cell(block=cell.ident, lang=cell.lang, callbacks=registry):
        exec(compile(cell.code, cell.ident, "exec"), namespace)


@pytest.mark.parametrize("name", pages_with_demos())
def test_each_demos_inputs_work_after_the_pages_other_blocks_ran(name, monkeypatch, capsys):
    cells = page_cells(DOCS / name)
    namespace: dict = {"__name__": "__main__"}
    registry: dict = {}
    inputs: list[dict] = []
    monkeypatch.setattr(lmdocs.page.inputs, "emit", inputs.append)  # the inputs each block makes
    for demo in [c for c in cells if any(src.startswith("demos/") for src in c.sources)]:
        inputs.clear()
        run_cell(demo, namespace, registry)
        made = list(inputs)
        for other in cells:
            if other is not demo:
                run_cell(other, namespace, registry)
        capsys.readouterr()
        with page.cell(block=demo.ident, lang=demo.lang, callbacks=registry):
            for message in made:
                page.dispatch(message["key"], changed_value(message))
        assert capsys.readouterr().out.strip(), f"{demo.ident} drew nothing when its inputs changed"
