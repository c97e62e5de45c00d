"""lmdocs.page: draw charts, tables, tokens and inputs from Python into the page (the demo bridge).

In the browser (a ```pyrun block running in Pyodide) every call sends a small JSON message that the
page draws in the output area of the block that is running. In CPython (a terminal, the tests) every
call prints a readable text version instead, so a demo is also a plain script:

    >>> from lmdocs import page
    >>> page.bar_chart("counts", ["a", "b"], [3, 1], title="letters")
    letters
      a  3
      b  1
    >>> chart = page.line_chart("loss", title="loss", series={"train": [2.5]})
    loss: train = [2.5]
    >>> chart.append("train", 2.25)
    loss: train[1] = 2.25

Each element has a `key`, unique within its block; calling again with the same key updates the
element in place. Input callbacks (`on_change`, `on_click`) run later, in the worker, when the
reader changes the input; in CPython they are never called. What it does not handle: images,
arbitrary HTML (text is always shown as text), and inputs other than slider, text, select, button.

The page's language is ``page.lang()``: the runner runs each block inside ``page.cell(block=...,
lang=...)`` (a context variable). To run a docs file as a page of a language from CPython:

    python -m lmdocs.page --lang fa docs/demos/ngram_explorer.py

or, from Python, ``with page.cell(lang="fa"): runpy.run_path(path, run_name="__main__")``.

Modules: ``context`` (the running cell), ``outbox`` (the operations and their batching),
``charts``, ``views``, ``inputs`` (the elements; ``bind`` makes an ``on_change`` that stores the new
value in a dict and redraws), ``values`` (checks), ``__main__`` (the command).
"""
from lmdocs.page.charts import LineChart, bar_chart, line_chart
from lmdocs.page.context import CellContext, cell, dispatch, flush, in_browser, lang
from lmdocs.page.inputs import bind, button, select, slider, text_input
from lmdocs.page.outbox import OPERATIONS
from lmdocs.page.views import heatmap, html_text, table, tokens

__all__ = [
    "OPERATIONS", "CellContext", "LineChart", "bar_chart", "bind", "button", "cell", "dispatch", "flush",
    "heatmap", "html_text", "in_browser", "lang", "line_chart", "select", "slider", "table",
    "text_input", "tokens",
]
