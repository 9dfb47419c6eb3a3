"""The news-days clock: whole days with no article do not count in a story's gap."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from storyline.stories.newsdays import NewsDays


def test_empty_days_between_two_times():
    d = NewsDays([10, 11, 15])
    assert d.empty_between(10.5, 11.2) == 0  # next day
    assert d.empty_between(11.9, 15.1) == 3  # 12, 13, 14 had no article
    assert d.empty_between(15.1, 11.9) == 3  # either order
    assert d.empty_between(10.0, 16.0) == 3  # 12-14 empty; 11 and 15 had news
    assert d.gap(4.0, 11.0, 15.0) == 1.0
    assert d.gap(0.5, 11.0, 11.5) == 0.5


def test_state_round_trip_as_runs():
    d = NewsDays([3, 1, 2, 7, 9, 8, 20])
    assert d.to_state() == [[1, 3], [7, 9], [20, 20]]
    assert NewsDays.from_state(d.to_state()).days == [1, 2, 3, 7, 8, 9, 20]
    d.add(5.7)
    d.add(5.1)
    d.add(None)
    d.add(math.nan)
    assert d.days == [1, 2, 3, 5, 7, 8, 9, 20]


@given(st.sets(st.integers(0, 200), max_size=80), st.floats(0, 200), st.floats(0, 200))
def test_empty_between_counts_the_calendar(days, lo, hi):
    d = NewsDays(days)
    a, b = math.floor(min(lo, hi)), math.floor(max(lo, hi))
    expected = sum(1 for x in range(a + 1, b) if x not in days)
    assert d.empty_between(lo, hi) == expected


@given(st.sets(st.integers(0, 300), max_size=120), st.floats(1, 300), st.floats(1, 40))
def test_earliest_within_bounds_every_live_story(days, now, max_gap):
    """No story whose last article is before the bound is live (its gap in news days
    exceeds ``max_gap``): the bound is safe for the store query that loads live stories."""
    d = NewsDays(days)
    bound = d.earliest_within(now, max_gap)
    for last in range(0, math.floor(now)):
        g = d.gap(now - last, last, now)
        if g <= max_gap:
            assert last >= bound
