"""Qualified figures as intervals: which reported figures can be the same value."""

from __future__ import annotations

import pytest

from storyline.corroborate.intervals import Interval, agree, all_agree, interval, qualifier_kind


@pytest.mark.parametrize(("qualifier", "kind"), [
    (None, "exact"), ("exactly", "exact"), ("around", "approx"), ("some", "approx"),
    ("over", "lower"), ("at least", "lower"), ("more than", "lower"), ("up to", "upper"),
    ("as many as", "upper"), ("nearly", "upper"), ("between", "range"), ("Around", "approx"),
    ("a jolly", "exact"),
])
def test_qualifier_kinds(qualifier, kind):
    assert qualifier_kind(qualifier) == kind


def test_intervals_of_each_kind():
    assert interval(10, None) == Interval(10, 10)
    assert interval(100, "about") == Interval(90, pytest.approx(110))
    assert interval(100, "over") == Interval(100, pytest.approx(110))
    assert interval(100, "up to") == Interval(90, 100)
    assert interval(100, "between", high=200) == Interval(100, 200)


@pytest.mark.parametrize(("a", "b", "same"), [
    ((1e7, "over"), (1e7, "around"), True),        # "over 10 million" ~ "around 10 million"
    ((1e7, "over"), (1e7, None), True),
    ((7, "at least"), (12, None), False),          # "at least 7" is not "12"
    ((2e5, "up to"), (2e5, "as many as"), True),
    ((2e5, "up to"), (1.9e5, None), True),
    ((2e5, "about"), (2.3e5, None), False),
    ((300, "nearly"), (300, None), True),
    ((300, "nearly"), (301, None), False),
    ((12, None), (12.0, "exactly"), True),
    ((12, None), (13, None), False),
    ((4e6, "almost"), (4.5e6, "more than"), False),
])
def test_agreement(a, b, same):
    assert agree(interval(*a), interval(*b)) is same
    assert agree(interval(*b), interval(*a)) is same


def test_a_range_agrees_with_what_it_spans():
    r = interval(1e5, "between", 2e5)
    assert agree(r, interval(1.5e5))
    assert agree(r, interval(2e5, "up to"))
    assert not agree(r, interval(2.5e5, "over"))


def test_all_agree_needs_one_value_in_every_interval():
    assert all_agree([interval(1e7, "over"), interval(1e7, "around"), interval(1.05e7)])
    assert not all_agree([interval(1e7, "around"), interval(9.2e6), interval(1.08e7)])
    assert all_agree([])
