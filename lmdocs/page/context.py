"""The running cell: which block runs, in which language, where its drawings go (a context variable).

The site's runner runs every ```pyrun block inside ``cell(...)``, giving it the block's id, the
page's language, the page's callback registry and the bridge to the page; lmdocs.page reads them
from a ``contextvars.ContextVar``, never from the environment. Outside any cell (a terminal, a
test) the language is "en", nothing is sent, and every element prints a text version instead.

    >>> lang()
    'en'
    >>> with cell(block="demo", lang="fa") as running:
    ...     (lang(), running.block, in_browser())
    ('fa', 'demo', False)

Callbacks (``on_change``, ``on_click``) are kept in the ``callbacks`` dict the cell was given, keyed
by (block, key): the runner gives each page its own dict and drops it with the page's namespace.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from lmdocs.page.outbox import Outbox

LANGUAGES = ("fa", "en")
Callbacks = dict[tuple[str, str], Callable[..., Any]]


@dataclass(frozen=True)
class CellContext:
    """What lmdocs.page knows about the block that is running."""

    block: str = ""                    # the block's id (the runner's "<page>/<n>")
    lang: str = "en"                   # the page's language: "fa" or "en"
    callbacks: Callbacks | None = None  # the page's inputs' callbacks; None: never called (a script)
    outbox: Outbox | None = None       # the bridge to the page; None: print text instead (CPython)


_current: ContextVar[CellContext] = ContextVar("lmdocs_page_cell", default=CellContext())


@contextmanager
def cell(block: str = "", lang: str = "en", *, callbacks: Callbacks | None = None,
         post: Callable[[str], Any] | None = None) -> Iterator[CellContext]:
    """Run the code inside as block ``block`` of a page in ``lang`` ("fa" or "en").

    ``callbacks``: the registry the page's blocks share (a new one if None); ``post``: send a JSON
    batch of messages to the page (the runner's bridge; None prints text versions instead).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be 'fa' (Persian) or 'en' (English), got {lang!r}.")
    context = CellContext(str(block), lang, {} if callbacks is None else callbacks,
                          None if post is None else Outbox(post))
    token = _current.set(context)
    try:
        yield context
    finally:
        if context.outbox is not None:
            context.outbox.flush()
        _current.reset(token)


def current() -> CellContext:
    """The context of the block that is running (a default one outside any cell)."""
    return _current.get()


def lang() -> str:
    """The page's language, "fa" or "en" ("en" outside a page, e.g. in a terminal)."""
    return current().lang


def in_browser() -> bool:
    """True while a block runs in the site's runner (its drawings go to the page), False in CPython."""
    return current().outbox is not None


def emit(message: dict) -> None:
    """Send one message to the page (nothing outside the browser: elements print instead)."""
    outbox = current().outbox
    if outbox is not None:
        outbox.send(message)


def flush() -> None:
    """Push pending drawings to the page now (the runner also does it when a block ends)."""
    outbox = current().outbox
    if outbox is None:
        sys.stdout.flush()
    else:
        outbox.flush()


def register(key: str, callback: Callable[..., Any] | None) -> None:
    """Remember ``callback`` for input ``key`` of the running block (checked even when never called)."""
    if callback is None:
        return
    if not callable(callback):
        raise TypeError(f"the callback for input {key!r} must be a function, got {type(callback).__name__}.")
    callbacks = current().callbacks
    if callbacks is not None:
        callbacks[(current().block, key)] = callback


def dispatch(key: str, value: Any = None) -> None:
    """Call the callback of input ``key`` of the running block with ``value`` (None: a button press),
    as the runner does when the reader changes the input; then push its drawings to the page."""
    context = current()
    callback = (context.callbacks or {}).get((context.block, key))
    if callback is None:
        raise LookupError(f"No callback for input {key!r} of block {context.block!r}: "
                          "run the block again to recreate it.")
    if value is None:
        callback()
    else:
        callback(value)
    flush()
