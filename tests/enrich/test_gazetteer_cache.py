"""The gazetteer cache is plain JSON, never a pickle (issue 14): a file planted in the
user-writable cache folder can at worst be refused, never run."""

from __future__ import annotations

import json
import pickle

import pytest

from storyline.enrich.places import gazetteer as G


class _Planted:
    """What a planted pickle would do when loaded: leave a mark (here, a harmless file)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


@pytest.fixture(scope="module")
def real():
    return G.load_gazetteer()


def test_round_trip_keeps_every_table(real):
    key = G._source_key()
    back = G.from_json(json.loads(json.dumps(G.to_json(real, key))), key)
    assert back.places == real.places and back.index == real.index
    assert back.squashed == real.squashed and back.countries == real.countries
    assert back.admin1 == real.admin1 and back.demonyms == real.demonyms
    assert back.surface == real.surface


def test_a_planted_pickle_is_never_loaded(real, tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_CACHE", str(tmp_path))
    key = G._source_key()
    mark = tmp_path / "code-ran"
    payload = pickle.dumps(_Planted(str(mark)))
    (tmp_path / f"gazetteer-{key}.pickle").write_bytes(payload)  # the old cache's name
    (tmp_path / f"gazetteer-{key}.json").write_text(json.dumps(G.to_json(real, key)))
    # the loader itself, past its cache: clearing the cache would leave the rest of the
    # run with a second gazetteer beside the one the loaded pipeline holds
    loaded = G.load_gazetteer.__wrapped__()
    assert loaded.places == real.places and not mark.exists()
    with pytest.raises(ValueError):
        G.from_json(json.loads(json.dumps({"format": "pickle", "data": payload.hex()})), key)
    assert not mark.exists()


@pytest.mark.parametrize("damage", [
    lambda d: d.update(key="another-build"),
    lambda d: d["places"]["lat"].__setitem__(0, "not a number"),
    lambda d: d["places"].__setitem__("name", d["places"]["name"][:-1]),
    lambda d: d["index"]["codes"].__setitem__(0, 10 ** 9),
    lambda d: d["countries"].__setitem__("XX", -1),
    lambda d: d.pop("surface"),
])
def test_a_damaged_cache_is_refused_not_trusted(damage):
    small = G.Gazetteer(
        places=[G.Place("Lindau", 47.55, 9.68, "city", "DE", "Bavaria", 25000, 2877088),
                G.Place("Germany", 51.0, 10.0, "country", "DE", None, 83000000, 2921044)],
        index={"lindau": (0,), "germany": (2,), "deutschland": (3,)}, countries={"DE": 1},
        admin1={("DE", "bavaria"): 0}, demonyms={"German": "DE"},
        surface={"Lindau": ("city", 25000)}, squashed={"lindau": (0,)})
    key = "k"
    doc = json.loads(json.dumps(G.to_json(small, key)))
    assert G.from_json(json.loads(json.dumps(doc)), key) == small
    damage(doc)
    with pytest.raises(ValueError):
        G.from_json(doc, key)


def test_places_filled_column_by_column_equal_places_made_one_by_one():
    from dataclasses import FrozenInstanceError, fields

    assert [name for name, _ in G._PLACE_COLUMNS] == [f.name for f in fields(G.Place)]
    rows = [("Aa", 1.5, -2.0, "city", "FR", "Region", 120000, 7),
            ("Bb", 0, 3, "country", None, None, 0, None)]
    made = G._make_places([list(c) for c in zip(*rows, strict=True)], len(rows))
    assert made == [G.Place(*r) for r in rows]
    assert [hash(p) for p in made] == [hash(G.Place(*r)) for r in rows]
    with pytest.raises(FrozenInstanceError):
        made[0].name = "Cc"  # type: ignore[misc]


def test_a_table_read_back_finds_every_name_and_no_other(real):
    key = G._source_key()
    back = G.from_json(json.loads(json.dumps(G.to_json(real, key))), key)
    names = list(real.index)[::997]
    assert all(back.index[n] == real.index[n] for n in names)
    assert all(n in back.index for n in names)
    for missing in ("", "zzzz no such place", "\uffff", names[0] + " "):
        assert missing not in back.index and back.index.get(missing) is None
        with pytest.raises(KeyError):
            back.index[missing]
    assert 42 not in back.index  # not a name at all: absent, not an error
    assert list(back.index) == sorted(real.index)


def test_names_out_of_order_are_a_damaged_cache():
    doc = {"keys": ["lindau", "germany"], "counts": [1, 1], "codes": [0, 2]}
    with pytest.raises(ValueError, match="out of order"):
        G._codes(doc, 2)
    doc["keys"] = ["germany", "germany"]  # a name twice: not strictly in order either
    with pytest.raises(ValueError, match="out of order"):
        G._codes(doc, 2)
    doc["keys"] = ["germany", "lindau"]
    assert dict(G._codes(doc, 2)) == {"germany": (0,), "lindau": (2,)}
