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
"""
from __future__ import annotations

import json
import math
import os
import sys
import time
from typing import Any, Callable

_FLUSH_EVERY_S = 0.05                  # send pending messages at most this late (browser only)
_pending: list[dict] = []
_last_flush = 0.0
_callbacks: dict[tuple[str, str], Callable] = {}


# ------------------------------------------------------------------ runtime and language
def _post_function() -> Callable[[str], Any] | None:
    if sys.platform != "emscripten":
        return None
    try:
        import js  # Pyodide's view of the worker's global scope
    except ImportError:
        return None
    return getattr(js, "lmdocs_post", None)


def in_browser() -> bool:
    """True inside the site's runner (Pyodide with the page bridge), False in CPython."""
    return _post_function() is not None


def lang() -> str:
    """The page's language, "fa" or "en" (LMDOCS_LANG; the runner sets it; "en" in CPython)."""
    value = os.environ.get("LMDOCS_LANG", "en")
    return value if value in ("fa", "en") else "en"


# ------------------------------------------------------------------ sending
def _emit(message: dict) -> None:
    if not in_browser():
        return
    if message.get("op") == "append" and _pending and _pending[-1].get("op") == "append" \
            and _pending[-1]["key"] == message["key"]:
        for name, points in message["points"].items():      # coalesce a burst of chart.append
            _pending[-1]["points"].setdefault(name, []).extend(points)
    else:
        _pending.append(message)
    if time.monotonic() - _last_flush >= _FLUSH_EVERY_S:
        flush()


def flush() -> None:
    """Push pending updates to the page now (the runner also does it when a block ends)."""
    global _last_flush
    _last_flush = time.monotonic()
    post = _post_function()
    if post is None:
        sys.stdout.flush()
        return
    if _pending:
        batch = json.dumps(_pending, allow_nan=False, ensure_ascii=False)
        _pending.clear()
        post(batch)


# ------------------------------------------------------------------ checks
def _check_key(key: Any) -> str:
    if not isinstance(key, str) or not key:
        raise TypeError(f"key must be a non-empty str naming the element, got {key!r}.")
    return key


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number, got {type(value).__name__} {value!r}.")
    if not math.isfinite(value):
        raise ValueError(f"{what} must be finite, got {value!r}; replace NaN/inf before drawing.")
    return value


def _labels(values: Any, what: str) -> list[str]:
    if not isinstance(values, (list, tuple)):
        raise TypeError(f"{what} must be a list of strings, got {type(values).__name__}.")
    return [str(v) for v in values]


def _fmt(value: float) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


# ------------------------------------------------------------------ charts
def _points(values: Any, name: str) -> list[list[float]]:
    if not isinstance(values, (list, tuple)):
        raise TypeError(f"series {name!r} must be a list of numbers or (x, y) pairs.")
    points = []
    for i, item in enumerate(values):
        if isinstance(item, (list, tuple)):
            if len(item) != 2:
                raise ValueError(f"series {name!r} item {i} must be a number or an (x, y) pair.")
            points.append([_number(item[0], f"x of {name}[{i}]"), _number(item[1], f"y of {name}[{i}]")])
        else:
            points.append([i, _number(item, f"{name}[{i}]")])
    return points


