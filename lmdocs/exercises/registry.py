"""The exercise registry and the answer checker (see the package docstring for the page side).

    >>> ex = find("part2.uniform-perplexity")
    >>> ex.accepts(8.0), ex.accepts(8.5)
    (True, False)
"""
from __future__ import annotations

import importlib
import math
from dataclasses import dataclass
from typing import Any, Callable

from lmdocs.i18n import tr

# The articles that may register exercises; an id is "<article>.<name>", e.g. "part2.uniform-perplexity".
ARTICLES = ("part1", "part2", "part3", "part4", "part5", "part6", "tokenization")
_REGISTRY: dict[str, "Exercise"] = {}


@dataclass(frozen=True)
class Exercise:
    """One checkable exercise: its id, how to compute the reference answer, and how close is right."""

    id: str
    answer: Callable[[], Any]      # computes the reference answer (a number, a string, a list, a dict…)
    hint_en: str
    hint_fa: str
    rel_tol: float = 1e-3          # numbers: relative tolerance …
    abs_tol: float = 1e-9          # … and absolute tolerance

    def accepts(self, given: Any) -> bool:
        """True when `given` matches the reference answer (numbers within the tolerances)."""
        return _same(given, self.answer(), self.rel_tol, self.abs_tol)


def exercise(id: str, *, hint_en: str, hint_fa: str, rel_tol: float = 1e-3,
             abs_tol: float = 1e-9) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register the decorated function as the reference answer of exercise `id`."""
    article = id.split(".", 1)[0]
    if article not in ARTICLES or "." not in id:
        raise ValueError(f"exercise id {id!r} must look like '<article>.<name>' with article in {ARTICLES}.")

    def register(answer: Callable[[], Any]) -> Callable[[], Any]:
        if id in _REGISTRY:
            raise ValueError(f"exercise {id!r} is registered twice.")
        _REGISTRY[id] = Exercise(id, answer, hint_en, hint_fa, rel_tol, abs_tol)
        return answer
    return register


def _load(article: str) -> None:
    try:
        importlib.import_module(f"lmdocs.exercises.{article}")
    except ModuleNotFoundError as err:
        if err.name != f"lmdocs.exercises.{article}":
            raise


def find(id: str) -> Exercise:
    """The exercise called `id`; a clear error names the known ids of its article when there is none."""
    article = id.split(".", 1)[0]
    if article in ARTICLES:
        _load(article)
    if id not in _REGISTRY:
        known = sorted(k for k in _REGISTRY if k.startswith(article + "."))
        raise KeyError(f"no exercise called {id!r}; known for {article}: {known or 'none'}.")
    return _REGISTRY[id]


def reference(id: str) -> Any:
    """The reference answer of exercise `id` (for tests and for the page's collapsed answer blocks)."""
    return find(id).answer()


def all_exercises() -> list[Exercise]:
    """Every registered exercise of every article, in id order."""
    for article in ARTICLES:
        _load(article)
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


def _same(given: Any, expected: Any, rel_tol: float, abs_tol: float) -> bool:
    if isinstance(expected, bool) or isinstance(given, bool):
        return given is expected
    if isinstance(expected, (int, float)):
        return isinstance(given, (int, float)) and math.isclose(given, expected, rel_tol=rel_tol, abs_tol=abs_tol)
    if isinstance(expected, str):
        return isinstance(given, str) and " ".join(given.split()) == " ".join(expected.split())
    if isinstance(expected, (list, tuple)):
        return (isinstance(given, (list, tuple)) and len(given) == len(expected)
                and all(_same(g, e, rel_tol, abs_tol) for g, e in zip(given, expected)))
    if isinstance(expected, dict):
        return (isinstance(given, dict) and given.keys() == expected.keys()
                and all(_same(given[k], expected[k], rel_tol, abs_tol) for k in expected))
    return given == expected


def check(id: str, answer: Any) -> bool:
    """Print whether `answer` is right for exercise `id`, in the page's language; True when it is."""
    ex = find(id)
    if answer is ... or answer is None:
        print(tr("Replace ... with your answer, then run the cell again.",
                 "به‌جای ... پاسخ خود را بنویسید و خانه را دوباره اجرا کنید."))
        return False
    if ex.accepts(answer):
        print(tr("Correct.", "درست است."))
        return True
    shown = answer if isinstance(answer, (int, float, str)) else type(answer).__name__
    print(tr("Not yet: {given} is not it. Hint: {hint}", "هنوز نه: {given} پاسخ نیست. راهنمایی: {hint}",
             given=shown, hint=tr(ex.hint_en, ex.hint_fa)))
    return False
