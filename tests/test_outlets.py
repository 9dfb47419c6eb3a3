"""Outlet identity: spellings of one outlet fold together; copies are not independent reports."""

import pytest

from storyline.outlets import outlet_key, provenance, story_sources
from storyline.records import Article


@pytest.mark.parametrize("a,b", [
    ("Millennium Post", "millenniumpost.in"), ("The Harbour Times", "harbourtimes.example"),
    ("BBC", "www.bbc.co.uk"), ("Sky", "news.sky.com"), ("ABC", "abc.net.au"),
])
def test_spellings_of_one_outlet_share_a_key(a, b):
    assert outlet_key(a) == outlet_key(b)


def test_different_outlets_differ_and_nothing_gives_none():
    assert outlet_key("Valley Post") != outlet_key("Valley Times")
    assert outlet_key(None) is None and outlet_key("  ") is None


def test_story_sources_list_each_outlet_once_by_name():
    assert story_sources(["millenniumpost.in", "Millennium Post", "metro.co.uk", None]) == [
        "metro.co.uk", "Millennium Post"]


def _a(aid, source=None, dup=None):
    return Article(id=aid, input="t", body="x", body_kind="text", source=source, duplicate_of=dup)


def test_copies_and_one_outlet_are_one_report():
    arts = [_a("w1", "Meridian Wire"), _a("c1", "Kestrel News", dup="w1"), _a("c2", None, dup="w1"),
            _a("p1", "meridianwire.example"), _a("x1", None), _a("x2", "Valley Post")]
    p = provenance(arts)
    assert p["w1"] == p["c1"] == p["c2"] == p["p1"]  # the wire's report, wherever printed
    assert len({p["w1"], p["x1"], p["x2"]}) == 3