class LineChart:
    """A line chart in the page; `append` adds one point (cheap, batched), `set` replaces all data."""

    def __init__(self, key: str, title: str, x_label: str, y_label: str) -> None:
        self.key, self.title, self.x_label, self.y_label = key, title, x_label, y_label
        self._lengths: dict[str, int] = {}

    def _series_points(self, series: Any) -> dict[str, list[list[float]]]:
        if series is None:
            return {}
        if not isinstance(series, dict):
            raise TypeError("series must be a dict {name: [y, ...]} or {name: [(x, y), ...]}.")
        return {str(name): _points(values, str(name)) for name, values in series.items()}

    def set(self, series: dict) -> None:
        """Replace every series, e.g. chart.set({"train": [2.1, 1.7], "valid": [2.3, 2.0]})."""
        data = self._series_points(series)
        self._lengths = {name: len(points) for name, points in data.items()}
        _emit({"op": "line_chart", "key": self.key, "title": self.title, "x_label": self.x_label,
               "y_label": self.y_label, "series": data})
        if not in_browser():
            for name, points in data.items():
                print(f"{self.title or self.key}: {name} = {[_fmt(y) for _, y in points]}".replace("'", ""))

    def append(self, name: str, y: float, x: float | None = None) -> None:
        """Add the point (x, y) to series `name` (x defaults to the series' next index)."""
        name = str(name)
        index = self._lengths.get(name, 0)
        point = [index if x is None else _number(x, "x"), _number(y, "y")]
        self._lengths[name] = index + 1
        _emit({"op": "append", "key": self.key, "points": {name: [point]}})
        if not in_browser():
            where = f"[{index}]" if x is None else f"(x={_fmt(point[0])})"
            print(f"{self.title or self.key}: {name}{where} = {_fmt(point[1])}")


def line_chart(key: str, title: str = "", x_label: str = "", y_label: str = "",
               series: dict | None = None) -> LineChart:
    """Create (or reset) a line chart; returns it so a training loop can `append` points."""
    chart = LineChart(_check_key(key), str(title), str(x_label), str(y_label))
    chart.set(series or {})
    return chart


def bar_chart(key: str, labels: list[str], values: list[float], title: str = "",
              horizontal: bool = False) -> None:
    """A bar chart of `values` named by `labels` (same length)."""
    labels = _labels(labels, "labels")
    values = [_number(v, f"values[{i}]") for i, v in enumerate(values)]
    if len(labels) != len(values):
        raise ValueError(f"bar_chart got {len(labels)} labels and {len(values)} values; give one label per value.")
    _emit({"op": "bar_chart", "key": _check_key(key), "labels": labels, "values": values,
           "title": str(title), "horizontal": bool(horizontal)})
    if not in_browser():
        if title:
            print(title)
        width = max((len(label) for label in labels), default=0)
        for label, value in zip(labels, values):
            print(f"  {label:<{width}}  {_fmt(value)}")


# ------------------------------------------------------------------ text, tables, tokens, heatmaps
def table(key: str, rows: list[list], headers: list[str] | None = None, title: str = "") -> None:
    """A table; cells are shown as text (str() of each value, floats with 4 significant digits)."""
    if not isinstance(rows, (list, tuple)) or not all(isinstance(r, (list, tuple)) for r in rows):
        raise TypeError("rows must be a list of rows, each a list of cell values.")
    cells = [[_fmt(c) if isinstance(c, float) else str(c) for c in row] for row in rows]
    head = _labels(headers, "headers") if headers is not None else None
    _emit({"op": "table", "key": _check_key(key), "rows": cells, "headers": head, "title": str(title)})
    if not in_browser():
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
    _emit({"op": "text", "key": _check_key(key), "text": str(text)})
    if not in_browser():
        print(text)


def tokens(key: str, pieces: list[str], ids: list[int] | None = None) -> None:
    """Token pieces shown as coloured chips (with their ids on hover), e.g. a BPE segmentation."""
    pieces = _labels(pieces, "pieces")
    if ids is not None:
        if len(ids) != len(pieces):
            raise ValueError(f"tokens got {len(pieces)} pieces and {len(ids)} ids; give one id per piece.")
        ids = [int(i) for i in ids]
    _emit({"op": "tokens", "key": _check_key(key), "pieces": pieces, "ids": ids})
    if not in_browser():
        shown = [p if ids is None else f"{p}({i})" for p, i in zip(pieces, ids or pieces)]
        print("|".join(shown))


