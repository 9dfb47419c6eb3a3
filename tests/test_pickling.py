"""Records pickled between processes come back equal, with their fields set through their
slots, and stay frozen."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

import storyline.records as R
from storyline.enrich.places.gazetteer import Place
from storyline.pickling import quick_pickle
from storyline.records import EntityMention, MentionKey, Sentence


def test_records_round_trip():
    key = MentionKey("GPE", "Lyon", 7)
    items = [key, Sentence("a1", 0, 0, 12, "It rained."),
             EntityMention("a1", 0, 3, 7, "Lyon", "GPE", key=key),
             Place("Lyon", 45.75, 4.85, "city", "FR", "84", 500000, 2996944)]
    for item in items:
        for proto in (2, pickle.HIGHEST_PROTOCOL):
            back = pickle.loads(pickle.dumps(item, protocol=proto))
            assert back == item and type(back) is type(item)
            assert hash(back) == hash(item)
        assert copy.copy(item) == item and copy.deepcopy(item) == item
    back = pickle.loads(pickle.dumps(items))
    assert back[2].key is back[0]  # shared objects stay shared
    with pytest.raises(dataclasses.FrozenInstanceError):
        back[0].name = "Paris"  # type: ignore[misc]


def test_state_is_the_fields_values():
    key = MentionKey("PERSON", "Ada Byron")
    assert key.__getstate__() == ("PERSON", "Ada Byron", None)  # type: ignore[attr-defined]


def test_every_slotted_record_pickles_quickly():
    for cls in vars(R).values():
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == R.__name__:
            assert cls.__setstate__.__qualname__.startswith("quick_pickle"), cls  # type: ignore[attr-defined]


def test_single_field_class():
    @quick_pickle
    @dataclasses.dataclass(frozen=True, slots=True)
    class One:
        x: int

    globals()["One"] = One  # pickle finds the class by name
    One.__qualname__ = "One"
    assert pickle.loads(pickle.dumps(One(3))) == One(3)
