"""First names' genders come from a cached copy of gender_guesser's answers (issue 15: its
table took 0.2 s of every process to parse), equal to the detector's own."""

from __future__ import annotations

import json

import gender_guesser.detector as gd
import pytest

from storyline.enrich.entities import genders as G

ANSWER = {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}


@pytest.fixture()
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_CACHE", str(tmp_path))
    G._table.cache_clear()
    yield tmp_path
    G._table.cache_clear()


def test_the_cached_answers_are_the_detectors(fresh):
    detector = gd.Detector(case_sensitive=False)
    names = sorted(detector.names)[::37] + ["John", "MARY", "Alex", "Kim", "Zzyzx", "", "jean-pierre"]
    expected = [ANSWER.get(detector.get_gender(n)) for n in names]
    assert [G.first_name_gender(n) for n in names] == expected  # worked out, then written
    [path] = fresh.glob("genders-*.json")
    G._table.cache_clear()
    assert [G.first_name_gender(n) for n in names] == expected  # read back from the file
    assert G.first_name_gender("John") == "male" and G.first_name_gender("Mary") == "female"


@pytest.mark.parametrize("damage", [
    lambda d: d.update(key="another"),
    lambda d: d["names"].update(john="both"),
    lambda d: d.update(names=["john"]),
])
def test_a_damaged_cache_is_refused_and_made_again(fresh, damage):
    G.first_name_gender("John")
    [path] = fresh.glob("genders-*.json")
    doc = json.loads(path.read_text())
    doc["names"]["john"] = "female"  # a wrong answer that a refused file must not give
    damage(doc)
    path.write_text(json.dumps(doc))
    G._table.cache_clear()
    assert G.first_name_gender("John") == "male"
    assert json.loads(path.read_text())["names"]["john"] == "male"
