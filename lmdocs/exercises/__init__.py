"""Checkable exercises: the reader writes an answer in a page cell and `check` says whether it is right.

An exercise cell on a page (a snippet `docs/exercises/<article>_<n>.py` in a ```pyrun block):

    from lmdocs.exercises import check

    answer = ...          # the perplexity of a uniform model over 8 symbols
    check("part2.uniform-perplexity", answer)

`check` prints, in the page's language, "Correct", "Not yet" (with the exercise's hint, never the
answer), or what to do when `answer` is still `...`; it returns True only for a right answer.

    >>> check("part2.uniform-perplexity", 8)
    Correct.
    True
    >>> check("part2.uniform-perplexity", 3)
    Not yet: 3 is not it. Hint: perplexity is 2 to the power of the cross-entropy in bits.
    False

Each article registers its exercises in `lmdocs/exercises/<article>.py` with `@exercise(...)` on a
function that *computes* the reference answer (with the package's own code where it can), so a test
can check that every checker accepts its reference and rejects a wrong answer. What it does not do:
grade written answers (those sit in a collapsed "Answer" block on the page) or partial credit.
"""
from lmdocs.exercises.registry import ARTICLES, Exercise, all_exercises, check, exercise, find, reference

__all__ = ["ARTICLES", "Exercise", "all_exercises", "check", "exercise", "find", "reference"]
