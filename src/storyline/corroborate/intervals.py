"""Qualified figures as intervals, and when two of them agree.

A reported figure with its qualifier stands for a range of values
(``data/words/qualifier_bounds.txt`` says which kind each qualifier is):

- exact ("12", "exactly 12", "a total of 12"): the value itself;
- approx ("around 10 million", "about", "some", "an estimated"): the value
  +- ``tolerance`` of it;
- lower ("over 10 million", "more than", "at least"): the value up to
  (1 + ``tolerance``) times it; a figure said to be "at least 7" is 7, possibly a little
  more, not any number above 7: "at least 7" and "12" disagree;
- upper ("up to 200,000", "as many as", "nearly", "almost"): (1 - ``tolerance``)
  times the value up to it;
- range ("between 100,000 and 200,000"): its two ends.

Two figures agree when their intervals meet: "over 10 million" [10m, 11m] and "around
10 million" [9m, 11m] agree; "at least 7" [7, 7.7] and "12" do not. A qualifier not in
the table is read as exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from storyline.wordlists import word_map

_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Interval:
    lo: float
    hi: float


@cache
def qualifier_kind(qualifier: str | None) -> str:
    """exact | approx | lower | upper | range."""
    if not qualifier:
        return "exact"
    return word_map("qualifier_bounds").get(qualifier.lower(), "exact")


def interval(value: float, qualifier: str | None = None, high: float | None = None,
             tolerance: float = 0.1) -> Interval:
    """The values a figure stated with ``qualifier`` stands for."""
    kind = qualifier_kind(qualifier)
    if high is not None and high >= value:
        return Interval(value, high)
    if kind == "approx":
        return Interval(value * (1 - tolerance), value * (1 + tolerance))
    if kind == "lower":
        return Interval(value, value * (1 + tolerance))
    if kind == "upper":
        return Interval(value * (1 - tolerance), value)
    return Interval(value, value)


def agree(a: Interval, b: Interval) -> bool:
    """Whether two figures can be the same value."""
    slack = _EPS * max(abs(a.lo), abs(a.hi), abs(b.lo), abs(b.hi), 1.0)
    return a.lo <= b.hi + slack and b.lo <= a.hi + slack


def all_agree(intervals: list[Interval]) -> bool:
    """Whether one value lies in every interval (intervals on a line: they pairwise meet)."""
    if not intervals:
        return True
    lo = max(i.lo for i in intervals)
    hi = min(i.hi for i in intervals)
    return lo <= hi + _EPS * max(abs(lo), abs(hi), 1.0)
