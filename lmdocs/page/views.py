"""Text-like elements of lmdocs.page: table, plain text, token chips, heatmap.

Text from Python is always shown as text in the page, never interpreted as HTML.

    >>> tokens("bpe", ["دو", "ش"], ids=[17, 4])
    دو(17)|ش(4)
"""
from __future__ import annotations

from lmdocs.page.context import emit, in_browser
from lmdocs.page.values import check_key, check_labels, check_number, fmt


def table(key: str, rows: list[list], headers: list[str] | None = None, title: str = "") -> None:
    """A table; cells are shown as text (str() of each value, floats with 4 significant digits)."""
    if not isinstance(rows, (list, tuple)) or not all(isinstance(r, (list, tuple)) for r in rows):
        raise TypeError("rows must be a list of rows, each a list of cell values.")
    cells = [[fmt(c) if isinstance(c, float) else str(c) for c in row] for row in rows]
    head = check_labels(headers, "headers") if headers is not None else None
    emit({"op": "table", "key": check_key(key), "rows": cells, "headers": head, "title": str(title)})
    if not in_browser():
        _print_table(cells, head, title)


def _print_table(cells: list[list[str]], head: list[str] | None, title: str) -> None:
    grid = ([head] if head else []) + cells
    widths = [max(len(r[i]) for r in grid if i < len(r)) for i in range(max(map(len, grid), default=0))]
    if title:
        print(title)
    for r, row in enumerate(grid):
        print("  ".join(c.ljust(widths[i]) for i, c in enumerate(row)).rstrip())
        if head and r == 0:
            print("  ".join("-" * w for w in widths))


def html_text(key: str, text: str) -> None:
    """A block of plain text, replaced in place on every call (never interpreted as HTML)."""
    emit({"op": "text", "key": check_key(key), "text": str(text)})
    if not in_browser():
        print(text)


def tokens(key: str, pieces: list[str], ids: list[int] | None = None) -> None:
    """Token pieces shown as coloured chips (with their ids on hover), e.g. a BPE segmentation."""
    pieces = check_labels(pieces, "pieces")
    if ids is not None:
        if len(ids) != len(pieces):
            raise ValueError(f"tokens got {len(pieces)} pieces and {len(ids)} ids; give one id per piece.")
        ids = [int(i) for i in ids]
    emit({"op": "tokens", "key": check_key(key), "pieces": pieces, "ids": ids})
    if not in_browser():
        shown = [p if ids is None else f"{p}({i})" for p, i in zip(pieces, ids or pieces)]
        print("|".join(shown))


def heatmap(key: str, matrix: list[list[float]], x_labels: list[str], y_labels: list[str],
            title: str = "") -> None:
    """A matrix drawn as coloured cells (rows = y_labels, columns = x_labels), e.g. attention."""
    x_labels, y_labels = check_labels(x_labels, "x_labels"), check_labels(y_labels, "y_labels")
    if len(matrix) != len(y_labels) or any(len(row) != len(x_labels) for row in matrix):
        raise ValueError(f"heatmap needs {len(y_labels)} rows of {len(x_labels)} numbers "
                         "(one row per y label, one column per x label).")
    values = [[check_number(v, "heatmap value") for v in row] for row in matrix]
    emit({"op": "heatmap", "key": check_key(key), "matrix": values, "x_labels": x_labels,
          "y_labels": y_labels, "title": str(title)})
    if not in_browser():
        _print_table([[y] + [f"{v:.2f}" for v in row] for y, row in zip(y_labels, values)],
                     [""] + x_labels, title)
