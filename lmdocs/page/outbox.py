"""What lmdocs.page sends to the page: the list of operations, and the outbox that batches them.

Every call of lmdocs.page that draws sends one message ``{"op": ..., "key": ..., ...}``; the page's
side draws it (overrides/assets/javascripts/runner/contract.js lists the same operations, and a test
checks that both lists agree). The outbox sends messages in JSON batches, at most every
``FLUSH_EVERY_S`` and when the block ends, merging a burst of ``chart.append`` into one message.

    >>> batches = []
    >>> outbox = Outbox(batches.append)
    >>> outbox.send({"op": "text", "key": "t", "text": "hi"})
    >>> batches
    ['[{"op": "text", "key": "t", "text": "hi"}]']
"""
from __future__ import annotations

import json
import time
from typing import Any, Callable

# The `op` of every message, in the order the page's contract lists them.
OPERATIONS = ("line_chart", "append", "bar_chart", "table", "text", "tokens", "heatmap",
              "slider", "text_input", "select", "button")
FLUSH_EVERY_S = 0.05                  # send pending messages at most this late


class Outbox:
    """Messages of one running block on their way to the page through ``post(json_batch)``."""

    def __init__(self, post: Callable[[str], Any]) -> None:
        self.post = post
        self.pending: list[dict] = []
        self.last_flush = 0.0

    def send(self, message: dict) -> None:
        """Queue ``message``; send the queue if the last batch left more than FLUSH_EVERY_S ago."""
        if message.get("op") not in OPERATIONS:
            raise ValueError(f"lmdocs.page has no operation {message.get('op')!r}; the page draws {OPERATIONS}.")
        if not self._merge_append(message):
            self.pending.append(message)
        if time.monotonic() - self.last_flush >= FLUSH_EVERY_S:
            self.flush()

    def _merge_append(self, message: dict) -> bool:
        last = self.pending[-1] if self.pending else None
        if message["op"] != "append" or not last or last["op"] != "append" or last["key"] != message["key"]:
            return False
        for name, points in message["points"].items():
            last["points"].setdefault(name, []).extend(points)
        return True

    def flush(self) -> None:
        """Send what is queued now, as one JSON batch."""
        self.last_flush = time.monotonic()
        if self.pending:
            batch = json.dumps(self.pending, allow_nan=False, ensure_ascii=False)
            self.pending.clear()
            self.post(batch)
