"""What a reader does to a demo's inputs, for the docs tests that change every input once.

    >>> changed_value({"op": "select", "options": ["1", "2"], "value": "1"})
    '2'
"""
from __future__ import annotations

from typing import Any

TEXT = "دل می‌رود ز دستم"  # what a test types into a text box


def changed_value(message: dict) -> Any:
    """A value the reader could give the input that `message` drew, other than the one it shows
    (None for a button: `page.dispatch(key)` presses it)."""
    if message["op"] == "select":
        return message["options"][-1] if message["value"] != message["options"][-1] else message["options"][0]
    if message["op"] == "slider":
        return message["max"] if message["value"] != message["max"] else message["min"]
    return TEXT if message["op"] == "text_input" else None
