"""Line and bar charts of lmdocs.page (drawn with Chart.js in the page, as text in CPython).

    >>> chart = line_chart("loss", title="loss", series={"train": [2.5]})
    loss: train = [2.5]
    >>> chart.append("train", 2.25)
    loss: train[1] = 2.25
"""
from __future__ import annotations

from typing import Any

from lmdocs.page.context import emit, in_browser
from lmdocs.page.values import check_key, check_labels, check_number, fmt


def _points(values: Any, name: str) -> list[list[float]]:
    if not isinstance(values, (list, tuple)):
        raise TypeError(f"series {name!r} must be a list of numbers or (x, y) pairs.")
    points = []
    for i, item in enumerate(values):
        if isinstance(item, (list, tuple)):
            if len(item) != 2:
                raise ValueError(f"series {name!r} item {i} must be a number or an (x, y) pair.")
            points.append([check_number(item[0], f"x of {name}[{i}]"), check_number(item[1], f"y of {name}[{i}]")])
        else:
            points.append([i, check_number(item, f"{name}[{i}]")])
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
        emit({"op": "line_chart", "key": self.key, "title": self.title, "x_label": self.x_label,
              "y_label": self.y_label, "series": data})
        if not in_browser():
            for name, points in data.items():
                print(f"{self.title or self.key}: {name} = {[fmt(y) for _, y in points]}".replace("'", ""))

    def append(self, name: str, y: float, x: float | None = None) -> None:
        """Add the point (x, y) to series `name` (x defaults to the series' next index)."""
        name = str(name)
        index = self._lengths.get(name, 0)
        point = [index if x is None else check_number(x, "x"), check_number(y, "y")]
        self._lengths[name] = index + 1
        emit({"op": "append", "key": self.key, "points": {name: [point]}})
        if not in_browser():
            where = f"[{index}]" if x is None else f"(x={fmt(point[0])})"
            print(f"{self.title or self.key}: {name}{where} = {fmt(point[1])}")


def line_chart(key: str, title: str = "", x_label: str = "", y_label: str = "",
               series: dict | None = None) -> LineChart:
    """Create (or reset) a line chart; returns it so a training loop can `append` points."""
    chart = LineChart(check_key(key), str(title), str(x_label), str(y_label))
    chart.set(series or {})
    return chart


def bar_chart(key: str, labels: list[str], values: list[float], title: str = "",
              horizontal: bool = False) -> None:
    """A bar chart of `values` named by `labels` (same length)."""
    labels = check_labels(labels, "labels")
    values = [check_number(v, f"values[{i}]") for i, v in enumerate(values)]
    if len(labels) != len(values):
        raise ValueError(f"bar_chart got {len(labels)} labels and {len(values)} values; give one label per value.")
    emit({"op": "bar_chart", "key": check_key(key), "labels": labels, "values": values,
          "title": str(title), "horizontal": bool(horizontal)})
    if not in_browser():
        if title:
            print(title)
        width = max((len(label) for label in labels), default=0)
        for label, value in zip(labels, values):
            print(f"  {label:<{width}}  {fmt(value)}")
