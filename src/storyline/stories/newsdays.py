"""The clustering clock counts days on which there was news.

A story decays and goes dormant with the time since its last article; that time is
measured in days, less the whole days on which the store has no article at all. On a
feed with news every day the two are the same. On a sparse corpus (a hand-picked set of
articles a month apart, a feed that stopped for a week) a story does not go quiet while
nothing else was reported either: "dormant" means the news went on without it.

:class:`NewsDays` keeps the distinct days (whole UTC days since the epoch) of the dated
articles the engine has seen, sorted; each query is a binary search. The engine's state
in the store keeps them as runs of consecutive days (:meth:`to_state`).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable


class NewsDays:
    """Days with at least one dated article, and the empty days between two times."""

    def __init__(self, days: Iterable[int] = ()) -> None:
        self.days: list[int] = sorted(set(days))

    def __len__(self) -> int:
        return len(self.days)

    def add(self, t: float | None) -> None:
        """Count the day of time ``t`` (days since the epoch) as a day with news."""
        if t is None or not math.isfinite(t):
            return
        d = math.floor(t)
        i = bisect.bisect_left(self.days, d)
        if i == len(self.days) or self.days[i] != d:
            self.days.insert(i, d)

    def empty_between(self, lo: float, hi: float) -> int:
        """Whole days strictly between the days of ``lo`` and ``hi`` with no article."""
        a, b = math.floor(min(lo, hi)), math.floor(max(lo, hi))
        if b - a <= 1:
            return 0
        seen = bisect.bisect_left(self.days, b) - bisect.bisect_right(self.days, a)
        return max(0, (b - a - 1) - seen)

    def gap(self, calendar_gap: float, lo: float, hi: float) -> float:
        """``calendar_gap`` (days between ``lo`` and ``hi``) less the empty days between."""
        if calendar_gap <= 1.0:
            return calendar_gap
        return max(0.0, calendar_gap - self.empty_between(lo, hi))

    def earliest_within(self, now: float, max_gap: float) -> float:
        """A time before which every story is dormant at ``now`` (a bound for a query: the
        gap of a story last updated on day ``d`` is, in news days, about the number of days
        with news after ``d`` and before today, plus one). ``-inf`` when the store has too
        few days with news for any story to be dormant."""
        today = math.floor(now)
        i = bisect.bisect_left(self.days, today) - 1 - math.ceil(max_gap)
        if i < 0:
            return -math.inf
        return min(float(self.days[i] - 1), now - max_gap - 1)

    def to_state(self) -> list[list[int]]:
        """Runs of consecutive days, ``[[first, last], ...]``."""
        runs: list[list[int]] = []
        for d in self.days:
            if runs and runs[-1][1] == d - 1:
                runs[-1][1] = d
            else:
                runs.append([d, d])
        return runs

    @classmethod
    def from_state(cls, runs: Iterable[Iterable[int]] | None) -> NewsDays:
        days: list[int] = []
        for run in runs or []:
            first, last = (int(x) for x in run)
            days.extend(range(first, last + 1))
        return cls(days)
