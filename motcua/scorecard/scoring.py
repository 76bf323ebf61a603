"""Decision 766 arithmetic on plain numbers: a criterion's ratio, its points against the
threshold, and the total out of 100. No database, so every rule is checked by plain tests.

- ratio = numerator ÷ denominator; no denominator means the criterion is not applicable;
- ratio ≥ threshold gives the full points, otherwise ratio × max ÷ threshold;
- points and percentages are rounded to 2 decimals, half up (the portal shows 2 decimals);
- the total counts the applicable criteria only and is scaled to 100 (ADR 0012).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENT = Decimal("0.01")
HUNDRED = Decimal("100")


def rounded(value: Fraction | Decimal | int) -> Decimal:
    """Two decimals, half up, computed from the exact value."""
    exact = Fraction(value)
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(CENT, ROUND_HALF_UP)


def ratio(numerator: int, denominator: int) -> Fraction | None:
    """The exact share, or None when there is nothing to count (not applicable)."""
    if denominator <= 0:
        return None
    return Fraction(numerator, denominator)


def percent(value: Fraction) -> Decimal:
    """A share as a percentage with two decimals (0.5 → 50.00)."""
    return rounded(value * 100)


def points(value: Fraction, *, threshold: Decimal, max_points: Decimal) -> Decimal:
    """The points of a share: full from `threshold` (a percentage) up, else share × max ÷
    threshold. The share is held within [0, 1] (a composite ratio may go below zero)."""
    share = min(max(Fraction(value), Fraction(0)), Fraction(1))
    limit = Fraction(threshold) / 100
    top = Fraction(max_points)
    if limit <= 0 or share >= limit:
        return rounded(top)
    return rounded(share * top / limit)


@dataclass(frozen=True)
class Total:
    points: Decimal  # sum of the applicable criteria's points
    max_points: Decimal  # sum of their maxima
    out_of_100: Decimal | None  # points scaled to 100; None when nothing applies


def total(items: Iterable[tuple[Decimal | None, Decimal]]) -> Total:
    """`items` are (points, max) pairs; points None is a criterion that does not apply, left
    out of both sums so that missing data neither gives nor takes points."""
    earned = Decimal("0")
    possible = Decimal("0")
    for got, top in items:
        if got is None:
            continue
        earned += got
        possible += top
    scaled = rounded(Fraction(earned) * 100 / Fraction(possible)) if possible else None
    return Total(points=rounded(earned), max_points=rounded(possible), out_of_100=scaled)
