"""A story's facts for reading (storyline.store.queries.facts): conflicts first, quotes
under their speakers, one speaker per person whatever each outlet's spelling."""

from __future__ import annotations

from storyline.store.queries.facts import story_facts


def _doc(quotes, numbers=()):
    return {"id": "s1", "title": "t", "sources": [], "events": [], "positions": [],
            "quotes": quotes, "numbers": list(numbers)}


def test_one_person_spelt_two_ways_is_one_speaker():
    quotes = [
        {"text": "a", "speaker": "Olena Kovalenko", "speaker_entity_id": "e1"},
        {"text": "b", "speaker": "Olena Kovalenka", "speaker_entity_id": "e1"},
        {"text": "c", "speaker": "Olena Kovalenko", "speaker_entity_id": "e1"},
        {"text": "d", "speaker": "Mark Hale", "speaker_entity_id": None},
        {"text": "e", "speaker": "Mark Hale", "speaker_entity_id": None},
        {"text": "f", "speaker": None, "speaker_entity_id": None},
    ]
    groups = story_facts(_doc(quotes))["quotes_by_speaker"]
    assert [(g["speaker"], len(g["quotes"])) for g in groups] == [
        ("Olena Kovalenko", 3), ("Mark Hale", 2), (None, 1)]
    assert groups[0]["speaker_entity_id"] == "e1"


def test_conflicts_come_first():
    numbers = [{"what": "x", "status": "single-source"}, {"what": "y", "status": "conflicting"},
               {"what": "z", "status": "corroborated"}]
    facts = story_facts(_doc([], numbers))
    assert [n["status"] for n in facts["numbers"]] == ["conflicting", "corroborated",
                                                       "single-source"]