def heatmap(key: str, matrix: list[list[float]], x_labels: list[str], y_labels: list[str],
            title: str = "") -> None:
    """A matrix drawn as coloured cells (rows = y_labels, columns = x_labels), e.g. attention."""
    x_labels, y_labels = _labels(x_labels, "x_labels"), _labels(y_labels, "y_labels")
    if len(matrix) != len(y_labels) or any(len(row) != len(x_labels) for row in matrix):
        raise ValueError(f"heatmap needs {len(y_labels)} rows of {len(x_labels)} numbers "
                         "(one row per y label, one column per x label).")
    values = [[_number(v, "heatmap value") for v in row] for row in matrix]
    _emit({"op": "heatmap", "key": _check_key(key), "matrix": values, "x_labels": x_labels,
           "y_labels": y_labels, "title": str(title)})
    if not in_browser():
        table(key, [[y] + [f"{v:.2f}" for v in row] for y, row in zip(y_labels, values)],
              headers=[""] + x_labels, title=title)


# ------------------------------------------------------------------ inputs
def _register(key: str, callback: Callable | None) -> None:
    if callback is not None and not callable(callback):
        raise TypeError(f"the callback for input {key!r} must be a function, got {type(callback).__name__}.")
    if callback is not None:
        _callbacks[(os.environ.get("LMDOCS_BLOCK", ""), key)] = callback  # the runner sets LMDOCS_BLOCK


def slider(key: str, label: str, min: float, max: float, step: float, value: float,
           on_change: Callable[[float], Any] | None = None) -> float:
    """A slider; returns `value`; later calls on_change(new_value) when the reader moves it."""
    lo, hi, step, value = (_number(v, n) for v, n in ((min, "min"), (max, "max"), (step, "step"), (value, "value")))
    if not lo < hi or step <= 0 or not lo <= value <= hi:
        raise ValueError(f"slider {key!r} needs min < max, step > 0 and min <= value <= max; "
                         f"got min={lo}, max={hi}, step={step}, value={value}.")
    _register(_check_key(key), on_change)
    _emit({"op": "slider", "key": key, "label": str(label), "min": lo, "max": hi, "step": step,
           "value": value})
    if not in_browser():
        print(f"[{label}: {_fmt(value)}  ({_fmt(lo)}..{_fmt(hi)})]")
    return value


def text_input(key: str, label: str, value: str = "", on_change: Callable[[str], Any] | None = None) -> str:
    """A one-line text box; returns `value`; later calls on_change(text) when the reader submits."""
    _register(_check_key(key), on_change)
    _emit({"op": "text_input", "key": key, "label": str(label), "value": str(value)})
    if not in_browser():
        print(f"[{label}: {value}]")
    return str(value)


def select(key: str, label: str, options: list[str], value: str | None = None,
           on_change: Callable[[str], Any] | None = None) -> str:
    """A drop-down list; returns the chosen option (the first one by default)."""
    options = _labels(options, "options")
    if not options:
        raise ValueError(f"select {key!r} needs at least one option.")
    value = options[0] if value is None else str(value)
    if value not in options:
        raise ValueError(f"select {key!r}: value {value!r} is not one of the options {options}.")
    _register(_check_key(key), on_change)
    _emit({"op": "select", "key": key, "label": str(label), "options": options, "value": value})
    if not in_browser():
        print(f"[{label}: {value}  (one of {', '.join(options)})]")
    return value


def button(key: str, label: str, on_click: Callable[[], Any] | None = None) -> None:
    """A button; later calls on_click() when the reader presses it."""
    _register(_check_key(key), on_click)
    _emit({"op": "button", "key": key, "label": str(label)})
    if not in_browser():
        print(f"[{label}]")


def _dispatch(block: str, key: str, value: Any) -> None:
    """Run the callback of input `key` in `block` (called by the runner when the reader acts)."""
    callback = _callbacks.get((block, key))
    if callback is None:
        raise LookupError(f"No callback for input {key!r}: run the block again to recreate it.")
    os.environ["LMDOCS_BLOCK"] = block
    if value is None:
        callback()
    else:
        callback(value)
    flush()
