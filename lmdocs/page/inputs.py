"""Inputs of lmdocs.page: slider, text box, select, button, and ``bind`` (a callback that stores).

Each returns its current value at once; its callback runs later, in the worker, when the reader
changes the input (the runner calls ``dispatch``). In CPython the callbacks are never called.

    >>> slider("n", "order", 1, 5, 1, 3, on_change=print)
    [order: 3  (1..5)]
    3
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lmdocs.page.context import emit, in_browser, register
from lmdocs.page.values import check_key, check_labels, check_number, fmt


def slider(key: str, label: str, min: float, max: float, step: float, value: float,
           on_change: Callable[[float], Any] | None = None) -> float:
    """A slider; returns `value`; later calls on_change(new_value) when the reader moves it."""
    lo, hi, step, value = (check_number(v, n) for v, n in ((min, "min"), (max, "max"), (step, "step"),
                                                          (value, "value")))
    if not lo < hi or step <= 0 or not lo <= value <= hi:
        raise ValueError(f"slider {key!r} needs min < max, step > 0 and min <= value <= max; "
                         f"got min={lo}, max={hi}, step={step}, value={value}.")
    register(check_key(key), on_change)
    emit({"op": "slider", "key": key, "label": str(label), "min": lo, "max": hi, "step": step, "value": value})
    if not in_browser():
        print(f"[{label}: {fmt(value)}  ({fmt(lo)}..{fmt(hi)})]")
    return value


def text_input(key: str, label: str, value: str = "", on_change: Callable[[str], Any] | None = None) -> str:
    """A one-line text box; returns `value`; later calls on_change(text) when the reader submits."""
    register(check_key(key), on_change)
    emit({"op": "text_input", "key": key, "label": str(label), "value": str(value)})
    if not in_browser():
        print(f"[{label}: {value}]")
    return str(value)


def select(key: str, label: str, options: list[str], value: str | None = None,
           on_change: Callable[[str], Any] | None = None) -> str:
    """A drop-down list; returns the chosen option (the first one by default)."""
    options = check_labels(options, "options")
    if not options:
        raise ValueError(f"select {key!r} needs at least one option.")
    value = options[0] if value is None else str(value)
    if value not in options:
        raise ValueError(f"select {key!r}: value {value!r} is not one of the options {options}.")
    register(check_key(key), on_change)
    emit({"op": "select", "key": key, "label": str(label), "options": options, "value": value})
    if not in_browser():
        print(f"[{label}: {value}  (one of {', '.join(options)})]")
    return value


def button(key: str, label: str, on_click: Callable[[], Any] | None = None) -> None:
    """A button; later calls on_click() when the reader presses it."""
    register(check_key(key), on_click)
    emit({"op": "button", "key": key, "label": str(label)})
    if not in_browser():
        print(f"[{label}]")


def bind(state: dict[str, Any], name: str, then: Callable[[], Any] | None = None,
         cast: Callable[[Any], Any] = lambda value: value) -> Callable[[Any], None]:
    """An ``on_change`` callback that stores the input's new value in ``state[name]`` (through ``cast``),
    then calls ``then()`` (to redraw). It sends nothing to the page itself.

        >>> state = {"layer": 1}
        >>> on_change = bind(state, "layer", then=lambda: print("layer is", state["layer"]), cast=int)
        >>> on_change("2")
        layer is 2
        >>> layer = select("layer", "layer", ["1", "2"], "1", on_change=on_change)
        [layer: 1  (one of 1, 2)]
    """
    if not callable(cast) or (then is not None and not callable(then)):
        raise TypeError(f"bind({name!r}): `then` and `cast` must be functions.")

    def on_change(value: Any) -> None:
        state[name] = cast(value)
        if then is not None:
            then()
    return on_change
