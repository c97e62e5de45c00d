"""Kneser-Ney discounts: estimated from counts-of-counts as lmplz does, given by hand, or the fallback.

Modified Kneser-Ney (Chen and Goodman 1998) has three discounts per order, for n-grams with
adjusted count 1, 2 and 3 or more, estimated from the counts-of-counts n1..n4 of that order (how
many n-grams have adjusted count 1, 2, 3, 4; their equation 26):

    Y = n1 / (n1 + 2·n2),     Dc = c - (c + 1)·Y·n(c+1)/n(c)     for c = 1, 2, 3

Plain interpolated Kneser-Ney uses the single discount D = Y for every count.
Worked example: n = [_, 4, 2, 1, 1] gives Y = 4/8 = 0.5, D1 = 1 - 2·0.5·2/4 = 0.5,
D2 = 2 - 3·0.5·1/2 = 1.25, D3+ = 3 - 4·0.5·1/1 = 1.0.

>>> estimate_discounts([0, 4, 2, 1, 1], modified=True, fallback=None, k=1)
(0.5, 1.25, 1.0)

Where an n_c is 0 or a Dc falls outside [0, c] (tiny or artificial text, e.g. characters), lmplz
stops unless given ``--discount_fallback [D1 [D2 [D3+]]]`` (default 0.5 1 1.5; fewer values
repeat the last); ``NGramModel(discount_fallback=...)`` is the same switch.
"""
from __future__ import annotations

from collections.abc import Sequence

LMPLZ_FALLBACK = (0.5, 1.0, 1.5)  # lmplz --discount_fallback defaults for D1, D2, D3+
KN_FALLBACK = 0.75  # the classic single discount (Kneser and Ney 1995) when it cannot be estimated
PYTHON_ADVICE = ("pass discount_fallback=True (lmplz's --discount_fallback: D1, D2, D3+ = 0.5, 1, 1.5), "
                 "discount_fallback=(D1, D2, D3+), or explicit discounts=...")

Discounts = tuple[float, float, float]


class DiscountError(ValueError):
    """The counts cannot give Kneser-Ney discounts; the message says what happened and how to go on.

    ``advice`` is phrased for Python callers; the command line swaps in its flag with :meth:`advising`.
    """

    def __init__(self, problem: str, advice: str = PYTHON_ADVICE) -> None:
        super().__init__(f"{problem}. To go on, {advice}")
        self.problem = problem

    def advising(self, advice: str) -> DiscountError:
        """The same problem with other advice (e.g. the command-line flag instead of the keyword)."""
        return DiscountError(self.problem, advice)


def estimate_discounts(n: Sequence[int], modified: bool, fallback: Discounts | None, k: int) -> Discounts:
    """(D1, D2, D3+) for the k-grams from their counts-of-counts ``n[1..4]`` (``fallback`` where impossible)."""
    needed = 4 if modified else 2
    missing = [c for c in range(1, needed) if n[c] == 0]
    if missing:
        if fallback:
            return fallback
        raise DiscountError(f"cannot estimate Kneser-Ney discounts for {k}-grams: no {k}-gram has adjusted "
                            f"count {missing[0]}; the text is too small or artificial (characters?)")
    y = n[1] / (n[1] + 2 * n[2])
    if not modified:
        return (y, y, y)
    d = tuple(c - (c + 1) * y * n[c + 1] / n[c] for c in (1, 2, 3))
    bad = [c for c in (1, 2, 3) if not 0.0 <= d[c - 1] <= c]
    if bad:
        if fallback:
            return fallback
        c = bad[0]
        raise DiscountError(f"the estimated discount D{c} = {d[c - 1]:.4f} for {k}-grams is outside [0, {c}]: "
                            "the counts look unusual (tiny, repeated or artificial text)")
    return d  # type: ignore[return-value]


def fallback_discounts(value: object, modified: bool) -> Discounts | None:
    """``discount_fallback`` as :class:`NGramModel` takes it, as the discounts to fall back on.

    False or None: none (raise instead). True: lmplz's 0.5, 1, 1.5 (plain Kneser-Ney: 0.75).
    Numbers: modified takes one to three (D1, D2, D3+; missing ones repeat the last, as lmplz);
    plain takes one.

    >>> fallback_discounts(True, modified=True), fallback_discounts([0.4, 0.9], modified=True)
    ((0.5, 1.0, 1.5), (0.4, 0.9, 0.9))
    """
    if value is None or value is False:
        return None
    if value is True:
        return LMPLZ_FALLBACK if modified else (KN_FALLBACK,) * 3
    values = list(value) if isinstance(value, (list, tuple)) else [value]
    if not 1 <= len(values) <= (3 if modified else 1):
        wanted = "one to three discounts (D1, D2, D3+)" if modified else "one discount"
        raise ValueError(f"discount_fallback takes True or {wanted}, got {value!r}")
    return check_discounts(tuple(values + values[-1:] * (3 - len(values))) if modified else values[0],
                           1, modified)[0]


def check_discounts(discounts: object, order: int, modified: bool) -> list[Discounts]:
    """Validate user-given discounts; return one (D1, D2, D3+) triple per order.

    Plain Kneser-Ney takes one number (all orders) or one per order; modified Kneser-Ney takes one
    triple (all orders) or one triple per order. Each Dc must lie in [0, c] (plain: [0, 1]).
    """
    def triple(value: object) -> Discounts:
        if modified:
            if not (isinstance(value, (list, tuple)) and len(value) == 3):
                raise TypeError(f"modified Kneser-Ney needs discounts (D1, D2, D3+), got {value!r}")
            ds = tuple(value)
        else:
            ds = (value,) * 3
        for c, d in enumerate(ds, start=1):
            if isinstance(d, bool) or not isinstance(d, (int, float)):
                raise TypeError(f"a discount must be a number, got {d!r}")
            limit = c if modified else 1
            if not 0.0 <= d <= limit:
                raise ValueError(f"discount D{c if modified else ''} = {d} is outside its valid range [0, {limit}]")
        return tuple(float(d) for d in ds)  # type: ignore[return-value]

    per_order = isinstance(discounts, (list, tuple)) and (
        (modified and len(discounts) > 0 and isinstance(discounts[0], (list, tuple))) or
        (not modified)
    )
    if not per_order:
        return [triple(discounts)] * order
    if len(discounts) != order:  # type: ignore[arg-type]
        raise ValueError(f"give one discount entry per order: expected {order}, got {len(discounts)}")  # type: ignore[arg-type]
    return [triple(d) for d in discounts]  # type: ignore[union-attr]
